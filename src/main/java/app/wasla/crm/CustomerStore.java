package app.wasla.crm;

import app.wasla.conversation.ConversationKey;
import app.wasla.system.DatabaseDialect;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The CRM's SQL: customer, customer_tag, customer_attribute, customer_event (the CRM's own tables,
 * and only these).
 */
@Repository
class CustomerStore {

  static final String RULE = "RULE";
  static final String MANUAL = "MANUAL";

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  // PostgreSQL runs an UPDATE in a WITH clause and reads what it returned in the same statement; H2
  // cannot
  private final boolean updateInWith;
  // PostgreSQL skips a duplicate key in the insert itself, without an error that would abort the
  // transaction
  private final boolean onConflictDoNothing;

  CustomerStore(
      JdbcClient jdbc, PlatformTransactionManager transactionManager, DatabaseDialect dialect) {
    this.jdbc = jdbc;
    this.updateInWith = dialect.postgres();
    this.onConflictDoNothing = dialect.postgres();
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Creates the customer row when missing; true when this call created it. On PostgreSQL one insert
   * in the caller's transaction that skips an existing key (two first messages at once: the second
   * waits for the first and skips). On H2 a read, then the insert in its own transaction, so that a
   * duplicate key cannot fail the caller's.
   */
  boolean ensure(ConversationKey key, Instant now) {
    if (onConflictDoNothing) {
      return jdbc.sql(
                  """
              INSERT INTO customer (customer_key, phone_number_id, wa_id, created_at)
              VALUES (?, ?, ?, ?) ON CONFLICT (customer_key) DO NOTHING""")
              .params(key.value(), key.phoneNumberId(), key.waId(), utc(now))
              .update()
          > 0;
    }
    if (exists(key.value())) {
      return false;
    }
    return Boolean.TRUE.equals(
        ownTransaction.execute(
            status -> {
              try {
                jdbc.sql(
                        """
                INSERT INTO customer (customer_key, phone_number_id, wa_id, created_at)
                VALUES (?, ?, ?, ?)""")
                    .params(key.value(), key.phoneNumberId(), key.waId(), utc(now))
                    .update();
                return true;
              } catch (DuplicateKeyException createdConcurrently) {
                status.setRollbackOnly();
                return false;
              }
            }));
  }

  boolean exists(String key) {
    return jdbc.sql("SELECT COUNT(*) FROM customer WHERE customer_key = ?")
            .param(key)
            .query(Long.class)
            .single()
        > 0;
  }

  /**
   * Locks the customer's row until the transaction ends: figures, tags and events change one writer
   * at a time.
   *
   * @return false when the customer has no row (nothing is locked)
   */
  boolean lock(String key) {
    return jdbc.sql("SELECT customer_key FROM customer WHERE customer_key = ? FOR UPDATE")
        .param(key)
        .query(String.class)
        .optional()
        .isPresent();
  }

  /** Locks the customer's row, creating it first when missing: one statement in the usual case. */
  void lockOrCreate(ConversationKey key, Instant now) {
    if (!lock(key.value())) {
      ensure(key, now);
      lock(key.value());
    }
  }

