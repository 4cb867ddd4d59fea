package app.wasla.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.PostgresTestDatabase;
import app.wasla.support.Webhooks;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The mailbox scenarios on the real PostgreSQL at 127.0.0.1:5432. */
class MailboxPostgresTest extends MailboxScenarios {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> PostgresTestDatabase.url("wasla_mailbox_it", true));
    registry.add("spring.datasource.username", () -> PostgresTestDatabase.USER);
    registry.add("spring.datasource.password", () -> "");
  }

  /** Every scenario above ran with it: the engine's batches of inserts go out as multi-row INSERTs. */
  @Test
  void theDriverRewritesBatchedInsertsThoughTheUrlDoesNotAskForIt(@Autowired DataSource dataSource) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      assertThat(connection.getMetaData().getURL()).doesNotContain("reWriteBatchedInserts");
      assertThat(connection.unwrap(BaseConnection.class).getQueryExecutor().isReWriteBatchedInsertsEnabled()).isTrue();
      try (var create = connection.createStatement()) {
        create.execute("CREATE TEMPORARY TABLE batch_probe (n INT)");
      }
      try (var insert = connection.prepareStatement("INSERT INTO batch_probe (n) VALUES (?)")) {
        for (int n = 1; n <= 4; n++) {
          insert.setInt(1, n);
          insert.addBatch();
        }
        // one multi-row statement (the driver rewrites in chunks of powers of two): no count per row
        assertThat(insert.executeBatch()).containsOnly(java.sql.Statement.SUCCESS_NO_INFO);
      }
    }
  }

  /** Every scenario above ran with it too: Camunda's per-turn tables keep room in each page for updates in place. */
  @Test
  void camundasPerTurnTablesLeaveRoomForUpdatesInPlace() {
    assertThat(jdbc.sql("""
            SELECT relname || ':' || array_to_string(reloptions, ',') FROM pg_class
            WHERE relname IN ('act_ru_variable', 'act_hi_varinst', 'act_ru_execution') ORDER BY relname""")
        .query(String.class).list())
        .containsExactly("act_hi_varinst:fillfactor=70", "act_ru_execution:fillfactor=70",
            "act_ru_variable:fillfactor=70");
  }

  /**
   * While one webhook's message waits for its commit (here: for a conversation row another transaction is inserting),
   * the messages of the webhooks that come meanwhile are stored together after it, in one commit; one of them that
   * cannot be stored (a wamid longer than any Meta sends) fails only its own webhook.
   */
  @Test
  void webhooksThatArriveTogetherShareACommitAndABadOneFailsAlone(@Autowired DataSource dataSource,
      @Autowired MeterRegistry meters) throws Exception {
    DistributionSummary perCommit = meters.get("wasla.mailbox.webhook-messages-per-commit").summary();
    long commitsBefore = perCommit.count();
    double storedBefore = perCommit.totalAmount();
    String first = newCustomer();
    List<String> others = IntStream.range(0, 4).mapToObj(i -> newCustomer()).toList();
    String badWamid = "wamid." + "x".repeat(300);
    ExecutorService metas = Executors.newFixedThreadPool(6);
    try (Connection other = dataSource.getConnection()) {
      other.setAutoCommit(false);
      try (var insert = other.prepareStatement("""
          INSERT INTO conversation (conversation_key, phone_number_id, wa_id, created_at, turn_seq)
          VALUES (?, ?, ?, now(), 0)""")) {
        insert.setString(1, key(first));
        insert.setString(2, Webhooks.PHONE_NUMBER_ID);
        insert.setString(3, first);
        insert.executeUpdate();
      }
      Future<Integer> firstAck = metas.submit(() ->
          webhooks.post(Webhooks.text(first, "wamid.group." + first, "hello", Instant.now())));
      await().atMost(PATIENCE).until(() -> jdbc.sql("""
          SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'WITH new_conversation%'""")
          .query(Long.class).single() == 1);
      List<Future<Integer>> otherAcks = new ArrayList<>();
      for (String waId : others) {
        otherAcks.add(metas.submit(() -> webhooks.post(Webhooks.text(waId, "wamid.group." + waId, "hi", Instant.now()))));
      }
      String badCustomer = newCustomer();
      Future<Integer> badAck = metas.submit(() ->
          webhooks.post(Webhooks.text(badCustomer, badWamid, "hi", Instant.now())));
      await().atMost(PATIENCE).until(() -> callersWaitingInGroupCommit() == 5);
      other.rollback();

      assertThat(firstAck.get(30, TimeUnit.SECONDS)).isEqualTo(200);
      for (Future<Integer> ack : otherAcks) {
        assertThat(ack.get(30, TimeUnit.SECONDS)).isEqualTo(200);
      }
      assertThat(badAck.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(500);
    } finally {
      metas.shutdownNow();
    }
    assertThat(perCommit.count() - commitsBefore).isEqualTo(2);
    assertThat(perCommit.totalAmount() - storedBefore).isEqualTo(6);
    for (String waId : others) {
      assertThat(jdbc.sql("SELECT status FROM inbox_message WHERE wamid = ?").param("wamid.group." + waId)
          .query(String.class).single()).isIn("PENDING", "DELIVERED");
      awaitReplies(waId, 1);
    }
    awaitReplies(first, 1);
  }

  private static long callersWaitingInGroupCommit() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getState() == Thread.State.WAITING)
        .filter(t -> List.of(t.getStackTrace()).stream()
            .anyMatch(f -> f.getClassName().equals(app.wasla.system.GroupCommit.class.getName())))
        .count();
  }
}
