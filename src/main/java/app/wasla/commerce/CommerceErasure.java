package app.wasla.commerce;

import app.wasla.system.CustomerDataOwner;
import app.wasla.system.CustomerErasure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A customer's erasure in the commerce tables: orders, bookings, payments and invoices stay for the
 * accounts, under the pseudonym in place of the key and of the number.
 */
@Component
@Order(50)
class CommerceErasure implements CustomerDataOwner {

  private final JdbcClient jdbc;

  CommerceErasure(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, Integer> eraseCustomer(CustomerErasure erasure) {
    String key = erasure.customerKey();
    String waId = erasure.waId();
    String pseudonym = erasure.pseudonym();
    Map<String, Integer> touched = new LinkedHashMap<>();
    touched.put(
        "orders",
        jdbc.sql("UPDATE commerce_order SET customer_id = ? WHERE customer_id IN (?, ?)")
            .params(pseudonym, key, waId)
            .update());
    touched.put(
        "bookings",
        jdbc.sql("UPDATE commerce_booking SET customer_id = ? WHERE customer_id IN (?, ?)")
            .params(pseudonym, key, waId)
            .update());
    touched.put(
        "payments",
        jdbc.sql(
                """
            UPDATE commerce_payment SET customer_id = ?, conversation_key = ?
            WHERE conversation_key = ? OR customer_id IN (?, ?)""")
            .params(pseudonym, pseudonym, key, key, waId)
            .update());
    touched.put(
        "invoices",
        jdbc.sql(
                """
            UPDATE commerce_invoice SET customer_id = ?, conversation_key = ?
            WHERE conversation_key = ? OR customer_id IN (?, ?)""")
            .params(pseudonym, pseudonym, key, key, waId)
            .update());
    jdbc.sql("UPDATE commerce_sale SET conversation_key = ? WHERE conversation_key = ?")
        .params(pseudonym, key)
        .update();
    return touched;
  }
}
