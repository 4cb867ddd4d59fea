package app.wasla.conversation;

import app.wasla.conversation.DeliveryAttempt.Outcome;
import app.wasla.system.AfterCommit;
import app.wasla.system.LogSafe;
import app.wasla.webhook.EventTypes;
import app.wasla.webhook.WebhookEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery to a conversation whose row the caller's transaction has locked: the head of its
 * queue, either a turn (the customer's messages up to {@code max-messages-per-turn}, once their
 * turn window has passed) correlated to the flow's wait state or starting the flow, or an external
 * event correlated by its name. The entries are marked delivered in the same transaction as the
 * engine's state change.
 */
final class TurnDelivery {

  private static final Logger log = LoggerFactory.getLogger(Mailbox.class);

  /** The conversation this thread delivers right now (see {@link #isDelivering}). */
  private static final ThreadLocal<String> DELIVERING = new ThreadLocal<>();

  private final Inbox inbox;
  private final ConversationEngine engine;
  private final MailboxProperties props;
  private final Clock clock;
  private final WebhookEvents events;
  private final MailboxMetrics metrics;
  private final TurnListeners listeners;
  private final TurnWindows windows;
  private final DeliveryRetries retries;

  private final ConversationFigures figures;

  TurnDelivery(
      Inbox inbox,
      ConversationEngine engine,
      MailboxProperties props,
      Clock clock,
      WebhookEvents events,
      MailboxMetrics metrics,
      TurnListeners listeners,
      TurnWindows windows,
      DeliveryRetries retries,
      ConversationFigures figures) {
    this.figures = figures;
    this.inbox = inbox;
    this.engine = engine;
    this.props = props;
    this.clock = clock;
    this.events = events;
    this.metrics = metrics;
    this.listeners = listeners;
    this.windows = windows;
    this.retries = retries;
  }

  /**
   * True while this thread delivers to the conversation: the wait state its flow reaches in that
   * transaction need not poke the mailbox, which runs the conversation again by itself when more is
   * pending ({@link DeliveryAttempt#more()}) or when a message arrived meanwhile (its webhook's
   * poke). A turn that continues in a job reaches its wait state on the job's thread, which pokes
   * as before.
   */
  static boolean isDelivering(String conversationKey) {
    return conversationKey.equals(DELIVERING.get());
  }

  /**
   * {@link #deliverNext}, marked as this thread's delivery of the conversation ({@link
   * #isDelivering}).
   */
  DeliveryAttempt deliverMarked(String key, Optional<Inbox.Locked> locked) {
    DELIVERING.set(key);
    try {
      return deliverNext(key, locked);
    } finally {
      DELIVERING.remove();
    }
  }

