package app.wasla.commerce.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * V5__commerce.sql and the demo store's SQL on the real PostgreSQL (database wasla_commerce_demo),
 * and the product matcher. No Spring context: Flyway, JdbcClient and a DataSourceTransactionManager
 * on a plain DataSource.
 */
class DemoBackendPostgresTest {

  static JdbcClient jdbc;
  static DemoBackend store;
  static TransactionTemplate transactions;

  @BeforeAll
  static void migrate() {
    DataSource ds = PostgresTestDatabase.migrated("wasla_commerce_demo");
    jdbc = JdbcClient.create(ds);
    store =
        new DemoBackend(jdbc, Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));
    transactions = new TransactionTemplate(new DataSourceTransactionManager(ds));
  }

  @Test
  void smartInfoFromWaslasOwnTablesIsLocalSoAFirstTurnIsAnsweredAtOnce() {
    assertThat(store.local()).isTrue();
  }

  @Test
  void searchFindsProductsInEgyptianArabicEnglishAndArabicIndicDigits() {
    assertThat(store.search("بكام الايفون ١٥ برو ماكس؟"))
        .extracting(Product::sku)
        .first()
        .isEqualTo("IP15PM-256");
    assertThat(store.search("عندكم ايفون 15؟"))
        .extracting(Product::sku)
        .first()
        .isEqualTo("IP15-128");
    assertThat(store.search("How much is the Galaxy S24"))
        .extracting(Product::sku)
        .containsExactly("SM-S24");
    assertThat(store.search("بكام الشاحن انكر"))
        .extracting(Product::sku)
        .first()
        .isEqualTo("ANK20");
    assertThat(store.search("بكام الموبايل ده؟")).isEmpty();
    assertThat(store.product("APP2").orElseThrow().nameAr()).isEqualTo("إيربودز برو ٢");
  }

  @Test
  void theLastUnitGoesToExactlyOneOfTwoConcurrentOrders() throws Exception {
    jdbc.sql(
            "UPDATE commerce_stock SET on_hand = 1, reserved = 0 WHERE sku = 'IP15PM-256' AND branch_code = 'CAI'")
        .update();
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Optional<Order>>> orders =
        List.of(1, 2).stream()
            .map(
                i ->
                    CompletableFuture.supplyAsync(
                        () -> {
                          try {
                            go.await();
                          } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                          }
                          return store.place("20100000000" + i, "IP15PM-256", 1, "r" + i);
                        }))
            .toList();
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
    assertThat(store.stock("GBFE").stream().mapToInt(s -> s.available()).sum())
        .isEqualTo(before - 2);

    assertThat(store.markPaid(paid.id(), "PAY-1").status()).isEqualTo(Order.PAID);
    assertThat(store.markPaid(paid.id(), "PAY-1").status()).isEqualTo(Order.PAID);
    store.cancel(cancelled.id(), "test");
    store.cancel(cancelled.id(), "test");
    store.cancel(paid.id(), "a paid order is not cancelled here");

    assertThat(store.stock("GBFE").stream().mapToInt(s -> s.available()).sum())
        .isEqualTo(before - 1);
    assertThat(store.find(paid.id()).orElseThrow().status()).isEqualTo(Order.PAID);
    assertThat(store.find(cancelled.id()).orElseThrow().status()).isEqualTo(Order.CANCELLED);
    assertThat(store.summary("201000000009").totalSpendEgp()).isEqualByComparingTo("3299");
  }

  @Test
  void twoTransactionsOrderingTwoProductsInOppositeOrderBothCommit() throws Exception {
    // the shape of two mailbox transactions that each carry several conversations' turns
    int freePodsBefore = available("ORFP4");
    int powerBankBefore = available("ANKPB10");
    CyclicBarrier bothOrderedOnce = new CyclicBarrier(2);
    List<CompletableFuture<List<Order>>> transactionsDone =
        List.of(List.of("ORFP4", "ANKPB10"), List.of("ANKPB10", "ORFP4")).stream()
            .map(
                skus ->
                    CompletableFuture.supplyAsync(
                        () ->
                            transactions.execute(
                                status -> {
                                  Order first =
                                      store
                                          .place("201000000031", skus.get(0), 1, "r")
                                          .orElseThrow();
                                  await(bothOrderedOnce);
                                  Order second =
                                      store
                                          .place("201000000031", skus.get(1), 1, "r")
                                          .orElseThrow();
                                  return List.of(first, second);
                                })))
            .toList();

    for (CompletableFuture<List<Order>> done : transactionsDone) {
      assertThat(done.get(30, TimeUnit.SECONDS)).hasSize(2);
    }
    assertThat(available("ORFP4")).isEqualTo(freePodsBefore - 2);
    assertThat(available("ANKPB10")).isEqualTo(powerBankBefore - 2);
  }

  @Test
  void anOrderWhoseLastUnitWentElsewhereBeforeItsCommitRollsBack() throws Exception {
    jdbc.sql(
            "UPDATE commerce_stock SET on_hand = CASE branch_code WHEN 'CAI' THEN 1 ELSE 0 END, reserved = 0 "
                + "WHERE sku = 'AWSE'")
        .update();

    assertThatThrownBy(
            () ->
                transactions.executeWithoutResult(
                    status -> {
                      assertThat(store.place("201000000041", "AWSE", 1, "late")).isPresent();
                      // its own order counts at once, though the stock row is written only at the
                      // commit
                      assertThat(available("AWSE")).isZero();
                      // meanwhile another customer's transaction takes the unit and commits first
                      // (it would wait for this one's row lock if the row were written already:
                      // hence the time limit)
                      Optional<Order> first =
                          within10Seconds(
                              CompletableFuture.supplyAsync(
                                  () ->
                                      transactions.execute(
                                          other ->
                                              store.place("201000000042", "AWSE", 1, "early"))));
                      assertThat(first).isPresent();
                    }))
        .isInstanceOf(StockChanges.StockTakenException.class);

    assertThat(store.forCustomer("201000000041", 5)).isEmpty();
    assertThat(store.forCustomer("201000000042", 5))
        .extracting(Order::status)
        .containsExactly(Order.RESERVED);
    assertThat(available("AWSE")).isZero();
    assertThat(
            jdbc.sql(
                    "SELECT reserved FROM commerce_stock WHERE sku = 'AWSE' AND branch_code = 'CAI'")
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void aSecondPaymentConfirmationInTheSameTransactionSellsTheUnitOnce() {
    Order order = store.place("201000000051", "SM25", 1, "r").orElseThrow();
    int onHandBefore = onHand("SM25");

    transactions.executeWithoutResult(
        status -> {
          store.markPaid(order.id(), "PAY-51");
          store.markPaid(order.id(), "PAY-51");
          store.cancel(order.id(), "too late: it is paid");
        });

    assertThat(onHand("SM25")).isEqualTo(onHandBefore - 1);
    assertThat(store.find(order.id()).orElseThrow().status()).isEqualTo(Order.PAID);
  }

  private static int available(String sku) {
    return store.stock(sku).stream().mapToInt(s -> s.available()).sum();
  }

  private static int onHand(String sku) {
    return jdbc.sql("SELECT SUM(on_hand) FROM commerce_stock WHERE sku = ?")
        .param(sku)
        .query(Integer.class)
        .single();
  }

  private static <T> T within10Seconds(CompletableFuture<T> future) {
    try {
      return future.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void freeSlotsSkipBookedOnesAndOpeningHours() {
    List<Instant> slots =
        store.freeSlots("GLASS_FIT", "CAI", Instant.parse("2026-12-20T08:00:00Z"), 10);
    // 2026-12-20 is a Sunday; Cairo is UTC+2: 11:00 local is 09:00Z, and 12:00 local is booked by
    // the demo customer
    assertThat(slots).first().isEqualTo(Instant.parse("2026-12-20T09:00:00Z"));
    assertThat(slots).doesNotContain(Instant.parse("2026-12-20T10:00:00Z")).hasSize(10);
  }

  @Test
  void theMatcherNormalisesArabicLetterVariantsAndTheArticle() {
    assertThat(ProductMatcher.normalise("الإيربودز  برو ٢!")).isEqualTo("ايربودز برو 2");
    assertThat(ProductMatcher.normalise("سماعة")).isEqualTo("سماعه");
  }
}
