package app.wasla.engine;

import app.wasla.support.PostgresTestDatabase;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real Camunda engine with Wasla's engine plugins under test, on a fresh H2 or PostgreSQL
 * database, history {@code audit} as Wasla's default, recording the SQL of every statement prepared
 * or executed on its connections: for tests that check what the engine and the plugins ask of the
 * database.
 */
final class RecordingEngine implements AutoCloseable {

  final List<String> statements = new CopyOnWriteArrayList<>();
  final DataSource dataSource;

  /**
   * {@link #dataSource}, recording what is prepared on it: the engine's, and the plugins' under
   * test.
   */
  final DataSource recorded;

  final ProcessEngine engine;

  RecordingEngine(String database, ProcessEnginePlugin... plugins) {
    this(database, "", plugins);
  }

  /**
   * An engine whose SQL names Camunda's tables with the given prefix (its schema is created without
   * it).
   */
  RecordingEngine(String database, String tablePrefix, ProcessEnginePlugin... plugins) {
    this(database, tablePrefix, recorded -> List.of(plugins));
  }

  /** An engine with plugins that need the recording data source. */
  RecordingEngine(
      String database,
      String tablePrefix,
      java.util.function.Function<DataSource, List<ProcessEnginePlugin>> plugins) {
    dataSource = dataSource(database);
    recorded = recording(dataSource);
    StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
    config.setProcessEngineName("recording-" + database + "-" + UUID.randomUUID());
    config.setDataSource(recorded);
    config.setDatabaseTablePrefix(tablePrefix);
    config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
    config.setHistory(ProcessEngineConfiguration.HISTORY_AUDIT);
    config.setJobExecutorActivate(false);
    config.setMetricsEnabled(false);
    config.getProcessEnginePlugins().addAll(plugins.apply(recorded));
    engine = config.buildProcessEngine();
  }

  /**
   * The statements prepared since the test last cleared {@link #statements} that contain the text
   * (as written).
   */
  List<String> prepared(String containing) {
    return statements.stream().filter(sql -> sql.contains(containing)).toList();
  }

  @Override
  public void close() {
    engine.close();
  }

  private static DataSource dataSource(String database) {
    if ("h2".equals(database)) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:recording-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
      return h2;
    }
    PGSimpleDataSource postgres = new PGSimpleDataSource();
    postgres.setUrl(PostgresTestDatabase.url("wasla_recording_engine", true));
    postgres.setUser(PostgresTestDatabase.USER);
    return postgres;
  }

  /**
   * The data source, recording the SQL of every statement prepared or executed on its connections.
   */
  private DataSource recording(DataSource target) {
    return (DataSource)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {DataSource.class},
            forwarding(
                (method, args) -> {
                  if (method.getName().equals("getConnection")) {
                    Connection connection = (Connection) method.invoke(target, args);
                    return Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {Connection.class},
                        forwarding(
                            (m, a) -> {
                              if (m.getName().startsWith("prepare")
                                  && a != null
                                  && a[0] instanceof String sql) {
                                statements.add(sql.replaceAll("\\s+", " "));
                              }
                              if (m.getName().equals("createStatement")) {
                                Statement statement = (Statement) m.invoke(connection, a);
                                return Proxy.newProxyInstance(
                                    getClass().getClassLoader(),
                                    new Class<?>[] {Statement.class},
                                    forwarding(
                                        (sm, sa) -> {
                                          if (sm.getName().startsWith("execute")
                                              && sa != null
                                              && sa[0] instanceof String sql) {
                                            statements.add(sql.replaceAll("\\s+", " "));
                                          }
                                          return sm.invoke(statement, sa);
                                        }));
                              }
                              return m.invoke(connection, a);
                            }));
                  }
                  return method.invoke(target, args);
                }));
  }

  private interface Call {
    Object invoke(Method method, Object[] args) throws Exception;
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
