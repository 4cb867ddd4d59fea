package app.wasla.handoff;

import app.wasla.system.CustomerDataOwner;
import app.wasla.system.CustomerErasure;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A customer's erasure in the handoffs' event log: the rows stay for their times and types, under
 * the pseudonym, without their details. (The handoff tasks themselves leave the engine with the
 * conversation.)
 */
@Component
@Order(30)
class HandoffErasure implements CustomerDataOwner {

  private final JdbcClient jdbc;

  HandoffErasure(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, Integer> eraseCustomer(CustomerErasure erasure) {
    jdbc.sql(
            "UPDATE handoff_event SET conversation_key = ?, detail = NULL WHERE conversation_key = ?")
        .params(erasure.pseudonym(), erasure.customerKey())
        .update();
    return Map.of();
  }
}
