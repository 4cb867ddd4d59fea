package app.wasla.conversation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The conversations' figures for the reports (docs/reports.md), from the inbox and the outbound
 * messages: conversations started in a period, and how long each waited for Wasla's first reply.
 */
@Component
public class ConversationFigures {

  private final JdbcClient jdbc;
  private final java.time.Clock clock;

  ConversationFigures(JdbcClient jdbc, java.time.Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * A conversation started: the first customer message that a flow (process instance) received
   * (external events such as a payment's, delivered to a sales flow, start none), and the first
   * message Wasla queued to the customer at or after it (null when none yet).
   */
  public record Started(String conversationKey, Instant startedAt, Instant firstReplyAt) {}

  /** The mailbox started a flow instance for the conversation (in the delivery transaction). */
  void started(
      String conversationKey,
      String processInstanceId,
      String flow,
      String startedBy,
      Instant firstMessageAt) {
    jdbc.sql(
            """
            INSERT INTO conversation_start (process_instance_id, conversation_key, phone_number_id, flow,
              started_by, first_message_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .params(
            processInstanceId,
            conversationKey,
            ConversationKey.parse(conversationKey).phoneNumberId(),
            flow == null ? "message:" + startedBy : flow,
            startedBy,
            utc(firstMessageAt),
            utc(clock.instant()))
        .update();
  }

  /**
   * Conversations a customer's message started whose first message arrived in [from, to), each with
   * the first message Wasla queued to the customer at or after it.
   */
  public List<Started> started(Instant from, Instant to, String phoneNumberId) {
    List<Object> params = new ArrayList<>(List.of(Mailbox.CUSTOMER_MESSAGE, utc(from), utc(to)));
    String sql =
        """
        SELECT s.conversation_key, s.first_message_at,
          (SELECT MIN(o.created_at) FROM outbound_message o WHERE o.conversation_key = s.conversation_key
             AND o.created_at >= s.first_message_at) AS first_reply
        FROM conversation_start s
        WHERE s.started_by = ? AND s.first_message_at >= ? AND s.first_message_at < ?""";
    if (phoneNumberId != null) {
      sql += " AND s.phone_number_id = ?";
      params.add(phoneNumberId);
    }
    return jdbc.sql(sql + " ORDER BY s.first_message_at, s.process_instance_id")
        .params(params)
        .query(
            (rs, n) -> {
              OffsetDateTime reply = rs.getObject("first_reply", OffsetDateTime.class);
              return new Started(
                  rs.getString("conversation_key"),
                  rs.getObject("first_message_at", OffsetDateTime.class).toInstant(),
                  reply == null ? null : reply.toInstant());
            })
        .list();
  }

  /** The business numbers Wasla has had conversations on. */
  public Set<String> phoneNumberIds() {
    return new HashSet<>(
        jdbc.sql("SELECT DISTINCT phone_number_id FROM conversation").query(String.class).list());
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
