package app.wasla.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every inbound and outbound message of a conversation, in time order, with type and delivery status. */
@Repository
public class Transcript {

  /** One line of the transcript. {@code body} is the outbound message as JSON (buttons, list rows). */
  public record Line(String direction, String id, String wamid, String type, String text, Instant at,
      String status, String replyId, String body, @com.fasterxml.jackson.annotation.JsonIgnore Instant arrived) {
  }

  private final JdbcClient jdbc;

  Transcript(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The latest {@code limit} lines of a conversation, oldest first. */
  public List<Line> latest(String conversationKey, int limit) {
    List<Line> in = jdbc.sql("""
            SELECT id, wamid, message_type, text, wa_timestamp, status, reply_id, received_at FROM inbox_message
            WHERE conversation_key = ? AND message_name = 'CustomerMessage'
            ORDER BY received_at DESC, id DESC FETCH FIRST ? ROWS ONLY""")
        .params(conversationKey, limit).query(Transcript::inbound).list();
    List<Line> out = jdbc.sql("""
            SELECT id, wamid, message_type, text, created_at, status, body_json FROM outbound_message
            WHERE conversation_key = ? ORDER BY created_at DESC, id DESC FETCH FIRST ? ROWS ONLY""")
        .params(conversationKey, limit).query(Transcript::outbound).list();
    List<Line> all = Stream.concat(in.stream(), out.stream())
        // by arrival: WhatsApp timestamps have whole seconds only, our own sends have milliseconds
        .sorted(Comparator.comparing(Line::arrived).thenComparing(Line::id))
        .toList();
    return all.size() <= limit ? all : all.subList(all.size() - limit, all.size());
  }

  private static Line inbound(ResultSet rs, int row) throws SQLException {
    return new Line("in", "in-" + rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6), rs.getString(7), null,
        rs.getObject(8, OffsetDateTime.class).toInstant());
  }

  private static Line outbound(ResultSet rs, int row) throws SQLException {
    return new Line("out", "out-" + rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6), null, rs.getString(7),
        rs.getObject(5, OffsetDateTime.class).toInstant());
  }
}
