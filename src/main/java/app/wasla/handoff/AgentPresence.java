package app.wasla.handoff;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Agents' availability and when each was last given a handoff. */
@Repository
public class AgentPresence {

  /** What routing needs to know of one agent. */
  public record State(boolean available, Instant lastAssignedAt) {
  }

  private final JdbcClient jdbc;
  private final Clock clock;
  private final HandoffProperties props;

  AgentPresence(JdbcClient jdbc, Clock clock, HandoffProperties props) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.props = props;
  }

  public State of(String userId) {
    return jdbc.sql("SELECT available, last_assigned_at FROM agent_presence WHERE user_id = ?")
        .param(userId)
        .query((rs, n) -> new State(rs.getBoolean(1),
            Optional.ofNullable(rs.getObject(2, OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null)))
        .optional()
        .orElse(new State(props.defaultAvailable(), null));
  }

  public void setAvailable(String userId, boolean available) {
    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    int updated = jdbc.sql("UPDATE agent_presence SET available = ?, updated_at = ? WHERE user_id = ?")
        .params(available, now, userId).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO agent_presence (user_id, available, updated_at) VALUES (?, ?, ?)")
          .params(userId, available, now).update();
    }
  }

  void assigned(String userId) {
    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    int updated = jdbc.sql("UPDATE agent_presence SET last_assigned_at = ?, updated_at = ? WHERE user_id = ?")
        .params(now, now, userId).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO agent_presence (user_id, available, last_assigned_at, updated_at) VALUES (?, ?, ?, ?)")
          .params(userId, props.defaultAvailable(), now, now).update();
    }
  }
}
