package app.wasla.crm;

import app.wasla.webhook.EventTypes;
import app.wasla.webhook.WebhookEvents;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Forwards the CRM's tag changes to the webhook outbox as {@code customer.tagged}: the CRM
 * publishes {@link CustomerTagged} inside the transaction that changed the tags, so the outbox row
 * commits (or rolls back) with them. The CRM owns this forwarding; the webhook package knows
 * nothing of the CRM.
 */
@Component
class CustomerTaggedWebhooks {

  private final WebhookEvents events;

  CustomerTaggedWebhooks(WebhookEvents events) {
    this.events = events;
  }

  @EventListener
  void on(CustomerTagged tagged) {
    events.publish(
        EventTypes.CUSTOMER_TAGGED,
        tagged.customerKey(),
        Map.of("added", tagged.added(), "removed", tagged.removed(), "at", tagged.at().toString()));
  }
}
