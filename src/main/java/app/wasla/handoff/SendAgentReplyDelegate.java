package app.wasla.handoff;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.conversation.FlowMessages;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${sendAgentReply}}: sends what the agent wrote, through the idempotent outbound path. */
@Component("sendAgentReply")
class SendAgentReplyDelegate implements JavaDelegate {

  static final String RESPONDED = "agentResponded";

  private final FlowMessages messages;

  SendAgentReplyDelegate(FlowMessages messages) {
    this.messages = messages;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object reply = execution.getVariable(HandoffTaskListener.AGENT_REPLY);
    if (reply instanceof String text && !text.isBlank()) {
      messages.send(execution, new OutboundMessage.Text(text.strip(), false));
      execution.setVariable(RESPONDED, true);
    }
    execution.setVariable(HandoffTaskListener.AGENT_REPLY, null);
  }
}
