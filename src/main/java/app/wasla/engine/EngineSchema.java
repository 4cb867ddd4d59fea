package app.wasla.engine;

import java.sql.DatabaseMetaData;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * What Wasla changes in Camunda's schema, after the engine has created or checked it; every change
 * is idempotent and names the tables with the configured table prefix.
 *
 * <p>Indexes (IF NOT EXISTS, H2 and PostgreSQL), each there because a measurement showed a
 * statement reading far more rows than it returns (docs/benchmark.md, the growth runs):
 *
 * <ul>
 *   <li>{@value #JOB_DUE_DATE} on ACT_RU_JOB (DUEDATE_): live conversations keep timer jobs due in
 *       the future (a handoff's first-response deadline, a sales flow's reminders and expiries; the
 *       inactivity timer of the sales conversation's earlier versions), and the job executor looks
 *       for due jobs several times per message; without it each look reads every one of them, so
 *       the cost of a message grows with their number. Measured: the acquisition query 17.5 ms
 *       (sequential scan) → 1.3 ms at 10,072 live conversations.
 *   <li>{@value #VARIABLE_BY_EXECUTION} on ACT_RU_VARIABLE (EXECUTION_ID_, TASK_ID_), H2 only:
 *       every turn loads its conversation's variables with {@code WHERE EXECUTION_ID_ = ? AND
 *       TASK_ID_ IS NULL}. With the statistics H2's automatic ANALYZE produced under load, H2 took
 *       the index on TASK_ID_ (null for every process variable) and read every variable of every
 *       conversation: a third of Wasla's CPU on H2, about 10 ms per query at 100,000 rows instead
 *       of 0.1 ms. With both columns in one index the right plan is the cheapest whatever the
 *       statistics say. PostgreSQL's planner does not need it. Measured (closed loop K=8 on H2):
 *       136.6 → 193.5 msgs/s, 13.7 → 9.7 ms of CPU per message.
 * </ul>
 *
 * <p>Free space for updates (PostgreSQL; docs/benchmark.md): every turn updates a conversation's
 * runtime variables, their history rows and its executions in place. PostgreSQL fills table pages
 * to 100 % by default, so an update rarely finds room for the new row version on the same page and
 * must also write a new entry into every index of the table (ACT_RU_VARIABLE has eleven) instead of
 * a heap-only ("HOT") update that touches none of them. A fill factor below 100 ({@code
 * wasla.database.engine-fill-factor}, default {@value #DEFAULT_FILL_FACTOR}; 100 leaves the tables
 * as Camunda creates them) keeps that room in every page written from then on. Measured (chat mix,
 * both orders): +5 to +34 % msgs/s, the variable update's execution 0.09 → 0.03 ms.
 *
 * <p>Relies on: Camunda's tables ACT_RU_JOB (DUEDATE_), ACT_RU_VARIABLE (EXECUTION_ID_, TASK_ID_),
 * ACT_HI_VARINST and ACT_RU_EXECUTION, and the engine's plugin hook after the build;
 * EngineSchemaPrefixTest (H2 and PostgreSQL) and the mailbox scenarios fail when they change.
 */
@Component
class EngineSchema extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(EngineSchema.class);
  static final int DEFAULT_FILL_FACTOR = 70;

  /**
   * The engine tables whose rows a turn updates (the others it only inserts into and deletes from).
   */
  static final List<String> UPDATED_EVERY_TURN =
      List.of("ACT_RU_VARIABLE", "ACT_HI_VARINST", "ACT_RU_EXECUTION");

  static final String JOB_DUE_DATE = "WASLA_IDX_JOB_DUEDATE";
  static final String VARIABLE_BY_EXECUTION = "WASLA_IDX_VAR_EXEC_TASK";

  private final DataSource dataSource;
  private final int fillFactor;

  EngineSchema(
      DataSource dataSource,
      @Value("${wasla.database.engine-fill-factor:" + DEFAULT_FILL_FACTOR + "}") int fillFactor) {
    if (fillFactor < 10 || fillFactor > 100) {
      throw new IllegalArgumentException(
          "wasla.database.engine-fill-factor must be between 10 and 100, was " + fillFactor);
    }
    this.dataSource = dataSource;
    this.fillFactor = fillFactor;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    String prefix = EngineTables.prefixOf(engine);
    String product = product(dataSource);
    create(jdbc, JOB_DUE_DATE, prefix + "ACT_RU_JOB (DUEDATE_)");
    if ("H2".equalsIgnoreCase(product)) {
      create(jdbc, VARIABLE_BY_EXECUTION, prefix + "ACT_RU_VARIABLE (EXECUTION_ID_, TASK_ID_)");
    }
    if (product.toLowerCase().contains("postgres")) {
      for (String table : UPDATED_EVERY_TURN) {
        // its lock (SHARE UPDATE EXCLUSIVE) blocks no reads or writes of the rows; pages written
        // before keep no room
        jdbc.execute("ALTER TABLE " + prefix + table + " SET (fillfactor = " + fillFactor + ")");
      }
      log.debug("Fill factor {} on {}", fillFactor, UPDATED_EVERY_TURN);
    }
  }

  private static String product(DataSource dataSource) {
    try {
      return JdbcUtils.extractDatabaseMetaData(
          dataSource, DatabaseMetaData::getDatabaseProductName);
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException("cannot tell the database's product", e);
    }
  }

  private static void create(JdbcTemplate jdbc, String name, String on) {
    jdbc.execute("CREATE INDEX IF NOT EXISTS " + name + " ON " + on);
    log.debug("Index {} on {} is in place", name, on);
  }
}
