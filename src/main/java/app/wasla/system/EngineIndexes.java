package app.wasla.system;

import app.wasla.conversation.DatabaseDialect;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Indexes Wasla adds to Camunda's schema, created after the engine has created or checked it; IF NOT EXISTS makes
 * them idempotent on H2 and PostgreSQL. Each one is there because a measurement showed a statement reading far more
 * rows than it returns (docs/benchmark.md, the growth runs and tuning 16).
 *
 * <ul>
 *   <li>{@value #JOB_DUE_DATE} on ACT_RU_JOB (DUEDATE_): live conversations keep timer jobs due in the future (a
 *       handoff's first-response deadline, a sales flow's reminders and expiries; the inactivity timer of the
 *       sales conversation's earlier versions), and the job executor looks for due jobs several times per message;
 *       without it each look reads every one of them, so the cost of a message grows with their number.
 *   <li>{@value #VARIABLE_BY_EXECUTION} on ACT_RU_VARIABLE (EXECUTION_ID_, TASK_ID_), H2 only: every turn loads its
 *       conversation's variables with {@code WHERE EXECUTION_ID_ = ? AND TASK_ID_ IS NULL}. With the statistics
 *       H2's automatic ANALYZE produced under load, H2 took the index on TASK_ID_ (null for every process variable)
 *       and read every variable of every conversation: a third of Wasla's CPU on H2, about 10 ms per query at
 *       100,000 rows instead of 0.1 ms. With both columns in one index the right plan is the cheapest whatever the
 *       statistics say. PostgreSQL's planner does not need it.
 * </ul>
 */
@Component
class EngineIndexes extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);
  static final String JOB_DUE_DATE = "WASLA_IDX_JOB_DUEDATE";
  static final String VARIABLE_BY_EXECUTION = "WASLA_IDX_VAR_EXEC_TASK";

  private final DataSource dataSource;
  private final DatabaseDialect dialect;

  EngineIndexes(DataSource dataSource, DatabaseDialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    create(jdbc, JOB_DUE_DATE, "ACT_RU_JOB (DUEDATE_)");
    if (dialect.h2()) {
      create(jdbc, VARIABLE_BY_EXECUTION, "ACT_RU_VARIABLE (EXECUTION_ID_, TASK_ID_)");
    }
  }

  private static void create(JdbcTemplate jdbc, String name, String on) {
    jdbc.execute("CREATE INDEX IF NOT EXISTS " + name + " ON " + on);
    log.debug("Index {} on {} is in place", name, on);
  }
}
