package app.wasla.commerce.flow;

import app.wasla.commerce.CommerceProperties;
import app.wasla.persona.OrderStatus;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The persona's {@link OrderStatus}: the tracking flow's answer ({@link TrackOrderDelegate}) to the
 * turn's question, without its variables or its courier pin. Only on Wasla's own commerce tables:
 * the handoff's wait runs in the mailbox's transaction, where a call to the business's backend over
 * the network has no place; with an HTTP backend the question is left to the person.
 */
@Component
class PersonaOrderStatus implements OrderStatus {

  private static final Logger log = LoggerFactory.getLogger(PersonaOrderStatus.class);

  private final TrackOrderDelegate tracking;
  private final boolean local;

  PersonaOrderStatus(TrackOrderDelegate tracking, CommerceProperties properties) {
    this.tracking = tracking;
    this.local = "demo".equals(properties.backend());
  }

  @Override
  public Optional<String> answer(DelegateExecution execution) {
    if (!local) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(tracking.track(execution).text());
    } catch (RuntimeException e) {
      log.warn("Order status not read while a handoff waits: {}", e.toString());
      return Optional.empty();
    }
  }
}
