package app.wasla.handoff;

import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.FirstResponseTimer;
import app.wasla.persona.HandoffReasons;
import app.wasla.system.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What happened to handoffs (table {@code handoff_event}), written in the caller's transaction: a
 * handoff created (with its reason), a person's message to the customer, a first-response deadline
 * missed. What the reports count as handoffs, their reasons, the people's first response time and
 * SLA breaches (docs/reports.md); and the {@code wasla_handoffs_total}, {@code
 * wasla_sla_breaches_total} and {@code wasla_first_response_seconds{responder="person"}} metrics.
 */
@Component
public class HandoffLog {

  static final String CREATED = "handoff_created";
  static final String AGENT_MESSAGE = "agent_message";
  static final String AGENT_REPLY = "agent_reply";
  static final String OVERDUE = "first_response_overdue";

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Map<String, Counter> handoffs = new HashMap<>();
  private final Counter breaches;
  private final Timer personFirstResponse;

  HandoffLog(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
    this.jdbc = jdbc;
    this.clock = clock;
    for (String reason : HandoffReasons.ALL) {
      handoffs.put(
          reason,
          Counter.builder("wasla.handoffs")
              .tag("reason", reason)
              .description(
                  "Conversations handed to a person, by reason: "
                      + String.join(", ", HandoffReasons.ALL))
              .register(registry));
    }
    breaches =
        Counter.builder("wasla.sla.breaches")
            .description(
                "Handoffs whose first-response deadline passed before a person answered the customer")
            .register(registry);
    personFirstResponse = FirstResponseTimer.of(registry, FirstResponseTimer.Responder.PERSON);
  }

  /** A handoff task was created. */
  void created(String conversationKey, String taskId, String reason) {
    String category = HandoffReasons.category(reason);
    insert(conversationKey, taskId, CREATED, reason == null ? null : cut(reason), category);
    AfterCommit.run(handoffs.get(category)::increment);
  }

  /** The first-response deadline of a handoff passed. */
  void overdue(String conversationKey, String taskId, String detail) {
    insert(conversationKey, taskId, OVERDUE, detail, null);
    if (!takenOver(taskId)) {
      AfterCommit.run(breaches::increment);
    }
  }

  /** Whether the handoff of the task was a take-over (not counted as an SLA breach). */
  private boolean takenOver(String taskId) {
    return taskId != null
        && jdbc.sql("SELECT reason, detail FROM handoff_event WHERE task_id = ? AND event_type = ?")
            .params(taskId, CREATED)
            .query((rs, n) -> reason(rs.getString("reason"), rs.getString("detail")))
            .list()
            .contains(HandoffReasons.TAKEN_OVER);
  }

  /**
   * A person wrote to the customer ({@code agent_message}: from the handoff form while the task is
   * open; {@code agent_reply}: the reply sent when the task is completed). The first one since the
   * latest handoff of the conversation is its first response.
   */
  void personWrote(String conversationKey, String taskId, String type, String detail) {
    Optional<Instant> waitingSince = unansweredHandoffSince(conversationKey);
    insert(conversationKey, taskId, type, detail, null);
    waitingSince.ifPresent(
        since -> {
          Duration waited = Duration.between(since, clock.instant());
          Duration recorded = waited.isNegative() ? Duration.ZERO : waited;
          AfterCommit.run(() -> personFirstResponse.record(recorded));
        });
  }

  private Optional<Instant> unansweredHandoffSince(String conversationKey) {
    List<OffsetDateTime> latest =
        jdbc.sql(
                """
                SELECT created_at FROM handoff_event WHERE conversation_key = ? AND event_type = ?
                ORDER BY created_at DESC, id DESC""")
            .params(conversationKey, CREATED)
            .query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
            .list();
    if (latest.isEmpty()) {
      return Optional.empty();
    }
    OffsetDateTime since = latest.get(0);
    Integer answered =
        jdbc.sql(
                """
                SELECT COUNT(*) FROM handoff_event WHERE conversation_key = ?
                  AND event_type IN (?, ?) AND created_at >= ?""")
            .params(conversationKey, AGENT_MESSAGE, AGENT_REPLY, since)
            .query(Integer.class)
            .single();
    return answered > 0 ? Optional.empty() : Optional.of(since.toInstant());
  }

