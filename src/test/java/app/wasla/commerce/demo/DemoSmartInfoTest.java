package app.wasla.commerce.demo;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.commerce.order.Order;
import app.wasla.commerce.smartinfo.CustomerSummary;
import app.wasla.support.PostgresTestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo store's Smart Info, one statement on Wasla's own tables, on H2 (the embedded default)
 * and PostgreSQL: every figure from a customer with orders, payments and bookings in every state,
 * and a customer with none.
 */
class DemoSmartInfoTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void smartInfoCountsWhatWasBoughtWhatIsOpenAndWhatIsBooked(String database) {
    JdbcClient jdbc = JdbcClient.create(migrated(database));
    DemoBackend store = new DemoBackend(jdbc, Clock.fixed(NOW, ZoneOffset.UTC));
    String customer = "20109" + (System.nanoTime() % 10_000_000);

    Order paid = store.place(customer, "GBFE", 1, "r").orElseThrow();
    store.markPaid(paid.id(), "PAY-1");
    Order cancelled = store.place(customer, "ANK20", 1, "r").orElseThrow();
    store.cancel(cancelled.id(), "changed my mind");
    Order reserved = store.place(customer, "CASE", 2, "r").orElseThrow();
    payment(jdbc, customer, "OPEN", "1200.50");
    payment(jdbc, customer, "OPEN", "99.50");
    payment(jdbc, customer, "PAID", "3299");
    booking(jdbc, customer, NOW.plusSeconds(86_400), "BOOKED");
    booking(jdbc, customer, NOW.plusSeconds(172_800), "BOOKED");
    booking(jdbc, customer, NOW.minusSeconds(86_400), "BOOKED");
    booking(jdbc, customer, NOW.plusSeconds(3_600), "CANCELLED");

    CustomerSummary summary = store.summary(customer);

    assertThat(summary.orders()).isEqualTo(1);
    assertThat(summary.totalSpendEgp()).isEqualByComparingTo(paid.amountEgp());
    assertThat(summary.lastOrder())
        .isEqualTo(reserved.id() + " · " + reserved.productNameEn() + " · RESERVED");
    assertThat(summary.openPayments()).isEqualTo(2);
    assertThat(summary.openPaymentsEgp()).isEqualByComparingTo("1300.00");
    assertThat(summary.openBookings()).isEqualTo(2);
    assertThat(summary.lastOrderAt()).isEqualTo(NOW);

    CustomerSummary nobody =
        store.summary("20100000" + UUID.randomUUID().toString().substring(0, 4));
    assertThat(nobody.orders()).isZero();
    assertThat(nobody.totalSpendEgp()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(nobody.lastOrder()).isNull();
    assertThat(nobody.openPayments()).isZero();
    assertThat(nobody.openPaymentsEgp()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(nobody.openBookings()).isZero();
    assertThat(nobody.lastOrderAt()).isNull();
    assertThat(nobody.isEmpty()).isTrue();
  }

  private static DataSource migrated(String database) {
    if ("postgres".equals(database)) {
      return PostgresTestDatabase.migrated("wasla_demo_smart_info");
    }
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:smart-info-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
    return h2;
  }

  private static void payment(JdbcClient jdbc, String customer, String status, String amount) {
    OffsetDateTime at = NOW.atOffset(ZoneOffset.UTC);
    jdbc.sql(
            """
            INSERT INTO commerce_payment (id, provider, order_ref, customer_id, conversation_key, amount_egp, status,
              created_at, updated_at)
            VALUES (?, 'sandbox', 'ORD-1', ?, ?, ?, ?, ?, ?)""")
        .params(
            UUID.randomUUID().toString(),
            customer,
            "123:" + customer,
            new BigDecimal(amount),
            status,
            at,
            at)
        .update();
  }

  private static void booking(JdbcClient jdbc, String customer, Instant startsAt, String status) {
    jdbc.sql(
            """
            INSERT INTO commerce_booking (customer_id, service_code, branch_code, starts_at, status, updated_at)
            VALUES (?, 'GLASS_FIT', 'CAI', ?, ?, ?)""")
        .params(customer, startsAt.atOffset(ZoneOffset.UTC), status, NOW.atOffset(ZoneOffset.UTC))
        .update();
  }
}
