package app.wasla.conversation.media;

import app.wasla.channel.whatsapp.InboundMessage;
import app.wasla.system.Fit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code inbox_media} rows: what a customer's message carries besides text, and where its file
 * stands (PENDING, STORED, REJECTED, FAILED); also the files an agent sent ({@code outbound}), kept
 * so that whoever reads the conversation later sees them.
 */
@Repository
public class InboundMedia {

  /** Message types whose file Wasla fetches. */
  public static final Set<String> FILE_KINDS =
      Set.of("image", "audio", "video", "document", "sticker");

  public static final String LOCATION = "location";

  /** One row, as the fetcher and the file endpoint need it. */
  public record Row(
      long id,
      String wamid,
      String conversationKey,
      String kind,
      String mediaId,
      String mimeType,
      String filename,
      boolean voice,
      String status,
      int attempts,
      String storageKey,
      String transcriptStatus) {}

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  InboundMedia(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Whether a message carries something for this table: a file or a location. */
  public static boolean carries(InboundMessage m) {
    return FILE_KINDS.contains(m.type()) && m.mediaId() != null || LOCATION.equals(m.type());
  }

  /**
   * Records the message's media as PENDING (a location as STORED, with its coordinates), due at
   * once; in the transaction that stores the inbox row, so neither is kept without the other.
   *
   * @param fetch false when media fetching is off: the row is REJECTED at once
   * @param transcribe whether a voice note is to be transcribed once stored
   * @return the row's id, or empty when the message carries nothing for this table
   */
  public Optional<Long> record(InboundMessage m, boolean fetch, boolean transcribe, Instant now) {
    if (!carries(m)) {
      return Optional.empty();
    }
    JsonNode message = parse(m.rawJson());
    JsonNode body = message.path(m.type());
    boolean location = LOCATION.equals(m.type());
    Double latitude = location ? coordinate(body.path("latitude"), 90) : null;
    Double longitude = location ? coordinate(body.path("longitude"), 180) : null;
    String place = location ? place(body) : null;
    boolean voice = "audio".equals(m.type()) && body.path("voice").asBoolean(false);
    String status =
        location
            ? (latitude == null || longitude == null ? "REJECTED" : "STORED")
            : fetch ? "PENDING" : "REJECTED";
    String error =
        location && "REJECTED".equals(status)
            ? "no valid coordinates"
            : !location && !fetch ? "media fetching is off (wasla.media.enabled=false)" : null;
    int inserted =
        jdbc.sql(
                """
                INSERT INTO inbox_media (wamid, conversation_key, kind, media_id, mime_type, caption,
                  filename, voice, latitude, longitude, place, status, attempts, next_attempt_at,
                  last_error, transcript_status, created_at, stored_at)
                VALUES (:wamid, :key, :kind, :mediaId, :mimeType, :caption, :filename, :voice,
                  :latitude, :longitude, :place, :status, 0, :next, :error, :transcript, :now, :storedAt)""")
            .param("wamid", m.wamid())
            .param("key", m.conversationKey())
            .param("kind", m.type())
            .param("mediaId", m.mediaId())
            .param("mimeType", m.mimeType())
            .param("caption", Fit.cut(text(body, "caption"), 4000))
            .param("filename", Fit.cut(text(body, "filename"), 255))
            .param("voice", voice)
            .param("latitude", latitude)
            .param("longitude", longitude)
            .param("place", Fit.cut(place, 1000))
            .param("status", status)
            .param("next", "PENDING".equals(status) ? java.sql.Timestamp.from(now) : null)
            .param("error", error)
            .param(
                "transcript",
                transcribe && "audio".equals(m.type()) && "PENDING".equals(status)
                    ? "PENDING"
                    : "NONE")
            .param("now", java.sql.Timestamp.from(now))
            .param("storedAt", location ? java.sql.Timestamp.from(now) : null)
            .update();
    if (inserted == 0) {
      return Optional.empty();
    }
    return Optional.of(
        jdbc.sql("SELECT id FROM inbox_media WHERE wamid = :wamid")
            .param("wamid", m.wamid())
            .query(Long.class)
            .single());
  }

  /**
   * Records a file the shop sent, already in the store, under the sent message's wamid: STORED at
   * once and never fetched. A second call for the same wamid (a retried send) records nothing.
   *
   * @return whether a row was added
   */
  boolean recordSent(
      String conversationKey,
      String wamid,
      String kind,
      String mimeType,
      String filename,
      String caption,
      String storageKey,
      long size,
      String sha256,
      Instant now) {
    if (has(wamid)) {
      return false;
    }
    return jdbc.sql(
                """
                INSERT INTO inbox_media (wamid, conversation_key, kind, mime_type, caption, filename,
                  voice, status, attempts, storage_key, size_bytes, sha256, transcript_status,
                  created_at, stored_at, outbound)
                VALUES (:wamid, :key, :kind, :mimeType, :caption, :filename, FALSE, 'STORED', 0,
                  :storageKey, :size, :sha, 'NONE', :now, :now, TRUE)""")
            .param("wamid", wamid)
            .param("key", conversationKey)
            .param("kind", kind)
            .param("mimeType", mimeType)
            .param("caption", Fit.cut(caption, 4000))
            .param("filename", Fit.cut(filename, 255))
            .param("storageKey", storageKey)
            .param("size", size)
            .param("sha", sha256)
            .param("now", java.sql.Timestamp.from(now))
            .update()
        == 1;
  }

  /** Whether a message's row exists. */
  boolean has(String wamid) {
    return jdbc.sql("SELECT 1 FROM inbox_media WHERE wamid = :wamid")
        .param("wamid", wamid)
        .query(Integer.class)
        .optional()
        .isPresent();
  }

  /** Rows whose download (or transcription) is due. */
  List<Long> due(Instant now, int limit) {
    return jdbc.sql(
            """
            SELECT id FROM inbox_media
            WHERE status IN ('PENDING', 'STORED') AND next_attempt_at <= :now
            ORDER BY next_attempt_at FETCH FIRST :limit ROWS ONLY""")
        .param("now", java.sql.Timestamp.from(now))
        .param("limit", limit)
        .query(Long.class)
        .list();
  }

  /**
   * Takes a due row for one attempt, until {@code leaseUntil}; false when another worker or node
   * has it.
   */
  boolean claim(long id, Instant now, Instant leaseUntil) {
    return jdbc.sql(
                """
                UPDATE inbox_media SET next_attempt_at = :lease
                WHERE id = :id AND status IN ('PENDING', 'STORED') AND next_attempt_at <= :now""")
            .param("lease", java.sql.Timestamp.from(leaseUntil))
            .param("id", id)
            .param("now", java.sql.Timestamp.from(now))
            .update()
        == 1;
  }

  public Optional<Row> find(long id) {
    return jdbc.sql(
            """
            SELECT id, wamid, conversation_key, kind, media_id, mime_type, filename, voice, status,
              attempts, storage_key, transcript_status
            FROM inbox_media WHERE id = :id""")
        .param("id", id)
        .query(
            (rs, n) ->
                new Row(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getBoolean(8),
                    rs.getString(9),
                    rs.getInt(10),
                    rs.getString(11),
                    rs.getString(12)))
        .optional();
  }

  /**
   * The file is kept; a voice note to transcribe stays due for that. False when the row is gone
   * (its customer was erased meanwhile).
   */
  boolean stored(
      long id,
      String storageKey,
      String mimeType,
      long size,
      String sha256,
      boolean transcribeNext,
      Instant now,
      Instant transcribeAfter) {
    return jdbc.sql(
                """
            UPDATE inbox_media SET status = 'STORED', storage_key = :key, mime_type = :mime,
              size_bytes = :size, sha256 = :sha, stored_at = :now, last_error = NULL,
              next_attempt_at = :next
            WHERE id = :id""")
            .param("key", storageKey)
            .param("mime", Fit.cut(mimeType, 128))
            .param("size", size)
            .param("sha", sha256)
            .param("now", java.sql.Timestamp.from(now))
            .param("next", transcribeNext ? java.sql.Timestamp.from(transcribeAfter) : null)
            .param("id", id)
            .update()
        == 1;
  }

  /** Never to be fetched: too large, a type not taken, an unknown media id. */
  void rejected(long id, String status, String reason) {
    jdbc.sql(
            """
            UPDATE inbox_media SET status = :status, last_error = :error, next_attempt_at = NULL,
              transcript_status = CASE WHEN transcript_status = 'PENDING' THEN 'FAILED'
                ELSE transcript_status END
            WHERE id = :id""")
        .param("status", status)
        .param("error", Fit.cut(reason, 1000))
        .param("id", id)
        .update();
  }

  /** A failed attempt to be tried again at {@code next}. */
  void retry(long id, int attempts, Instant next, String reason) {
    jdbc.sql(
            """
            UPDATE inbox_media SET attempts = :attempts, next_attempt_at = :next, last_error = :error
            WHERE id = :id""")
        .param("attempts", attempts)
        .param("next", java.sql.Timestamp.from(next))
        .param("error", Fit.cut(reason, 1000))
        .param("id", id)
        .update();
  }

  /** A photo's description for the agents. */
  void described(long id, String description) {
    jdbc.sql("UPDATE inbox_media SET description = :description WHERE id = :id")
        .param("description", Fit.cut(description, 2000))
        .param("id", id)
        .update();
  }

  /** The voice note's text, or FAILED with a null text. */
  void transcribed(long id, String transcript) {
    jdbc.sql(
            """
            UPDATE inbox_media SET transcript_status = :status, transcript = :text,
              next_attempt_at = NULL
            WHERE id = :id""")
        .param("status", transcript == null ? "FAILED" : "DONE")
        .param("text", Fit.cut(transcript, 8000))
        .param("id", id)
        .update();
  }

  private JsonNode parse(String raw) {
    try {
      return raw == null ? json.createObjectNode() : json.readTree(raw);
    } catch (IOException e) {
      return json.createObjectNode();
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  private static Double coordinate(JsonNode n, double bound) {
    if (!(n.isNumber() || n.isTextual())) {
      return null;
    }
    try {
      double value = Double.parseDouble(n.asText().trim());
      return Double.isFinite(value) && Math.abs(value) <= bound ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String place(JsonNode body) {
    String name = text(body, "name");
    String address = text(body, "address");
    if (name == null || name.isBlank()) {
      return address == null || address.isBlank() ? null : address;
    }
    return address == null || address.isBlank() ? name : name + ", " + address;
  }
}
