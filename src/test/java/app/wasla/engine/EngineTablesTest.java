package app.wasla.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wasla's SQL on Camunda's runtime tables against a real engine: what it reads is what the engine
 * wrote, under the configured table prefix. Fails when a Camunda upgrade renames a table or column
 * these statements rely on, or changes what a process instance row or a message subscription row
 * holds.
 */
class EngineTablesTest {

  private static final String PREFIX = "public.";

  @ParameterizedTest
  @ValueSource(strings = {"h2", "pg"})
  void aWaitingInstanceIsFoundAliveAndWaitingUnderThePrefixAndNotOnceItMovesOn(String database) {
    try (RecordingEngine recording = new RecordingEngine(database, PREFIX)) {
      RuntimeService runtime = recording.engine.getRuntimeService();
      recording
          .engine
          .getRepositoryService()
          .createDeployment()
          .addModelInstance(
              "wait.bpmn",
              Bpmn.createExecutableProcess("wait")
                  .camundaHistoryTimeToLive(1)
                  .startEvent()
                  .intermediateCatchEvent("atRest")
                  .message("CustomerMessage")
                  .intermediateCatchEvent("later")
                  .message("CustomerMessage")
                  .endEvent()
                  .done())
          .deploy();
      ProcessInstance instance = runtime.startProcessInstanceByKey("wait", "tenant:customer");
      EngineTables tables =
          new EngineTables(recording.engine, JdbcClient.create(recording.recorded));
      recording.statements.clear();

      assertThat(tables.hasLiveInstance("tenant:customer")).isTrue();
      assertThat(tables.hasLiveInstance("tenant:other")).isFalse();
      List<EngineTables.MessageWait> waits =
          tables.messageWaitsBefore(
              "CustomerMessage",
              List.of("atRest", "x"),
              Instant.now().plus(1, ChronoUnit.HOURS),
              10);
      assertThat(waits)
          .singleElement()
          .satisfies(
              wait -> {
                assertThat(wait.processInstanceId()).isEqualTo(instance.getId());
                assertThat(wait.processDefinitionId()).isEqualTo(instance.getProcessDefinitionId());
                assertThat(wait.activityId()).isEqualTo("atRest");
                assertThat(wait.businessKey()).isEqualTo("tenant:customer");
                assertThat(wait.since()).isBefore(Instant.now().plusSeconds(1));
              });
      assertThat(
              tables.messageWaitsBefore(
                  "CustomerMessage", List.of("atRest"), Instant.now().minusSeconds(3600), 10))
          .isEmpty();
      String subscription = waits.get(0).subscriptionId();
      assertThat(tables.subscriptionExists(subscription)).isTrue();
      assertThat(recording.prepared("ACT_"))
          .isNotEmpty()
          .allMatch(sql -> !sql.matches(".*[^.]ACT_.*"), "every table named with the prefix");

      runtime.correlateMessage("CustomerMessage", "tenant:customer");

      assertThat(tables.subscriptionExists(subscription)).isFalse();
      assertThat(
              tables.messageWaitsBefore(
                  "CustomerMessage",
                  List.of("atRest"),
                  Instant.now().plus(1, ChronoUnit.HOURS),
                  10))
          .isEmpty();
      runtime.correlateMessage("CustomerMessage", "tenant:customer");
      assertThat(tables.hasLiveInstance("tenant:customer")).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2"})
  void theLiveInstanceConditionReadsTheEnginesTableUnderThePrefix(String database) {
    try (RecordingEngine recording = new RecordingEngine(database, PREFIX)) {
      recording
          .engine
          .getRepositoryService()
          .createDeployment()
          .addModelInstance(
              "wait.bpmn",
              Bpmn.createExecutableProcess("wait")
                  .camundaHistoryTimeToLive(1)
                  .startEvent()
                  .intermediateCatchEvent()
                  .message("CustomerMessage")
                  .endEvent()
                  .done())
          .deploy();
      recording.engine.getRuntimeService().startProcessInstanceByKey("wait", "tenant:customer");
      EngineTables tables =
          new EngineTables(recording.engine, JdbcClient.create(recording.recorded));
      JdbcClient jdbc = JdbcClient.create(recording.dataSource);

      String condition = tables.liveInstanceOf("k.conversation_key");
      assertThat(condition).contains(PREFIX + "ACT_RU_EXECUTION");
      String sql =
          "SELECT k.conversation_key FROM (SELECT 'tenant:customer' AS conversation_key UNION ALL "
              + "SELECT 'tenant:other') k WHERE "
              + condition;
      assertThat(jdbc.sql(sql).query(String.class).list()).containsExactly("tenant:customer");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2"})
  void aPrefixThatNamesNoSchemaFailsTheStatementInsteadOfReadingAnotherTable(String database) {
    try (RecordingEngine recording = new RecordingEngine(database)) {
      assertThat(
              new EngineTables(recording.engine, JdbcClient.create(recording.dataSource))
                  .table("ACT_RU_JOB"))
          .isEqualTo("ACT_RU_JOB");
      EngineTables elsewhere = new EngineTables("nosuch.", JdbcClient.create(recording.dataSource));
      assertThatThrownBy(() -> elsewhere.hasLiveInstance("tenant:customer"))
          .isInstanceOf(BadSqlGrammarException.class)
          .hasMessageContaining("FROM nosuch.ACT_RU_EXECUTION");
    }
  }
}
