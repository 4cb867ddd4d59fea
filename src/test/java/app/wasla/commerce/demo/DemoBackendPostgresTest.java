package app.wasla.commerce.demo;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.commerce.catalogue.Product;
import app.wasla.commerce.catalogue.ProductMatcher;
import app.wasla.commerce.order.Order;
import app.wasla.support.PostgresTestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V5__commerce.sql and the demo store's SQL on the real PostgreSQL (database wasla_commerce_demo), and the
 * product matcher. No Spring context: Flyway and JdbcClient on a plain DataSource.
 */
class DemoBackendPostgresTest {

  static JdbcClient jdbc;
  static DemoBackend store;

  @BeforeAll
  static void migrate() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(PostgresTestDatabase.url("wasla_commerce_demo", true));
    ds.setUser(PostgresTestDatabase.USER);
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    jdbc = JdbcClient.create(ds);
    store = new DemoBackend(jdbc, Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));
  }

  @Test
  void smartInfoFromWaslasOwnTablesIsLocalSoAFirstTurnIsAnsweredAtOnce() {
    assertThat(store.local()).isTrue();
  }

  @Test
  void searchFindsProductsInEgyptianArabicEnglishAndArabicIndicDigits() {
    assertThat(store.search("بكام الايفون ١٥ برو ماكس؟")).extracting(Product::sku).first().isEqualTo("IP15PM-256");
    assertThat(store.search("عندكم ايفون 15؟")).extracting(Product::sku).first().isEqualTo("IP15-128");
    assertThat(store.search("How much is the Galaxy S24")).extracting(Product::sku).containsExactly("SM-S24");
    assertThat(store.search("بكام الشاحن انكر")).extracting(Product::sku).first().isEqualTo("ANK20");
    assertThat(store.search("بكام الموبايل ده؟")).isEmpty();
    assertThat(store.product("APP2").orElseThrow().nameAr()).isEqualTo("إيربودز برو ٢");
  }

  @Test
  void theLastUnitGoesToExactlyOneOfTwoConcurrentOrders() throws Exception {
    jdbc.sql("UPDATE commerce_stock SET on_hand = 1, reserved = 0 WHERE sku = 'IP15PM-256' AND branch_code = 'CAI'")
        .update();
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Optional<Order>>> orders = List.of(1, 2).stream()
        .map(i -> CompletableFuture.supplyAsync(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          return store.place("20100000000" + i, "IP15PM-256", 1, "r" + i);
        })).toList();
    go.countDown();

    long placed = orders.stream().map(CompletableFuture::join).filter(Optional::isPresent).count();
    assertThat(placed).isEqualTo(1);
    assertThat(store.stock("IP15PM-256")).allMatch(s -> s.available() == 0);
  }

  @Test
  void payingTurnsTheReservationIntoASaleAndCancellingReleasesIt() {
    int before = store.stock("GBFE").stream().mapToInt(s -> s.available()).sum();
    Order paid = store.place("201000000009", "GBFE", 1, "r").orElseThrow();
    Order cancelled = store.place("201000000009", "GBFE", 1, "r").orElseThrow();
    assertThat(store.stock("GBFE").stream().mapToInt(s -> s.available()).sum()).isEqualTo(before - 2);

    assertThat(store.markPaid(paid.id(), "PAY-1").status()).isEqualTo(Order.PAID);
    assertThat(store.markPaid(paid.id(), "PAY-1").status()).isEqualTo(Order.PAID);
    store.cancel(cancelled.id(), "test");
    store.cancel(cancelled.id(), "test");
    store.cancel(paid.id(), "a paid order is not cancelled here");

    assertThat(store.stock("GBFE").stream().mapToInt(s -> s.available()).sum()).isEqualTo(before - 1);
    assertThat(store.find(paid.id()).orElseThrow().status()).isEqualTo(Order.PAID);
    assertThat(store.find(cancelled.id()).orElseThrow().status()).isEqualTo(Order.CANCELLED);
    assertThat(store.summary("201000000009").totalSpendEgp()).isEqualByComparingTo("3299");
  }

  @Test
  void freeSlotsSkipBookedOnesAndOpeningHours() {
    List<Instant> slots = store.freeSlots("GLASS_FIT", "CAI", Instant.parse("2026-12-20T08:00:00Z"), 10);
    // 2026-12-20 is a Sunday; Cairo is UTC+2: 11:00 local is 09:00Z, and 12:00 local is booked by the demo customer
    assertThat(slots).first().isEqualTo(Instant.parse("2026-12-20T09:00:00Z"));
    assertThat(slots).doesNotContain(Instant.parse("2026-12-20T10:00:00Z")).hasSize(10);
  }

  @Test
  void theMatcherNormalisesArabicLetterVariantsAndTheArticle() {
    assertThat(ProductMatcher.normalise("الإيربودز  برو ٢!")).isEqualTo("ايربودز برو 2");
    assertThat(ProductMatcher.normalise("سماعة")).isEqualTo("سماعه");
  }
}
