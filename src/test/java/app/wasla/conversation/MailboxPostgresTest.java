package app.wasla.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.engine.EngineTables;
import app.wasla.support.PostgresTestDatabase;
import app.wasla.support.Webhooks;
import app.wasla.system.GroupCommit;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
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

/** The mailbox scenarios on a real PostgreSQL ({@link app.wasla.support.PostgresTestDatabase}). */
class MailboxPostgresTest extends MailboxScenarios {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> PostgresTestDatabase.url("wasla_mailbox_it", true));
    registry.add("spring.datasource.username", () -> PostgresTestDatabase.USER);
    registry.add("spring.datasource.password", () -> "");
  }

  /**
   * Every message was pending once: until vacuum runs, the pending part of ix_inbox_pending keeps
   * an entry for each message delivered since. A plan that scans that part for all the locked
   * conversations at once (the planner's choice when its statistics say few entries are pending)
   * reads all of them; the mailbox's statements probe each conversation's own entries instead,
   * whatever is left behind (docs/benchmark.md).
   */
  @Test
  void
      theLockAndThePendingCheckReadOnlyTheirConversationsEntriesWhateverDeliveredMessagesLeftInTheIndex(
          @Autowired DataSource dataSource, @Autowired EngineTables engineTables) throws Exception {
    String prefix = "dead-" + newCustomer();
    List<String> keys = List.of(prefix + ":a", prefix + ":b", prefix + ":c");
    try (Connection connection = dataSource.getConnection();
        var sql = connection.createStatement()) {
      connection.setAutoCommit(false);
      // 20,000 messages of other conversations, pending and delivered in one transaction (the
      // mailbox never sees
      // them pending): their pending versions stay in the index as dead entries
      sql.execute(
          "INSERT INTO conversation (conversation_key, phone_number_id, wa_id, created_at, turn_seq) "
              + "SELECT '"
              + prefix
              + ":' || n, 'dead', 'dead', now(), 1 FROM generate_series(1, 20000) n");
      sql.execute(
          "INSERT INTO inbox_message (wamid, conversation_key, message_name, message_type, text, wa_timestamp, "
              + "received_at, status) SELECT 'wamid."
              + prefix
              + ".' || n, '"
              + prefix
              + ":' || n, 'CustomerMessage', "
              + "'text', 'hi', now(), now(), 'PENDING' FROM generate_series(1, 20000) n");
      sql.execute(
          "UPDATE inbox_message SET status = 'DELIVERED', turn_seq = 1 WHERE wamid LIKE 'wamid."
              + prefix
              + ".%'");
      for (String key : keys) {
        sql.execute(
            "INSERT INTO conversation (conversation_key, phone_number_id, wa_id, created_at, turn_seq) "
                + "VALUES ('"
                + key
                + "', 'dead', 'dead', now(), 3)");
      }
      connection.commit();
      connection.setAutoCommit(true);
      // the statistics now say that next to nothing is pending
      sql.execute("ANALYZE inbox_message");
      String inKeys = String.join(", ", keys.stream().map(k -> "'" + k + "'").toList());

      // the scenario is what it claims: a join of the conversations with the pending entries scans
      // the dead ones
      long joined =
          buffers(
              sql,
              """
          SELECT c.conversation_key, m.id FROM conversation c
          LEFT JOIN inbox_message m ON m.conversation_key = c.conversation_key AND m.status = 'PENDING'
          WHERE c.conversation_key IN (%s) ORDER BY c.conversation_key, m.wa_timestamp, m.id
          FOR NO KEY UPDATE OF c SKIP LOCKED"""
                  .formatted(inKeys));
      long locked =
          buffers(
              sql,
              Inbox.lockWithPendingSql(engineTables.liveInstanceOf("c.conversation_key"))
                  .replace(":keys", inKeys));
      long checked = buffers(sql, Inbox.WITH_PENDING.replace(":keys", inKeys));

      assertThat(joined).isGreaterThan(100);
      assertThat(locked).isLessThan(40);
      assertThat(checked).isLessThan(40);
    } finally {
      jdbc.sql("DELETE FROM inbox_message WHERE conversation_key LIKE ?")
          .param(prefix + ":%")
          .update();
      jdbc.sql("DELETE FROM conversation WHERE conversation_key LIKE ?")
          .param(prefix + ":%")
          .update();
    }
  }

  /**
   * Shared buffers (hit and read) the statement's execution touched, from EXPLAIN (ANALYZE,
   * BUFFERS).
   */
  private static long buffers(java.sql.Statement sql, String statement) throws Exception {
    try (var rs = sql.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + statement)) {
      rs.next();
      com.fasterxml.jackson.databind.JsonNode plan =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(rs.getString(1))
              .get(0)
              .get("Plan");
      return plan.get("Shared Hit Blocks").asLong() + plan.get("Shared Read Blocks").asLong();
    }
  }

  /**
   * Every scenario above ran with it: the engine's batches of inserts go out as multi-row INSERTs.
   */
  @Test
  void theDriverRewritesBatchedInsertsThoughTheUrlDoesNotAskForIt(@Autowired DataSource dataSource)
      throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      assertThat(connection.getMetaData().getURL()).doesNotContain("reWriteBatchedInserts");
      assertThat(
              connection
                  .unwrap(BaseConnection.class)
                  .getQueryExecutor()
                  .isReWriteBatchedInsertsEnabled())
          .isTrue();
      try (var create = connection.createStatement()) {
        create.execute("CREATE TEMPORARY TABLE batch_probe (n INT)");
      }
      try (var insert = connection.prepareStatement("INSERT INTO batch_probe (n) VALUES (?)")) {
        for (int n = 1; n <= 4; n++) {
          insert.setInt(1, n);
          insert.addBatch();
        }
        // one multi-row statement (the driver rewrites in chunks of powers of two): no count per
        // row
        assertThat(insert.executeBatch()).containsOnly(java.sql.Statement.SUCCESS_NO_INFO);
      }
    }
  }

  /**
   * Every scenario above ran with it too: Camunda's per-turn tables keep room in each page for
   * updates in place.
   */
  @Test
  void camundasPerTurnTablesLeaveRoomForUpdatesInPlace() {
    assertThat(
            jdbc.sql(
                    """
            SELECT relname || ':' || array_to_string(reloptions, ',') FROM pg_class
            WHERE relname IN ('act_ru_variable', 'act_hi_varinst', 'act_ru_execution') ORDER BY relname""")
                .query(String.class)
                .list())
        .containsExactly(
            "act_hi_varinst:fillfactor=70",
            "act_ru_execution:fillfactor=70",
            "act_ru_variable:fillfactor=70");
  }

  /**
   * While one SENT mark waits (here: for a row lock another transaction holds), the marks of the
   * sends that finish meanwhile are written together after it, in one commit (system/GroupCommit;
   * timing-free: the wait is a lock).
   */
  @Test
  void sendsMarkedWhileAnotherMarkIsBeingWrittenShareOneCommit(
      @Autowired SentMarks sentMarks,
      @Autowired DataSource dataSource,
      @Autowired MeterRegistry meters)
      throws Exception {
    String waId = newCustomer();
    ConversationKey key = new ConversationKey(Webhooks.PHONE_NUMBER_ID, waId);
    List<String> sends = IntStream.range(0, 6).mapToObj(i -> "marks-" + waId + "-" + i).toList();
    for (String send : sends) {
      jdbc.sql(
              """
          INSERT INTO outbound_message (idempotency_key, conversation_key, phone_number_id, wa_id, message_type,
            body_json, status, created_at)
          VALUES (?, ?, ?, ?, 'text', '{}', 'QUEUED', CURRENT_TIMESTAMP)""")
          .params(send, key.value(), key.phoneNumberId(), key.waId())
          .update();
    }
    var perWrite = meters.get("wasla.outbox.sent-marks-per-write").summary();
    long writesBefore = perWrite.count();
    var message = new OutboundMessage.Text("hi", false);
    var senders = Executors.newFixedThreadPool(6);
    try (Connection other = dataSource.getConnection()) {
      other.setAutoCommit(false);
      try (var lock =
          other.prepareStatement(
              "SELECT 1 FROM outbound_message WHERE idempotency_key = ? FOR UPDATE")) {
        lock.setString(1, sends.get(0));
        lock.executeQuery().close();
      }
      var first = senders.submit(() -> sentMarks.mark(key, message, sends.get(0), "wamid.out.0"));
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  jdbc.sql(
                              """
          SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%SET status = ''SENT''%'""")
                          .query(Long.class)
                          .single()
                      == 1);
      List<Future<?>> others = new ArrayList<>();
      for (int i = 1; i < sends.size(); i++) {
        int n = i;
        others.add(
            senders.submit(() -> sentMarks.mark(key, message, sends.get(n), "wamid.out." + n)));
      }
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  Thread.getAllStackTraces().keySet().stream()
                          .filter(t -> t.getState() == Thread.State.WAITING)
                          .filter(
                              t ->
                                  List.of(t.getStackTrace()).stream()
                                      .anyMatch(
                                          f ->
                                              f.getClassName().equals(GroupCommit.class.getName())))
                          .count()
                      == 5);
      other.rollback();

      first.get(30, TimeUnit.SECONDS);
      for (var each : others) {
        each.get(30, TimeUnit.SECONDS);
      }
    } finally {
      senders.shutdownNow();
    }
    assertThat(perWrite.count() - writesBefore).isEqualTo(2);
    assertThat(
            jdbc.sql(
                    "SELECT wamid FROM outbound_message WHERE conversation_key = ? AND status = 'SENT' ORDER BY id")
                .param(key.value())
                .query(String.class)
                .list())
        .containsExactly(
            "wamid.out.0",
            "wamid.out.1",
            "wamid.out.2",
            "wamid.out.3",
            "wamid.out.4",
            "wamid.out.5");
  }
}
