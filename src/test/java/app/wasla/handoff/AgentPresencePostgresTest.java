package app.wasla.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.support.PostgresTestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Agents' presence rows on the real PostgreSQL (database wasla_agent_presence), where two
 * transactions that write the same rows in opposite order deadlock. No Spring context: Flyway,
 * JdbcClient and a DataSourceTransactionManager.
 */
class AgentPresencePostgresTest {

  static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  static JdbcClient jdbc;
  static AgentPresence presence;
  static TransactionTemplate transactions;

  @BeforeAll
  static void migrate() {
    DataSource ds = PostgresTestDatabase.migrated("wasla_agent_presence");
    jdbc = JdbcClient.create(ds);
    presence =
        new AgentPresence(
            jdbc,
            Clock.fixed(NOW, ZoneOffset.UTC),
            new HandoffProperties(
                5, true, null, Map.of(), "supervisors", 30, null, null, null, null, null, null, 3));
    transactions = new TransactionTemplate(new DataSourceTransactionManager(ds));
  }

  @BeforeEach
  void twoAgentsWhoHadNoHandoffYet() {
    jdbc.sql("DELETE FROM agent_presence").update();
    presence.setAvailable("omar", true);
    presence.setAvailable("sara", true);
  }

  @Test
  void twoTransactionsHandingOffToTheSameTwoAgentsInOppositeOrderBothCommit() throws Exception {
    CyclicBarrier bothGaveTheirFirst = new CyclicBarrier(2);
    List<CompletableFuture<Void>> batches =
        List.of(List.of("sara", "omar"), List.of("omar", "sara")).stream()
            .map(
                agents ->
                    CompletableFuture.runAsync(
                        () ->
                            transactions.executeWithoutResult(
                                tx -> {
                                  presence.assigned(agents.get(0));
                                  await(bothGaveTheirFirst);
                                  presence.assigned(agents.get(1));
                                })))
            .toList();

    // a deadlock would fail one of them (PostgreSQL's deadlock_timeout is a second)
    CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    assertThat(
            jdbc.sql("SELECT last_assigned_at FROM agent_presence ORDER BY user_id")
                .query(OffsetDateTime.class)
                .list())
        .containsExactly(NOW.atOffset(ZoneOffset.UTC), NOW.atOffset(ZoneOffset.UTC));
  }

  @Test
  void aTransactionSeesItsOwnHandoffsBeforeTheyAreWritten() {
    transactions.executeWithoutResult(
        tx -> {
          presence.assigned("sara");
          presence.assigned("sara");

          assertThat(presence.assignedInThisTransaction("sara")).isEqualTo(2);
          assertThat(presence.assignedInThisTransaction("omar")).isZero();
          assertThat(presence.of("sara").lastAssignedAt()).isEqualTo(NOW);
          assertThat(presence.of("omar").lastAssignedAt()).isNull();
        });

    assertThat(presence.assignedInThisTransaction("sara")).isZero();
    assertThat(presence.of("sara").lastAssignedAt()).isEqualTo(NOW);
  }

  @Test
  void aRolledBackHandoffLeavesNoTrace() {
    transactions.executeWithoutResult(
        tx -> {
          presence.assigned("sara");
          tx.setRollbackOnly();
        });

    assertThat(presence.of("sara").lastAssignedAt()).isNull();
  }

  @Test
  void outsideATransactionTheHandoffIsWrittenAtOnceEvenForAnAgentWithNoRowYet() {
    presence.assigned("nour");

    assertThat(presence.of("nour")).isEqualTo(new AgentPresence.State(true, NOW));
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
