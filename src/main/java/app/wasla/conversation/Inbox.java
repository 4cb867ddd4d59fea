package app.wasla.conversation;

import app.wasla.engine.EngineTables;
import app.wasla.system.DatabaseDialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The durable inbox of the conversation mailbox: one row per accepted message, unique on its wamid.
 */
@Repository
public class Inbox {

  /** Lifecycle of an inbox row. */
  /** ANSWERED: answered outside the flow (a consent keyword), never delivered to it. */
  public enum Status {
    PENDING,
    DELIVERED,
    STALE,
    UNROUTABLE,
    ANSWERED
  }

  private final JdbcClient jdbc;
  private final String lockClause;

  /**
   * PostgreSQL: a duplicate is skipped by ON CONFLICT DO NOTHING, not raised (which would abort the
   * transaction).
   */
  private final boolean onConflictDoNothing;

  /** {@link #lockWithPendingSql} for this engine's tables. */
  private final String lockWithPending;

  Inbox(JdbcClient jdbc, DatabaseDialect dialect, EngineTables engineTables) {
    this.jdbc = jdbc;
    this.lockWithPending = lockWithPendingSql(engineTables.liveInstanceOf("c.conversation_key"));
    this.lockClause = lockForDeliveryClause(dialect);
    this.onConflictDoNothing = dialect.postgres();
  }

  /**
   * Locks a conversation row for delivery, skipping it when another transaction holds it. On
   * PostgreSQL the lock is {@code FOR NO KEY UPDATE}: it excludes other deliveries just the same,
   * but not the {@code FOR KEY SHARE} lock that a webhook's insert into inbox_message takes on the
   * row its foreign key references, so the acknowledgement to Meta never waits for a delivery to
   * commit. H2 2.x knows only {@code FOR UPDATE}.
   */
  static String lockForDeliveryClause(DatabaseDialect dialect) {
    return dialect.postgres() ? " FOR NO KEY UPDATE SKIP LOCKED" : " FOR UPDATE SKIP LOCKED";
  }

  /**
   * True when {@link #accept} never fails on a duplicate wamid or a conversation created
   * concurrently, so that the caller's transaction needs no savepoint around it (PostgreSQL); on H2
   * a failed statement leaves the transaction usable anyway.
   */
  boolean acceptNeverAbortsTheTransaction() {
    return onConflictDoNothing;
  }

  /**
   * Stores one message unless its wamid is already known, creating the conversation's row when it
   * is the first. On PostgreSQL that is one statement (the conversation's insert in a WITH clause,
   * both skipping duplicates), so that a webhook with nothing else to write needs no transaction
   * around it; on H2 two.
   *
   * @return false when the wamid was already stored (a redelivery): nothing changes
   */
  public boolean accept(NewInboxEntry entry) {
    if (onConflictDoNothing) {
      return params(
                  jdbc.sql(
                      """
              WITH new_conversation AS (
                INSERT INTO conversation (conversation_key, phone_number_id, wa_id, customer_name, created_at, turn_seq)
                VALUES (:key, :phoneNumberId, :waId, :profileName, :receivedAt, 0)
                ON CONFLICT (conversation_key) DO NOTHING)
              """
                          + INSERT_ENTRY
                          + " ON CONFLICT (wamid) DO NOTHING"),
                  entry)
              .param("phoneNumberId", entry.key().phoneNumberId())
              .param("waId", entry.key().waId())
              .update()
          > 0;
    }
    ensureConversation(entry.key(), entry.profileName(), entry.receivedAt());
    try {
      return params(jdbc.sql(INSERT_ENTRY), entry).update() > 0;
    } catch (DuplicateKeyException redelivered) {
      return false;
    }
  }

  private static final String INSERT_ENTRY =
      """
      INSERT INTO inbox_message (wamid, conversation_key, message_name, message_type, text, reply_id,
        context_wamid, media_id, mime_type, profile_name, raw_json, variables_json, wa_timestamp,
        received_at, status)
      VALUES (:wamid, :key, :name, :type, :text, :replyId, :contextWamid, :mediaId, :mimeType,
        :profileName, :rawJson, :variablesJson, :waTimestamp, :receivedAt, :status)""";

