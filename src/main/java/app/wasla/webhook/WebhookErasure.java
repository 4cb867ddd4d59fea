package app.wasla.webhook;

import app.wasla.system.CustomerDataOwner;
import app.wasla.system.CustomerErasure;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A customer's erasure in the webhook outbox: events about the customer (by key, or whose envelope
 * names the number) keep their rows with an empty envelope under the pseudonym, and their pending
 * deliveries are dead-lettered, so erased data is never delivered; the attempts' errors go.
 */
@Component
@Order(40)
class WebhookErasure implements CustomerDataOwner {

  private final JdbcClient jdbc;

  WebhookErasure(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, Integer> eraseCustomer(CustomerErasure erasure) {
    String key = erasure.customerKey();
    String pseudonym = erasure.pseudonym();
    int events =
        jdbc.sql(
                """
            UPDATE webhook_event SET conversation_key = ?, envelope_json = '{"erased":true}'
            WHERE conversation_key = ? OR envelope_json LIKE ?""")
            .params(pseudonym, key, "%" + likeEscape(erasure.waId()) + "%")
            .update();
    jdbc.sql(
            """
            UPDATE webhook_delivery SET order_key = ?, status = CASE WHEN status = 'PENDING' THEN 'DEAD' ELSE status END,
              last_error = 'customer erased'
            WHERE order_key = ? OR event_seq IN (SELECT seq FROM webhook_event WHERE conversation_key = ?)""")
        .params(pseudonym, key, pseudonym)
        .update();
    jdbc.sql(
            """
            UPDATE webhook_attempt SET error = NULL WHERE delivery_id IN (SELECT d.id FROM webhook_delivery d
              JOIN webhook_event e ON e.seq = d.event_seq WHERE e.conversation_key = ?)""")
        .param(pseudonym)
        .update();
    return Map.of("webhookEvents", events);
  }

  private static String likeEscape(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
