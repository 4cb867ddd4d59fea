package app.wasla.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.support.Webhooks;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The mailbox scenarios on the embedded H2. */
class MailboxH2Test extends MailboxScenarios {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:mailbox-it;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
  }

  /**
   * Each turn loads its conversation's variables by execution with TASK_ID_ IS NULL. With
   * statistics that make the execution id look unselective (as H2's automatic ANALYZE produced
   * under load), H2 read every variable through the TASK_ID_ index; Wasla's index on both columns
   * keeps the lookup on the execution.
   */
  @Test
  void aTurnsVariablesAreReadByTheirExecutionWhateverH2sStatisticsSay() throws Exception {
    String waId = newCustomer();
    webhooks.post(Webhooks.text(waId, "wamid.idx." + waId, "hello", Instant.now()));
    awaitReplies(waId, 1);
    String query =
        "EXPLAIN SELECT * FROM ACT_RU_VARIABLE RES WHERE EXECUTION_ID_ = 'x' AND TASK_ID_ IS NULL";
    try {
      jdbc.sql("ALTER TABLE ACT_RU_VARIABLE ALTER COLUMN EXECUTION_ID_ SELECTIVITY 1").update();
      assertThat(jdbc.sql(query).query(String.class).single())
          .contains("WASLA_IDX_VAR_EXEC_TASK")
          .doesNotContain("ACT_IDX_VARIABLE_TASK_ID");
    } finally {
      jdbc.sql("ANALYZE TABLE ACT_RU_VARIABLE").update();
    }
  }
}
