package app.wasla.handoff;

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
}
