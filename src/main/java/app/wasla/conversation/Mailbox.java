package app.wasla.conversation;

import app.wasla.system.AfterCommit;
import app.wasla.system.DatabaseDialect;
import app.wasla.webhook.WebhookEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The conversation mailbox: delivers the durable inbox to the conversation flows, one conversation
 * at a time and many in parallel, oldest first. Marking entries delivered and the engine's state
 * change commit in one transaction, so every accepted message moves its flow exactly once, also
 * across a crash.
 *
 * <p>A conversation whose instance is busy (a job in flight) keeps its entries pending; the
 * instance's next wait state pokes the mailbox after commit ({@link WaitStateListener}) and a
 * periodic sweep is the safety net.
 *
 * <p>With {@code conversations-per-transaction} above 1, a worker under load delivers the turns of
 * every conversation ready by then (up to that many) in one transaction and one engine command; a
 * failing turn sends them back one by one, so that its failure stays its own.
 *
 * <p>This class runs the workers, the sweep and the transactions; its parts each do one thing:
 * {@link ConversationClaims} (one worker per conversation, reruns), {@link TurnWindows} (a burst
 * waits for its window), {@link TurnDelivery} (one turn or event delivered in the locked
 * transaction, with {@link TurnVariables} and {@link TurnListeners}), {@link DeliveryRetries}
 * (backoff after a failed attempt), {@link FailingTurns} (the incident of a turn that keeps
 * failing) and {@link MailboxMetrics}.
 */
@Component
public class Mailbox implements SmartLifecycle {

  /** Every inbound WhatsApp message to a live conversation. */
  public static final String CUSTOMER_MESSAGE = "CustomerMessage";

  private static final Logger log = LoggerFactory.getLogger(Mailbox.class);

  private final Inbox inbox;
  private final ConversationEngine engine;
  private final TransactionTemplate transactions;
  private final MailboxProperties props;
  private final int conversationsPerTransaction;
  private final Clock clock;
  private final MailboxMetrics metrics;

  private final ConversationClaims claims = new ConversationClaims();
  private final DeliveryRetries retries = new DeliveryRetries();
  private final FailingTurns failing;
  private final TurnWindows windows;
  private final TurnDelivery turns;
  private final Queue<Ready> ready = new ConcurrentLinkedQueue<>();
  private volatile ExecutorService workers;
  private volatile ScheduledExecutorService timer;
  private volatile boolean running;

  Mailbox(
      Inbox inbox,
      ConversationEngine engine,
      TransactionTemplate transactions,
      MailboxProperties props,
      DatabaseDialect database,
      Clock clock,
      WebhookEvents events,
      MailboxMetrics metrics,
      ObjectProvider<CustomerMessageListener> listeners,
      ConversationFigures figures) {
    this.metrics = metrics;
    this.inbox = inbox;
    this.engine = engine;
    this.transactions = transactions;
    this.props = props;
    this.conversationsPerTransaction = props.conversationsPerTransaction(database);
    this.clock = clock;
    this.windows = new TurnWindows(props.turnWindow(), clock);
    this.failing = new FailingTurns(engine, transactions);
    this.turns =
        new TurnDelivery(
            inbox,
            engine,
            props,
            clock,
            events,
            metrics,
            new TurnListeners(listeners.orderedStream().toList(), transactions),
            windows,
            retries,
            figures);
  }

  /**
   * Puts a named event from an external system (a payment callback, a backend event) into the
   * conversation's queue: it is delivered in order with the customer's messages, buffered while the
   * instance is busy, and correlated as a message of that name with the given variables.
   *
   * @param eventId the sender's id of the event; the same id twice is stored once
   * @return false when an event with this id was stored before (nothing changes)
   */
  public boolean enqueueEvent(
      ConversationKey key, String messageName, String eventId, Map<String, Object> variables) {
    if (messageName == null || messageName.isBlank() || CUSTOMER_MESSAGE.equals(messageName)) {
      throw new IllegalArgumentException(
          "an event needs a message name other than " + CUSTOMER_MESSAGE);
    }
    Instant now = clock.instant();
    boolean stored =
        inbox.accept(
            new NewInboxEntry(
                "event:" + messageName + ":" + eventId,
                key,
                messageName,
                "event",
                messageName,
                null,
                null,
                null,
                null,
                null,
                null,
                EventVariables.write(variables),
                now,
                now,
                false));
    if (stored) {
      pokeWithNewMessage(key.value());
    }
    return stored;
  }

