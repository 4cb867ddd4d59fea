package app.wasla.persona.learning;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.crm.CustomerErased;
import app.wasla.support.PostgresTestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The corrections' SQL on both databases Wasla runs on (the V9 migration applied by Flyway): a turn
 * kept at the handoff, corrections saved and changed (the latest of a task trains), the fingerprint
 * other nodes poll, and an erased customer's words gone from the training data.
 */
class CorrectionsSqlTest {

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void savedChangedPolledAndErased(String database) {
    DataSource dataSource =
        database.equals("h2") ? h2() : PostgresTestDatabase.migrated("wasla_corrections_it");
    List<Object> published = new ArrayList<>();
    Corrections corrections =
        new Corrections(
            JdbcClient.create(dataSource),
            Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC),
            published::add);
    Corrections.Fingerprint empty = corrections.fingerprint();
    assertThat(empty).isEqualTo(new Corrections.Fingerprint(0, 0));

    corrections.recordHandoffTurn("t1", "1:201", "ممكن تغلفوه هدية؟", "human_request", "ar-EG");
    corrections.recordHandoffTurn("t2", "1:202", "x".repeat(5000), "order", "en");
    corrections.recordHandoffTurn(
        "t3", "1:203", "  ", "order", "en"); // no words: nothing to correct
    assertThat(corrections.handoffTurn("t3")).isEmpty();
    assertThat(corrections.handoffTurn("t2").orElseThrow().text()).hasSize(Corrections.MAX_TEXT);
    Corrections.HandoffTurn t1 = corrections.handoffTurn("t1").orElseThrow();
    assertThat(t1.readAs()).isEqualTo("human_request");

    corrections.save(t1, "product_inquiry", Corrections.Kind.INTENT, "nadia");
    Corrections.Correction changed =
        corrections.save(t1, "other", Corrections.Kind.INTENT, "nadia");
    corrections.save(
        corrections.handoffTurn("t2").orElseThrow(),
        "order",
        Corrections.Kind.BOT_SHOULD_HAVE_ANSWERED,
        "sara");
    assertThat(published).hasSize(3);
    assertThat(changed.at()).isEqualTo(Instant.parse("2026-12-05T10:00:00Z"));
    assertThat(corrections.latest("t1").orElseThrow().intent()).isEqualTo("other");
    assertThat(corrections.forTraining())
        .extracting(
            Corrections.Correction::taskId,
            Corrections.Correction::intent,
            Corrections.Correction::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("t1", "other", Corrections.Kind.INTENT),
            org.assertj.core.groups.Tuple.tuple(
                "t2", "order", Corrections.Kind.BOT_SHOULD_HAVE_ANSWERED));
    Corrections.Fingerprint three = corrections.fingerprint();
    assertThat(three.count()).isEqualTo(3);

    corrections.forgetHandoffTurn("t1");
    assertThat(corrections.handoffTurn("t1")).isEmpty();
    assertThat(corrections.forTraining()).hasSize(2); // a saved correction outlives its task

    corrections.erase(new CustomerErased("1:201", Instant.now()));
    assertThat(corrections.forTraining())
        .extracting(Corrections.Correction::taskId)
        .containsExactly("t2");
    assertThat(corrections.fingerprint()).isNotEqualTo(three);
  }

  private static DataSource h2() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:corrections-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    return dataSource;
  }
}
