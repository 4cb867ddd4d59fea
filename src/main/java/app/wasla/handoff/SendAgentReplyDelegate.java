package app.wasla.handoff;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.conversation.FlowMessages;
import app.wasla.conversation.PersonAuthor;
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
  private final HandoffOwnership ownership;

  SendAgentReplyDelegate(FlowMessages messages, HandoffLog handoffLog, HandoffOwnership ownership) {
    this.messages = messages;
    this.handoffLog = handoffLog;
    this.ownership = ownership;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object reply = execution.getVariable(HandoffTaskListener.AGENT_REPLY);
    Object suggestion = execution.getVariable(HandoffTaskListener.SUGGESTED_REPLY);
    if (reply instanceof String text
        && !text.isBlank()
        && !(suggestion instanceof String suggested && suggested.strip().equals(text.strip()))) {
      Object agent = execution.getVariable(HandoffTaskListener.LAST_AGENT);
      Object group = execution.getVariable("handoffGroup");
      PersonAuthor author =
          agent instanceof String a && !a.isBlank()
              ? new PersonAuthor(a, ownership.fullName(a), group instanceof String g ? g : null)
              : null;
      String sendKey =
          messages.send(execution, new OutboundMessage.Text(text.strip(), false), author);
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