  private static JdbcClient.StatementSpec params(
      JdbcClient.StatementSpec statement, NewInboxEntry entry) {
    return statement
        .param("wamid", entry.wamid())
        .param("key", entry.key().value())
        .param("name", entry.messageName())
        .param("type", entry.messageType())
        .param("text", truncate(entry.text(), 8000))
        .param("replyId", entry.replyId())
        .param("contextWamid", entry.contextWamid())
        .param("mediaId", entry.mediaId())
        .param("mimeType", entry.mimeType())
        .param("profileName", truncate(entry.profileName(), 256))
        .param("rawJson", entry.rawJson())
        .param("variablesJson", entry.variablesJson())
        .param("waTimestamp", utc(entry.waTimestamp()))
        .param("receivedAt", utc(entry.receivedAt()))
        .param(
            "status",
            entry.stale()
                ? Status.STALE.name()
                : entry.answered() ? Status.ANSWERED.name() : Status.PENDING.name());
  }

  /** True when the conversation has ever written or been written to. */
  public boolean conversationExists(String conversationKey) {
    return jdbc.sql("SELECT COUNT(*) FROM conversation WHERE conversation_key = ?")
            .param(conversationKey)
            .query(Long.class)
            .single()
        > 0;
  }

  /**
   * H2's way: a read, and an insert that may meet a concurrent one (PostgreSQL's is inside {@link
   * #accept}).
   */
  private void ensureConversation(ConversationKey key, String customerName, Instant now) {
    boolean exists =
        jdbc.sql("SELECT COUNT(*) FROM conversation WHERE conversation_key = ?")
                .param(key.value())
                .query(Long.class)
                .single()
            > 0;
    if (exists) {
      return;
    }
    try {
      jdbc.sql(
              """
              INSERT INTO conversation (conversation_key, phone_number_id, wa_id, customer_name, created_at, turn_seq)
              VALUES (?, ?, ?, ?, ?, 0)""")
          .params(
              key.value(), key.phoneNumberId(), key.waId(), truncate(customerName, 256), utc(now))
          .update();
    } catch (DuplicateKeyException createdConcurrently) {
      // another webhook for the same customer created it a moment ago: fine
    }
  }

  /**
   * Locks the conversation for delivery in the current transaction. Empty when another node or
   * thread holds it; that holder delivers what is pending, and the sweep catches anything it
   * missed.
   */
  Optional<Long> lockForDelivery(String conversationKey) {
    return jdbc.sql("SELECT turn_seq FROM conversation WHERE conversation_key = ?" + lockClause)
        .param(conversationKey)
        .query(Long.class)
        .optional();
  }

  /**
   * A conversation locked for delivery: its turn counter and its pending entries, oldest first.
   *
   * @param liveInstance before the first turn (counter 0), whether an instance of the conversation
   *     is alive already (started elsewhere: Camunda's REST API, Tasklist), read with the lock on
   *     PostgreSQL; null when not read
   */
  record Locked(long turnSeq, List<InboxEntry> pending, Boolean liveInstance) {

    Locked(long turnSeq, List<InboxEntry> pending) {
      this(turnSeq, pending, null);
    }
  }

  /**
   * {@link #lockForDelivery} and {@link #pending} together. On PostgreSQL one statement: the
   * conversation row, locked, joined with its pending entries (one row with no entry when none is
   * pending).
   */
  Optional<Locked> lockWithPending(String conversationKey) {
    return Optional.ofNullable(lockWithPending(List.of(conversationKey)).get(conversationKey));
  }

  /**
   * The lock of {@link #lockWithPending(Collection)} on PostgreSQL. The pending entries are read
   * per conversation (LATERAL, kept from being flattened into a join by {@code OFFSET 0}): every
   * message was pending once, so until vacuum runs the pending part of {@code ix_inbox_pending}
   * holds an entry for each message delivered since, and a plan that scans that part once for all
   * the conversations (the planner's choice when its statistics say few are pending) read a
   * thousand pages per call under load (docs/benchmark.md).
   *
   * @param liveInstance the engine's condition that an instance of {@code c.conversation_key} is
   *     alive ({@link EngineTables#liveInstanceOf})
   */
  static String lockWithPendingSql(String liveInstance) {
    return """
      SELECT c.conversation_key AS locked_key, c.turn_seq,
        CASE WHEN c.turn_seq = 0 THEN %s END AS live_instance,
        m.id, m.wamid, m.conversation_key, m.message_name,
        m.message_type, m.text, m.reply_id, m.profile_name, m.variables_json, m.wa_timestamp, m.received_at
      FROM conversation c
      LEFT JOIN LATERAL (SELECT * FROM inbox_message p
        WHERE p.conversation_key = c.conversation_key AND p.status = 'PENDING' OFFSET 0) m ON TRUE
      WHERE c.conversation_key IN (:keys)
      ORDER BY c.conversation_key, m.wa_timestamp, m.id
      FOR NO KEY UPDATE OF c SKIP LOCKED"""
        .formatted(liveInstance);
  }

