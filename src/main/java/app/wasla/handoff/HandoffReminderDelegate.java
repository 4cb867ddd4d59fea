package app.wasla.handoff;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.conversation.FlowMessages;
import app.wasla.persona.PersonaVariables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${handoffReminder}}: a tick of the handoff's "Still waiting" timer ({@link
 * HandoffSla#reminders}). The customer who still waits for a person's first answer after the
 * holding message hears a short reminder in their language, every {@code
 * wasla.handoff.reminder-every}, at most {@code wasla.handoff.reminders-max} times. A tick sends
 * nothing before the deadline (no holding message yet), once a person has answered or took the
 * conversation over, outside the agents' hours (the customer heard the opening time), or less than
 * half an interval after the last "still waiting". The timer goes with the task: a handoff that
 * ends sends no more.
 */
@Component("handoffReminder")
class HandoffReminderDelegate implements JavaDelegate {

  private final FlowMessages messages;
  private final HandoffProperties props;
  private final StaffHours hours;
  private final Clock clock;

  HandoffReminderDelegate(
      FlowMessages messages, HandoffProperties props, StaffHours hours, Clock clock) {
    this.messages = messages;
    this.props = props;
    this.hours = hours;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object held = execution.getVariable(HandoffOverdueDelegate.HELD_AT);
    if (!(held instanceof Date last)
        || Boolean.TRUE.equals(execution.getVariable(SendAgentReplyDelegate.RESPONDED))
        || Boolean.TRUE.equals(execution.getVariable(HandoffWait.TAKEN_OVER))
        || !hours.openNow()) {
      return;
    }
    int sent =
        execution.getVariable(HandoffOverdueDelegate.REMINDERS) instanceof Number n
            ? n.intValue()
            : 0;
    Instant now = clock.instant();
    if (sent >= props.remindersMax()
        || Duration.between(last.toInstant(), now).compareTo(props.reminderEvery().dividedBy(2))
            < 0) {
      return;
    }
    messages.sendNotice(
        execution,
        OutboundMessage.Text.of(
            HandoffWaitTexts.stillWaiting(
                String.valueOf(execution.getVariable(PersonaVariables.LANGUAGE)))));
    execution.setVariable(HandoffOverdueDelegate.REMINDERS, sent + 1);
    execution.setVariable(HandoffOverdueDelegate.HELD_AT, Date.from(now));
  }
}
