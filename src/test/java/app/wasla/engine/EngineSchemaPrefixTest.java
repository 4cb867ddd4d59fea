package app.wasla.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link EngineSchema} and {@link JobDueDates} on an engine with a table prefix: their statements
 * name Camunda's tables with it, and what they change is there. Fails when a Camunda upgrade drops
 * a column they index or update.
 */
class EngineSchemaPrefixTest {

  @ParameterizedTest
  @ValueSource(strings = {"h2", "pg"})
  void indexesFillFactorAndDueDatesLandOnThePrefixedTables(String database) {
    try (RecordingEngine recording =
        new RecordingEngine(
            database,
            "public.",
            recorded -> List.of(new EngineSchema(recorded, 70), new JobDueDates(recorded)))) {
      List<String> wasla =
          recording.statements.stream()
              .filter(
                  sql ->
                      sql.contains("WASLA_IDX")
                          || sql.contains("fillfactor")
                          || sql.contains("DUEDATE_ IS NULL"))
              .toList();
      assertThat(wasla)
          .isNotEmpty()
          .allMatch(sql -> sql.contains("public.ACT_"), "named with the prefix");
      JdbcClient jdbc = JdbcClient.create(recording.dataSource);
      String indexes =
          "h2".equals(database)
              ? "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_NAME LIKE 'WASLA_IDX%'"
              : "SELECT upper(indexname) FROM pg_indexes WHERE indexname LIKE 'wasla_idx%'";
      assertThat(jdbc.sql(indexes).query(String.class).list()).contains(EngineSchema.JOB_DUE_DATE);
      if ("pg".equals(database)) {
        assertThat(
                jdbc.sql(
                        "SELECT count(*) FROM pg_class WHERE relname = 'act_ru_variable' "
                            + "AND 'fillfactor=70' = ANY (reloptions)")
                    .query(Long.class)
                    .single())
            .isEqualTo(1);
      }

      recording
          .engine
          .getRepositoryService()
          .createDeployment()
          .addModelInstance(
              "async.bpmn",
              Bpmn.createExecutableProcess("async")
                  .camundaHistoryTimeToLive(1)
                  .startEvent()
                  .camundaAsyncBefore()
                  .endEvent()
                  .done())
          .deploy();
      recording.engine.getRuntimeService().startProcessInstanceByKey("async");
      Job job = recording.engine.getManagementService().createJobQuery().singleResult();
      assertThat(job.getDuedate()).isNotNull();
    }
  }
}
