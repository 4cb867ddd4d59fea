package app.wasla.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The messages of a customer in both directions, across all conversations, for a customer's history
 * (the CRM merges them with its own events): read here, because the mailbox tables are this
 * package's.
 */
@Repository
public class MessageHistory {

  /**
   * One message.
   *
   * @param direction {@code in} (from the customer or an external system) or {@code out} (sent by
   *     Wasla)
   * @param kind the message name ({@code CustomerMessage}, {@code WhatsAppMessage}, an external
   *     event's name)
   * @param type the WhatsApp message type, or null
   * @param conversationId the process instance of the conversation, when known
   */
  public record Message(
      String direction,
      long id,
      String kind,
      String type,
      String text,
      Instant at,
      String status,
      String conversationId) {}

  private final JdbcClient jdbc;

  MessageHistory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** How many messages the customer's conversations hold, both directions. */
  public long count(String conversationKey) {
    return jdbc.sql(
            """
            SELECT (SELECT COUNT(*) FROM inbox_message WHERE conversation_key = :key)
              + (SELECT COUNT(*) FROM outbound_message WHERE conversation_key = :key)""")
        .param("key", conversationKey)
        .query(Long.class)
        .single();
  }

  /** The customer's oldest {@code limit} messages, ordered by time, then direction, then id. */
  public List<Message> oldest(String conversationKey, int limit) {
    return jdbc.sql(
            """
            SELECT h_direction, h_id, h_kind, h_type, h_text, h_at, h_status, h_conversation FROM (
              SELECT 'in' AS h_direction, id AS h_id, message_name AS h_kind, message_type AS h_type,
                text AS h_text, wa_timestamp AS h_at, status AS h_status, process_instance_id AS h_conversation
              FROM inbox_message WHERE conversation_key = :key
              UNION ALL
              SELECT 'out', id, 'WhatsAppMessage', message_type, text, created_at, status, idempotency_key
              FROM outbound_message WHERE conversation_key = :key
            ) h
            ORDER BY h_at, h_direction, h_id
            LIMIT :limit""")
        .param("key", conversationKey)
        .param("limit", limit)
        .query(MessageHistory::message)
        .list();
  }

  private static Message message(ResultSet rs, int row) throws SQLException {
    String direction = rs.getString(1).strip();
    String conversation = rs.getString(8);
    if ("out".equals(direction)) {
      // a flow's send key starts with the conversation's (root) process instance id:
      // <root>[:<called>]:<seq>
      int colon =
          conversation == null || conversation.startsWith("api:") ? -1 : conversation.indexOf(':');
      conversation = colon > 0 ? conversation.substring(0, colon) : null;
    }
    OffsetDateTime at = rs.getObject(6, OffsetDateTime.class);
    return new Message(
        direction,
        rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        at == null ? null : at.toInstant(),
        rs.getString(7),
        conversation);
  }
}
