package app.wasla.conversation;

import app.wasla.system.DatabaseDialect;
import app.wasla.system.AfterCommit;
import app.wasla.system.LogSafe;
import app.wasla.webhook.EventTypes;
import app.wasla.webhook.WebhookEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The conversation mailbox: delivers the durable inbox to the conversation flows, one conversation at a
 * time and many in parallel, oldest first. Marking entries delivered and the engine's state change
 * commit in one transaction, so every accepted message moves its flow exactly once, also across a crash.
 *
 * <p>A conversation whose instance is busy (a job in flight) keeps its entries pending; the instance's
 * next wait state pokes the mailbox after commit ({@link WaitStateListener}) and a periodic sweep is the
 * safety net.
 *
 * <p>With {@code conversations-per-transaction} above 1, a worker under load delivers the turns of every
 * conversation ready by then (up to that many) in one transaction and one engine command; a failing turn sends them
 * back one by one, so that its failure stays its own.
 */
@Component
public class Mailbox implements SmartLifecycle {

  /** Every inbound WhatsApp message to a live conversation. */
  public static final String CUSTOMER_MESSAGE = "CustomerMessage";

  private static final Logger log = LoggerFactory.getLogger(Mailbox.class);
  private static final int TURN_TEXT_LIMIT = 3900;

  private final Inbox inbox;
  private final List<CustomerMessageListener> listeners;
  private final TransactionTemplate savepoint;
  private final ConversationEngine engine;
  private final TransactionTemplate transactions;
  private final MailboxProperties props;
  private final int conversationsPerTransaction;
  private final Clock clock;
  private final WebhookEvents events;

  /** Per conversation: absent = idle, RUNNING = a worker has it, RERUN = run again when it finishes. */
  private final Map<String, State> states = new ConcurrentHashMap<>();
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private final Queue<Ready> ready = new ConcurrentLinkedQueue<>();
  /** Per conversation with a turn window open: when it ends, by the newest message this node stored. */
  private final Map<String, Instant> windowEnds = new ConcurrentHashMap<>();
  private volatile ExecutorService workers;
  private volatile ScheduledExecutorService timer;
  private volatile boolean running;

  private enum State { RUNNING, RERUN }

  /** The conversation this thread delivers right now (see {@link #isDelivering}). */
  private static final ThreadLocal<String> DELIVERING = new ThreadLocal<>();

  /** What one delivery attempt did. */
  enum Outcome { DELIVERED, BUSY, NOTHING_PENDING, LOCKED_ELSEWHERE, WAITING_FOR_WINDOW }

  private final MailboxMetrics metrics;

  Mailbox(Inbox inbox, ConversationEngine engine, TransactionTemplate transactions, MailboxProperties props,
      DatabaseDialect database, Clock clock, WebhookEvents events, MailboxMetrics metrics,
      ObjectProvider<CustomerMessageListener> listeners) {
    this.listeners = listeners.orderedStream().toList();
    this.savepoint = new TransactionTemplate(transactions.getTransactionManager());
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.events = events;
    this.metrics = metrics;
    this.inbox = inbox;
    this.engine = engine;
    this.transactions = transactions;
    this.props = props;
    this.conversationsPerTransaction = props.conversationsPerTransaction(database);
    this.clock = clock;
  }

  /**
   * Puts a named event from an external system (a payment callback, a backend event) into the
   * conversation's queue: it is delivered in order with the customer's messages, buffered while the
   * instance is busy, and correlated as a message of that name with the given variables.
   *
   * @param eventId the sender's id of the event; the same id twice is stored once
   * @return false when an event with this id was stored before (nothing changes)
   */
  public boolean enqueueEvent(ConversationKey key, String messageName, String eventId,
      Map<String, Object> variables) {
    if (messageName == null || messageName.isBlank() || CUSTOMER_MESSAGE.equals(messageName)) {
      throw new IllegalArgumentException("an event needs a message name other than " + CUSTOMER_MESSAGE);
    }
    Instant now = clock.instant();
    boolean stored = inbox.accept(new NewInboxEntry("event:" + messageName + ":" + eventId, key, messageName,
        "event", messageName, null, null, null, null, null, null, EventVariables.write(variables), now, now,
        false));
    if (stored) {
      pokeWithNewMessage(key.value());
    }
    return stored;
  }

