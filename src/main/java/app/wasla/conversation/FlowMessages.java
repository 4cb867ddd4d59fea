package app.wasla.conversation;

import app.wasla.channel.whatsapp.OutboundMessage;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Sends from inside a flow, after the flow's transaction commits (through the {@link Outbox}). The
 * idempotency key is the instance id plus a send counter kept as a process variable: a failed turn
 * rolls the counter back, so its retry reuses the key and finds the send it queued. (An activity
 * instance id would not do: a retried job enters the activity anew and gets a new one.)
 */
@Component
public class FlowMessages {

  private final Outbox outbox;
  private final io.micrometer.core.instrument.Timer botFirstResponse;
  private final java.time.Clock clock;

  FlowMessages(
      Outbox outbox, io.micrometer.core.instrument.MeterRegistry registry, java.time.Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
    this.botFirstResponse = FirstResponseTimer.of(registry, FirstResponseTimer.Responder.BOT);
  }

  /**
   * Sends one message to the conversation's customer once the current transaction commits (through
   * the {@link Outbox}); returns the send's idempotency key.
   */
  public String send(DelegateExecution execution, OutboundMessage message) {
    return send(execution, message, "", null);
  }

  /**
   * Sends what a person wrote (a completed handoff's reply box) as {@link #send(DelegateExecution,
   * OutboundMessage)} does: the transcript names her.
   */
  public String send(DelegateExecution execution, OutboundMessage message, PersonAuthor author) {
    return send(execution, message, "", author);
  }

  /**
   * Suffix of the idempotency key of an automatic notice: an acknowledgement ("we got your
   * message"), a wait notice, a reaction. The inbox's unread count does not take such a message for
   * an answer (docs/inbox.md).
   */
  public static final String NOTICE = ":notice";

  /** Sends an automatic notice, not an answer (see {@link #NOTICE}). */
  public String sendNotice(DelegateExecution execution, OutboundMessage message) {
    return send(execution, message, NOTICE, null);
  }

  private String send(
      DelegateExecution execution, OutboundMessage message, String suffix, PersonAuthor author) {
    Object previous = execution.getVariable(ConversationVariables.SEND_SEQ);
    long seq = previous instanceof Number n ? n.longValue() + 1 : 1;
    execution.setVariable(ConversationVariables.SEND_SEQ, seq);
    // a called flow (order-and-pay, ...) counts its own sends; the key starts with the
    // conversation's root
    String instance = execution.getProcessInstanceId();
    String root = rootProcessInstanceId(execution);
    String idempotencyKey =
        (root.equals(instance) ? "" : root + ":") + instance + ":" + seq + suffix;
    outbox.queue(conversation(execution), message, idempotencyKey, instance, author);
    firstReply(execution);
    java.util.Map<String, Boolean> answered = app.wasla.system.TransactionMaps.of(ANSWERED);
    if (answered != null) {
      answered.put(execution.getProcessBusinessKey(), Boolean.TRUE);
    }
    return idempotencyKey;
  }

  private static final Object ANSWERED = new Object();

  /**
   * The conversation's first reply, whichever flow sends it (the conversation's own or a called
   * sales flow): records how long the customer waited, once (the start time goes with it).
   */
  private void firstReply(DelegateExecution execution) {
    DelegateExecution top = execution;
    while (top.getSuperExecution() != null) {
      top = top.getSuperExecution();
    }
    if (top.getVariable(ConversationVariables.STARTED_AT) instanceof Number started) {
      top.removeVariable(ConversationVariables.STARTED_AT);
      java.time.Duration waited =
          java.time.Duration.between(
              java.time.Instant.ofEpochMilli(started.longValue()), clock.instant());
      java.time.Duration recorded = waited.isNegative() ? java.time.Duration.ZERO : waited;
      app.wasla.system.AfterCommit.run(() -> botFirstResponse.record(recorded));
    }
  }

  /**
   * True when a flow of this conversation queued a message in the current transaction: the turn
   * being handled in it has an answer already (a turn runs in one transaction from its correlation
   * to its next wait state, or in one job after its async boundary).
   */
  public static boolean answeredInThisTransaction(String conversationKey) {
    java.util.Map<String, Boolean> answered = app.wasla.system.TransactionMaps.existing(ANSWERED);
    return answered != null && answered.containsKey(conversationKey);
  }

  private static String rootProcessInstanceId(DelegateExecution execution) {
    DelegateExecution current = execution;
    while (current.getSuperExecution() != null) {
      current = current.getSuperExecution();
    }
    return current.getProcessInstanceId();
  }

  /**
   * Marks the turn's latest message read and shows the typing indicator (best effort), after the
   * current transaction commits and before the replies queued after this call.
   */
  public void acknowledgeTurn(DelegateExecution execution) {
    Object wamid = execution.getVariable(ConversationVariables.LAST_WAMID);
    if (wamid instanceof String w) {
      outbox.markReadAfterCommit(conversation(execution), w);
    }
  }

  /** The conversation the execution belongs to, from its business key. */
  public static ConversationKey conversation(DelegateExecution execution) {
    return ConversationKey.parse(execution.getProcessBusinessKey());
  }
}
