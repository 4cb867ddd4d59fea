package app.wasla.campaign;

import app.wasla.campaign.Campaign.Stage;
import app.wasla.campaign.Campaign.Status;
import app.wasla.channel.whatsapp.OutboundMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The campaign and campaign_recipient tables. */
@Component
class CampaignStore {

  /** A recipient of one stage, as claimed for sending. */
  record Recipient(
      String campaignId,
      Stage stage,
      String customerKey,
      int seq,
      String waId,
      String language,
      List<String> parameters,
      String state,
      int attempts,
      String wamid,
      Integer errorCode,
      String error,
      Instant sentAt) {}

  /** A recipient to write when the audience is selected. */
  record NewRecipient(
      String customerKey, String waId, String language, List<String> parameters, String error) {}

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  CampaignStore(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /**
   * Inserts a draft; {@code idempotencyKey} (null: none) is unique, so a second insert with the
   * same key fails with a {@link org.springframework.dao.DuplicateKeyException}.
   */
  void insert(Campaign c, String idempotencyKey) {
    jdbc.sql(
            """
            INSERT INTO campaign (id, name, phone_number_id, template_name, language, parameters_json,
              header_json, buttons_json, audience_json, start_at, rate_per_second, reminder_template,
              reminder_after, status, stage, created_at, idempotency_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            c.id(),
            c.name(),
            c.phoneNumberId(),
            c.template(),
            c.language(),
            write(c.parameters()),
            c.header() == null ? null : write(c.header()),
            c.buttons().isEmpty() ? null : write(c.buttons()),
            write(c.audience()),
            utc(c.startAt()),
            c.ratePerSecond(),
            c.reminderTemplate(),
            c.reminderAfter() == null ? null : c.reminderAfter().toString(),
            c.status().name(),
            c.stage().name(),
            utc(c.createdAt()),
            idempotencyKey)
        .update();
  }

  /** The campaign a request with this Idempotency-Key created, if any. */
  Optional<Campaign> findByIdempotencyKey(String idempotencyKey) {
    return jdbc.sql("SELECT * FROM campaign WHERE idempotency_key = ?")
        .param(idempotencyKey)
        .query((rs, n) -> campaign(rs))
        .optional();
  }

  Optional<Campaign> find(String id) {
    return jdbc.sql("SELECT * FROM campaign WHERE id = ?")
        .param(id)
        .query((rs, n) -> campaign(rs))
        .optional();
  }

  /** For the row's lock: pause, resume and cancel of one campaign run one at a time. */
  Optional<Campaign> lock(String id) {
    return jdbc.sql("SELECT * FROM campaign WHERE id = ? FOR UPDATE")
        .param(id)
        .query((rs, n) -> campaign(rs))
        .optional();
  }

  List<Campaign> list(int page, int size) {
    return jdbc.sql(
            "SELECT * FROM campaign ORDER BY created_at DESC, id OFFSET ? ROWS FETCH FIRST ? ROWS ONLY")
        .params((long) page * size, size)
        .query((rs, n) -> campaign(rs))
        .list();
  }

  List<Campaign> sending() {
    return jdbc.sql("SELECT * FROM campaign WHERE status = 'SENDING' ORDER BY created_at")
        .query((rs, n) -> campaign(rs))
        .list();
  }

  Optional<Status> status(String id) {
    return jdbc.sql("SELECT status FROM campaign WHERE id = ?")
        .param(id)
        .query((rs, n) -> Status.valueOf(rs.getString(1)))
        .optional();
  }

  void started(String id, String processInstanceId, Instant at) {
    jdbc.sql(
            """
            UPDATE campaign SET status = 'SCHEDULED', process_instance_id = ?, started_at = ?
            WHERE id = ? AND status = 'DRAFT'""")
        .params(processInstanceId, utc(at), id)
        .update();
  }

  /** Moves the status; false when it was not {@code from}. */
  boolean move(String id, Status from, Status to) {
    return jdbc.sql("UPDATE campaign SET status = ? WHERE id = ? AND status = ?")
            .params(to.name(), id, from.name())
            .update()
        == 1;
  }

  void sendingStage(String id, Stage stage) {
    jdbc.sql("UPDATE campaign SET status = 'SENDING', stage = ? WHERE id = ?")
        .params(stage.name(), id)
        .update();
  }

  void finished(String id, Status status, Instant at) {
    jdbc.sql("UPDATE campaign SET status = ?, finished_at = ? WHERE id = ?")
        .params(status.name(), utc(at), id)
        .update();
  }

  /**
   * SENDING to SENT once no recipient of the stage is left to send to; true for the one caller that
   * moved it.
   */
  boolean stageSent(String id, Stage stage) {
    return jdbc.sql(
                """
            UPDATE campaign SET status = 'SENT' WHERE id = ? AND status = 'SENDING' AND stage = ?
              AND NOT EXISTS (SELECT 1 FROM campaign_recipient r WHERE r.campaign_id = ? AND r.stage = ?
                AND r.state = 'PENDING')""")
            .params(id, stage.name(), id, stage.name())
            .update()
        == 1;
  }

  /** Writes the audience of a stage, in order; the recipients already there stay. */
  int addRecipients(String campaignId, Stage stage, List<NewRecipient> recipients) {
    List<Object[]> rows = new ArrayList<>();
    int seq = 0;
    for (NewRecipient r : recipients) {
      rows.add(
          new Object[] {
            campaignId,
            stage.name(),
            r.customerKey(),
            seq++,
            r.waId(),
            r.language(),
            write(r.parameters()),
            r.error() == null ? "PENDING" : "FAILED",
            r.error()
          });
    }
    batch.batchUpdate(
        """
        INSERT INTO campaign_recipient (campaign_id, stage, customer_key, seq, wa_id, language,
          parameters_json, state, error)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        rows);
    return rows.size();
  }

  /**
   * Claims up to {@code size} due recipients of the stage for {@code owner} until {@code until}:
   * the ones no node holds, or whose holder's lease ran out (a dead node's), or whose retry is due.
   */
  List<Recipient> claim(
      String campaignId, Stage stage, String owner, Instant now, Instant until, int size) {
    List<Integer> due =
        jdbc.sql(
                """
                SELECT seq FROM campaign_recipient WHERE campaign_id = ? AND stage = ? AND state = 'PENDING'
                  AND (lease_until IS NULL OR lease_until < ?)
                ORDER BY seq FETCH FIRST ? ROWS ONLY""")
            .params(campaignId, stage.name(), utc(now), size)
            .query(Integer.class)
            .list();
    if (due.isEmpty()) {
      return List.of();
    }
    jdbc.sql(
            """
            UPDATE campaign_recipient SET lease_owner = ?, lease_until = ?
            WHERE campaign_id = ? AND stage = ? AND state = 'PENDING'
              AND (lease_until IS NULL OR lease_until < ?) AND seq >= ? AND seq <= ?""")
        .params(
            owner,
            utc(until),
            campaignId,
            stage.name(),
            utc(now),
            due.get(0),
            due.get(due.size() - 1))
        .update();
    return jdbc.sql(
            """
            SELECT * FROM campaign_recipient WHERE campaign_id = ? AND stage = ? AND lease_owner = ?
              AND state = 'PENDING' ORDER BY seq""")
        .params(campaignId, stage.name(), owner)
        .query((rs, n) -> recipient(rs))
        .list();
  }

  /** The recipient's end state, if this owner still holds it. */
  boolean finish(
      Recipient r,
      String owner,
      String state,
      String wamid,
      Integer errorCode,
      String error,
      Instant sentAt) {
    return jdbc.sql(
                """
            UPDATE campaign_recipient SET state = ?, wamid = ?, error_code = ?, error = ?, sent_at = ?,
              attempts = attempts + 1, lease_owner = NULL, lease_until = NULL
            WHERE campaign_id = ? AND stage = ? AND customer_key = ?
              AND state IN ('PENDING', 'CANCELLED') AND lease_owner = ?""")
            .params(
                state,
                wamid,
                errorCode,
                error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error,
                utc(sentAt),
                r.campaignId(),
                r.stage().name(),
                r.customerKey(),
                owner)
            .update()
        == 1;
  }

  /** Back to the queue, not before {@code notBefore} (a retry), or at once (null). */
  void release(Recipient r, String owner, Instant notBefore, boolean attempted, String error) {
    jdbc.sql(
            """
            UPDATE campaign_recipient SET lease_owner = NULL, lease_until = ?,
              attempts = attempts + ?, error = COALESCE(?, error)
            WHERE campaign_id = ? AND stage = ? AND customer_key = ? AND state = 'PENDING'
              AND lease_owner = ?""")
        .params(
            utc(notBefore),
            attempted ? 1 : 0,
            error,
            r.campaignId(),
            r.stage().name(),
            r.customerKey(),
            owner)
        .update();
  }

  /**
   * A cancelled campaign's recipients not sent to yet. A send a node has begun keeps its claim: it
   * ends as it ends at Meta (sent, refused), so that a message that went out is never counted as
   * cancelled.
   */
  int cancelPending(String campaignId) {
    return jdbc.sql(
            """
            UPDATE campaign_recipient SET state = 'CANCELLED'
            WHERE campaign_id = ? AND state = 'PENDING'""")
        .param(campaignId)
        .update();
  }

  List<Recipient> recipients(String campaignId, Stage stage, int page, int size) {
    return jdbc.sql(
            """
            SELECT * FROM campaign_recipient WHERE campaign_id = ? AND stage = ?
            ORDER BY seq OFFSET ? ROWS FETCH FIRST ? ROWS ONLY""")
        .params(campaignId, stage.name(), (long) page * size, size)
        .query((rs, n) -> recipient(rs))
        .list();
  }

  List<Recipient> allRecipients(String campaignId, Stage stage) {
    return jdbc.sql(
            "SELECT * FROM campaign_recipient WHERE campaign_id = ? AND stage = ? ORDER BY seq")
        .params(campaignId, stage.name())
        .query((rs, n) -> recipient(rs))
        .list();
  }

  Map<String, Long> stateCounts(String campaignId, Stage stage) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    jdbc.sql(
            """
            SELECT state, COUNT(*) FROM campaign_recipient WHERE campaign_id = ? AND stage = ?
            GROUP BY state""")
        .params(campaignId, stage.name())
        .query(
            rs -> {
              counts.put(rs.getString(1), rs.getLong(2));
            });
    return counts;
  }

