package app.wasla.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The delivery rows of the outbox: what is due, claiming, outcomes, and the log per subscription.
 */
@Repository
public class Deliveries {

  /** Lifecycle of a delivery. */
  public enum Status {
    PENDING,
    DELIVERED,
    DEAD
  }

  /** A delivery that is due, with what it takes to send it. */
  record Due(
      String id,
      String subscriptionId,
      String url,
      String secret,
      String eventId,
      String eventType,
      String body,
      int attempts,
      Instant horizonFrom) {
    @Override
    public String toString() {
      return "Due[id=" + id + ", subscription=" + subscriptionId + ", event=" + eventId + "]";
    }
  }

  /** One line of a subscription's delivery log. */
  public record LogEntry(
      String id,
      String eventId,
      String eventType,
      String conversationKey,
      String status,
      int attempts,
      Instant createdAt,
      Instant nextAttemptAt,
      Instant lastAttemptAt,
      Integer lastStatusCode,
      String lastError,
      Instant deliveredAt) {}

  /** One attempt of a delivery. */
  public record Attempt(Instant attemptedAt, Integer statusCode, String error, long durationMs) {}

  private final JdbcClient jdbc;

  Deliveries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Due deliveries of active subscriptions, each the oldest pending one of its subscription and
   * conversation: event N+1 of a conversation waits until event N is delivered or dead-lettered.
   */
  List<Due> due(Instant now, int limit) {
    return jdbc.sql(
            """
            SELECT d.id, d.subscription_id, s.url, s.secret, e.id AS event_id, e.event_type, e.envelope_json,
              d.attempts, d.horizon_from
            FROM webhook_delivery d
              JOIN webhook_subscription s ON s.id = d.subscription_id
              JOIN webhook_event e ON e.seq = d.event_seq
            WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now AND s.active = TRUE
              AND NOT EXISTS (SELECT 1 FROM webhook_delivery p
                WHERE p.subscription_id = d.subscription_id AND p.order_key = d.order_key
                  AND p.status = 'PENDING' AND p.event_seq < d.event_seq)
            ORDER BY d.next_attempt_at, d.event_seq
            LIMIT :limit""")
        .param("now", Subscriptions.utc(now))
        .param("limit", limit)
        .query(
            (rs, n) ->
                new Due(
                    rs.getString("id"),
                    rs.getString("subscription_id"),
                    rs.getString("url"),
                    rs.getString("secret"),
                    rs.getString("event_id"),
                    rs.getString("event_type"),
                    rs.getString("envelope_json"),
                    rs.getInt("attempts"),
                    rs.getObject("horizon_from", OffsetDateTime.class).toInstant()))
        .list();
  }

  /**
   * Claims a due delivery for one attempt by moving its due time to the end of a lease; only one
   * node or thread wins. A node that dies mid-attempt leaves it to be retried when the lease ends.
   */
  boolean claim(String id, Instant now, Instant leaseEnd) {
    return jdbc.sql(
                """
            UPDATE webhook_delivery SET next_attempt_at = :lease, attempts = attempts + 1, last_attempt_at = :now
            WHERE id = :id AND status = 'PENDING' AND next_attempt_at <= :now""")
            .param("lease", Subscriptions.utc(leaseEnd))
            .param("now", Subscriptions.utc(now))
            .param("id", id)
            .update()
        == 1;
  }

  @Transactional
  void delivered(String id, Instant at, int statusCode, long durationMs) {
    jdbc.sql(
            """
            UPDATE webhook_delivery SET status = 'DELIVERED', delivered_at = ?, last_status_code = ?,
              last_error = NULL WHERE id = ?""")
        .params(Subscriptions.utc(at), statusCode, id)
        .update();
    attempt(id, at, statusCode, null, durationMs);
  }

