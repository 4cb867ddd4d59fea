package app.wasla.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.support.PostgresTestDatabase;
import java.sql.Connection;
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
}
