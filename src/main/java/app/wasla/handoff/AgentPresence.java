package app.wasla.handoff;

import app.wasla.system.TransactionMaps;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;

/**
 * Agents' availability and when each was last given a handoff.
 *
 * <p>Inside a transaction, handoffs given to agents are written at its commit, in the order of the
 * agents' ids: the mailbox may deliver several conversations in one transaction, and two such
 * batches handing off to the same two agents in opposite order would otherwise each hold one
 * agent's row and wait for the other's (a deadlock that PostgreSQL breaks only after a second).
 * Until the commit, {@link #of} and {@link #assignedInThisTransaction} see them.
 */
@Repository
public class AgentPresence {

  /** What routing needs to know of one agent. */
  public record State(boolean available, Instant lastAssignedAt) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final HandoffProperties props;

  AgentPresence(JdbcClient jdbc, Clock clock, HandoffProperties props) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.props = props;
  }

  public State of(String userId) {
    State stored =
        jdbc.sql("SELECT available, last_assigned_at FROM agent_presence WHERE user_id = ?")
            .param(userId)
            .query(
                (rs, n) ->
                    new State(
                        rs.getBoolean(1),
                        Optional.ofNullable(rs.getObject(2, OffsetDateTime.class))
                            .map(OffsetDateTime::toInstant)
                            .orElse(null)))
            .optional()
            .orElse(new State(props.defaultAvailable(), null));
    Uncommitted uncommitted = uncommitted(false);
    Assignments now = uncommitted == null ? null : uncommitted.agents.get(userId);
    return now == null ? stored : new State(stored.available(), now.last());
  }

  /**
   * Handoffs given to the agent in the current transaction, not yet committed (the engine's task
   * query misses them).
   */
  int assignedInThisTransaction(String userId) {
    Uncommitted uncommitted = uncommitted(false);
    Assignments now = uncommitted == null ? null : uncommitted.agents.get(userId);
    return now == null ? 0 : now.count();
  }

  public void setAvailable(String userId, boolean available) {
    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    int updated =
        jdbc.sql("UPDATE agent_presence SET available = ?, updated_at = ? WHERE user_id = ?")
            .params(available, now, userId)
            .update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO agent_presence (user_id, available, updated_at) VALUES (?, ?, ?)")
          .params(userId, available, now)
          .update();
    }
  }

  /**
   * Records that the agent got a handoff now: at once outside a transaction, at its commit inside
   * one.
   */
  void assigned(String userId) {
    Instant now = clock.instant();
    Uncommitted uncommitted = uncommitted(true);
    if (uncommitted == null) {
      write(userId, now);
    } else {
      uncommitted.agents.merge(
          userId,
          new Assignments(1, now),
          (before, added) -> new Assignments(before.count() + 1, added.last()));
    }
  }

  private void write(String userId, Instant assignedAt) {
    OffsetDateTime at = assignedAt.atOffset(ZoneOffset.UTC);
    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    int updated =
        jdbc.sql("UPDATE agent_presence SET last_assigned_at = ?, updated_at = ? WHERE user_id = ?")
            .params(at, now, userId)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO agent_presence (user_id, available, last_assigned_at, updated_at) VALUES (?, ?, ?, ?)")
          .params(userId, props.defaultAvailable(), at, now)
          .update();
    }
  }

  /**
   * The current transaction's handoffs, bound to it on first use; null when no transaction is
   * active.
   */
  private Uncommitted uncommitted(boolean create) {
    return create ? TransactionMaps.bound(this, Uncommitted::new) : TransactionMaps.existing(this);
  }

  private record Assignments(int count, Instant last) {}

  private final class Uncommitted implements TransactionSynchronization {

    /** By agent id: every transaction locks the rows it writes in the same order. */
    private final Map<String, Assignments> agents = new TreeMap<>();

    @Override
    public void beforeCommit(boolean readOnly) {
      agents.forEach((userId, assignments) -> write(userId, assignments.last()));
    }
  }
}