  /**
   * Which of the given conversations have a pending entry: a scalar subquery per conversation,
   * which the planner cannot turn into one scan of every pending entry (see {@link
   * #lockWithPendingSql}).
   */
  static final String WITH_PENDING =
      """
      SELECT c.conversation_key FROM conversation c
      WHERE c.conversation_key IN (:keys)
        AND (SELECT 1 FROM inbox_message m WHERE m.conversation_key = c.conversation_key AND m.status = 'PENDING'
          FETCH FIRST 1 ROWS ONLY) IS NOT NULL""";

  /**
   * {@link #lockWithPending(String)} for the conversations of a shared transaction: on PostgreSQL
   * one statement for all of them (docs/benchmark.md). A conversation locked elsewhere (skipped,
   * never waited for) or without a row is not in the result.
   */
  Map<String, Locked> lockWithPending(Collection<String> conversationKeys) {
    Map<String, Locked> locked = new LinkedHashMap<>();
    if (!onConflictDoNothing) {
      for (String key : conversationKeys) {
        lockForDelivery(key).ifPresent(seq -> locked.put(key, new Locked(seq, pending(key))));
      }
      return locked;
    }
    if (conversationKeys.isEmpty()) {
      return locked;
    }
    // before a first turn, the engine's execution table is asked in the same statement whether an
    // instance of the
    // conversation was started elsewhere (ConversationEngine.hasLiveInstance's query)
    jdbc.sql(lockWithPending)
        .param("keys", conversationKeys)
        .query(
            rs -> {
              // one row per pending entry of each conversation, or one without an entry when none
              // is pending
              Locked lock = locked.get(rs.getString("locked_key"));
              if (lock == null) {
                lock =
                    new Locked(
                        rs.getLong("turn_seq"),
                        new ArrayList<>(),
                        (Boolean) rs.getObject("live_instance"));
                locked.put(rs.getString("locked_key"), lock);
              }
              if (rs.getObject("id") != null) {
                lock.pending().add(entry(rs, lock.pending().size()));
              }
            });
    return locked;
  }

  /**
   * True when the mailbox has a row for the conversation (every conversation it started has one).
   */
  boolean knows(String conversationKey) {
    return jdbc.sql("SELECT COUNT(*) FROM conversation WHERE conversation_key = ?")
            .param(conversationKey)
            .query(Long.class)
            .single()
        > 0;
  }

  /**
   * True when the conversation has entries to deliver; one indexed read, no transaction, no lock.
   */
  boolean hasPending(String conversationKey) {
    return jdbc.sql(
            "SELECT 1 FROM inbox_message WHERE conversation_key = ? AND status = 'PENDING' FETCH FIRST 1 ROWS ONLY")
        .param(conversationKey)
        .query(Integer.class)
        .optional()
        .isPresent();
  }

  /** Those of the given conversations that have a pending entry: one read for many pokes. */
  Set<String> withPending(Collection<String> conversationKeys) {
    if (conversationKeys.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        jdbc.sql(WITH_PENDING).param("keys", conversationKeys).query(String.class).list());
  }

  /** The pending entries of one conversation, oldest first by WhatsApp timestamp, then arrival. */
  List<InboxEntry> pending(String conversationKey) {
    return jdbc.sql(
            """
            SELECT id, wamid, conversation_key, message_name, message_type, text, reply_id, profile_name,
              variables_json, wa_timestamp, received_at
            FROM inbox_message WHERE conversation_key = ? AND status = 'PENDING'
            ORDER BY wa_timestamp, id""")
        .param(conversationKey)
        .query(Inbox::entry)
        .list();
  }

