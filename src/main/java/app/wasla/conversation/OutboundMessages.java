package app.wasla.conversation;

import app.wasla.channel.whatsapp.CloudApiClient;
import app.wasla.channel.whatsapp.CloudApiException;
import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.channel.whatsapp.StatusUpdate;
import app.wasla.channel.whatsapp.WhatsAppProperties;
import app.wasla.channel.whatsapp.WhatsAppTransport;
import app.wasla.webhook.EventTypes;
import app.wasla.webhook.WebhookEvents;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbound path: every message Wasla sends to a customer, idempotent per send key, within the
 * 24-hour customer-service window, recorded for the transcript and updated by Meta's statuses.
 */
@Service
public class OutboundMessages {

  /**
   * Meta lets a business send free-form messages until 24 hours after the customer's last message.
   */
  static final Duration SERVICE_WINDOW = Duration.ofHours(24);

  private static final Logger log = LoggerFactory.getLogger(OutboundMessages.class);

  /** Statuses only move forward: a late "delivered" never overwrites "read". */
  private static final Map<String, Integer> STATUS_RANK =
      Map.of("QUEUED", 0, "SENT", 1, "DELIVERED", 2, "READ", 3, "FAILED", 4);

  private final JdbcClient jdbc;
  private final WhatsAppTransport transport;
  private final WhatsAppProperties whatsapp;
  private final Inbox inbox;
  private final ObjectMapper json;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;
  private final WebhookEvents events;
  private final SentMarks sentMarks;
  private final MarketingConsent consent;
  private final TranscriptText transcriptText;