  /** Records a failed attempt: due again at {@code nextAttempt}, or DEAD when that is null. */
  @Transactional
  void failed(
      String id,
      Instant at,
      Integer statusCode,
      String error,
      long durationMs,
      Instant nextAttempt) {
    jdbc.sql(
            """
            UPDATE webhook_delivery SET status = ?, next_attempt_at = ?, last_status_code = ?, last_error = ?
            WHERE id = ?""")
        .params(
            nextAttempt == null ? Status.DEAD.name() : Status.PENDING.name(),
            Subscriptions.utc(nextAttempt == null ? at : nextAttempt),
            statusCode,
            truncate(error),
            id)
        .update();
    attempt(id, at, statusCode, error, durationMs);
  }

  private void attempt(String id, Instant at, Integer statusCode, String error, long durationMs) {
    jdbc.sql(
            """
            INSERT INTO webhook_attempt (delivery_id, attempted_at, status_code, error, duration_ms)
            VALUES (?, ?, ?, ?, ?)""")
        .params(id, Subscriptions.utc(at), statusCode, truncate(error), durationMs)
        .update();
  }

  /**
   * Sends a delivery again (a dead-lettered one, or a delivered one the receiver lost), with the
   * same delivery id so that the receiver can deduplicate, and a fresh retry horizon.
   */
  public boolean redeliver(String subscriptionId, String deliveryId, Instant now) {
    return jdbc.sql(
                """
            UPDATE webhook_delivery SET status = 'PENDING', next_attempt_at = :now, horizon_from = :now,
              delivered_at = NULL
            WHERE id = :id AND subscription_id = :sub AND status <> 'PENDING'""")
            .param("now", Subscriptions.utc(now))
            .param("id", deliveryId)
            .param("sub", subscriptionId)
            .update()
        == 1;
  }

  /** The newest deliveries of a subscription, optionally of one status. */
  public List<LogEntry> log(String subscriptionId, Status status, int limit) {
    String byStatus = status == null ? "" : " AND d.status = '" + status.name() + "'";
    return jdbc.sql(
            """
            SELECT d.id, e.id AS event_id, e.event_type, e.conversation_key, d.status, d.attempts, d.created_at,
              d.next_attempt_at, d.last_attempt_at, d.last_status_code, d.last_error, d.delivered_at
            FROM webhook_delivery d JOIN webhook_event e ON e.seq = d.event_seq
            WHERE d.subscription_id = :sub"""
                + byStatus
                + " ORDER BY d.event_seq DESC LIMIT :limit")
        .param("sub", subscriptionId)
        .param("limit", limit)
        .query(Deliveries::logEntry)
        .list();
  }

  public Optional<LogEntry> find(String subscriptionId, String deliveryId) {
    return jdbc.sql(
            """
            SELECT d.id, e.id AS event_id, e.event_type, e.conversation_key, d.status, d.attempts, d.created_at,
              d.next_attempt_at, d.last_attempt_at, d.last_status_code, d.last_error, d.delivered_at
            FROM webhook_delivery d JOIN webhook_event e ON e.seq = d.event_seq
            WHERE d.subscription_id = ? AND d.id = ?""")
        .params(subscriptionId, deliveryId)
        .query(Deliveries::logEntry)
        .optional();
  }

  public List<Attempt> attempts(String deliveryId) {
    return jdbc.sql(
            """
            SELECT attempted_at, status_code, error, duration_ms FROM webhook_attempt
            WHERE delivery_id = ? ORDER BY attempted_at, id""")
        .param(deliveryId)
        .query(
            (rs, n) ->
                new Attempt(
                    instant(rs, "attempted_at"),
                    (Integer) rs.getObject("status_code"),
                    rs.getString("error"),
                    rs.getLong("duration_ms")))
        .list();
  }

  private static LogEntry logEntry(ResultSet rs, int n) throws SQLException {
    return new LogEntry(
        rs.getString("id"),
        rs.getString("event_id"),
        rs.getString("event_type"),
        rs.getString("conversation_key"),
        rs.getString("status"),
        rs.getInt("attempts"),
        instant(rs, "created_at"),
        instant(rs, "next_attempt_at"),
        instant(rs, "last_attempt_at"),
        (Integer) rs.getObject("last_status_code"),
        rs.getString("last_error"),
        instant(rs, "delivered_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
  }
}
