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

  ConversationFigures(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A conversation started: the first customer message that a flow (process instance) received
   * (external events such as a payment's, delivered to a sales flow, start none), and
   * the first message Wasla queued to the customer at or after it (null when none yet).
   */
  public record Started(String conversationKey, Instant startedAt, Instant firstReplyAt) {}

  /** Conversations whose first message arrived in [from, to). */
  public List<Started> started(Instant from, Instant to, String phoneNumberId) {
    List<Object> params = new ArrayList<>(List.of(utc(from), utc(to), Mailbox.CUSTOMER_MESSAGE));
    String sql =
        """
        SELECT i.conversation_key, i.received_at,
          (SELECT MIN(o.created_at) FROM outbound_message o WHERE o.conversation_key = i.conversation_key
             AND o.created_at >= i.received_at) AS first_reply
        FROM inbox_message i
        WHERE i.received_at >= ? AND i.received_at < ? AND i.process_instance_id IS NOT NULL
          AND i.message_name = ?
          AND NOT EXISTS (SELECT 1 FROM inbox_message p
                          WHERE p.process_instance_id = i.process_instance_id AND p.id < i.id)""";
    if (phoneNumberId != null) {
      sql += " AND i.conversation_key LIKE ?";
      params.add(phoneNumberId + ":%");
    }
    return jdbc.sql(sql + " ORDER BY i.received_at, i.id")
        .params(params)
        .query(
            (rs, n) -> {
              OffsetDateTime reply = rs.getObject("first_reply", OffsetDateTime.class);
              return new Started(
                  rs.getString("conversation_key"),
                  rs.getObject("received_at", OffsetDateTime.class).toInstant(),
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
