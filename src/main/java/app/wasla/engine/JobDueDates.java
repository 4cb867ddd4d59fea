package app.wasla.engine;

import java.sql.Timestamp;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every job gets a due date (Camunda's {@code ensureJobDueDateNotNull}): an async continuation is
 * due when it is created instead of having none. The job executor's acquisition query then reads
 * {@code DUEDATE_ <= now} alone instead of {@code DUEDATE_ IS NULL OR DUEDATE_ <= now}. On
 * PostgreSQL the OR made it a bitmap scan that, under load, read every deleted async job still in
 * the index (a sales turn runs up to three of them): 0.6 ms per acquisition, the costliest
 * statement of the sales benchmark (docs/benchmark.md). Measured (sales mix, closed loop K=8): rows
 * read by sequential or bitmap scan per message 11,831 → 794, the acquisition's execution time in a
 * run 2,178 → under 470 ms; messages per second and CPU per message moved within the noise.
 * Together with the index of {@link EngineSchema} it keeps the acquisition's cost flat as live
 * conversations grow.
 *
 * <p>Jobs created before this setting (none due date) would no longer be acquired: they are given
 * the time of the start as their due date, so they run at once, as they would have.
 *
 * <p>Relies on: {@code ensureJobDueDateNotNull} (a public setting), ACT_RU_JOB (DUEDATE_) under the
 * table prefix, and the engine's clock ({@code ClockUtil}); JobDueDatesTest fails when they change.
 */
@Component
class JobDueDates extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(JobDueDates.class);

  private final DataSource dataSource;

  JobDueDates(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setEnsureJobDueDateNotNull(true);
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    // the engine's own clock and JDBC mapping, as it writes due dates (not the database's time
    // zone)
    int updated =
        new JdbcTemplate(dataSource)
            .update(
                "UPDATE "
                    + EngineTables.prefixOf(engine)
                    + "ACT_RU_JOB"
                    + " SET DUEDATE_ = ? WHERE DUEDATE_ IS NULL",
                new Timestamp(ClockUtil.getCurrentTime().getTime()));
    if (updated > 0) {
      log.info("{} job(s) without a due date are due now", updated);
    }
  }
}