  /**
   * Asks for the conversation's pending entries to be delivered soon. Cheap and safe to call often.
   */
  public void poke(String conversationKey) {
    poke(conversationKey, false);
  }

  /**
   * A poke from whoever has just stored an entry of the conversation (the webhook, an external
   * event): the worker goes straight to the delivery, without first reading whether anything is
   * pending.
   */
  void pokeWithNewMessage(String conversationKey) {
    poke(conversationKey, true);
  }

  /**
   * The webhook stored a customer message at {@code receivedAt}. With a turn window the delivery
   * waits until the window after it has passed ({@link TurnWindows}); without one it goes at once.
   */
  void pokeWithNewMessage(String conversationKey, Instant receivedAt) {
    ScheduledExecutorService timer = this.timer;
    if (!windows.enabled() || !running || timer == null) {
      poke(conversationKey, true);
      return;
    }
    windows.messageStored(conversationKey, receivedAt, timer, key -> poke(key, true));
  }

  private void poke(String conversationKey, boolean knownPending) {
    if (!running) {
      return;
    }
    claims.claimOrRerun(conversationKey, () -> schedule(new Ready(conversationKey, knownPending)));
  }

  /**
   * A conversation a worker is to deliver; {@code knownPending}: an entry was just stored, no need
   * to look.
   */
  private record Ready(String key, boolean knownPending) {}

  /**
   * Queues a conversation for the workers. One task per queued conversation, but a task takes every
   * conversation ready by then, up to {@code conversations-per-transaction}: under load the tasks
   * behind it find the queue empty and end at once, and without load a conversation is taken alone,
   * without waiting for company.
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
    for (Ready next;
        batch.size() < conversationsPerTransaction && (next = ready.poll()) != null; ) {
      batch.add(next);
    }
    deliver(batch);
  }

  /**
   * Delivers these conversations as a worker does under load: together, then alone what could not
   * go together.
   */
  void deliverAll(List<String> conversationKeys) {
    deliver(conversationKeys.stream().map(key -> new Ready(key, false)).toList());
  }

  private void deliver(List<Ready> batch) {
    // a conversation whose last delivery failed goes alone: its failure must not fail the others
    // again
    List<Ready> together = new ArrayList<>();
    List<Ready> alone = new ArrayList<>();
    for (Ready each : batch) {
      (retries.failedBefore(each.key()) ? alone : together).add(each);
    }
    alone.addAll(together.size() > 1 ? deliverTogether(together) : together);
    for (Ready each : alone) {
      run(each.key(), each.knownPending());
    }
  }

