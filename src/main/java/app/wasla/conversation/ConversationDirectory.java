package app.wasla.conversation;

import app.wasla.engine.EngineTables;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The list of all conversations, for the owner's inbox: one page at a time, the customer who wrote
 * last first (keyset paging on {@code last_inbound_at, conversation_key}, index {@code
 * ix_conversation_recent}), with each conversation's latest message and how many of the customer's
 * messages came after the latest reply. What other packages know (tags, handoffs, payments) comes
 * in as sets of conversation keys, so each table is read by its owner only.
 */
@Repository
public class ConversationDirectory {

  /** Whether the conversation's flow is alive. */
  public enum Liveness {
    ANY,
    LIVE,
    ENDED
  }

  /**
   * What to list. {@code only}: just these keys (null: all); {@code except}: never these; {@code
   * text}: the customer's WhatsApp name or number contains it, or the key is in {@code alsoKeys};
   * {@code after}: the cursor of the previous page's last row.
   */
  public record Query(
      Collection<String> only,
      Collection<String> except,
      String text,
      Collection<String> alsoKeys,
      Liveness liveness,
      Cursor after,
      int limit) {}

  /** Where a page ended: the last row's customer time (null when it has none) and key. */
  public record Cursor(Instant lastInboundAt, String key) {}

  /** One conversation as the list shows it. */
  public record Row(
      String key,
      String phoneNumberId,
      String waId,
      String profileName,
      Instant createdAt,
      Instant lastInboundAt,
      boolean live,
      LastMessage lastMessage,
      int unread) {}

  /** The latest message of either side. */
  public record LastMessage(
      String direction, String type, String text, Instant at, String status) {}

  private final JdbcClient jdbc;
  private final EngineTables engineTables;

  ConversationDirectory(JdbcClient jdbc, EngineTables engineTables) {
    this.jdbc = jdbc;
    this.engineTables = engineTables;
  }

  /** One page, newest customer activity first; conversations the customer never wrote in last. */
  public List<Row> page(Query query) {
    if (query.only() != null && query.only().isEmpty()) {
      return List.of();
    }
    StringBuilder sql =
        new StringBuilder(
            "SELECT c.conversation_key, c.phone_number_id, c.wa_id, c.customer_name, c.created_at,"
                + " c.last_inbound_at, CASE WHEN "
                + engineTables.liveInstanceOf("c.conversation_key")
                + " THEN 1 ELSE 0 END AS live FROM conversation c WHERE 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (query.only() != null) {
      sql.append(" AND c.conversation_key IN (:only)");
      params.put("only", List.copyOf(query.only()));
    }
    if (query.except() != null && !query.except().isEmpty()) {
      sql.append(" AND c.conversation_key NOT IN (:except)");
      params.put("except", List.copyOf(query.except()));
    }
    if (query.text() != null && !query.text().isBlank()) {
      String like = "%" + escapeLike(query.text().strip().toLowerCase(Locale.ROOT)) + "%";
      sql.append(
          " AND (LOWER(c.customer_name) LIKE :text ESCAPE '\\' OR c.wa_id LIKE :number ESCAPE '\\'");
      params.put("number", "%" + escapeLike(number(query.text())) + "%");
      if (query.alsoKeys() != null && !query.alsoKeys().isEmpty()) {
        sql.append(" OR c.conversation_key IN (:alsoKeys)");
        params.put("alsoKeys", List.copyOf(query.alsoKeys()));
      }
      sql.append(")");
      params.put("text", like);
    }
    if (query.liveness() == Liveness.LIVE) {
      sql.append(" AND ").append(engineTables.liveInstanceOf("c.conversation_key"));
    } else if (query.liveness() == Liveness.ENDED) {
      sql.append(" AND NOT ").append(engineTables.liveInstanceOf("c.conversation_key"));
    }
    Cursor after = query.after();
    if (after != null) {
      if (after.lastInboundAt() != null) {
        sql.append(
            " AND (c.last_inbound_at < :afterAt OR (c.last_inbound_at = :afterAt AND"
                + " c.conversation_key < :afterKey) OR c.last_inbound_at IS NULL)");
        params.put("afterAt", after.lastInboundAt().atOffset(ZoneOffset.UTC));
      } else {
        sql.append(" AND c.last_inbound_at IS NULL AND c.conversation_key < :afterKey");
      }
      params.put("afterKey", after.key());
    }
    sql.append(
        " ORDER BY c.last_inbound_at DESC NULLS LAST, c.conversation_key DESC FETCH FIRST "
            + Math.max(1, Math.min(query.limit(), 500))
            + " ROWS ONLY");
    List<Row> rows =
        jdbc.sql(sql.toString()).params(params).query(ConversationDirectory::row).list();
    if (rows.isEmpty()) {
      return rows;
    }
    List<String> keys = rows.stream().map(Row::key).toList();
    Map<String, LastMessage> last = lastMessages(keys);
    Map<String, Integer> unread = unread(keys);
    List<Row> complete = new ArrayList<>(rows.size());
    for (Row r : rows) {
      complete.add(
          new Row(
              r.key(),
              r.phoneNumberId(),
              r.waId(),
              r.profileName(),
              r.createdAt(),
              r.lastInboundAt(),
              r.live(),
              last.get(r.key()),
              unread.getOrDefault(r.key(), 0)));
    }
    return complete;
  }