  /**
   * The head of the queue of a conversation locked already (empty: locked elsewhere), as one turn.
   */
  DeliveryAttempt deliverNext(String key, Optional<Inbox.Locked> locked) {
    if (locked.isEmpty()) {
      return DeliveryAttempt.of(Outcome.LOCKED_ELSEWHERE);
    }
    long turnSeq = locked.get().turnSeq();
    List<InboxEntry> pending = locked.get().pending();
    if (pending.isEmpty()) {
      return DeliveryAttempt.of(Outcome.NOTHING_PENDING);
    }
    Instant now = clock.instant();
    InboxEntry head = pending.get(0);
    if (!head.isCustomerMessage()) {
      DeliveryAttempt delivery = deliverEvent(key, head, turnSeq + 1, now);
      return delivery.outcome() == Outcome.DELIVERED
          ? delivery.withMore(pending.size() > 1)
          : delivery;
    }
    List<InboxEntry> turn = new ArrayList<>();
    for (InboxEntry entry : pending) {
      if (!entry.isCustomerMessage() || turn.size() == props.maxMessagesPerTurn()) {
        break;
      }
      turn.add(entry);
    }
    Duration left = windows.remaining(turn, now);
    if (!left.isNegative() && !left.isZero()) {
      return new DeliveryAttempt(Outcome.WAITING_FOR_WINDOW, left, false);
    }
    long seq = turnSeq + 1;
    Map<String, Object> variables = TurnVariables.of(turn, seq);
    boolean retry = retries.failedBefore(key);
    if (retry) {
      variables.put(ConversationVariables.TURN_RETRY, Variables.booleanValue(true, true));
    }
    // A conversation the mailbox never delivered to has no instance of its own: unless one was
    // started elsewhere
    // (Camunda's REST API, Tasklist), its first turn starts the flow without looking for a wait
    // state first.
    Boolean liveInstance = locked.get().liveInstance();
    boolean noInstance =
        turnSeq == 0 && !(liveInstance != null ? liveInstance : engine.hasLiveInstance(key));
    Optional<ConversationEngine.Waiting> waiting =
        noInstance ? Optional.empty() : engine.instanceWaitingFor(key, Mailbox.CUSTOMER_MESSAGE);
    String processInstanceId;
    if (waiting.isPresent()) {
      processInstanceId = waiting.get().processInstanceId();
      // before the flow runs: it may answer at once, and the reply's 24-hour window opens with
      // these messages
      inbox.handOver(turn, key);
      listeners.tell(key, turn, retry);
      engine.correlate(Mailbox.CUSTOMER_MESSAGE, waiting.get(), variables);
    } else if (!noInstance && engine.hasLiveInstance(key)) {
      return DeliveryAttempt.of(Outcome.BUSY);
    } else {
      ConversationKey conversation = ConversationKey.parse(key);
      variables.putAll(TurnVariables.ofStart(conversation, turn));
      inbox.handOver(turn, key);
      listeners.tell(key, turn, retry);
      processInstanceId = engine.start(props.flowFor(conversation.phoneNumberId()), key, variables);
      conversationStarted(
          key,
          processInstanceId,
          props.flowFor(conversation.phoneNumberId()),
          Mailbox.CUSTOMER_MESSAGE,
          turn.get(0).receivedAt());
    }
    inbox.markTurnDelivered(turn, key, seq, processInstanceId, now);
    Instant oldest = turn.get(0).receivedAt();
    int messages = turn.size();
    AfterCommit.run(() -> metrics.delivered(messages, Duration.between(oldest, clock.instant())));
    log.debug("Delivered {} message(s) as turn {} to {}", turn.size(), seq, processInstanceId);
    return new DeliveryAttempt(Outcome.DELIVERED, null, pending.size() > turn.size());
  }

  private DeliveryAttempt deliverEvent(String key, InboxEntry event, long seq, Instant now) {
    Map<String, Object> variables = EventVariables.parse(event.variablesJson());
    Optional<ConversationEngine.Waiting> waiting =
        engine.instanceWaitingFor(key, event.messageName());
    Optional<String> processInstanceId;
    if (waiting.isPresent()) {
      engine.correlate(event.messageName(), waiting.get(), variables);
      processInstanceId = waiting.map(ConversationEngine.Waiting::processInstanceId);
    } else if (engine.hasLiveInstance(key)) {
      if (engine.instanceWaitingFor(key, Mailbox.CUSTOMER_MESSAGE).isEmpty()) {
        return DeliveryAttempt.of(Outcome.BUSY);
      }
      // The flow is at rest and does not expect this event now: record it, keep the queue moving.
      log.info(
          "No wait state of the conversation expects {}; recorded as unroutable",
          LogSafe.oneLine(event.messageName()));
      inbox.markUnroutable(event, now);
      return DeliveryAttempt.of(Outcome.DELIVERED);
    } else {
      processInstanceId = engine.startByMessage(event.messageName(), key, variables);
      if (processInstanceId.isEmpty()) {
        log.info(
            "No flow starts on {}; recorded as unroutable", LogSafe.oneLine(event.messageName()));
        inbox.markUnroutable(event, now);
        return DeliveryAttempt.of(Outcome.DELIVERED);
      }
      conversationStarted(
          key, processInstanceId.get(), null, event.messageName(), event.receivedAt());
    }
    inbox.markDelivered(List.of(event), key, seq, processInstanceId.get(), now);
    return DeliveryAttempt.of(Outcome.DELIVERED);
  }

  /**
   * conversation.started, in the delivery's transaction: it exists exactly when the start
   * committed.
   */
  private void conversationStarted(
      String key, String processInstanceId, String flow, String startedBy, Instant firstMessageAt) {
    figures.started(key, processInstanceId, flow, startedBy, firstMessageAt);
    Map<String, Object> data = new HashMap<>();
    data.put("processInstanceId", processInstanceId);
    data.put("flow", flow);
    data.put("startedBy", startedBy);
    events.publish(EventTypes.CONVERSATION_STARTED, key, data);
  }
}
