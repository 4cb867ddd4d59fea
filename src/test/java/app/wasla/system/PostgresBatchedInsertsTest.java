package app.wasla.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which data sources get the driver's batch rewrite (its effect on a real connection:
 * MailboxPostgresTest).
 */
class PostgresBatchedInsertsTest {

  @Test
  void onlyPostgresUrlsThatDoNotSayOtherwise() {
    assertThat(PostgresBatchedInserts.applies("jdbc:postgresql://db:5432/wasla")).isTrue();
    assertThat(
            PostgresBatchedInserts.applies(
                "jdbc:postgresql://db/wasla?reWriteBatchedInserts=false"))
        .isFalse();
    assertThat(PostgresBatchedInserts.applies("jdbc:h2:file:./data/wasla")).isFalse();
    assertThat(PostgresBatchedInserts.applies(null)).isFalse();
  }
}