  private void insert(
      String conversationKey, String taskId, String type, String detail, String reason) {
    jdbc.sql(
            """
            INSERT INTO handoff_event (conversation_key, phone_number_id, task_id, event_type, detail,
              reason, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .params(
            conversationKey,
            ConversationKey.parse(conversationKey).phoneNumberId(),
            taskId,
            type,
            detail,
            reason,
            clock.instant().atOffset(ZoneOffset.UTC))
        .update();
  }

  private static String cut(String text) {
    return app.wasla.system.Fit.cut(text, 1000);
  }

  /** One handoff as the reports see it. */
  public record Handoff(
      String conversationKey,
      String taskId,
      String reason,
      Instant createdAt,
      Instant firstAnswer) {}

  /**
   * Handoffs created in [from, to), each with the time of a person's first message after it (null
   * when none yet).
   */
  public List<Handoff> handoffs(Instant from, Instant to, String phoneNumberId) {
    List<Object> params = new ArrayList<>(List.of(AGENT_MESSAGE, AGENT_REPLY, CREATED));
    params.add(from.atOffset(ZoneOffset.UTC));
    params.add(to.atOffset(ZoneOffset.UTC));
    String sql =
        """
        SELECT h.conversation_key, h.task_id, h.reason, h.detail, h.created_at,
          (SELECT MIN(a.created_at) FROM handoff_event a WHERE a.conversation_key = h.conversation_key
             AND a.event_type IN (?, ?) AND a.created_at >= h.created_at) AS first_answer
        FROM handoff_event h WHERE h.event_type = ? AND h.created_at >= ? AND h.created_at < ?""";
    if (phoneNumberId != null) {
      sql += " AND h.phone_number_id = ?";
      params.add(phoneNumberId);
    }
    return jdbc.sql(sql + " ORDER BY h.created_at, h.id")
        .params(params)
        .query(
            (rs, n) -> {
              OffsetDateTime answer = rs.getObject("first_answer", OffsetDateTime.class);
              return new Handoff(
                  rs.getString("conversation_key"),
                  rs.getString("task_id"),
                  reason(rs.getString("reason"), rs.getString("detail")),
                  rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                  answer == null ? null : answer.toInstant());
            })
        .list();
  }

  /**
   * A handoff's category: the one recorded, unless its reason as given (kept in {@code detail})
   * reads as a category added since (a take-over recorded as {@code other} before {@code
   * taken_over} existed).
   */
  private static String reason(String recorded, String given) {
    if (given != null && !given.isBlank()) {
      String category = HandoffReasons.category(given);
      if (!category.equals("other")) {
        return category;
      }
    }
    return recorded == null ? "other" : recorded;
  }

  /**
   * First-response deadlines missed in [from, to), of handoffs someone asked for: a take-over's
   * deadline is the taker's own ({@link HandoffReasons#TAKEN_OVER} is left out).
   */
  public long slaBreaches(Instant from, Instant to, String phoneNumberId) {
    List<Object> params =
        new ArrayList<>(
            List.of(
                OVERDUE,
                from.atOffset(ZoneOffset.UTC),
                to.atOffset(ZoneOffset.UTC),
                CREATED,
                HandoffReasons.TAKEN_OVER,
                "taken over by %"));
    String sql =
        """
        SELECT COUNT(*) FROM handoff_event o WHERE o.event_type = ? AND o.created_at >= ?
          AND o.created_at < ? AND NOT EXISTS (SELECT 1 FROM handoff_event c
            WHERE c.task_id = o.task_id AND c.event_type = ?
              AND (c.reason = ? OR LOWER(c.detail) LIKE ?))""";
    if (phoneNumberId != null) {
      sql += " AND o.phone_number_id = ?";
      params.add(phoneNumberId);
    }
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }
}