  /**
   * Customer messages arrived (one, or a turn's burst from {@code firstAt} to {@code lastAt}):
   * contact times, which only widen, and, unless an agent edited it, the WhatsApp profile name. On
   * PostgreSQL one statement for a new customer as for a returning one: an insert that updates the
   * row already there (docs/benchmark.md), returning the profile as it is now, joined with its tags
   * (the upsert in a {@code WITH} clause, as {@link #recordTurn}). On H2 an update, which finds no
   * row of a new customer (the caller creates it and calls again), and no profile to return.
   *
   * @param createdAt the new row's creation time, should there be none yet (PostgreSQL)
   * @return whether the customer has a row (nothing changed when not) and, on PostgreSQL, the
   *     profile after it
   */
  Touched touchContact(
      ConversationKey key, String profileName, Instant firstAt, Instant lastAt, Instant createdAt) {
    if (updateInWith) {
      Optional<CustomerProfile> profile =
          jdbc.sql(
                  returningProfile(
                      """
              INSERT INTO customer AS customer (customer_key, phone_number_id, wa_id, created_at, name,
                first_contact_at, last_contact_at)
              VALUES (:key, :phone, :wa, :created, :name, :first, :last)
              ON CONFLICT (customer_key) DO UPDATE SET
                name = CASE WHEN customer.name_edited THEN customer.name
                  ELSE COALESCE(EXCLUDED.name, customer.name) END,
                first_contact_at = CASE WHEN customer.first_contact_at IS NULL OR customer.first_contact_at > :first
                  THEN :first ELSE customer.first_contact_at END,
                last_contact_at = CASE WHEN customer.last_contact_at IS NULL OR customer.last_contact_at < :last
                  THEN :last ELSE customer.last_contact_at END"""))
              .param("key", key.value())
              .param("phone", key.phoneNumberId())
              .param("wa", key.waId())
              .param("created", utc(createdAt))
              .param("name", truncate(profileName, 256))
              .param("first", utc(firstAt))
              .param("last", utc(lastAt))
              .query(PROFILE_EXTRACTOR);
      return new Touched(profile.isPresent(), profile.orElse(null));
    }
    int updated =
        jdbc.sql(
                """
            UPDATE customer SET
              name = CASE WHEN name_edited THEN name ELSE COALESCE(:name, name) END,
              first_contact_at = CASE WHEN first_contact_at IS NULL OR first_contact_at > :first
                THEN :first ELSE first_contact_at END,
              last_contact_at = CASE WHEN last_contact_at IS NULL OR last_contact_at < :last
                THEN :last ELSE last_contact_at END
            WHERE customer_key = :key""")
            .param("name", truncate(profileName, 256))
            .param("first", utc(firstAt))
            .param("last", utc(lastAt))
            .param("key", key.value())
            .update();
    return new Touched(updated > 0, null);
  }

  /**
   * What a contact-time update found.
   *
   * @param profile the profile after the update, joined with its tags (PostgreSQL); null on H2 or
   *     without a row
   */
  record Touched(boolean found, CustomerProfile profile) {}

  void setConsent(String key, boolean optOut, Instant at) {
    jdbc.sql(
            "UPDATE customer SET marketing_opt_out = ?, consent_changed_at = ? WHERE customer_key = ?")
        .params(optOut, utc(at), key)
        .update();
  }

  /** Whether the customer has ever opted out of marketing (a recorded opt-out event). */
  boolean optedOutBefore(String key) {
    return jdbc.sql(
                """
                SELECT COUNT(*) FROM customer_event
                WHERE customer_key = ? AND kind = ? AND details = ?""")
            .params(key, CustomerMemory.CONSENT, "marketing opt-out")
            .query(Long.class)
            .single()
        > 0;
  }

  /** Records the customer's agreement to marketing: when and where (the latest one counts). */
  void setOptIn(String key, Instant at, String source) {
    jdbc.sql(
            """
            UPDATE customer SET marketing_opt_in_at = ?, marketing_opt_in_source = ?
            WHERE customer_key = ?""")
        .params(utc(at), source, key)
        .update();
  }

  /**
   * The persona's reading of a turn, in one statement that also takes the row's lock: a turn of
   * another process instance than the customer's latest counts one more conversation (compared in
   * SQL, so there is no read before it). Returns the profile as it is now (without its attributes,
   * as {@link #findWithoutAttributes}), which the tag rules read right after: on PostgreSQL in the
   * same statement (the update in a {@code WITH} clause), on H2 by a read after it.
   *
   * @return empty when the customer has no row yet (nothing changed)
   */
  Optional<CustomerProfile> recordTurn(
      String key, String conversationId, String intent, boolean negative, String language) {
    String update =
        """
        UPDATE customer SET
          conversations = conversations + CASE WHEN CAST(:cid AS VARCHAR(64)) IS NOT NULL
            AND (last_conversation_id IS NULL OR last_conversation_id <> :cid) THEN 1 ELSE 0 END,
          last_conversation_id = COALESCE(:cid, last_conversation_id),
          last_intent = COALESCE(:intent, last_intent),
          negative_turns_in_a_row = CASE WHEN :negative THEN negative_turns_in_a_row + 1 ELSE 0 END,
          preferred_language = COALESCE(:language, preferred_language)
        WHERE customer_key = :key""";
    JdbcClient.StatementSpec statement =
        jdbc.sql(returningProfile(update))
            .param("cid", conversationId)
            .param("intent", truncate(intent, 64))
            .param("negative", negative)
            .param("language", truncate(language, 16))
            .param("key", key);
    if (updateInWith) {
      return statement.query(PROFILE_EXTRACTOR);
    }
    return statement.update() > 0 ? findWithoutAttributes(key) : Optional.empty();
  }

