package app.wasla.engine;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Wasla's reads of Camunda's runtime tables in plain SQL, each where Camunda's query API would cost
 * more per message or cannot say it, always with the configured table prefix ({@code
 * camunda.bpm.database.table-prefix}).
 *
 * <p>Relies on: the tables {@code ACT_RU_EXECUTION} (ID_, PROC_INST_ID_, PROC_DEF_ID_,
 * BUSINESS_KEY_) and {@code ACT_RU_EVENT_SUBSCR} (ID_, PROC_INST_ID_, EVENT_TYPE_, EVENT_NAME_,
 * ACTIVITY_ID_, CREATED_), a process instance being the execution whose ID_ is its PROC_INST_ID_,
 * and the index on BUSINESS_KEY_ (ACT_IDX_EXEC_BUSKEY); EngineTablesTest fails when a Camunda
 * upgrade changes them. Measured (docs/benchmark.md):
 *
 * <ul>
 *   <li>{@link #hasLiveInstance}: one indexed lookup instead of Camunda's process instance count
 *       (joins and mapping), which with the search it replaced at a first turn took 12.7 % of the
 *       mailbox threads' CPU; the pair measured +13 % / +9 % msgs/s (K=16 / K=32), PostgreSQL's CPU
 *       per message −15 % at K=16 (the machine drifted; the firm count: 34.2 → 33.9 statements per
 *       message). {@link #liveInstanceOf}: the same lookup folded into the mailbox's lock statement
 *       on PostgreSQL, which no query API can join (one statement fewer per first turn).
 *   <li>{@link #messageWaitsBefore}: the inactivity sweep's one statement per 500 silent
 *       conversations; Camunda's event subscription query can filter neither by creation time nor
 *       by several activities, and returns neither the business key nor the process definition (a
 *       query per conversation more). It replaced a timer per turn (about 12 statements per turn).
 * </ul>
 */
@Component
public class EngineTables {

  private final JdbcClient jdbc;
  private final String prefix;

  @Autowired
  EngineTables(ProcessEngine engine, JdbcClient jdbc) {
    this(prefixOf(engine), jdbc);
  }

  EngineTables(String prefix, JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.prefix = prefix;
  }

  /** Camunda's table prefix of this engine, "" when none is configured. */
  static String prefixOf(ProcessEngine engine) {
    String prefix =
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
            .getDatabaseTablePrefix();
    return prefix == null ? "" : prefix;
  }

  /** The name of one of Camunda's tables as this engine's SQL must write it. */
  String table(String name) {
    return prefix + name;
  }

  /** True when a process instance with this business key is alive (waiting, or busy in a job). */
  public boolean hasLiveInstance(String businessKey) {
    return !jdbc.sql(
            "SELECT ID_ FROM "
                + table("ACT_RU_EXECUTION")
                + " WHERE BUSINESS_KEY_ = ? AND ID_ = PROC_INST_ID_ FETCH FIRST 1 ROWS ONLY")
        .param(businessKey)
        .query(String.class)
        .list()
        .isEmpty();
  }

  /**
   * An SQL condition, for a statement on Wasla's own tables, that holds when a process instance
   * whose business key is the value of {@code businessKeyExpression} is alive ({@link
   * #hasLiveInstance} in the same statement).
   */
  public String liveInstanceOf(String businessKeyExpression) {
    return "EXISTS (SELECT 1 FROM "
        + table("ACT_RU_EXECUTION")
        + " e WHERE e.BUSINESS_KEY_ = "
        + businessKeyExpression
        + " AND e.ID_ = e.PROC_INST_ID_)";
  }

  /**
   * An execution waiting for a message since {@code since}, with its process instance's business
   * key.
   */
  public record MessageWait(
      String subscriptionId,
      String processInstanceId,
      String processDefinitionId,
      String activityId,
      String businessKey,
      Instant since) {}

  /**
   * Executions waiting for the message at one of the activities since before the cutoff, longest
   * first, at most {@code limit}.
   */
  public List<MessageWait> messageWaitsBefore(
      String messageName, Collection<String> activityIds, Instant cutoff, int limit) {
    if (activityIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            """
            SELECT s.ID_, s.PROC_INST_ID_, e.PROC_DEF_ID_, s.ACTIVITY_ID_, e.BUSINESS_KEY_, s.CREATED_
            FROM %s s JOIN %s e ON e.ID_ = s.PROC_INST_ID_
            WHERE s.EVENT_TYPE_ = 'message' AND s.EVENT_NAME_ = :name AND s.ACTIVITY_ID_ IN (:activities)
              AND s.CREATED_ < :cutoff
            ORDER BY s.CREATED_ FETCH FIRST %d ROWS ONLY"""
                .formatted(table("ACT_RU_EVENT_SUBSCR"), table("ACT_RU_EXECUTION"), limit))
        .param("name", messageName)
        .param("activities", List.copyOf(activityIds))
        .param("cutoff", Timestamp.from(cutoff))
        .query(
            (rs, n) ->
                new MessageWait(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getTimestamp(6).toInstant()))
        .list();
  }

  /** True while the event subscription exists (its execution still waits there). */
  public boolean subscriptionExists(String subscriptionId) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table("ACT_RU_EVENT_SUBSCR") + " WHERE ID_ = ?")
            .param(subscriptionId)
            .query(Long.class)
            .single()
        > 0;
  }
}