  /** The conversations of these customers (WhatsApp numbers), on any business number. */
  public Set<String> keysOfCustomers(Collection<String> waIds) {
    if (waIds.isEmpty()) {
      return Set.of();
    }
    return new java.util.LinkedHashSet<>(
        jdbc.sql("SELECT conversation_key FROM conversation WHERE wa_id IN (:waIds)")
            .param("waIds", List.copyOf(waIds))
            .query(String.class)
            .list());
  }

  /** The one conversation, as the list shows it; empty when never seen. */
  public java.util.Optional<Row> find(String key) {
    List<Row> rows = page(new Query(List.of(key), null, null, null, Liveness.ANY, null, 1));
    return rows.stream().findFirst();
  }

  /**
   * Where the tables of messages and statuses stand now: the highest id of each. A later {@link
   * #changedSince} with it lists what happened meanwhile (by primary key, so the list needs no
   * index of its own on the message tables).
   */
  public Mark mark() {
    return new Mark(maxId("inbox_message"), maxId("outbound_message"), maxId("message_status"));
  }

  /** The highest ids of the inbox, the sends and the delivery statuses at one moment. */
  public record Mark(long inbox, long outbound, long status) {

    /** As the page carries it: {@code 12.40.7}. */
    @Override
    public String toString() {
      return inbox + "." + outbound + "." + status;
    }

    /** Parses {@link #toString}; a malformed cursor is refused. */
    public static Mark parse(String text) {
      String[] parts = text == null ? new String[0] : text.split("\\.");
      if (parts.length != 3) {
        throw new IllegalArgumentException("since: a cursor from a previous answer (n.n.n)");
      }
      try {
        return new Mark(
            Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("since: a cursor from a previous answer (n.n.n)");
      }
    }
  }

  /**
   * Conversations where something happened after the mark: a customer's message or event arrived,
   * Wasla sent something, or a delivery status came in. Ids are handed out before their
   * transactions commit, so a row may become visible after a higher one: the look goes back {@value
   * #OVERLAP} ids (a conversation listed twice costs the page nothing).
   */
  public Set<String> changedSince(Mark since, int limit) {
    Set<String> keys = new java.util.LinkedHashSet<>();
    keys.addAll(
        jdbc.sql(
                "SELECT DISTINCT conversation_key FROM inbox_message WHERE id > ? FETCH FIRST "
                    + limit
                    + " ROWS ONLY")
            .param(since.inbox() - OVERLAP)
            .query(String.class)
            .list());
    keys.addAll(
        jdbc.sql(
                "SELECT DISTINCT conversation_key FROM outbound_message WHERE id > ? FETCH FIRST "
                    + limit
                    + " ROWS ONLY")
            .param(since.outbound() - OVERLAP)
            .query(String.class)
            .list());
    keys.addAll(
        jdbc.sql(
                "SELECT DISTINCT o.conversation_key FROM message_status s JOIN outbound_message o"
                    + " ON o.wamid = s.wamid WHERE s.id > ? FETCH FIRST "
                    + limit
                    + " ROWS ONLY")
            .param(since.status() - OVERLAP)
            .query(String.class)
            .list());
    return keys;
  }