  /**
   * Delivers the turns of several conversations in one transaction and one engine command: one
   * commit and one flush of the engine's rows for all of them. When any turn fails, all of them
   * roll back and the caller delivers each alone, so the failure stays with its own conversation
   * (its retry counts there).
   *
   * @return the conversations still to be delivered one by one (all of them when the shared
   *     transaction failed)
   */
  private List<Ready> deliverTogether(List<Ready> batch) {
    Set<String> withPending;
    try {
      withPending =
          inbox.withPending(batch.stream().filter(r -> !r.knownPending()).map(Ready::key).toList());
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
    Map<String, DeliveryAttempt> deliveries;
    try {
      deliveries =
          transactions.execute(
              status ->
                  engine.inOneCommand(
                      () -> {
                        // every conversation of the transaction locked with its pending entries in
                        // one statement
                        Map<String, Inbox.Locked> locked = inbox.lockWithPending(keys);
                        Map<String, DeliveryAttempt> delivered = new LinkedHashMap<>();
                        for (String key : keys) {
                          MDC.put("conversation", ConversationKey.mask(key));
                          try {
                            delivered.put(
                                key,
                                turns.deliverMarked(key, Optional.ofNullable(locked.get(key))));
                          } finally {
                            MDC.remove("conversation");
                          }
                        }
                        return delivered;
                      }));
    } catch (RuntimeException e) {
      log.debug(
          "A turn failed in a transaction shared by {} conversations; delivering each alone",
          keys.size(),
          e);
      return keys.stream().map(key -> new Ready(key, true)).toList();
    }
    metrics.deliveredTogether(keys.size());
    deliveries.forEach((key, delivery) -> finish(key, delivered(key, delivery)));
    return List.of();
  }

  /**
   * After a committed delivery: asks for a rerun when more is pending; returns when to try again,
   * if at all.
   */
  private Duration delivered(String key, DeliveryAttempt delivery) {
    metrics.attempted(delivery.outcome());
    if (delivery.more()) {
      poke(key);
    }
    return delivery.outcome() == DeliveryAttempt.Outcome.WAITING_FOR_WINDOW
        ? delivery.waitFor()
        : null;
  }

  /**
   * Delivers one conversation in a transaction of its own; a failure rolls back and is retried with
   * backoff.
   */
  private void run(String key, boolean knownPending) {
    Duration retryIn = null;
    MDC.put("conversation", ConversationKey.mask(key));
    try {
      // Many pokes find nothing new (a wait state reached in a job, the sweep's, a rerun): a plain
      // read answers
      // those without a transaction and a row lock.
      if (!knownPending && !inbox.hasPending(key)) {
        failing.succeeded(key, retries.succeeded(key));
        return;
      }
      // one engine command for the turn, as in a shared transaction: the search for the waiting
      // execution fills
      // the command's cache, and the correlation finds that execution there instead of reading it
      // again
      DeliveryAttempt attempt =
          transactions.execute(
              status ->
                  engine.inOneCommand(() -> turns.deliverMarked(key, inbox.lockWithPending(key))));
      retryIn = delivered(key, attempt);
      // a failing turn that waits for its window, or for its instance or lock, is still failing
      if (attempt.outcome() == DeliveryAttempt.Outcome.DELIVERED
          || attempt.outcome() == DeliveryAttempt.Outcome.NOTHING_PENDING) {
        failing.succeeded(key, retries.succeeded(key));
      }
    } catch (RuntimeException e) {
      // Nothing was marked delivered (the transaction rolled back): try again a little later; a
      // turn that keeps failing is shown as an incident meanwhile.
      metrics.attemptFailed();
      retryIn = retries.failed(key, e);
      failing.failed(key, retries.failures(key), e);
    } finally {
      MDC.remove("conversation");
      finish(key, retryIn);
    }
  }

  private void finish(String key, Duration retryIn) {
    claims.release(key, running, () -> schedule(new Ready(key, false)));
    if (retryIn != null && running) {
      timer.schedule(() -> poke(key), retryIn.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** True while this thread delivers to the conversation ({@link TurnDelivery#isDelivering}). */
  static boolean isDelivering(String conversationKey) {
    return TurnDelivery.isDelivering(conversationKey);
  }

  /**
   * One delivery in the caller's transaction: the head of the conversation's queue, as one turn.
   */
  DeliveryAttempt deliverNext(String key) {
    return turns.deliverNext(key, inbox.lockWithPending(key));
  }

  /**
   * Polls for pending entries that no poke reached (a restart, another node's crash, a lost race).
   */
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
    log.info(
        "Mailbox started: {} workers, up to {} conversation(s) per transaction, sweep every {}",
        props.workers(),
        conversationsPerTransaction,
        props.sweepInterval());
  }

  /**
   * Stops taking turns: the turns being delivered commit (or roll back) and their replies go to the
   * outbox, which stops after the mailbox; conversations queued for a worker are not started and
   * stay pending in the inbox.
   */
  @Override
  public void stop() {
    running = false;
    if (workers != null) {
      timer.shutdownNow();
      workers.shutdown();
      try {
        if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
          // a turn still running is one transaction: when the database closes under it, it rolls
          // back whole
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
}