  private static Campaign campaign(ResultSet rs) throws SQLException {
    String reminderAfter = rs.getString("reminder_after");
    return new Campaign(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("phone_number_id"),
        rs.getString("template_name"),
        rs.getString("language"),
        read(rs.getString("parameters_json"), new TypeReference<List<Campaign.Parameter>>() {}),
        rs.getString("header_json") == null
            ? null
            : read(
                rs.getString("header_json"),
                new TypeReference<OutboundMessage.Template.Header>() {}),
        rs.getString("buttons_json") == null
            ? List.of()
            : read(
                rs.getString("buttons_json"),
                new TypeReference<List<OutboundMessage.Template.Button>>() {}),
        read(rs.getString("audience_json"), new TypeReference<Campaign.Audience>() {}),
        instant(rs, "start_at"),
        (Integer) rs.getObject("rate_per_second", Integer.class),
        rs.getString("reminder_template"),
        reminderAfter == null ? null : Duration.parse(reminderAfter),
        Status.valueOf(rs.getString("status")),
        Stage.valueOf(rs.getString("stage")),
        rs.getString("process_instance_id"),
        instant(rs, "created_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"));
  }

  private static Recipient recipient(ResultSet rs) throws SQLException {
    return new Recipient(
        rs.getString("campaign_id"),
        Stage.valueOf(rs.getString("stage")),
        rs.getString("customer_key"),
        rs.getInt("seq"),
        rs.getString("wa_id"),
        rs.getString("language"),
        read(rs.getString("parameters_json"), new TypeReference<List<String>>() {}),
        rs.getString("state"),
        rs.getInt("attempts"),
        rs.getString("wamid"),
        rs.getObject("error_code", Integer.class),
        rs.getString("error"),
        instant(rs, "sent_at"));
  }

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write campaign JSON", e);
    }
  }

  private static <T> T read(String text, TypeReference<T> type) {
    try {
      return JSON.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable campaign JSON", e);
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
