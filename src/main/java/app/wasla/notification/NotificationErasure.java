package app.wasla.notification;

import app.wasla.system.CustomerDataOwner;
import app.wasla.system.CustomerErasure;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A customer's erasure in the notifications: each row stays (the shop's event id still answers a
 * repeated post, so nothing is sent again) under the pseudonym, its wamid hashed, its error gone.
 */
@Component
@Order(60)
class NotificationErasure implements CustomerDataOwner {

  private final JdbcClient jdbc;

  NotificationErasure(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, Integer> eraseCustomer(CustomerErasure erasure) {
    List<String[]> rows =
        jdbc.sql("SELECT event_id, wamid FROM notification WHERE conversation_key = ?")
            .param(erasure.customerKey())
            .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
            .list();
    for (String[] row : rows) {
      jdbc.sql(
              "UPDATE notification SET conversation_key = ?, wamid = ?, error = NULL"
                  + " WHERE event_id = ?")
          .params(erasure.pseudonym(), row[1] == null ? null : erasure.hash().apply(row[1]), row[0])
          .update();
    }
    return rows.isEmpty() ? Map.of() : Map.of("notifications", rows.size());
  }
}
