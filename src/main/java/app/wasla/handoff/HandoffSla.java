package app.wasla.handoff;

import org.springframework.stereotype.Component;

/**
 * {@code ${handoffSla.firstResponse(handoffGroup)}}: the first-response deadline of a team, for the
 * timer.
 */
@Component
public class HandoffSla {

  private final HandoffProperties props;

  HandoffSla(HandoffProperties props) {
    this.props = props;
  }

  /** ISO-8601 duration the customer may wait for a person's first answer. */
  public String firstResponse(String group) {
    return props.firstResponseFor(group).toString();
  }
}
