package app.wasla.system;

import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An index on the due date of Camunda's jobs. Every live conversation keeps a timer job (its inactivity
 * timeout, due in the future), and the job executor looks for due jobs several times per message: without
 * this index each look reads every timer of every live conversation (PostgreSQL: a sequential scan of
 * ACT_RU_JOB), so the cost of a message grows with the number of live conversations. Camunda's own schema
 * has no such index. Created after the engine has created or checked its schema; IF NOT EXISTS makes it
 * idempotent on H2 and PostgreSQL.
 */
@Component
class JobAcquisitionIndex extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(JobAcquisitionIndex.class);
  static final String NAME = "WASLA_IDX_JOB_DUEDATE";

  private final DataSource dataSource;

  JobAcquisitionIndex(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    new JdbcTemplate(dataSource).execute("CREATE INDEX IF NOT EXISTS " + NAME + " ON ACT_RU_JOB (DUEDATE_)");
    log.debug("Index {} on ACT_RU_JOB (DUEDATE_) is in place", NAME);
  }
}