  static final int OVERLAP = 50;

  private long maxId(String table) {
    return jdbc.sql("SELECT MAX(id) FROM " + table).query((rs, n) -> rs.getLong(1)).single();
  }

  /** The latest message of each conversation, of either side (the customer's: messages only). */
  Map<String, LastMessage> lastMessages(List<String> keys) {
    Map<String, LastMessage> last = new HashMap<>();
    jdbc.sql(
            """
            SELECT i.conversation_key, i.message_type, i.text, i.received_at, i.status
            FROM inbox_message i WHERE i.id IN (
              SELECT MAX(id) FROM inbox_message
              WHERE conversation_key IN (:keys) AND message_name = 'CustomerMessage'
              GROUP BY conversation_key)""")
        .param("keys", keys)
        .query(
            (rs, n) ->
                last.put(
                    rs.getString(1),
                    new LastMessage(
                        "in",
                        rs.getString(2),
                        rs.getString(3),
                        instant(rs, 4),
                        rs.getString(5).toLowerCase(Locale.ROOT))))
        .list();
    jdbc.sql(
            """
            SELECT o.conversation_key, o.message_type, o.text, o.created_at, o.status
            FROM outbound_message o WHERE o.id IN (
              SELECT MAX(id) FROM outbound_message WHERE conversation_key IN (:keys)
              GROUP BY conversation_key)""")
        .param("keys", keys)
        .query(
            (rs, n) -> {
              LastMessage out =
                  new LastMessage(
                      "out",
                      rs.getString(2),
                      rs.getString(3),
                      instant(rs, 4),
                      rs.getString(5).toLowerCase(Locale.ROOT));
              LastMessage in = last.get(rs.getString(1));
              if (in == null || !out.at().isBefore(in.at())) {
                last.put(rs.getString(1), out);
              }
              return null;
            })
        .list();
    return last;
  }

  /**
   * Unread: the customer's messages that arrived after the latest answer sent to them (by the bot
   * or a person); all of them when nothing was ever answered. Automatic notices (an
   * acknowledgement, a wait notice: idempotency key ending {@value FlowMessages#NOTICE}) and
   * reactions are not answers.
   */
  Map<String, Integer> unread(List<String> keys) {
    Map<String, Integer> unread = new HashMap<>();
    jdbc.sql(
            """
            SELECT i.conversation_key, COUNT(*) FROM inbox_message i
            WHERE i.conversation_key IN (:keys) AND i.message_name = 'CustomerMessage'
              AND NOT EXISTS (SELECT 1 FROM outbound_message o
                WHERE o.conversation_key = i.conversation_key AND o.created_at >= i.received_at
                  AND o.message_type <> 'reaction' AND o.idempotency_key NOT LIKE '%:notice')
            GROUP BY i.conversation_key""")
        .param("keys", keys)
        .query((rs, n) -> unread.put(rs.getString(1), rs.getInt(2)))
        .list();
    return unread;
  }

  private static Row row(ResultSet rs, int n) throws SQLException {
    return new Row(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        instant(rs, 5),
        instant(rs, 6),
        rs.getInt(7) == 1,
        null,
        0);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /**
   * A number as people write it, as the digits of a WhatsApp id: "+20 105 550 0006", "0020-105...",
   * "(010) 5550 0006" are searched as 201055500006 and 01055500006 (a local number is part of the
   * international one). Anything that is not a number is searched as it is.
   */
  static String number(String text) {
    String t = text.strip();
    if (!t.matches("[+0-9 ()./\\-\u00a0]+")) {
      return t.toLowerCase(Locale.ROOT);
    }
    String digits = t.replaceAll("[^0-9]", "");
    if (digits.length() < 3) {
      return t;
    }
    return digits.startsWith("00") ? digits.substring(2) : digits;
  }

  static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
