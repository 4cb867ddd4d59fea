package app.wasla.commerce.payment;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * For the owner's inbox: which conversations wait for a payment (an OPEN payment link), and which
 * conversations an order number belongs to (its payment links; in the demo store also its
 * customer's number).
 */
@Repository
public class OpenPayments {

  static final int MAX_KEYS = 5000;
  private static final Pattern ORDER = Pattern.compile("(?i)^\\s*(?:ord-?)?(\\d{1,12})\\s*$");

  /** An open payment link: the order and the amount. */
  public record Open(String orderRef, BigDecimal amountEgp, String url) {}

  private final JdbcClient jdbc;

  OpenPayments(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The latest open payment of each of these conversations that has one. */
  public Map<String, Open> openFor(Collection<String> conversationKeys) {
    if (conversationKeys.isEmpty()) {
      return Map.of();
    }
    Map<String, Open> open = new HashMap<>();
    jdbc.sql(
            "SELECT conversation_key, order_ref, amount_egp, url FROM commerce_payment"
                + " WHERE conversation_key IN (:keys) AND status = 'OPEN' ORDER BY created_at")
        .param("keys", List.copyOf(conversationKeys))
        .query(
            (rs, n) ->
                open.put(
                    rs.getString(1),
                    new Open(rs.getString(2), rs.getBigDecimal(3), rs.getString(4))))
        .list();
    return open;
  }

  /** Conversations with an open payment link. */
  public Set<String> conversationsWaiting() {
    return new LinkedHashSet<>(
        jdbc.sql(
                "SELECT DISTINCT conversation_key FROM commerce_payment WHERE status = 'OPEN'"
                    + " FETCH FIRST "
                    + MAX_KEYS
                    + " ROWS ONLY")
            .query(String.class)
            .list());
  }

  /** The normalized order reference ({@code ORD-12001}) when the text is an order number. */
  public static java.util.Optional<String> orderRef(String text) {
    Matcher m = ORDER.matcher(text == null ? "" : text);
    return m.matches() ? java.util.Optional.of("ORD-" + m.group(1)) : java.util.Optional.empty();
  }

  /** Conversations that got a payment link for this order. */
  public Set<String> conversationsOfOrder(String orderRef) {
    return new LinkedHashSet<>(
        jdbc.sql(
                "SELECT DISTINCT conversation_key FROM commerce_payment WHERE UPPER(order_ref) = ?")
            .param(orderRef.toUpperCase(Locale.ROOT))
            .query(String.class)
            .list());
  }

  /** The demo store's customer (WhatsApp number) of this order, if it is one of its orders. */
  public Set<String> customersOfOrder(String orderRef) {
    long id;
    try {
      id = Long.parseLong(orderRef.substring(orderRef.indexOf('-') + 1));
    } catch (NumberFormatException e) {
      return Set.of();
    }
    return new LinkedHashSet<>(
        jdbc.sql("SELECT customer_id FROM commerce_order WHERE id = ?")
            .param(id)
            .query(String.class)
            .list());
  }
}
