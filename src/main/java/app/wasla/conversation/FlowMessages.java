package app.wasla.conversation;

import app.wasla.channel.whatsapp.OutboundMessage;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Sends from inside a flow. The idempotency key is the instance id plus a send counter kept as a process
 * variable: a failed job rolls the counter back, so its retry reuses the key and finds the send it made.
 * (An activity instance id would not do: a retried job enters the activity anew and gets a new one.)
 */
@Component
public class FlowMessages {

  private final OutboundMessages outbound;

  FlowMessages(OutboundMessages outbound) {
    this.outbound = outbound;
  }

  /** Sends one message to the conversation's customer; returns its wamid. */
  public String send(DelegateExecution execution, OutboundMessage message) {
    Object previous = execution.getVariable(ConversationVariables.SEND_SEQ);
    long seq = previous instanceof Number n ? n.longValue() + 1 : 1;
    execution.setVariable(ConversationVariables.SEND_SEQ, seq);
    // a called flow (order-and-pay, ...) counts its own sends; the key starts with the conversation's root
    String instance = execution.getProcessInstanceId();
    String root = rootProcessInstanceId(execution);
    String idempotencyKey = (root.equals(instance) ? "" : root + ":") + instance + ":" + seq;
    return outbound.send(conversation(execution), message, idempotencyKey);
  }

  private static String rootProcessInstanceId(DelegateExecution execution) {
    DelegateExecution current = execution;
    while (current.getSuperExecution() != null) {
      current = current.getSuperExecution();
    }
    return current.getProcessInstanceId();
  }

  /** Marks the turn's latest message read and shows the typing indicator (best effort). */
  public void acknowledgeTurn(DelegateExecution execution) {
    Object wamid = execution.getVariable(ConversationVariables.LAST_WAMID);
    if (wamid instanceof String w) {
      outbound.markRead(conversation(execution), w);
    }
  }

  /** The conversation the execution belongs to, from its business key. */
  public static ConversationKey conversation(DelegateExecution execution) {
    return ConversationKey.parse(execution.getProcessBusinessKey());
  }
}
