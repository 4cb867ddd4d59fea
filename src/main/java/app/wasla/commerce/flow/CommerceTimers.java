package app.wasla.commerce.flow;

import app.wasla.commerce.CommerceProperties;
import org.springframework.stereotype.Component;

/**
 * {@code ${commerceTimers.paymentReminder()}} etc.: the sales flows' timer durations from
 * configuration.
 */
@Component
public class CommerceTimers {

  private final CommerceProperties props;

  CommerceTimers(CommerceProperties props) {
    this.props = props;
  }

  /** How long the customer may think about the offer before the flow lets go. */
  public String decision() {
    return props.timers().decision().toString();
  }

  public String paymentReminder() {
    return props.timers().paymentReminder().toString();
  }

  /** After this the order is cancelled and its stock released. */
  public String paymentExpiry() {
    return props.timers().paymentExpiry().toString();
  }

  public String slotChoice() {
    return props.timers().slotChoice().toString();
  }
}
