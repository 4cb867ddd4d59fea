package app.wasla.handoff;

import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * {@code ${handoffSla.firstResponse(handoffGroup)}}: the first-response deadline of a team, for the
 * timer.
 */
@Component
public class HandoffSla {

  private final HandoffProperties props;
  private final StaffHours hours;

  HandoffSla(HandoffProperties props, StaffHours hours) {
    this.props = props;
    this.hours = hours;
  }

  /**
   * ISO-8601 duration the customer may wait for a person's first answer: the team's deadline,
   * counted from the agents' opening time when the handoff starts outside their hours.
   */
  public String firstResponse(String group) {
    return hours.untilFirstResponse(props.firstResponseFor(group)).toString();
  }

  /**
   * {@code ${handoffSla.reminders(handoffGroup)}}: the "still waiting" timer's ISO-8601 cycle, one
   * tick every {@code wasla.handoff.reminder-every} from the handoff on. The ticks before the
   * deadline (and those outside the agents' hours, or too soon after the holding message) send
   * nothing ({@link HandoffReminderDelegate}), so there are enough of them for the reminders after
   * the deadline, and no more: the timer ends by itself.
   */
  public String reminders(String group) {
    Duration every = props.reminderEvery();
    Duration deadline = hours.untilFirstResponse(props.firstResponseFor(group));
    long beforeDeadline = (deadline.toMillis() + every.toMillis() - 1) / every.toMillis();
    long ticks = props.remindersMax() == 0 ? 1 : beforeDeadline + 2L * props.remindersMax();
    return "R" + ticks + "/" + every;
  }
}
