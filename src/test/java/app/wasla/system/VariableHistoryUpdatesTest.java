package app.wasla.system;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.support.PostgresTestDatabase;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A variable's history row after updates in later commands, with Wasla's history handler in a real engine on H2
 * and on PostgreSQL: each kind of value lands as Camunda's own update would leave it, without a read of the row,
 * and a value that held a byte array leaves none behind.
 */
class VariableHistoryUpdatesTest {

  private final List<String> statements = new CopyOnWriteArrayList<>();
  private DataSource dataSource;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void laterUpdatesReachTheHistoryWithoutReadingItsRows(String database) {
    ProcessEngine engine = engine(database);
    try {
      engine.getRepositoryService().createDeployment().addModelInstance("wait.bpmn",
          Bpmn.createExecutableProcess("wait").camundaHistoryTimeToLive(1).startEvent().userTask("task").endEvent()
              .done()).deploy();
      Map<String, Object> first = new HashMap<>();
      first.put("text", "first");
      first.put("count", 1L);
      first.put("score", 0.5);
      first.put("flag", true);
      first.put("empty", null);
      first.put("blob", Variables.byteArrayValue(new byte[] {1, 2, 3}));
      String instance = engine.getRuntimeService().startProcessInstanceByKey("wait", first).getId();

      statements.clear();
      Map<String, Object> later = new HashMap<>();
      later.put("text", "later");
      later.put("count", 2L);
      later.put("score", 1.5);
      later.put("flag", false);
      later.put("empty", "now set");
      later.put("blob", "bytes no more");
      engine.getRuntimeService().setVariables(instance, later);
      engine.getRuntimeService().setVariable(instance, "count", null);

      Map<String, Object> expected = new HashMap<>(later);
      expected.put("count", null);
      assertThat(engine.getRuntimeService().getVariables(instance)).isEqualTo(expected);
      Map<String, Object> historic = new HashMap<>();
      for (HistoricVariableInstance variable : engine.getHistoryService().createHistoricVariableInstanceQuery()
          .processInstanceId(instance).list()) {
        historic.put(variable.getName(), variable.getValue());
        assertThat(variable.getState()).isEqualTo(HistoricVariableInstance.STATE_CREATED);
      }
      assertThat(historic).isEqualTo(expected);
      // the value that held bytes went Camunda's way: its history's byte array is gone with the runtime's
      assertThat(new JdbcTemplate(dataSource).queryForObject(
          "SELECT COUNT(*) FROM ACT_GE_BYTEARRAY WHERE NAME_ = 'blob'", Long.class)).isZero();
      // of the seven updates only that one read its history row first (Camunda's own way reads all seven)
      assertThat(statements).filteredOn(sql -> sql.contains("from ACT_HI_VARINST where ID_")).hasSize(1);
    } finally {
      engine.close();
    }
  }

  private ProcessEngine engine(String database) {
    StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
    config.setProcessEngineName("variable-history-" + database);
    dataSource = dataSource(database);
    config.setDataSource(recording(dataSource));
    config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
    config.setHistory(ProcessEngineConfiguration.HISTORY_AUDIT);
    config.setJobExecutorActivate(false);
    config.setMetricsEnabled(false);
    config.getProcessEnginePlugins().add(new HistoryFilter(new HistoryProperties(List.of(), List.of())));
    return config.buildProcessEngine();
  }

  private static DataSource dataSource(String database) {
    if ("h2".equals(database)) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:variable-history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
      return h2;
    }
    PGSimpleDataSource postgres = new PGSimpleDataSource();
    postgres.setUrl(PostgresTestDatabase.url("wasla_variable_history", true));
    postgres.setUser(PostgresTestDatabase.USER);
    return postgres;
  }

  /** The data source, recording the SQL of every statement the engine prepares. */
  private DataSource recording(DataSource target) {
    return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
        forwarding((method, args) -> {
          if (method.getName().equals("getConnection")) {
            Connection connection = (Connection) method.invoke(target, args);
            return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                forwarding((m, a) -> {
                  if (m.getName().startsWith("prepare") && a != null && a[0] instanceof String sql) {
                    statements.add(sql.replaceAll("\\s+", " "));
                  }
                  return m.invoke(connection, a);
                }));
          }
          return method.invoke(target, args);
        }));
  }

  private interface Call {
    Object invoke(java.lang.reflect.Method method, Object[] args) throws Exception;
  }

  private static InvocationHandler forwarding(Call call) {
    return (proxy, method, args) -> {
      try {
        return call.invoke(method, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
  }
}