  /** Marks entries handed to the flow as one turn; commits with the engine's state change. */
  void markDelivered(
      List<InboxEntry> entries,
      String conversationKey,
      long turnSeq,
      String processInstanceId,
      Instant now) {
    markRowsDelivered(entries, turnSeq, processInstanceId, now);
    advanceConversation(entries, conversationKey, turnSeq);
  }

  /** The inbox rows of a turn handed to the flow; commits with the engine's state change. */
  void markRowsDelivered(
      List<InboxEntry> entries, long turnSeq, String processInstanceId, Instant now) {
    rowsDelivered(jdbc.sql(MARK_ROWS_DELIVERED), entries, turnSeq, processInstanceId, now).update();
  }

  private static final String MARK_ROWS_DELIVERED =
      """
      UPDATE inbox_message SET status = 'DELIVERED', delivered_at = :now, turn_seq = :turn,
        process_instance_id = :pid
      WHERE id IN (:ids)""";

  private static JdbcClient.StatementSpec rowsDelivered(
      JdbcClient.StatementSpec statement,
      List<InboxEntry> entries,
      long turnSeq,
      String processInstanceId,
      Instant now) {
    return statement
        .param("now", utc(now))
        .param("turn", turnSeq)
        .param("pid", processInstanceId)
        .param("ids", entries.stream().map(InboxEntry::id).toList());
  }

  /**
   * Before the flow runs a turn of customer messages: a reply it queues in this transaction finds
   * the 24-hour window opened by the turn's newest message without a read ({@link
   * #serviceWindowOpen}). The rows follow in {@link #markTurnDelivered}, in the same transaction.
   */
  void handOver(List<InboxEntry> turn, String conversationKey) {
    newestCustomerMessage(turn).ifPresent(at -> rememberInTransaction(conversationKey, at));
  }

  /**
   * After the flow ran a turn of customer messages: its rows delivered, the conversation's turn
   * counter and window advanced. On PostgreSQL one statement (the inbox's update in a WITH clause),
   * on H2 two.
   */
  void markTurnDelivered(
      List<InboxEntry> turn,
      String conversationKey,
      long turnSeq,
      String processInstanceId,
      Instant now) {
    Optional<Instant> newest = newestCustomerMessage(turn);
    if (!onConflictDoNothing || newest.isEmpty()) {
      markRowsDelivered(turn, turnSeq, processInstanceId, now);
      advanceConversation(turn, conversationKey, turnSeq);
      return;
    }
    // handOver has bound the window to the transaction already
    conversationAdvanced(
            rowsDelivered(jdbc.sql(MARK_ROWS_AND_ADVANCE), turn, turnSeq, processInstanceId, now),
            turn,
            conversationKey,
            turnSeq,
            newest.get())
        .update();
  }

  private static Optional<Instant> newestCustomerMessage(List<InboxEntry> entries) {
    return entries.stream()
        .filter(InboxEntry::isCustomerMessage)
        .map(InboxEntry::waTimestamp)
        .max(Instant::compareTo);
  }

  /**
   * The conversation's turn counter and the start of its 24-hour window (the customer's latest
   * message), in the transaction that hands the turn over.
   */
  void advanceConversation(List<InboxEntry> entries, String conversationKey, long turnSeq) {
    Instant lastCustomerMessage = newestCustomerMessage(entries).orElse(null);
    if (lastCustomerMessage == null) {
      jdbc.sql("UPDATE conversation SET turn_seq = ? WHERE conversation_key = ?")
          .params(turnSeq, conversationKey)
          .update();
      return;
    }
    conversationAdvanced(
            jdbc.sql(ADVANCE_CONVERSATION), entries, conversationKey, turnSeq, lastCustomerMessage)
        .update();
    rememberInTransaction(conversationKey, lastCustomerMessage);
  }

  private static final String ADVANCE_CONVERSATION =
      """
      UPDATE conversation SET turn_seq = :turn, customer_name = COALESCE(:name, customer_name),
        last_inbound_at = CASE WHEN last_inbound_at IS NULL OR last_inbound_at < :lastIn
          THEN :lastIn ELSE last_inbound_at END
      WHERE conversation_key = :key""";