  void addOrder(String key, BigDecimal amount, String currency, Instant at) {
    jdbc.sql(
            """
            UPDATE customer SET orders = orders + 1, open_balance = open_balance + :amount,
              currency = COALESCE(currency, :currency),
              last_order_at = CASE WHEN last_order_at IS NULL OR last_order_at < :at THEN :at ELSE last_order_at END
            WHERE customer_key = :key""")
        .param("amount", amount)
        .param("currency", currency)
        .param("at", utc(at))
        .param("key", key)
        .update();
  }

  /** The lifetime figures as the commerce backend counts them. */
  void setFigures(
      String key,
      int orders,
      BigDecimal totalSpend,
      BigDecimal openBalance,
      String currency,
      Instant lastOrderAt) {
    jdbc.sql(
            """
            UPDATE customer SET orders = :orders, total_spend = :spend, open_balance = :open,
              currency = COALESCE(currency, :currency)
            WHERE customer_key = :key""")
        .param("orders", orders)
        .param("spend", totalSpend)
        .param("open", openBalance)
        .param("currency", currency)
        .param("key", key)
        .update();
    if (lastOrderAt != null) {
      jdbc.sql("UPDATE customer SET last_order_at = ? WHERE customer_key = ?")
          .params(utc(lastOrderAt), key)
          .update();
    }
  }

  void addPayment(String key, BigDecimal amount, String currency) {
    jdbc.sql(
            """
            UPDATE customer SET total_spend = total_spend + :amount,
              open_balance = CASE WHEN open_balance > :amount THEN open_balance - :amount ELSE 0 END,
              currency = COALESCE(currency, :currency)
            WHERE customer_key = :key""")
        .param("amount", amount)
        .param("currency", currency)
        .param("key", key)
        .update();
  }

  /** Sets the preferred language when none is known yet. */
  void languageIfUnknown(String key, String language) {
    jdbc.sql(
            "UPDATE customer SET preferred_language = ? WHERE customer_key = ? AND"
                + " preferred_language IS NULL")
        .params(truncate(language, 16), key)
        .update();
  }

  void updateProfile(String key, String name, String preferredLanguage) {
    if (name != null) {
      jdbc.sql("UPDATE customer SET name = ?, name_edited = TRUE WHERE customer_key = ?")
          .params(truncate(name, 256), key)
          .update();
    }
    if (preferredLanguage != null) {
      jdbc.sql("UPDATE customer SET preferred_language = ? WHERE customer_key = ?")
          .params(truncate(preferredLanguage, 16), key)
          .update();
    }
  }

