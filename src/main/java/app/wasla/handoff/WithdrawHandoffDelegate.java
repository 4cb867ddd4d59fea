package app.wasla.handoff;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.conversation.ConversationVariables;
import app.wasla.conversation.FlowMessages;
import app.wasla.persona.PersonaVariables;
import java.time.Clock;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code ${withdrawHandoff}}: the customer took back the request for a person before anyone
 * answered; the handoff subprocess (and its task) was cancelled by the escalation that brought the
 * flow here. The customer hears that the bot is theirs again, the withdrawal is recorded, and what
 * else the message said becomes the turn the bot answers next ({@link #ANSWER_REST}).
 */
@Component("withdrawHandoff")
class WithdrawHandoffDelegate implements JavaDelegate {

  /** Whether the message carried more than the withdrawal, for the bot to answer now. */
  static final String ANSWER_REST = "withdrawalLeavesTurn";

  private static final Logger log = LoggerFactory.getLogger(WithdrawHandoffDelegate.class);

  private final FlowMessages messages;
  private final JdbcClient jdbc;
  private final Clock clock;

  WithdrawHandoffDelegate(FlowMessages messages, JdbcClient jdbc, Clock clock) {
    this.messages = messages;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String text = (String) execution.getVariable(ConversationVariables.TURN_TEXT);
    Object pending = execution.getVariable(HandoffWait.PENDING_PURCHASE);
    boolean continued =
        HandoffWithdrawal.CONTINUE_WITH_BOT.equals(
            execution.getVariable(ConversationVariables.REPLY_ID));
    HandoffWithdrawal.Withdrawal withdrawal =
        continued
            // "كمّل معايا الطلب" tapped: the purchase the customer wrote is the turn answered now
            ? new HandoffWithdrawal.Withdrawal(pending instanceof String p ? p : "")
            : HandoffWithdrawal.read(text, HandoffWithdrawal.reason(execution))
                .orElse(new HandoffWithdrawal.Withdrawal(""));
    if (pending != null) {
      execution.setVariable(HandoffWait.PENDING_PURCHASE, null);
    }
    if (continued) {
      execution.setVariable(ConversationVariables.REPLY_ID, null);
      // the customer chose to buy with the bot: the order replayed now, and a later one of one
      // unit, is no big deal for sales again (a wholesale quantity still is)
      execution.setVariable(PersonaVariables.ORDERS_WITH_THE_BOT, true);
      // and its product goes to checkout at once: "order now" was tapped already
      execution.setVariable(
          app.wasla.commerce.flow.SalesVariables.ORDER_CHOSEN_AT,
          execution.getVariable(ConversationVariables.LAST_WAMID));
    }
    boolean answerRest = withdrawal.leavesSomethingToAnswer();
    String language = String.valueOf(execution.getVariable(PersonaVariables.LANGUAGE));
    messages.send(
        execution,
        new OutboundMessage.Text(HandoffWaitTexts.withdrawn(language, !answerRest), false));
    if (answerRest) {
      execution.setVariable(ConversationVariables.TURN_TEXT, withdrawal.rest());
    }
    execution.setVariable(ANSWER_REST, answerRest);
    execution.setVariable(PersonaVariables.HANDOFF, false);
    jdbc.sql(
            """
            INSERT INTO handoff_event (conversation_key, task_id, event_type, detail, created_at)
            VALUES (?, NULL, 'withdrawn_by_customer', NULL, ?)""")
        .params(execution.getProcessBusinessKey(), clock.instant().atOffset(ZoneOffset.UTC))
        .update();
    log.info("The customer withdrew the handoff of {}", execution.getProcessInstanceId());
  }
}
