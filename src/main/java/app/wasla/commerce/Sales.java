package app.wasla.commerce;

import app.wasla.conversation.ConversationKey;
import app.wasla.system.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The orders the sales flows placed, in any backend, and their payments (table {@code
 * commerce_sale}): what the reports count as orders and revenue (docs/reports.md), and the {@code
 * wasla_orders_total} and {@code wasla_revenue_egp_total} metrics. Written in the flow's
 * transaction: an order or a payment that rolls back is not counted.
 */
@Component
public class Sales {

  /** A flow label value: a BPMN process key (bounded: the deployed processes). */
  private static final Pattern FLOW = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final JdbcClient jdbc;
  private final MeterRegistry registry;

  Sales(JdbcClient jdbc, MeterRegistry registry) {
    this.jdbc = jdbc;
    this.registry = registry;
  }

  /** An order was placed (once per order: a retried step changes nothing). */
  public void ordered(
      String orderRef, String conversationKey, String flow, BigDecimal amountEgp, Instant at) {
    String safeFlow = flow != null && FLOW.matcher(flow).matches() ? flow : "unknown";
    int added =
        jdbc.sql(
                """
                INSERT INTO commerce_sale (order_ref, conversation_key, phone_number_id, flow,
                  amount_egp, created_at)
                SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS
                  (SELECT 1 FROM commerce_sale WHERE order_ref = ?)""")
            .params(
                orderRef,
                conversationKey,
                ConversationKey.parse(conversationKey).phoneNumberId(),
                safeFlow,
                amountEgp,
                utc(at),
                orderRef)
            .update();
    if (added > 0) {
      Counter orders =
          Counter.builder("wasla.orders")
              .tag("flow", safeFlow)
              .description(
                  "Orders the sales flows placed, by the flow (BPMN process) that placed them")
              .register(registry);
      AfterCommit.run(orders::increment);
    }
  }

  /** The order was paid (the first payment counts; a repeated callback changes nothing). */
  public void paid(String orderRef, String paymentRef, BigDecimal amountEgp, Instant at) {
    int updated =
        jdbc.sql(
                """
                UPDATE commerce_sale SET payment_ref = ?, paid_egp = ?, paid_at = ?
                WHERE order_ref = ? AND paid_at IS NULL""")
            .params(paymentRef, amountEgp, utc(at), orderRef)
            .update();
    if (updated > 0) {
      String flow =
          jdbc.sql("SELECT flow FROM commerce_sale WHERE order_ref = ?")
              .param(orderRef)
              .query(String.class)
              .single();
      Counter revenue =
          Counter.builder("wasla.revenue.egp")
              .tag("flow", flow)
              .description(
                  "Revenue in EGP: the amounts of paid orders, counted when paid, by the flow that placed them")
              .register(registry);
      double amount = amountEgp.doubleValue();
      AfterCommit.run(() -> revenue.increment(amount));
    }
  }

  /** One order as the reports see it. */
  public record Sale(
      String orderRef,
      String conversationKey,
      String flow,
      BigDecimal amountEgp,
      Instant createdAt,
      BigDecimal paidEgp,
      Instant paidAt) {}

  /** Orders placed in [from, to). */
  public List<Sale> placed(Instant from, Instant to, String phoneNumberId) {
    return query("created_at", from, to, phoneNumberId);
  }

  /** Orders paid in [from, to) (whenever placed). */
  public List<Sale> paidIn(Instant from, Instant to, String phoneNumberId) {
    return query("paid_at", from, to, phoneNumberId);
  }

  /** Every phone number id that has an order. */
  public Set<String> phoneNumberIds() {
    return new HashSet<>(
        jdbc.sql("SELECT DISTINCT phone_number_id FROM commerce_sale").query(String.class).list());
  }

  private List<Sale> query(String column, Instant from, Instant to, String phoneNumberId) {
    List<Object> params = new ArrayList<>(List.of(utc(from), utc(to)));
    String sql =
        "SELECT order_ref, conversation_key, flow, amount_egp, created_at, paid_egp, paid_at"
            + " FROM commerce_sale WHERE "
            + column
            + " >= ? AND "
            + column
            + " < ?";
    if (phoneNumberId != null) {
      sql += " AND phone_number_id = ?";
      params.add(phoneNumberId);
    }
    return jdbc.sql(sql + " ORDER BY " + column + ", order_ref")
        .params(params)
        .query(
            (rs, n) ->
                new Sale(
                    rs.getString("order_ref"),
                    rs.getString("conversation_key"),
                    rs.getString("flow"),
                    rs.getBigDecimal("amount_egp"),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                    rs.getBigDecimal("paid_egp"),
                    rs.getObject("paid_at", OffsetDateTime.class) == null
                        ? null
                        : rs.getObject("paid_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  /** Orders a customer placed within an attribution window, and their amount (EGP). */
  public record Attributed(int orders, BigDecimal revenueEgp) {}

  /**
   * The orders each customer (conversation key) placed from the moment given for them until {@code
   * window} after it: what a campaign's message is credited with.
   */
  public Map<String, Attributed> attributed(Map<String, Instant> since, Duration window) {
    Map<String, Attributed> found = new HashMap<>();
    List<String> keys = List.copyOf(since.keySet());
    for (int from = 0; from < keys.size(); from += 500) {
      List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 500));
      jdbc.sql(
              "SELECT conversation_key, created_at, amount_egp FROM commerce_sale"
                  + " WHERE conversation_key IN ("
                  + String.join(", ", Collections.nCopies(chunk.size(), "?"))
                  + ")")
          .params(new ArrayList<Object>(chunk))
          .query(
              rs -> {
                String key = rs.getString(1);
                Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
                Instant start = since.get(key);
                if (start != null && !at.isBefore(start) && at.isBefore(start.plus(window))) {
                  found.merge(
                      key,
                      new Attributed(1, rs.getBigDecimal(3)),
                      (a, b) ->
                          new Attributed(
                              a.orders() + b.orders(), a.revenueEgp().add(b.revenueEgp())));
                }
              });
    }
    return found;
  }
}
