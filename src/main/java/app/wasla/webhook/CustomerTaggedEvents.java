package app.wasla.webhook;

import app.wasla.crm.CustomerTagged;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Forwards the CRM's tag changes as {@code customer.tagged}: the CRM publishes inside the transaction that
 * changed the tags, so the outbox row commits (or rolls back) with them.
 */
@Component
class CustomerTaggedEvents {

  private final WebhookEvents events;

  CustomerTaggedEvents(WebhookEvents events) {
    this.events = events;
  }

  @EventListener
  void on(CustomerTagged tagged) {
    events.publish(EventTypes.CUSTOMER_TAGGED, tagged.customerKey(), Map.of(
        "added", tagged.added(), "removed", tagged.removed(), "at", tagged.at().toString()));
  }
}