  /** Both in one statement (PostgreSQL): the inbox's update in a WITH clause. */
  private static final String MARK_ROWS_AND_ADVANCE =
      "WITH delivered AS (" + MARK_ROWS_DELIVERED + ") " + ADVANCE_CONVERSATION;

  private static JdbcClient.StatementSpec conversationAdvanced(
      JdbcClient.StatementSpec statement,
      List<InboxEntry> entries,
      String conversationKey,
      long turnSeq,
      Instant lastCustomerMessage) {
    return statement
        .param("turn", turnSeq)
        .param("lastIn", utc(lastCustomerMessage))
        .param("name", truncate(entries.get(entries.size() - 1).profileName(), 256))
        .param("key", conversationKey);
  }

  /**
   * Where the current transaction keeps the newest customer message it handed over, per
   * conversation.
   */
  private static String handedOverResource(String conversationKey) {
    return Inbox.class.getName() + ".handedOver:" + conversationKey;
  }

  /** Bound to the transaction, and unbound when it completes (commit or rollback). */
  private static void rememberInTransaction(String conversationKey, Instant newestCustomerMessage) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return;
    }
    String resource = handedOverResource(conversationKey);
    if (TransactionSynchronizationManager.hasResource(resource)) {
      TransactionSynchronizationManager.unbindResource(resource);
    } else {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(resource);
            }
          });
    }
    TransactionSynchronizationManager.bindResource(resource, newestCustomerMessage);
  }

  /**
   * True while the 24-hour customer-service window is open at {@code now}. In the transaction that
   * hands a turn to the flow (where most replies are queued), the turn's newest message answers it
   * without a read.
   */
  public boolean serviceWindowOpen(String conversationKey, Instant now, Duration window) {
    if (TransactionSynchronizationManager.getResource(handedOverResource(conversationKey))
            instanceof Instant at
        && at.plus(window).isAfter(now)) {
      return true;
    }
    return lastInboundAt(conversationKey).map(at -> at.plus(window).isAfter(now)).orElse(false);
  }

  /**
   * A customer message answered outside the flow opens the 24-hour window as a delivered one does
   * (its answer goes out under it).
   */
  void answeredOutsideTheFlow(ConversationKey key, Instant sentAt) {
    jdbc.sql(
            """
            UPDATE conversation SET last_inbound_at = ?
            WHERE conversation_key = ? AND (last_inbound_at IS NULL OR last_inbound_at < ?)""")
        .params(utc(sentAt), key.value(), utc(sentAt))
        .update();
  }

  /**
   * Records an event that no flow of the conversation waits for: kept and shown, never handed over.
   */
  void markUnroutable(InboxEntry entry, Instant now) {
    jdbc.sql("UPDATE inbox_message SET status = 'UNROUTABLE', delivered_at = ? WHERE id = ?")
        .params(utc(now), entry.id())
        .update();
  }

  /** Conversations that have pending entries: the sweep's work list. */
  List<String> conversationsWithPending(int limit) {
    return jdbc.sql(
            """
            SELECT DISTINCT conversation_key FROM inbox_message WHERE status = 'PENDING'
            FETCH FIRST ? ROWS ONLY""")
        .param(limit)
        .query(String.class)
        .list();
  }

  /** Start of the 24-hour customer-service window: the customer's latest delivered message. */
  private Optional<Instant> lastInboundAt(String conversationKey) {
    return jdbc.sql("SELECT last_inbound_at FROM conversation WHERE conversation_key = ?")
        .param(conversationKey)
        .query(
            (rs, n) ->
                Optional.ofNullable(rs.getObject(1, OffsetDateTime.class))
                    .map(OffsetDateTime::toInstant))
        .optional()
        .flatMap(o -> o);
  }

  private static InboxEntry entry(ResultSet rs, int row) throws SQLException {
    return new InboxEntry(
        rs.getLong("id"),
        rs.getString("wamid"),
        rs.getString("conversation_key"),
        rs.getString("message_name"),
        rs.getString("message_type"),
        rs.getString("text"),
        rs.getString("reply_id"),
        rs.getString("profile_name"),
        rs.getString("variables_json"),
        rs.getObject("wa_timestamp", OffsetDateTime.class).toInstant(),
        rs.getObject("received_at", OffsetDateTime.class).toInstant());
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
