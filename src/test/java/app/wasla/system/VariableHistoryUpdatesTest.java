package app.wasla.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A variable's history row after updates in later commands, with Wasla's history handler in a real engine on H2
 * and on PostgreSQL: each kind of value lands as Camunda's own update would leave it, without a read of the row;
 * a value that held a byte array leaves none behind; several events of one variable in one command end as the last
 * one says.
 */
class VariableHistoryUpdatesTest {

  private static final String HISTORY_READ = "from ACT_HI_VARINST where ID_";

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void laterUpdatesReachTheHistoryWithoutReadingItsRows(String database) {
    try (RecordingEngine recording = engine(database)) {
      Map<String, Object> first = new HashMap<>();
      first.put("text", "first");
      first.put("count", 1L);
      first.put("score", 0.5);
      first.put("flag", true);
      first.put("empty", null);
      first.put("blob", Variables.byteArrayValue(new byte[] {1, 2, 3}));
      String instance = start(recording.engine, first);

      recording.statements.clear();
      Map<String, Object> later = new HashMap<>();
      later.put("text", "later");
      later.put("count", 2L);
      later.put("score", 1.5);
      later.put("flag", false);
      later.put("empty", "now set");
      later.put("blob", "bytes no more");
      recording.engine.getRuntimeService().setVariables(instance, later);
      recording.engine.getRuntimeService().setVariable(instance, "count", null);

      Map<String, Object> expected = new HashMap<>(later);
      expected.put("count", null);
      assertThat(recording.engine.getRuntimeService().getVariables(instance)).isEqualTo(expected);
      assertThat(history(recording.engine, instance, HistoricVariableInstance.STATE_CREATED)).isEqualTo(expected);
      // the value that held bytes went Camunda's way: its history's byte array is gone with the runtime's
      assertThat(new JdbcTemplate(recording.dataSource).queryForObject(
          "SELECT COUNT(*) FROM ACT_GE_BYTEARRAY WHERE NAME_ = 'blob'", Long.class)).isZero();
      // of the seven updates only that one read its history row first (Camunda's own way reads all seven)
      assertThat(recording.prepared(HISTORY_READ)).hasSize(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void severalEventsOfOneVariableInOneCommandEndAsTheLastSays(String database) {
    try (RecordingEngine recording = engine(database)) {
      String instance = start(recording.engine, Map.of("twice", "a", "gone", "here", "bytes", "plain"));

      recording.statements.clear();
      ((ProcessEngineConfigurationImpl) recording.engine.getProcessEngineConfiguration())
          .getCommandExecutorTxRequired().execute(context -> {
            ExecutionEntity execution = context.getExecutionManager().findExecutionById(instance);
            execution.setVariable("twice", "b");
            execution.setVariable("twice", "c");
            execution.setVariable("gone", "updated first");
            execution.removeVariable("gone");
            execution.setVariable("bytes", "plain again");
            execution.setVariable("bytes", Variables.byteArrayValue(new byte[] {7}));
            return null;
          });

      assertThat(history(recording.engine, instance, HistoricVariableInstance.STATE_CREATED))
          .containsOnlyKeys("twice", "bytes").containsEntry("twice", "c");
      assertThat((byte[]) history(recording.engine, instance, HistoricVariableInstance.STATE_CREATED).get("bytes"))
          .containsExactly(7);
      assertThat(history(recording.engine, instance, HistoricVariableInstance.STATE_DELETED))
          .containsOnlyKeys("gone");
      // only the update to bytes needed the row: Camunda's way, after the unread update is dropped
      assertThat(recording.prepared(HISTORY_READ)).hasSize(1);
    }
  }

  private static RecordingEngine engine(String database) {
    RecordingEngine recording = new RecordingEngine(database,
        new HistoryFilter(new HistoryProperties(List.of(), List.of())));
    recording.engine.getRepositoryService().createDeployment().addModelInstance("wait.bpmn",
        Bpmn.createExecutableProcess("wait").camundaHistoryTimeToLive(1).startEvent().userTask("task").endEvent()
            .done()).deploy();
    return recording;
  }

  private static String start(ProcessEngine engine, Map<String, Object> variables) {
    return engine.getRuntimeService().startProcessInstanceByKey("wait", variables).getId();
  }

  /** The history's variables of the instance in the given state, by name. */
  private static Map<String, Object> history(ProcessEngine engine, String instance, String state) {
    Map<String, Object> values = new HashMap<>();
    for (HistoricVariableInstance variable : engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance).includeDeleted().list()) {
      if (state.equals(variable.getState())) {
        values.put(variable.getName(), variable.getValue());
      }
    }
    return values;
  }
}