  /** Asks for the conversation's pending entries to be delivered soon. Cheap and safe to call often. */
  public void poke(String conversationKey) {
    poke(conversationKey, false);
  }

  /**
   * A poke from whoever has just stored an entry of the conversation (the webhook, an external event): the worker
   * goes straight to the delivery, without first reading whether anything is pending.
   */
  void pokeWithNewMessage(String conversationKey) {
    poke(conversationKey, true);
  }

  /**
   * The webhook stored a customer message at {@code receivedAt}. With a turn window the delivery waits until the
   * window after it has passed: a timer here pokes then, and a message arriving meanwhile moves the window on (its own
   * timer pokes later, the earlier one lets it). So a burst costs no delivery attempt, no transaction and no lock
   * per message while the window is open (the delivery still checks the window against the stored entries).
   */
  void pokeWithNewMessage(String conversationKey, Instant receivedAt) {
    Duration window = props.turnWindow();
    ScheduledExecutorService timer = this.timer;
    if (window.isZero() || window.isNegative() || !running || timer == null) {
      poke(conversationKey, true);
      return;
    }
    Instant end = receivedAt.plus(window);
    windowEnds.merge(conversationKey, end, (a, b) -> a.isAfter(b) ? a : b);
    long delay = Math.max(0, Duration.between(clock.instant(), end).toMillis());
    try {
      timer.schedule(() -> windowEnded(conversationKey, end), delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      // the mailbox is stopping: the message is stored, and the sweep finds it after the next start
    }
  }

  private void windowEnded(String conversationKey, Instant end) {
    // a later message moved the end on: its own timer pokes then
    if (windowEnds.remove(conversationKey, end)) {
      poke(conversationKey, true);
    }
  }

  private void poke(String conversationKey, boolean knownPending) {
    if (!running) {
      return;
    }
    states.compute(conversationKey, (key, state) -> {
      if (state == null) {
        schedule(new Ready(key, knownPending));
        return State.RUNNING;
      }
      return State.RERUN;
    });
  }

  /** A conversation a worker is to deliver; {@code knownPending}: an entry was just stored, no need to look. */
  private record Ready(String key, boolean knownPending) {
  }

  /**
   * Queues a conversation for the workers. One task per queued conversation, but a task takes every conversation
   * ready by then, up to {@code conversations-per-transaction}: under load the tasks behind it find the queue
   * empty and end at once, and without load a conversation is taken alone, without waiting for company.
   */
  private void schedule(Ready ready) {
    this.ready.add(ready);
    workers.execute(this::deliverReady);
  }

  private void deliverReady() {
    if (!running) {
      // stopping: no new turn starts; the entries stay pending for the sweep of the next start
      return;
    }
    List<Ready> batch = new ArrayList<>();
    for (Ready next; batch.size() < conversationsPerTransaction && (next = ready.poll()) != null; ) {
      batch.add(next);
    }
    deliver(batch);
  }

  /** Delivers these conversations as a worker does under load: together, then alone what could not go together. */
  void deliverAll(List<String> conversationKeys) {
    deliver(conversationKeys.stream().map(key -> new Ready(key, false)).toList());
  }

  private void deliver(List<Ready> batch) {
    // a conversation whose last delivery failed goes alone: its failure must not fail the others again
    List<Ready> together = new ArrayList<>();
    List<Ready> alone = new ArrayList<>();
    for (Ready each : batch) {
      (failures.containsKey(each.key()) ? alone : together).add(each);
    }
    alone.addAll(together.size() > 1 ? deliverTogether(together) : together);
    for (Ready each : alone) {
      run(each.key(), each.knownPending());
    }
  }

  /**
   * Delivers the turns of several conversations in one transaction and one engine command: one commit and one
   * flush of the engine's rows for all of them. When any turn fails, all of them roll back and the caller
   * delivers each alone, so the failure stays with its own conversation (its retry counts there).
   *
   * @return the conversations still to be delivered one by one (all of them when the shared transaction failed)
   */
  private List<Ready> deliverTogether(List<Ready> batch) {
    Set<String> withPending;
    try {
      withPending = inbox.withPending(batch.stream().filter(r -> !r.knownPending()).map(Ready::key).toList());
    } catch (RuntimeException e) {
      return batch;
    }
    List<String> keys = new ArrayList<>();
    for (Ready each : batch) {
      if (each.knownPending() || withPending.contains(each.key())) {
        keys.add(each.key());
      } else {
        finish(each.key(), null);
      }
    }
    if (keys.size() < 2) {
      return keys.stream().map(key -> new Ready(key, true)).toList();
    }
    Map<String, Delivery> deliveries;
    try {
      deliveries = transactions.execute(status -> engine.inOneCommand(() -> {
        // every conversation of the transaction locked with its pending entries in one statement
        Map<String, Inbox.Locked> locked = inbox.lockWithPending(keys);
        Map<String, Delivery> delivered = new LinkedHashMap<>();
        for (String key : keys) {
          MDC.put("conversation", ConversationKey.mask(key));
          try {
            delivered.put(key, deliverMarked(key, Optional.ofNullable(locked.get(key))));
          } finally {
            MDC.remove("conversation");
          }
        }
        return delivered;
      }));
    } catch (RuntimeException e) {
      log.debug("A turn failed in a transaction shared by {} conversations; delivering each alone", keys.size(), e);
      return keys.stream().map(key -> new Ready(key, true)).toList();
    }
    metrics.deliveredTogether(keys.size());
    deliveries.forEach((key, delivery) -> finish(key, delivered(key, delivery)));
    return List.of();
  }

  /** {@link #deliverNext}, marked as this thread's delivery of the conversation ({@link #isDelivering}). */
  private Delivery deliverMarked(String key, Optional<Inbox.Locked> locked) {
    DELIVERING.set(key);
    try {
      return deliverNext(key, locked);
    } finally {
      DELIVERING.remove();
    }
  }

  /** After a committed delivery: asks for a rerun when more is pending; returns when to try again, if at all. */
  private Duration delivered(String key, Delivery delivery) {
    metrics.attempted(delivery.outcome());
    if (delivery.more()) {
      poke(key);
    }
    return delivery.outcome() == Outcome.WAITING_FOR_WINDOW ? delivery.waitFor() : null;
  }

  private void run(String key, boolean knownPending) {
    Duration retryIn = null;
    MDC.put("conversation", ConversationKey.mask(key));
    try {
      // Many pokes find nothing new (a wait state reached in a job, the sweep's, a rerun): a plain read answers
      // those without a transaction and a row lock.
      if (!knownPending && !inbox.hasPending(key)) {
        failures.remove(key);
        return;
      }
      // one engine command for the turn, as in a shared transaction: the search for the waiting execution fills
      // the command's cache, and the correlation finds that execution there instead of reading it again
      retryIn = delivered(key, transactions.execute(status -> engine.inOneCommand(
          () -> deliverMarked(key, inbox.lockWithPending(key)))));
      failures.remove(key);
    } catch (RuntimeException e) {
      // Nothing was marked delivered (the transaction rolled back): try again a little later.
      metrics.attemptFailed();
      int attempt = failures.merge(key, 1, Integer::sum);
      retryIn = Duration.ofMillis(Math.min(30_000, 100L << Math.min(attempt, 8)));
      if (attempt <= 3) {
        log.info("Delivery attempt {} failed, retrying in {} ms: {}", attempt, retryIn.toMillis(), e.toString());
      } else {
        log.warn("Delivery keeps failing (attempt {}), retrying in {} ms", attempt, retryIn.toMillis(), e);
      }
    } finally {
      MDC.remove("conversation");
      finish(key, retryIn);
    }
  }

  private void finish(String key, Duration retryIn) {
    states.compute(key, (k, state) -> {
      if (state == State.RERUN && running) {
        schedule(new Ready(k, false));
        return State.RUNNING;
      }
      return null;
    });
    if (retryIn != null && running) {
      timer.schedule(() -> poke(key), retryIn.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * True while this thread delivers to the conversation: the wait state its flow reaches in that transaction need
   * not poke the mailbox, which runs the conversation again by itself when more is pending
   * ({@link Delivery#more()}) or when a message arrived meanwhile (its webhook's poke). A turn that continues in
   * a job reaches its wait state on the job's thread, which pokes as before.
   */
  static boolean isDelivering(String conversationKey) {
    return conversationKey.equals(DELIVERING.get());
  }

  /** One delivery in the caller's transaction: the head of the conversation's queue, as one turn. */
  Delivery deliverNext(String key) {
    return deliverNext(key, inbox.lockWithPending(key));
  }

  /** {@link #deliverNext(String)} of a conversation locked already (empty: locked elsewhere). */
  private Delivery deliverNext(String key, Optional<Inbox.Locked> locked) {
    if (locked.isEmpty()) {
      return new Delivery(Outcome.LOCKED_ELSEWHERE, null, false);
    }
    long turnSeq = locked.get().turnSeq();
    List<InboxEntry> pending = locked.get().pending();
    if (pending.isEmpty()) {
      return new Delivery(Outcome.NOTHING_PENDING, null, false);
    }
    Instant now = clock.instant();
    InboxEntry head = pending.get(0);
    if (!head.isCustomerMessage()) {
      Delivery delivery = deliverEvent(key, head, turnSeq + 1, now);
      return delivery.outcome() == Outcome.DELIVERED ? delivery.withMore(pending.size() > 1) : delivery;
    }
    List<InboxEntry> turn = new ArrayList<>();
    for (InboxEntry entry : pending) {
      if (!entry.isCustomerMessage() || turn.size() == props.maxMessagesPerTurn()) {
        break;
      }
      turn.add(entry);
    }
    Instant newest = turn.stream().map(InboxEntry::receivedAt).max(Instant::compareTo).orElseThrow();
    Duration left = Duration.between(now, newest.plus(props.turnWindow()));
    if (!left.isNegative() && !left.isZero()) {
      return new Delivery(Outcome.WAITING_FOR_WINDOW, left, false);
    }
    long seq = turnSeq + 1;
    Map<String, Object> variables = turnVariables(turn, seq);
    if (failures.containsKey(key)) {
      variables.put(ConversationVariables.TURN_RETRY, Variables.booleanValue(true, true));
    }
    // A conversation the mailbox never delivered to has no instance of its own: unless one was started elsewhere
    // (Camunda's REST API, Tasklist), its first turn starts the flow without looking for a wait state first.
    Boolean liveInstance = locked.get().liveInstance();
    boolean noInstance = turnSeq == 0 && !(liveInstance != null ? liveInstance : engine.hasLiveInstance(key));
    Optional<ConversationEngine.Waiting> waiting =
        noInstance ? Optional.empty() : engine.instanceWaitingFor(key, CUSTOMER_MESSAGE);
    String processInstanceId;
    if (waiting.isPresent()) {
      processInstanceId = waiting.get().processInstanceId();
      // before the flow runs: it may answer at once, and the reply's 24-hour window opens with these messages
      inbox.handOver(turn, key);
      tellListeners(key, turn);
      engine.correlate(CUSTOMER_MESSAGE, waiting.get(), variables);
    } else if (!noInstance && engine.hasLiveInstance(key)) {
      return new Delivery(Outcome.BUSY, null, false);
    } else {
      ConversationKey conversation = ConversationKey.parse(key);
      variables.putAll(startVariables(conversation, turn));
      inbox.handOver(turn, key);
      tellListeners(key, turn);
      processInstanceId = engine.start(props.flowFor(conversation.phoneNumberId()), key, variables);
      conversationStarted(key, processInstanceId, props.flowFor(conversation.phoneNumberId()), CUSTOMER_MESSAGE);
    }
    inbox.markTurnDelivered(turn, key, seq, processInstanceId, now);
    Instant oldest = turn.get(0).receivedAt();
    int messages = turn.size();
    AfterCommit.run(() -> metrics.delivered(messages, Duration.between(oldest, clock.instant())));
    log.debug("Delivered {} message(s) as turn {} to {}", turn.size(), seq, processInstanceId);
    return new Delivery(Outcome.DELIVERED, null, pending.size() > turn.size());
  }

  private Delivery deliverEvent(String key, InboxEntry event, long seq, Instant now) {
    Map<String, Object> variables = EventVariables.parse(event.variablesJson());
    Optional<ConversationEngine.Waiting> waiting = engine.instanceWaitingFor(key, event.messageName());
    Optional<String> processInstanceId;
    if (waiting.isPresent()) {
      engine.correlate(event.messageName(), waiting.get(), variables);
      processInstanceId = waiting.map(ConversationEngine.Waiting::processInstanceId);
    } else if (engine.hasLiveInstance(key)) {
      if (engine.instanceWaitingFor(key, CUSTOMER_MESSAGE).isEmpty()) {
        return new Delivery(Outcome.BUSY, null, false);
      }
      // The flow is at rest and does not expect this event now: record it, keep the queue moving.
      log.info("No wait state of the conversation expects {}; recorded as unroutable",
          LogSafe.oneLine(event.messageName()));
      inbox.markUnroutable(event, now);
      return new Delivery(Outcome.DELIVERED, null, false);
    } else {
      processInstanceId = engine.startByMessage(event.messageName(), key, variables);
      if (processInstanceId.isEmpty()) {
        log.info("No flow starts on {}; recorded as unroutable", LogSafe.oneLine(event.messageName()));
        inbox.markUnroutable(event, now);
        return new Delivery(Outcome.DELIVERED, null, false);
      }
      conversationStarted(key, processInstanceId.get(), null, event.messageName());
    }
    inbox.markDelivered(List.of(event), key, seq, processInstanceId.get(), now);
    return new Delivery(Outcome.DELIVERED, null, false);
  }

  /**
   * The CRM and other listeners, in the delivery's transaction: their failure must never hold the conversation up.
   * A savepoint around each would isolate it, at two statements per message (docs/benchmark.md). So the
   * first attempt tells them plainly, and a failure rolls the whole turn back; its retry ({@link #failures}) tells
   * them inside savepoints, where a failure is logged and the turn delivered anyway. Here rather than in the webhook
   * request, so that the acknowledgement to Meta never waits for a customer row a running turn holds locked; before
   * the flow runs, so that the persona finds the profile the CRM's update returned.
   */
  private void tellListeners(String key, List<InboxEntry> turn) {
    if (listeners.isEmpty()) {
      return;
    }
    ConversationKey conversation = ConversationKey.parse(key);
    boolean isolated = failures.containsKey(key);
    List<CustomerMessageListener.Message> messages = turn.stream()
        .map(e -> new CustomerMessageListener.Message(e.profileName(), e.text(), e.waTimestamp())).toList();
    for (CustomerMessageListener listener : listeners) {
      if (!isolated) {
        listener.deliveredTurn(conversation, messages);
        continue;
      }
      try {
        savepoint.executeWithoutResult(sp -> listener.deliveredTurn(conversation, messages));
      } catch (RuntimeException e) {
        log.warn("{} failed on the turn of message {}; delivered anyway", listener.getClass().getSimpleName(),
            turn.get(turn.size() - 1).wamid(), e);
      }
    }
  }

  /** conversation.started, in the delivery's transaction: it exists exactly when the start committed. */
  private void conversationStarted(String key, String processInstanceId, String flow, String startedBy) {
    Map<String, Object> data = new HashMap<>();
    data.put("processInstanceId", processInstanceId);
    data.put("flow", flow);
    data.put("startedBy", startedBy);
    events.publish(EventTypes.CONVERSATION_STARTED, key, data);
  }

  private Map<String, Object> turnVariables(List<InboxEntry> turn, long seq) {
    StringBuilder text = new StringBuilder();
    for (InboxEntry entry : turn) {
      if (entry.text() != null && !entry.text().isBlank()) {
        if (!text.isEmpty()) {
          text.append('\n');
        }
        text.append(entry.text());
      }
    }
    InboxEntry last = turn.get(turn.size() - 1);
    Map<String, Object> variables = new HashMap<>();
    variables.put(ConversationVariables.TURN_SEQ, seq);
    variables.put(ConversationVariables.TURN_TEXT, Inbox.truncate(text.toString(), TURN_TEXT_LIMIT));
    variables.put(ConversationVariables.REPLY_ID, last.replyId());
    variables.put(ConversationVariables.LAST_WAMID, last.wamid());
    return variables;
  }

  private Map<String, Object> startVariables(ConversationKey key, List<InboxEntry> turn) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(ConversationVariables.CONVERSATION_KEY, key.value());
    variables.put(ConversationVariables.CUSTOMER_KEY, key.value());
    variables.put(ConversationVariables.PHONE_NUMBER_ID, key.phoneNumberId());
    variables.put(ConversationVariables.WA_ID, key.waId());
    String name = turn.stream().map(InboxEntry::profileName).filter(n -> n != null && !n.isBlank())
        .reduce((a, b) -> b).orElse(null);
    variables.put(ConversationVariables.CUSTOMER_NAME, name);
    return variables;
  }

  /** Polls for pending entries that no poke reached (a restart, another node's crash, a lost race). */
  private void sweep() {
    try {
      for (String key : inbox.conversationsWithPending(10_000)) {
        poke(key);
      }
    } catch (RuntimeException e) {
      log.warn("Mailbox sweep failed; next one in {}", props.sweepInterval(), e);
    }
  }

  @Override
  public void start() {
    if (!props.enabled()) {
      log.info("Mailbox delivery is disabled (wasla.mailbox.enabled=false)");
      return;
    }
    workers = Executors.newFixedThreadPool(props.workers(), AfterCommit.daemonThreads("mailbox-"));
    timer = Executors.newSingleThreadScheduledExecutor(AfterCommit.daemonThreads("mailbox-sweep-"));
    running = true;
    long sweepMs = props.sweepInterval().toMillis();
    timer.scheduleWithFixedDelay(this::sweep, 0, sweepMs, TimeUnit.MILLISECONDS);
    log.info("Mailbox started: {} workers, up to {} conversation(s) per transaction, sweep every {}", props.workers(),
        conversationsPerTransaction, props.sweepInterval());
  }

  /**
   * Stops taking turns: the turns being delivered commit (or roll back) and their replies go to the outbox, which
   * stops after the mailbox; conversations queued for a worker are not started and stay pending in the inbox.
   */
  @Override
  public void stop() {
    running = false;
    if (workers != null) {
      timer.shutdownNow();
      workers.shutdown();
      try {
        if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
          // a turn still running is one transaction: when the database closes under it, it rolls back whole
          log.warn("Stopping: a turn is still being delivered after 10 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Start after the engine and the deployment of processes/, stop before them. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 100;
  }


  /**
   * The result of one delivery attempt.
   *
   * @param more entries of the conversation are still pending behind what was delivered
   */
  record Delivery(Outcome outcome, Duration waitFor, boolean more) {

    Delivery withMore(boolean more) {
      return new Delivery(outcome, waitFor, more);
    }
  }
}
