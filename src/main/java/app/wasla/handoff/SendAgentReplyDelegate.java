package app.wasla.handoff;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.conversation.FlowMessages;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${sendAgentReply}}: sends what the agent wrote, through the idempotent outbound path; the
 * suggestion the reply box started with, left unedited, is not something the agent wrote.
 */
@Component("sendAgentReply")
class SendAgentReplyDelegate implements JavaDelegate {

  static final String RESPONDED = "agentResponded";

  private final FlowMessages messages;
  private final HandoffLog handoffLog;

  SendAgentReplyDelegate(FlowMessages messages, HandoffLog handoffLog) {
    this.messages = messages;
    this.handoffLog = handoffLog;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object reply = execution.getVariable(HandoffTaskListener.AGENT_REPLY);
    Object suggestion = execution.getVariable(HandoffTaskListener.SUGGESTED_REPLY);
    if (reply instanceof String text
        && !text.isBlank()
        && !(suggestion instanceof String suggested && suggested.strip().equals(text.strip()))) {
      String sendKey = messages.send(execution, new OutboundMessage.Text(text.strip(), false));
      handoffLog.personWrote(
          execution.getProcessBusinessKey(),
          null,
          HandoffLog.AGENT_REPLY,
          "agent=" + execution.getVariable(HandoffTaskListener.LAST_AGENT) + ", key=" + sendKey);
      execution.setVariable(RESPONDED, true);
    }
    execution.setVariable(HandoffTaskListener.AGENT_REPLY, null);
    execution.setVariable(HandoffTaskListener.SUGGESTED_REPLY, null);
  }
}