  OutboundMessages(
      JdbcClient jdbc,
      WhatsAppTransport transport,
      WhatsAppProperties whatsapp,
      Inbox inbox,
      ObjectMapper json,
      Clock clock,
      PlatformTransactionManager transactionManager,
      WebhookEvents events,
      SentMarks sentMarks,
      MarketingConsent consent,
      TranscriptText transcriptText) {
    this.consent = consent;
    this.transcriptText = transcriptText;
    this.events = events;
    this.sentMarks = sentMarks;
    this.jdbc = jdbc;
    this.transport = transport;
    this.whatsapp = whatsapp;
    this.inbox = inbox;
    this.json = json;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Sends a message once per idempotency key: a second call with the same key (a retried job)
   * returns the first send's wamid without calling WhatsApp again. The row is written in its own
   * transaction, so it survives the caller's rollback.
   *
   * @throws ServiceWindowClosedException when free-form text is due outside the 24-hour window and
   *     no reopening template is configured
   */
  public String send(ConversationKey key, OutboundMessage message, String idempotencyKey) {
    return send(key, message, TemplateCategory.MARKETING, idempotencyKey);
  }

  /**
   * As {@link #send(ConversationKey, OutboundMessage, String)}, for a message a person wrote: the
   * transcript names her.
   */
  public String send(
      ConversationKey key, OutboundMessage message, String idempotencyKey, PersonAuthor author) {
    return send(key, message, TemplateCategory.MARKETING, idempotencyKey, author);
  }

  /**
   * As {@link #send(ConversationKey, OutboundMessage, String)}, with the category of a template
   * message as Meta approved it (ignored for any other message).
   *
   * @throws MarketingOptOutException for a marketing template to a customer who opted out of
   *     marketing
   */
  public String send(
      ConversationKey key,
      OutboundMessage message,
      TemplateCategory category,
      String idempotencyKey) {
    return send(key, message, category, idempotencyKey, null);
  }

  private String send(
      ConversationKey key,
      OutboundMessage message,
      TemplateCategory category,
      String idempotencyKey,
      PersonAuthor author) {
    if (message instanceof OutboundMessage.Template
        && category == TemplateCategory.MARKETING
        && !consent.allowsMarketing(key)) {
      throw new MarketingOptOutException(
          "the customer "
              + key
              + " opted out of marketing (STOP): marketing"
              + " template not sent; a UTILITY or AUTHENTICATION template may still be sent");
    }
    if (message instanceof OutboundMessage.Template
        && category == TemplateCategory.MARKETING
        && !consent.mayGetMarketing(key)) {
      throw new MarketingConsentMissingException(noOptIn(key.toString()));
    }
    OutboundMessage toSend = withinServiceWindow(key, message);
    String already =
        ownTransaction.execute(
            status -> recordQueued(key, toSend, idempotencyKey, category, author));
    if (already != null) {
      log.debug("Send {} already went out as {}", idempotencyKey, already);
      return already;
    }
    String wamid;
    try {
      wamid = transport.send(key.phoneNumberId(), key.waId(), toSend);
    } catch (RuntimeException e) {
      ownTransaction.executeWithoutResult(
          status ->
              jdbc.sql("UPDATE outbound_message SET error = ? WHERE idempotency_key = ?")
                  .params(Inbox.truncate(e.getMessage(), 1000), idempotencyKey)
                  .update());
      throw e;
    }
    markSent(key, toSend, idempotencyKey, wamid);
    return wamid;
  }

  /** The wamid of a send with this key that Meta accepted, if there was one. */
  public java.util.Optional<String> sentWamid(String idempotencyKey) {
    return jdbc.sql(
            "SELECT wamid FROM outbound_message WHERE idempotency_key = ? AND wamid IS NOT NULL")
        .param(idempotencyKey)
        .query(String.class)
        .optional();
  }

  /**
   * Uploads a file to send from the conversation's business number (the Cloud API's media endpoint,
   * or the sandbox's); returns its media id. Throws {@link
   * app.wasla.channel.whatsapp.CloudApiException} when it was not taken.
   */
  public String uploadMedia(ConversationKey key, byte[] content, String mimeType, String filename) {
    return transport.uploadMedia(key.phoneNumberId(), content, mimeType, filename);
  }

  /**
   * Records a send Meta accepted and publishes message.sent, once per key; returns when both are
   * committed, or when the mark is kept to be written once the database is back. Under load the
   * marks of many sends share a transaction ({@link SentMarks}).
   */
  void markSent(ConversationKey key, OutboundMessage sent, String idempotencyKey, String wamid) {
    sentMarks.mark(key, sent, idempotencyKey, wamid);
  }

  /**
   * Marks the customer's message read, with the typing indicator; best effort, never fails the
   * caller.
   */
  public void markRead(ConversationKey key, String wamid) {
    if (!whatsapp.markRead() || wamid == null || wamid.startsWith("event:")) {
      return;
    }
    try {
      transport.markRead(key.phoneNumberId(), wamid, true);
    } catch (RuntimeException e) {
      log.debug("Mark-as-read failed (the reply goes out anyway): {}", e.toString());
    }
  }

  OutboundMessage withinServiceWindow(ConversationKey key, OutboundMessage message) {
    if (message instanceof OutboundMessage.Template) {
      return message;
    }
    if (inbox.serviceWindowOpen(key.value(), clock.instant(), SERVICE_WINDOW)) {
      return message;
    }
    if (whatsapp.reopenTemplate() != null && !whatsapp.reopenTemplate().isBlank()) {
      if (TemplateCategory.of(whatsapp.reopenTemplateCategory()) == TemplateCategory.MARKETING
          && !consent.mayGetMarketing(key)) {
        throw new ServiceWindowClosedException(
            "The 24-hour customer-service window of "
                + key
                + " is closed and"
                + " the reopen template counts as marketing (wasla.whatsapp.reopen-template-category), which the"
                + " customer has not agreed to (opted out, or no opt-in on record): free-form "
                + message.type()
                + " not sent");
      }
      return new OutboundMessage.Template(
          whatsapp.reopenTemplate(), whatsapp.reopenTemplateLanguage(), List.of());
    }
    throw new ServiceWindowClosedException(
        "The 24-hour customer-service window of "
            + key
            + " is closed and no template is configured "
            + "(wasla.whatsapp.reopen-template): free-form "
            + message.type()
            + " not sent");
  }

  /**
   * Inserts the QUEUED row; returns the wamid of an earlier successful send with this key, else
   * null. Reads before inserting: on PostgreSQL a failed insert would abort the transaction.
   */
  private String recordQueued(
      ConversationKey key,
      OutboundMessage message,
      String idempotencyKey,
      TemplateCategory category,
      PersonAuthor author) {
    java.util.Optional<java.util.Optional<String>> earlier =
        jdbc.sql("SELECT wamid FROM outbound_message WHERE idempotency_key = ?")
            .param(idempotencyKey)
            .query((rs, n) -> java.util.Optional.ofNullable(rs.getString(1)))
            .optional();
    if (earlier.isPresent()) {
      // sent before: return its wamid; attempted but not confirmed (null): send again
      return earlier.get().orElse(null);
    }
    jdbc.sql(
            """
            INSERT INTO outbound_message (idempotency_key, conversation_key, phone_number_id, wa_id,
              message_type, text, body_json, status, created_at, category, author_id, author_name,
              author_team)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?, ?, ?)""")
        .params(
            idempotencyKey,
            key.value(),
            key.phoneNumberId(),
            key.waId(),
            message.type(),
            Inbox.truncate(transcriptText.of(message), 8000),
            toJson(message),
            Inbox.utc(clock.instant()),
            message instanceof OutboundMessage.Template && category != null
                ? category.name()
                : null,
            author == null ? null : author.userId(),
            author == null ? null : author.name(),
            author == null ? null : author.team())
        .update();
    return null;
  }

  /** What became of a send that may go out at most once ({@link #sendAtMostOnce}). */
  public enum Outcome {
    /** Meta accepted it now. */
    SENT,
    /** Meta accepted it before (a retry after a crash): not sent again. */
    ALREADY_SENT,
    /**
     * A send under this key was started and never answered (the node died during Meta's call, or
     * Meta's answer never came): Meta may have it, so it is not sent again.
     */
    UNCONFIRMED,
    /** Meta answered with an error: not sent; {@code error} says whether trying again may help. */
    REFUSED
  }

  /** The outcome, the wamid when sent, Meta's refusal when refused. */
  public record AtMostOnce(Outcome outcome, String wamid, CloudApiException error) {}

  /**
   * Sends a template at most once per key, for broadcasts where a duplicate is worse than a miss:
   * the row is written (committed) before Meta is called, and a row already there is never sent
   * again unless Meta refused it with an answer (nothing was sent then). A row left without a wamid
   * by a node that died during the call, or by a call that ended without Meta's answer, is {@link
   * Outcome#UNCONFIRMED}. The category is recorded with the row (the weekly marketing cap counts
   * it).
   */
  public AtMostOnce sendAtMostOnce(
      ConversationKey key,
      OutboundMessage.Template template,
      TemplateCategory category,
      String idempotencyKey) {
    Optional<AtMostOnce> earlier =
        ownTransaction.execute(
            status -> {
              Optional<List<String>> row =
                  jdbc.sql("SELECT status, wamid FROM outbound_message WHERE idempotency_key = ?")
                      .param(idempotencyKey)
                      .query((rs, n) -> java.util.Arrays.asList(rs.getString(1), rs.getString(2)))
                      .optional();
              if (row.isEmpty()) {
                recordQueued(key, template, idempotencyKey, category, null);
                return Optional.<AtMostOnce>empty();
              }
              String wamid = row.get().get(1);
              if (wamid != null) {
                return Optional.of(new AtMostOnce(Outcome.ALREADY_SENT, wamid, null));
              }
              if (REFUSED.equals(row.get().get(0))) {
                // Meta refused it with an answer: nothing went out, so it may be tried again
                jdbc.sql(
                        """
                        UPDATE outbound_message SET status = 'QUEUED', attempts = attempts + 1
                        WHERE idempotency_key = ? AND status = ?""")
                    .params(idempotencyKey, REFUSED)
                    .update();
                return Optional.<AtMostOnce>empty();
              }
              // started and never answered: kept apart from QUEUED, which would hold the
              // conversation's later sends behind it (the outbox keeps a conversation's order)
              jdbc.sql(
                      """
                      UPDATE outbound_message SET status = 'UNCONFIRMED'
                      WHERE idempotency_key = ? AND status = 'QUEUED'""")
                  .param(idempotencyKey)
                  .update();
              return Optional.of(new AtMostOnce(Outcome.UNCONFIRMED, null, null));
            });
    if (earlier.isPresent()) {
      return earlier.get();
    }
    String wamid;
    try {
      wamid = transport.sendAtMostOnce(key.phoneNumberId(), key.waId(), template);
    } catch (CloudApiException e) {
      boolean answered = e.httpStatus() > 0 || CloudApiClient.neverConnected(e);
      ownTransaction.executeWithoutResult(
          status ->
              jdbc.sql(
                      "UPDATE outbound_message SET status = ?, error = ?, status_at = ?"
                          + " WHERE idempotency_key = ?")
                  .params(
                      answered ? REFUSED : "UNCONFIRMED",
                      Inbox.truncate(e.getMessage(), 1000),
                      Inbox.utc(clock.instant()),
                      idempotencyKey)
                  .update());
      return new AtMostOnce(answered ? Outcome.REFUSED : Outcome.UNCONFIRMED, null, e);
    }
    markSent(key, template, idempotencyKey, wamid);
    return new AtMostOnce(Outcome.SENT, wamid, null);
  }

  /**
   * The status of a send Meta refused with an answer (an at-most-once send that may be tried
   * again); the transcript shows it as failed.
   */
  static final String REFUSED = "REFUSED";

  /**
   * The customer's marketing template sends since {@code since} on any business number, but the one
   * under {@code exceptKey} (the weekly cap of campaigns).
   */
  public long marketingSendsSince(String waId, Instant since, String exceptKey) {
    return jdbc.sql(
            """
            SELECT COUNT(*) FROM outbound_message
            WHERE category = 'MARKETING' AND wa_id = ? AND created_at >= ? AND idempotency_key <> ?
              AND status <> 'REFUSED'""")
        .params(waId, Inbox.utc(since), exceptKey)
        .query(Long.class)
        .single();
  }

  /** The WhatsApp numbers that got at least {@code cap} marketing templates since {@code since}. */
  public java.util.Set<String> atMarketingCap(Instant since, int cap) {
    return new java.util.HashSet<>(
        jdbc.sql(
                """
            SELECT wa_id FROM outbound_message
            WHERE category = 'MARKETING' AND created_at >= ? AND status <> 'REFUSED'
            GROUP BY wa_id HAVING COUNT(*) >= ?""")
            .params(Inbox.utc(since), cap)
            .query(String.class)
            .list());
  }

  /**
   * When the customer's latest marketing template was sent (a campaign's, on any business number;
   * one Meta refused or failed to deliver is not counted), if any: a reply to it is interest in it.
   */
  public Optional<Instant> latestMarketingSend(String waId) {
    return jdbc
        .sql(
            """
            SELECT MAX(created_at) FROM outbound_message
            WHERE category = 'MARKETING' AND wa_id = ? AND status NOT IN ('REFUSED', 'FAILED')""")
        .param(waId)
        .query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
        .list()
        .stream()
        .filter(java.util.Objects::nonNull) // MAX of no rows is one NULL
        .findFirst()
        .map(OffsetDateTime::toInstant);
  }

  /**
   * What became of sends, by idempotency key: status as Meta's webhooks moved it, Meta's error code
   * of a failed delivery, and the customer's first message after the send (a reply).
   */
  public record SendResult(
      String idempotencyKey,
      String status,
      String wamid,
      Instant sentAt,
      Instant statusAt,
      Integer errorCode,
      String error,
      Instant repliedAt) {}

  /** {@link SendResult}s of these keys (those never written are absent). */
  public Map<String, SendResult> results(java.util.Collection<String> keys) {
    Map<String, SendResult> found = new java.util.HashMap<>();
    List<String> all = List.copyOf(keys);
    for (int from = 0; from < all.size(); from += 500) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
      jdbc.sql(
              """
              SELECT o.idempotency_key, o.status, o.wamid, o.sent_at, o.status_at, o.error,
                (SELECT MAX(s.error_code) FROM message_status s WHERE s.wamid = o.wamid
                  AND s.status = 'failed'),
                (SELECT MIN(i.wa_timestamp) FROM inbox_message i
                  WHERE i.conversation_key = o.conversation_key AND o.sent_at IS NOT NULL
                    AND i.message_name = 'CustomerMessage' AND i.wa_timestamp > o.sent_at)
              FROM outbound_message o WHERE o.idempotency_key IN (%s)"""
                  .formatted(String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"))))
          .params(new java.util.ArrayList<Object>(chunk))
          .query(
              rs -> {
                Object code = rs.getObject(7);
                found.put(
                    rs.getString(1),
                    new SendResult(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        instant(rs.getObject(4, OffsetDateTime.class)),
                        instant(rs.getObject(5, OffsetDateTime.class)),
                        code == null ? null : ((Number) code).intValue(),
                        rs.getString(6),
                        instant(rs.getObject(8, OffsetDateTime.class))));
              });
    }
    return found;
  }

  /**
   * A customer's message: when WhatsApp says it was written and what the customer typed as a whole
   * message (a text, a template's quick reply), null for a tap on a flow's button, media or a
   * place.
   */
  public record CustomerWords(Instant at, String typed) {}

  /**
   * The customers' messages written after a time, per conversation key, oldest first: what a reply
   * to a send is made of.
   */
  public Map<String, List<CustomerWords>> customerMessagesAfter(Map<String, Instant> after) {
    Map<String, List<CustomerWords>> found = new java.util.HashMap<>();
    List<String> all = List.copyOf(after.keySet());
    for (int from = 0; from < all.size(); from += 500) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
      Instant earliest = chunk.stream().map(after::get).min(Instant::compareTo).orElseThrow();
      List<Object> params = new java.util.ArrayList<>(chunk);
      params.add(Inbox.utc(earliest));
      jdbc.sql(
              """
              SELECT conversation_key, wa_timestamp, message_type, text FROM inbox_message
              WHERE conversation_key IN (%s) AND message_name = 'CustomerMessage' AND wa_timestamp > ?
              ORDER BY wa_timestamp, id"""
                  .formatted(String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"))))
          .params(params)
          .query(
              rs -> {
                String key = rs.getString(1);
                Instant at = instant(rs.getObject(2, OffsetDateTime.class));
                if (at.isAfter(after.get(key))) {
                  String type = rs.getString(3);
                  found
                      .computeIfAbsent(key, k -> new java.util.ArrayList<>())
                      .add(
                          new CustomerWords(
                              at,
                              "text".equals(type) || "button".equals(type)
                                  ? rs.getString(4)
                                  : null));
                }
              });
    }
    return found;
  }

  /** Records a delivery status from Meta and moves the outbound message's status forward. */
  public void recordStatus(StatusUpdate update) {
    Instant now = clock.instant();
    Instant at = update.timestamp() == null ? now : update.timestamp();
    try {
      jdbc.sql(
              """
              INSERT INTO message_status (wamid, status, recipient_wa_id, status_at, error_code, error_title,
                errors_json, received_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(
              update.wamid(),
              update.status(),
              update.recipientWaId(),
              Inbox.utc(at),
              update.errorCode(),
              Inbox.truncate(update.errorTitle(), 1000),
              update.errorsJson(),
              Inbox.utc(now))
          .update();
    } catch (DuplicateKeyException redelivered) {
      return;
    }
    String status = update.status() == null ? "" : update.status().toUpperCase();
    Integer rank = STATUS_RANK.get(status);
    if (rank == null) {
      return;
    }
    jdbc.sql(
            """
            SELECT status, conversation_key FROM outbound_message WHERE wamid = ?""")
        .param(update.wamid())
        .query((rs, n) -> List.of(rs.getString(1), rs.getString(2)))
        .optional()
        .filter(row -> STATUS_RANK.getOrDefault(row.get(0), 0) < rank)
        // the status move and its message.status_changed event commit together
        .ifPresent(
            row ->
                ownTransaction.executeWithoutResult(
                    tx -> {
                      int moved =
                          jdbc.sql(
                                  """
                  UPDATE outbound_message SET status = ?, status_at = ?, error = COALESCE(?, error)
                  WHERE wamid = ? AND status = ?""")
                              .params(
                                  status,
                                  Inbox.utc(at),
                                  Inbox.truncate(update.errorTitle(), 1000),
                                  update.wamid(),
                                  row.get(0))
                              .update();
                      if (moved == 1) {
                        Map<String, Object> data = new java.util.HashMap<>();
                        data.put("wamid", update.wamid());
                        data.put("status", status.toLowerCase());
                        data.put("previousStatus", row.get(0).toLowerCase());
                        data.put("errorCode", update.errorCode());
                        data.put("errorTitle", update.errorTitle());
                        events.publish(EventTypes.MESSAGE_STATUS_CHANGED, row.get(1), data);
                      }
                    }));
  }

  String toJson(OutboundMessage message) {
    try {
      return json.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("outbound message cannot be written as JSON", e);
    }
  }

  static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  /** Why a marketing template was not sent to a customer without an opt-in on record. */
  public static String noOptIn(String customer) {
    return "the customer "
        + customer
        + " has not opted in to marketing: marketing template not sent. Customers opt in by"
        + " writing START (اشتراك); consent given elsewhere is recorded with PUT"
        + " /api/customers/{key}/consent and its source. A UTILITY or AUTHENTICATION template may"
        + " still be sent";
  }
}