  void putAttribute(String key, String name, String value, Instant at) {
    if (value == null) {
      jdbc.sql("DELETE FROM customer_attribute WHERE customer_key = ? AND name = ?")
          .params(key, name)
          .update();
      return;
    }
    int updated =
        jdbc.sql(
                "UPDATE customer_attribute SET val = ?, updated_at = ? WHERE customer_key = ? AND name = ?")
            .params(value, utc(at), key, name)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO customer_attribute (customer_key, name, val, updated_at) VALUES (?, ?, ?, ?)")
          .params(key, name, value, utc(at))
          .update();
    }
  }

  List<CustomerProfile.Tag> tags(String key) {
    return jdbc.sql(
            """
            SELECT tag, source, tagged_at, tagged_by FROM customer_tag WHERE customer_key = ?
            ORDER BY tag, source""")
        .param(key)
        .query(
            (rs, n) ->
                new CustomerProfile.Tag(
                    rs.getString(1), rs.getString(2), instant(rs, 3), rs.getString(4)))
        .list();
  }

  void addTag(String key, String tag, String source, String by, Instant at) {
    jdbc.sql(
            "INSERT INTO customer_tag (customer_key, tag, source, tagged_at, tagged_by) VALUES (?, ?, ?, ?, ?)")
        .params(key, tag, source, utc(at), by)
        .update();
  }

  void removeTag(String key, String tag, String source) {
    jdbc.sql("DELETE FROM customer_tag WHERE customer_key = ? AND tag = ? AND source = ?")
        .params(key, tag, source)
        .update();
  }

  boolean eventExists(String key, String kind, String ref) {
    return ref != null
        && jdbc.sql(
                    "SELECT COUNT(*) FROM customer_event WHERE customer_key = ? AND kind = ? AND ref = ?")
                .params(key, kind, ref)
                .query(Long.class)
                .single()
            > 0;
  }

  void addEvent(
      String key,
      String kind,
      String ref,
      BigDecimal amount,
      String currency,
      String details,
      String conversationId,
      Instant occurredAt,
      Instant now) {
    jdbc.sql(
            """
            INSERT INTO customer_event (customer_key, kind, ref, amount, currency, details, conversation_id,
              occurred_at, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            key,
            kind,
            truncate(ref, 128),
            amount,
            currency,
            truncate(details, 2000),
            conversationId,
            utc(occurredAt),
            utc(now))
        .update();
  }

  Optional<CustomerProfile> find(String key) {
    return jdbc.sql("SELECT * FROM customer WHERE customer_key = ?")
        .param(key)
        .query((rs, n) -> profile(rs, tags(key), attributes(key)))
        .optional();
  }

  /**
   * The profile without its free-form attributes (an empty map): the figures and tags that the
   * persona and the tag rules read, so in one statement (the customer row joined with its tags, a
   * row per tag).
   */
  Optional<CustomerProfile> findWithoutAttributes(String key) {
    return jdbc.sql(PROFILE_WITH_TAGS.formatted("customer", " WHERE c.customer_key = ?"))
        .param(key)
        .query(PROFILE_EXTRACTOR);
  }

  /**
   * On PostgreSQL the update in a WITH clause, returning the updated row joined with its tags; on
   * H2 the update.
   */
  private String returningProfile(String update) {
    return updateInWith
        ? "WITH c AS (" + update + " RETURNING *) " + PROFILE_WITH_TAGS.formatted("c", "")
        : update;
  }

  /**
   * The customer rows of %1$s (a table or a WITH clause, aliased c) joined with their tags, then
   * %2$s.
   */
  private static final String PROFILE_WITH_TAGS =
      """
      SELECT c.*, t.tag AS tag_name, t.source AS tag_source, t.tagged_at AS tag_since, t.tagged_by AS tag_by
      FROM %1$s c LEFT JOIN customer_tag t ON t.customer_key = c.customer_key%2$s ORDER BY t.tag, t.source""";

  private static final ResultSetExtractor<Optional<CustomerProfile>> PROFILE_EXTRACTOR =
      CustomerStore::profileWithTags;

  private static Optional<CustomerProfile> profileWithTags(ResultSet rs) throws SQLException {
    CustomerProfile row = null;
    List<CustomerProfile.Tag> tags = new ArrayList<>();
    while (rs.next()) {
      if (row == null) {
        row = profile(rs, List.of(), Map.of());
      }
      if (rs.getString("tag_name") != null) {
        tags.add(
            new CustomerProfile.Tag(
                rs.getString("tag_name"),
                rs.getString("tag_source"),
                instant(rs, "tag_since"),
                rs.getString("tag_by")));
      }
    }
    return Optional.ofNullable(row).map(p -> p.withTags(tags));
  }

  Map<String, String> attributes(String key) {
    Map<String, String> attributes = new LinkedHashMap<>();
    jdbc.sql("SELECT name, val FROM customer_attribute WHERE customer_key = ? ORDER BY name")
        .param(key)
        .query(
            rs -> {
              attributes.put(rs.getString(1), rs.getString(2));
            });
    return attributes;
  }

  /** Customers by tag and by a part of their name or number, latest contact first. */
  Page<CustomerProfile> search(String tag, String text, int page, int size) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    Map<String, Object> params = new LinkedHashMap<>();
    if (tag != null && !tag.isBlank()) {
      where.append(
          " AND EXISTS (SELECT 1 FROM customer_tag t WHERE t.customer_key = c.customer_key AND t.tag = :tag)");
      params.put("tag", tag);
    }
    if (text != null && !text.isBlank()) {
      String digits = text.replaceAll("\\D", "");
      where.append(" AND (LOWER(c.name) LIKE :name ESCAPE '\\'");
      params.put("name", "%" + likeEscape(text.strip().toLowerCase()) + "%");
      if (!digits.isEmpty()) {
        where.append(" OR c.wa_id LIKE :digits");
        params.put("digits", "%" + digits + "%");
      }
      where.append(")");
    }
    long total =
        jdbc.sql("SELECT COUNT(*) FROM customer c" + where)
            .params(params)
            .query(Long.class)
            .single();
    List<String> keys =
        jdbc.sql(
                "SELECT c.customer_key FROM customer c"
                    + where
                    + " ORDER BY c.last_contact_at DESC NULLS LAST, c.customer_key LIMIT :limit OFFSET :offset")
            .params(params)
            .param("limit", size)
            .param("offset", (long) page * size)
            .query(String.class)
            .list();
    List<CustomerProfile> items = new ArrayList<>();
    keys.forEach(k -> find(k).ifPresent(items::add));
    return new Page<>(items, page, size, total);
  }

  /** How many events the customer's history holds. */
  long eventCount(String key) {
    return jdbc.sql("SELECT COUNT(*) FROM customer_event WHERE customer_key = ?")
        .param(key)
        .query(Long.class)
        .single();
  }

  /** The customer's oldest {@code limit} events as history lines, ordered by time, then id. */
  List<HistoryEntry> oldestEvents(String key, int limit) {
    return jdbc.sql(
            """
            SELECT id, kind, details, occurred_at, conversation_id, ref, amount, currency FROM customer_event
            WHERE customer_key = :key ORDER BY occurred_at, id LIMIT :limit""")
        .param("key", key)
        .param("limit", limit)
        .query(
            (rs, n) ->
                new HistoryEntry(
                    "event",
                    rs.getLong(1),
                    rs.getString(2),
                    null,
                    rs.getString(3),
                    instant(rs, 4),
                    null,
                    rs.getString(5),
                    rs.getString(6),
                    rs.getBigDecimal(7),
                    rs.getString(8)))
        .list();
  }

  /**
   * Removes the customer's personal data from the CRM's own tables and puts the pseudonym in place
   * of the key (and of the number); counts, amounts and times stay (anonymised figures). The other
   * capabilities erase their own rows ({@code system/CustomerDataOwner}) before this runs.
   */
  Map<String, Integer> erase(String key, String pseudonym, Instant now) {
    Map<String, Integer> touched = new LinkedHashMap<>();
    // the customer row is the parent of its attributes, tags and events: same move as the
    // conversation's
    jdbc.sql(
            """
            INSERT INTO customer (customer_key, phone_number_id, wa_id, name, name_edited, preferred_language,
              first_contact_at, last_contact_at, conversations, last_conversation_id, orders, total_spend, open_balance,
              currency, last_order_at, last_intent, negative_turns_in_a_row, marketing_opt_out, consent_changed_at,
              erased_at, created_at)
            SELECT ?, phone_number_id, ?, NULL, FALSE, NULL, first_contact_at, last_contact_at, conversations, NULL,
              orders, total_spend, open_balance, currency, last_order_at, NULL, negative_turns_in_a_row, TRUE,
              consent_changed_at, ?, created_at
            FROM customer WHERE customer_key = ?""")
        .params(pseudonym, pseudonym, utc(now), key)
        .update();
    touched.put(
        "events",
        jdbc.sql(
                "UPDATE customer_event SET customer_key = ?, details = NULL WHERE customer_key = ?")
            .params(pseudonym, key)
            .update());
    touched.put(
        "attributes",
        jdbc.sql("DELETE FROM customer_attribute WHERE customer_key = ?").param(key).update());
    touched.put(
        "tags", jdbc.sql("DELETE FROM customer_tag WHERE customer_key = ?").param(key).update());
    jdbc.sql("DELETE FROM customer WHERE customer_key = ?").param(key).update();
    return touched;
  }

  private static CustomerProfile profile(
      ResultSet rs, List<CustomerProfile.Tag> tags, Map<String, String> attributes)
      throws SQLException {
    return new CustomerProfile(
        rs.getString("customer_key"),
        rs.getString("phone_number_id"),
        rs.getString("wa_id"),
        rs.getString("name"),
        rs.getString("preferred_language"),
        instant(rs, "first_contact_at"),
        instant(rs, "last_contact_at"),
        rs.getInt("conversations"),
        rs.getInt("orders"),
        rs.getBigDecimal("total_spend"),
        rs.getBigDecimal("open_balance"),
        rs.getString("currency"),
        instant(rs, "last_order_at"),
        rs.getString("last_intent"),
        rs.getInt("negative_turns_in_a_row"),
        rs.getBoolean("marketing_opt_out"),
        instant(rs, "consent_changed_at"),
        instant(rs, "marketing_opt_in_at"),
        rs.getString("marketing_opt_in_source"),
        instant(rs, "erased_at"),
        tags,
        attributes);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  private static String likeEscape(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
