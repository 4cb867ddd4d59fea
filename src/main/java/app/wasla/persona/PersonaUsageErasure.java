package app.wasla.persona;

import app.wasla.system.CustomerDataOwner;
import app.wasla.system.CustomerErasure;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A customer's erasure in the persona's token usage: the figures stay, under the pseudonym. */
@Component
@Order(20)
class PersonaUsageErasure implements CustomerDataOwner {

  private final JdbcClient jdbc;

  PersonaUsageErasure(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, Integer> eraseCustomer(CustomerErasure erasure) {
    jdbc.sql("UPDATE persona_usage SET conversation_key = ? WHERE conversation_key = ?")
        .params(erasure.pseudonym(), erasure.customerKey())
        .update();
    jdbc.sql(
            "UPDATE persona_turn SET conversation_key = ?, question = NULL WHERE conversation_key = ?")
        .params(erasure.pseudonym(), erasure.customerKey())
        .update();
    return Map.of();
  }
}
