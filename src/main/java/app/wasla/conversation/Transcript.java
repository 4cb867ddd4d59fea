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
   * {@code author} says who wrote it ({@link Author}); {@code authorId} and {@code authorName} are
   * a person's (an agent's Camunda user id and name), {@code authorTeam} the team whose handoff it
   * was.
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
      @com.fasterxml.jackson.annotation.JsonIgnore Instant arrived,
      @com.fasterxml.jackson.annotation.JsonInclude(
              com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
          Media media,
      String author,
      @com.fasterxml.jackson.annotation.JsonInclude(
              com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
          String authorId,
      @com.fasterxml.jackson.annotation.JsonInclude(
              com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
          String authorName,
      @com.fasterxml.jackson.annotation.JsonIgnore String authorTeam) {

    /** Whether a person (an agent, a supervisor) wrote this line to the customer. */
    public boolean byPerson() {
      return Author.AGENT.equals(author);
    }
  }

  /**
   * Who wrote a line: the customer (inbound), the bot (the flows and the persona, with their
   * automatic notices), an agent (the handoff form, a completed handoff's reply box), a
   * notification (the notifications API, booking reminders, shipment updates), a campaign, or an
   * API call ({@code POST /api/messages}). A person's message is stored with her name; the others
   * are told by their idempotency key's prefix.
   */
  public static final class Author {
    public static final String CUSTOMER = "customer";
    public static final String BOT = "bot";
    public static final String AGENT = "agent";
    public static final String NOTIFICATION = "notification";
    public static final String CAMPAIGN = "campaign";
    public static final String API = "api";

    private Author() {}

    /** The author of an outbound message, from its idempotency key and stored person. */
    public static String of(String idempotencyKey, String personId) {
      if (personId != null || idempotencyKey == null) {
        return personId != null ? AGENT : BOT;
      }
      if (idempotencyKey.startsWith("handoff:")) {
        return AGENT; // sent before persons were recorded: the handoff form's
      }
      if (idempotencyKey.startsWith("notification:")
          || idempotencyKey.startsWith("booking-reminder:")
          || idempotencyKey.startsWith("shipment:")) {
        return NOTIFICATION;
      }
      if (idempotencyKey.startsWith("campaign:")) {
        return CAMPAIGN;
      }
      if (idempotencyKey.startsWith("api:")) {
        return API;
      }
      return BOT;
    }
  }

  /**
   * What an inbound line carries besides text: a file ({@code image}, {@code audio}, {@code video},
   * {@code document}, {@code sticker}) served at {@code url} once {@code status} is STORED, or a
   * {@code location} with its map link. {@code url} is the agents' path ({@code /media/{id}}, a
   * Camunda user's login); API keys with conversations:read use {@code /api/media/{id}}. {@code
   * transcript}: a voice note's words; {@code description}: a photo's, by a vision model, for the
   * agents.
   */
  public record Media(
      long id,
      String kind,
      String mimeType,
      String url,
      String caption,
      String filename,
      boolean voice,
      String status,
      Double latitude,
      Double longitude,
      String place,
      String mapUrl,
      String transcript,
      String description) {

    /** The agents' path of a stored file. */
    public static String path(long id) {
      return "/media/" + id;
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /**
   * What the shop sent on an outbound line, for the agents' pages, when the line carries no kept
   * copy (an agent's file is kept and served as {@code /media/{id}}): a photo or document with the
   * link it went by (Wasla's own {@code /store/...} path, else an https link; {@code url} null for
   * a file uploaded to Meta whose copy is missing), or a location with its map link; {@code status}
   * {@code SENT}. Null for a line that is no photo, document or location.
   */
  public static Media sent(Line line) {
    if (!"out".equals(line.direction()) || line.body() == null) {
      return null;
    }
    String kind = line.type();
    if (!"image".equals(kind) && !"document".equals(kind) && !"location".equals(kind)) {
      return null;
    }
    com.fasterxml.jackson.databind.JsonNode body;
    try {
      body = JSON.readTree(line.body());
    } catch (java.io.IOException e) {
      return null;
    }
    if ("location".equals(kind)) {
      if (!body.path("latitude").isNumber() || !body.path("longitude").isNumber()) {
        return null;
      }
      double latitude = body.path("latitude").asDouble();
      double longitude = body.path("longitude").asDouble();
      return new Media(
          0,
          kind,
          null,
          null,
          null,
          null,
          false,
          "SENT",
          latitude,
          longitude,
          body.path("name").isTextual() ? body.path("name").asText() : null,
          "https://maps.google.com/?q=" + latitude + "," + longitude,
          null,
          null);
    }
    return new Media(
        0,
        kind,
        null,
        shown(body.path("link").isTextual() ? body.path("link").asText() : null),
        body.path("caption").isTextual() ? body.path("caption").asText() : null,
        body.path("filename").isTextual() ? body.path("filename").asText() : null,
        false,
        "SENT",
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * A link as the agents' pages may open it: Wasla's own files by their path (the page may be open
   * at another address than the public base URL), other https links as they are; null otherwise.
   */
  private static String shown(String link) {
    if (link == null) {
      return null;
    }
    if (link.startsWith("/store/")) {
      return link;
    }
    try {
      java.net.URI uri = new java.net.URI(link);
      if (uri.getRawPath() != null
          && uri.getRawPath().startsWith("/store/")
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      }
      return "https".equals(uri.getScheme()) ? link : null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

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
              (SELECT 'in' AS direction, i.id, i.wamid, i.message_type, i.text, i.wa_timestamp AS at,
                  i.status, i.reply_id, CAST(NULL AS TEXT) AS body_json, i.received_at AS arrived,
                  m.id AS media_row, m.kind, m.mime_type AS media_type, m.caption, m.filename, m.voice,
                  m.status AS media_status, m.latitude, m.longitude, m.place, m.transcript,
                  m.description, CAST(NULL AS VARCHAR(255)) AS send_key, CAST(NULL AS VARCHAR(64)) AS author_id,
                  CAST(NULL AS VARCHAR(200)) AS author_name, CAST(NULL AS VARCHAR(64)) AS author_team
                FROM inbox_message i LEFT JOIN inbox_media m ON m.wamid = i.wamid
                WHERE i.conversation_key = :key AND i.message_name = 'CustomerMessage'
                ORDER BY i.received_at DESC, i.id DESC FETCH FIRST :limit ROWS ONLY)
              UNION ALL
              (SELECT 'out', o.id, o.wamid, o.message_type, o.text, o.created_at, o.status,
                  CAST(NULL AS VARCHAR(256)), o.body_json, o.created_at,
                  m.id, m.kind, m.mime_type, m.caption, m.filename, m.voice, m.status, m.latitude,
                  m.longitude, m.place, m.transcript, m.description,
                  o.idempotency_key, o.author_id, o.author_name, o.author_team
                FROM outbound_message o LEFT JOIN inbox_media m ON m.wamid = o.wamid AND m.outbound
                WHERE o.conversation_key = :key
                ORDER BY o.created_at DESC, o.id DESC FETCH FIRST :limit ROWS ONLY)) lines""")
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
        rs.getObject(10, OffsetDateTime.class).toInstant(),
        media(rs),
        "in".equals(direction) ? Author.CUSTOMER : Author.of(rs.getString(23), rs.getString(24)),
        rs.getString(24),
        rs.getString(25),
        rs.getString(26));
  }

  /**
   * Whether a person wrote to the customer of this conversation since {@code since}: the persona
   * reads the transcript for a follow-up on her words only then (an indexed look at the
   * conversation's recent sends).
   */
  public boolean personWroteSince(String conversationKey, Instant since) {
    return jdbc.sql(
            """
            SELECT 1 FROM outbound_message
             WHERE conversation_key = ? AND created_at >= ?
               AND author_id IS NOT NULL
             FETCH FIRST 1 ROWS ONLY""")
        .params(conversationKey, Inbox.utc(since))
        .query(Integer.class)
        .optional()
        .isPresent();
  }

  private static Media media(ResultSet rs) throws SQLException {
    long id = rs.getLong(11);
    if (rs.wasNull()) {
      return null;
    }
    String kind = rs.getString(12);
    String status = rs.getString(17);
    Double latitude = rs.getObject(18) == null ? null : rs.getDouble(18);
    Double longitude = rs.getObject(19) == null ? null : rs.getDouble(19);
    boolean location = "location".equals(kind);
    return new Media(
        id,
        kind,
        rs.getString(13),
        !location && "STORED".equals(status) ? Media.path(id) : null,
        rs.getString(14),
        rs.getString(15),
        rs.getBoolean(16),
        status,
        latitude,
        longitude,
        rs.getString(20),
        latitude != null && longitude != null
            ? "https://maps.google.com/?q=" + latitude + "," + longitude
            : null,
        rs.getString(21),
        rs.getString(22));
  }
}
