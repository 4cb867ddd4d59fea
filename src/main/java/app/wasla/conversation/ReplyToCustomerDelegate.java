package app.wasla.conversation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${replyToCustomer}}: answers the customer's turn with the rule-based menu. */
@Component("replyToCustomer")
class ReplyToCustomerDelegate implements JavaDelegate {

  private final FlowMessages messages;

  ReplyToCustomerDelegate(FlowMessages messages) {
    this.messages = messages;
  }

  @Override
  public void execute(DelegateExecution execution) {
    messages.acknowledgeTurn(execution);
    boolean firstTurn = execution.getVariable(ConversationVariables.SEND_SEQ) == null;
    messages.send(execution, RuleBasedMenu.reply(
        (String) execution.getVariable(ConversationVariables.TURN_TEXT),
        (String) execution.getVariable(ConversationVariables.REPLY_ID),
        firstTurn,
        (String) execution.getVariable(ConversationVariables.CUSTOMER_NAME)));
  }
}
