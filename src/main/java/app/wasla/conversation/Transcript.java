package app.wasla.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every inbound and outbound message of a conversation, in time order, with type and delivery
 * status.
 */
@Repository
public class Transcript {

  /**
   * One line of the transcript. {@code body} is the outbound message as JSON (buttons, list rows).
   */
  public record Line(
      String direction,
      String id,
      String wamid,
      String type,
      String text,
      Instant at,
      String status,
      String replyId,
      String body,
      @com.fasterxml.jackson.annotation.JsonIgnore Instant arrived) {}

  private final JdbcClient jdbc;

  Transcript(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The latest {@code limit} lines of a conversation, oldest first. One statement: the persona
   * reads it every turn.
   */
  public List<Line> latest(String conversationKey, int limit) {
    List<Line> all =
        jdbc
            .sql(
                """
            SELECT * FROM (
              (SELECT 'in' AS direction, id, wamid, message_type, text, wa_timestamp AS at, status, reply_id,
                  CAST(NULL AS TEXT) AS body_json, received_at AS arrived
                FROM inbox_message WHERE conversation_key = :key AND message_name = 'CustomerMessage'
                ORDER BY received_at DESC, id DESC FETCH FIRST :limit ROWS ONLY)
              UNION ALL
              (SELECT 'out', id, wamid, message_type, text, created_at, status, CAST(NULL AS VARCHAR(256)),
                  body_json, created_at
                FROM outbound_message WHERE conversation_key = :key
                ORDER BY created_at DESC, id DESC FETCH FIRST :limit ROWS ONLY)) lines""")
            .param("key", conversationKey)
            .param("limit", limit)
            .query(Transcript::line)
            .list()
            .stream()
            // by arrival: WhatsApp timestamps have whole seconds only, our own sends have
            // milliseconds
            .sorted(Comparator.comparing(Line::arrived).thenComparing(Line::id))
            .toList();
    return all.size() <= limit ? all : all.subList(all.size() - limit, all.size());
  }

  private static Line line(ResultSet rs, int row) throws SQLException {
    String direction = rs.getString(1).strip();
    return new Line(
        direction,
        direction + "-" + rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getObject(6, OffsetDateTime.class).toInstant(),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getObject(10, OffsetDateTime.class).toInstant());
  }
}
