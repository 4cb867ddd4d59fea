package app.wasla.conversation;

import app.wasla.channel.whatsapp.CloudApiException;
import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.channel.whatsapp.WhatsAppTransport;
import app.wasla.system.AfterCommit;
import app.wasla.system.DatabaseDialect;
import app.wasla.webhook.EventTypes;
import app.wasla.webhook.WebhookEvents;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The flows' outbound messages (a transactional outbox): a reply is written in its turn's
 * transaction and goes to WhatsApp right after that transaction commits, on its conversation's
 * sender thread. So no HTTP call runs while a turn holds its transaction or a database connection,
 * a turn that rolls back sends nothing, and a turn can be answered in the mailbox's own transaction
 * without an async job. A send that fails is tried again with backoff; one that keeps failing (or
 * that Meta refuses for good) is FAILED and an incident of its conversation in Cockpit. A
 * conversation's messages reach WhatsApp in the order they were queued: one that would overtake an
 * earlier message still waiting for its retry (or on another node) waits too. (On PostgreSQL
 * "earlier" means committed before this one was queued: the insert itself tells whether one is
 * still queued, so that the usual send, behind nothing, costs no lookup.) A node that dies between
 * commit and send leaves the message queued; the sweep sends it when its lease has run out.
 */
@Service
public class Outbox implements SmartLifecycle {

  /** One help text for every result: Prometheus shows one per metric name. */
  static final String SENDS_HELP =
      "Flow message sends, by result: sent (Meta accepted it, after its turn committed), retry (failed,"
          + " will be tried again), failed (given up: FAILED and an incident of the conversation), held"
          + " (held back behind an earlier message of its conversation not sent yet)";

  /** Incident type of a message that could not be sent. */
  public static final String INCIDENT_TYPE = "whatsappSend";

  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

  private final JdbcClient jdbc;
  private final OutboundMessages outbound;
  private final WhatsAppTransport transport;
  private final ConversationEngine engine;
  private final WebhookEvents events;

  /**
   * A new transaction, also when called from an after-commit callback (which would join the
   * finished one).
   */
  private final TransactionTemplate ownTransaction;

  private final ObjectMapper json;
  private final OutboxProperties props;
  private final Clock clock;
  private final boolean onConflictDoNothing;
  private volatile ScheduledExecutorService sweeper;
  private volatile SendQueues senders;

  /** Set by {@link #stop}: no send starts after it. */
  private volatile boolean stopped;

  private final Counter sent;
  private final Counter retried;
  private final Counter failedForGood;
  private final Counter held;
  private final SentMarks sentMarks;
  private final TranscriptText transcriptText;

  /**
   * QUEUED rows and the age of the oldest, as the last sweep counted them (a scrape must not wait
   * for the database).
   */
  private final AtomicLong backlog = new AtomicLong();

  private final AtomicLong oldestQueuedSeconds = new AtomicLong();

  Outbox(
      JdbcClient jdbc,
      OutboundMessages outbound,
      WhatsAppTransport transport,
      ConversationEngine engine,
      WebhookEvents events,
      PlatformTransactionManager transactionManager,
      ObjectMapper json,
      OutboxProperties props,
      Clock clock,
      MeterRegistry metrics,
      DatabaseDialect dialect,
      SentMarks sentMarks,
      TranscriptText transcriptText) {
    this.jdbc = jdbc;
    this.transcriptText = transcriptText;
    this.sentMarks = sentMarks;
    this.onConflictDoNothing = dialect.postgres();
    this.outbound = outbound;
    this.transport = transport;
    this.engine = engine;
    this.events = events;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.json = json;
    this.props = props;
    this.clock = clock;
    this.sent =
        Counter.builder("wasla.outbox.sends")
            .tag("result", "sent")
            .description(SENDS_HELP)
            .register(metrics);
    this.retried =
        Counter.builder("wasla.outbox.sends")
            .tag("result", "retry")
            .description(SENDS_HELP)
            .register(metrics);
    this.failedForGood =
        Counter.builder("wasla.outbox.sends")
            .tag("result", "failed")
            .description(SENDS_HELP)
            .register(metrics);
    this.held =
        Counter.builder("wasla.outbox.sends")
            .tag("result", "held")
            .description(SENDS_HELP)
            .register(metrics);
    Gauge.builder("wasla.outbox.backlog", backlog, AtomicLong::get)
        .description("Flow messages queued and not sent yet (as of the last outbox sweep)")
        .register(metrics);
    Gauge.builder("wasla.outbox.oldest-queued-age", oldestQueuedSeconds, AtomicLong::get)
        .baseUnit("seconds")
        .description("Age of the oldest flow message not sent yet (as of the last outbox sweep)")
        .register(metrics);
  }

  /**
   * Queues a message in the caller's transaction; it is sent once that transaction commits. A key
   * queued before (and committed) is not queued again.
   *
   * @throws ServiceWindowClosedException when free-form text is due outside the 24-hour window and
   *     no reopening template is configured
   */
  public void queue(
      ConversationKey key,
      OutboundMessage message,
      String idempotencyKey,
      String processInstanceId) {
    queue(key, message, idempotencyKey, processInstanceId, null);
  }

  /** As above, for a message a person wrote (null: not a person's): the transcript names her. */
  public void queue(
      ConversationKey key,
      OutboundMessage message,
      String idempotencyKey,
      String processInstanceId,
      PersonAuthor author) {
    OutboundMessage toSend = outbound.withinServiceWindow(key, message);
    // PostgreSQL skips a known key in the insert itself; H2 (where a failed statement would not
    // abort the
    // transaction either) reads first, as a duplicate key must not surface as an error in the flow
    if (!onConflictDoNothing) {
      boolean known =
          jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE idempotency_key = ?")
                  .param(idempotencyKey)
                  .query(Long.class)
                  .single()
              > 0;
      if (known) {
        log.debug("Send {} was queued before", idempotencyKey);
        return;
      }
    }
    Instant now = clock.instant();
    JdbcClient.StatementSpec insert =
        jdbc.sql(
                """
            INSERT INTO outbound_message (idempotency_key, conversation_key, phone_number_id, wa_id, message_type,
              text, body_json, status, created_at, attempts, next_attempt_at, process_instance_id, author_id,
              author_name, author_team)
            VALUES (:key, :conversation, :phoneNumberId, :waId, :type, :text, :body, 'QUEUED', :now, 0, :lease,
              :instance, :authorId, :authorName, :authorTeam)"""
                    // PostgreSQL also says, in the same statement, whether an earlier message of
                    // the conversation is still
                    // queued: the subquery sees the rows as they were before this insert
                    + (onConflictDoNothing
                        ? """
             ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING (SELECT COUNT(*) FROM outbound_message e
              WHERE e.conversation_key = :conversation AND e.status = 'QUEUED')"""
                        : ""))
            .param("key", idempotencyKey)
            .param("conversation", key.value())
            .param("phoneNumberId", key.phoneNumberId())
            .param("waId", key.waId())
            .param("type", toSend.type())
            .param("text", Inbox.truncate(transcriptText.of(toSend), 8000))
            .param("body", outbound.toJson(toSend))
            .param("now", Inbox.utc(now))
            .param("lease", Inbox.utc(now.plus(props.lease())))
            .param("instance", processInstanceId)
            .param("authorId", author == null ? null : author.userId())
            .param("authorName", author == null ? null : author.name())
            .param("authorTeam", author == null ? null : author.team());
    boolean inserted;
    boolean mayBeBehind;
    if (onConflictDoNothing) {
      Optional<Long> queuedBefore = insert.query(Long.class).optional();
      inserted = queuedBefore.isPresent();
      mayBeBehind = queuedBefore.orElse(0L) > 0;
    } else {
      inserted = insert.update() > 0;
      mayBeBehind = true;
    }
    if (!inserted) {
      log.debug("Send {} was queued before", idempotencyKey);
      return;
    }
    AfterCommit.run(() -> dispatch(key, toSend, idempotencyKey, mayBeBehind));
  }

  /**
   * Hands the send to a sender thread, behind the conversation's earlier sends: the committing
   * thread (a mailbox worker) and its database connection are free at once, and one conversation's
   * messages still leave in order. Before start and after stop it sends on the calling thread.
   */
  private void dispatch(
      ConversationKey key, OutboundMessage message, String idempotencyKey, boolean mayBeBehind) {
    if (!onLane(
        key,
        new QueuedSend(
            idempotencyKey, () -> sendLogged(key, message, idempotencyKey, mayBeBehind)))) {
      // shutting down: the row stays QUEUED and the sweep sends it once its lease is over
      log.info("Send {} left to the sweep (stopping)", idempotencyKey);
    }
  }

  /**
   * Marks the customer's message read (with the typing indicator) after the current transaction
   * commits, in the conversation's send queue, so before the replies queued after it. Best effort.
   */
  public void markReadAfterCommit(ConversationKey key, String wamid) {
    AfterCommit.run(() -> onLane(key, () -> outbound.markRead(key, wamid)));
  }

  /**
   * Queues the work behind the conversation's earlier sends (runs it here before start); false when
   * stopping.
   */
  private boolean onLane(ConversationKey key, Runnable work) {
    SendQueues queues = senders;
    if (queues == null) {
      if (stopped) {
        // a turn that committed during the stop: its row waits for the next start, which sends it
        // at once
        if (work instanceof QueuedSend send) {
          release(List.of(send.idempotencyKey()));
        }
        return false;
      }
      work.run();
      return true;
    }
    try {
      queues.execute(key.value(), work);
      return true;
    } catch (RejectedExecutionException stopping) {
      return false;
    }
  }

  private void sendLogged(
      ConversationKey key, OutboundMessage message, String idempotencyKey, boolean mayBeBehind) {
    try {
      send(key, message, idempotencyKey, mayBeBehind);
    } catch (RuntimeException e) {
      // e.g. the database was unreachable to record the outcome: the row is still QUEUED, the sweep
      // tries again
      log.warn(
          "Send {} could not be completed; the outbox sweep will take it over", idempotencyKey, e);
    }
  }

  /**
   * One attempt: the HTTP call, then SENT, or the failure recorded (retry later, or FAILED and an
   * incident). A message behind an earlier one of its conversation that is not sent yet waits for
   * it instead.
   *
   * @param mayBeBehind false when no earlier message of the conversation was queued when this one
   *     was: none can be now either (a message leaves QUEUED for good), so there is nothing to look
   *     up
   */
  void send(
      ConversationKey key, OutboundMessage message, String idempotencyKey, boolean mayBeBehind) {
    if (mayBeBehind && behindAnUnsentMessage(key, idempotencyKey)) {
      hold(idempotencyKey);
      return;
    }
    String wamid;
    try {
      wamid = transport.send(key.phoneNumberId(), key.waId(), message);
    } catch (RuntimeException e) {
      failed(idempotencyKey, e);
      return;
    }
    outbound.markSent(key, message, idempotencyKey, wamid);
    sent.increment();
  }

  /**
   * True when an earlier message of the conversation is still queued: failed and waiting for its
   * retry, or being sent by the sweep or by another node. Sending now would let the customer read
   * this one first. (On one node a conversation's sends run one at a time, so one that was merely
   * in flight there has been marked by now.)
   */
  private boolean behindAnUnsentMessage(ConversationKey key, String idempotencyKey) {
    return jdbc.sql(
                """
            SELECT COUNT(*) FROM outbound_message
            WHERE conversation_key = ? AND status = 'QUEUED'
              AND id < (SELECT id FROM outbound_message WHERE idempotency_key = ?)""")
            .params(key.value(), idempotencyKey)
            .query(Long.class)
            .single()
        > 0;
  }

  /**
   * Leaves the message to the sweep, due now: the sweep sends a conversation's messages in the
   * order queued.
   */
  private void hold(String idempotencyKey) {
    jdbc.sql(
            "UPDATE outbound_message SET next_attempt_at = ? WHERE idempotency_key = ? AND status = 'QUEUED'")
        .params(Inbox.utc(clock.instant()), idempotencyKey)
        .update();
    held.increment();
    log.debug("Send {} waits for an earlier message of its conversation", idempotencyKey);
  }

  private void failed(String idempotencyKey, RuntimeException error) {
    boolean permanent = error instanceof CloudApiException c && !c.retryable();
    String reason = Inbox.truncate(String.valueOf(error.getMessage()), 1000);
    Optional<Failure> failure =
        ownTransaction.execute(
            status ->
                jdbc.sql(
                        """
            SELECT attempts, conversation_key, process_instance_id FROM outbound_message
            WHERE idempotency_key = ? AND status = 'QUEUED' FOR UPDATE""")
                    .param(idempotencyKey)
                    .query(
                        (rs, n) ->
                            new Failure(rs.getInt(1) + 1, rs.getString(2), rs.getString(3), false))
                    .optional()
                    .map(
                        f -> {
                          boolean giveUp = permanent || f.attempts() >= props.attempts();
                          Instant now = clock.instant();
                          jdbc.sql(
                                  """
                  UPDATE outbound_message SET attempts = ?, error = ?, next_attempt_at = ?, status = ?, status_at = ?
                  WHERE idempotency_key = ?""")
                              .params(
                                  f.attempts(),
                                  reason,
                                  Inbox.utc(now.plus(props.backoffAfter(f.attempts()))),
                                  giveUp ? "FAILED" : "QUEUED",
                                  giveUp ? Inbox.utc(now) : null,
                                  idempotencyKey)
                              .update();
                          if (giveUp) {
                            Map<String, Object> data = new HashMap<>();
                            data.put("idempotencyKey", idempotencyKey);
                            data.put("status", "failed");
                            data.put("previousStatus", "queued");
                            data.put("errorTitle", reason);
                            events.publish(
                                EventTypes.MESSAGE_STATUS_CHANGED, f.conversationKey(), data);
                          }
                          return new Failure(
                              f.attempts(), f.conversationKey(), f.processInstanceId(), giveUp);
                        }));
    if (failure == null || failure.isEmpty()) {
      log.debug(
          "Send {} failed but is no longer queued (sent or given up elsewhere): {}",
          idempotencyKey,
          reason);
      return;
    }
    if (!failure.get().giveUp()) {
      retried.increment();
      log.info(
          "Send {} failed (attempt {} of {}, next in {}): {}",
          idempotencyKey,
          failure.get().attempts(),
          props.attempts(),
          props.backoffAfter(failure.get().attempts()),
          reason);
      return;
    }
    failedForGood.increment();
    log.warn(
        "Send {} failed for good after {} attempt(s): {}",
        idempotencyKey,
        failure.get().attempts(),
        reason);
    String instance = failure.get().processInstanceId();
    if (instance != null
        && !Boolean.TRUE.equals(
            ownTransaction.execute(
                status ->
                    engine.raiseIncident(
                        instance,
                        INCIDENT_TYPE,
                        idempotencyKey,
                        "WhatsApp send " + idempotencyKey + " failed: " + reason)))) {
      log.warn(
          "Conversation instance {} has ended; the failed send {} is only recorded",
          instance,
          idempotencyKey);
    }
  }

  /**
   * Sends what is due: failed sends whose backoff is over, sends whose node did not confirm them in
   * time, and sends held behind an earlier message of their conversation, in the order queued. A
   * held send is left out while the message it waits for is not due itself: otherwise, in an
   * outage, a page of held sends could fill every sweep and keep the messages they wait for from
   * ever being tried again.
   */
  int sendDue() {
    Instant now = clock.instant();
    List<Due> due =
        jdbc.sql(
                """
            SELECT o.idempotency_key, o.conversation_key, o.message_type, o.body_json FROM outbound_message o
            WHERE o.status = 'QUEUED' AND o.next_attempt_at <= ?
              AND NOT EXISTS (SELECT 1 FROM outbound_message e WHERE e.conversation_key = o.conversation_key
                AND e.status = 'QUEUED' AND e.id < o.id AND e.next_attempt_at > ?)
            ORDER BY o.id FETCH FIRST 100 ROWS ONLY""")
            .params(Inbox.utc(now), Inbox.utc(now))
            .query(
                (rs, n) ->
                    new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
            .list();
    int sent = 0;
    for (Due d : due) {
      if (stopped) {
        break;
      }
      // the claim moves the due time to the end of a lease: one node or thread wins each attempt
      int claimed =
          jdbc.sql(
                  """
              UPDATE outbound_message SET next_attempt_at = ?
              WHERE idempotency_key = ? AND status = 'QUEUED' AND next_attempt_at <= ?""")
              .params(Inbox.utc(now.plus(props.lease())), d.idempotencyKey(), Inbox.utc(now))
              .update();
      if (claimed == 1) {
        if (sentMarks.isPending(d.idempotencyKey())) {
          // Meta has it; only its SENT mark waits for the database (written by the next sweep)
          continue;
        }
        OutboundMessage message;
        try {
          message = parse(d);
        } catch (RuntimeException unreadable) {
          // counts as a failed attempt: retried, then FAILED and an incident; the sweep goes on
          // with the other
          // conversations, and this one's later messages go once it has failed for good
          failed(d.idempotencyKey(), unreadable);
          continue;
        }
        sendLogged(ConversationKey.parse(d.conversationKey()), message, d.idempotencyKey(), true);
        sent++;
      }
    }
    return sent;
  }

  private OutboundMessage parse(Due due) {
    try {
      JsonNode body = json.readTree(due.bodyJson());
      Class<? extends OutboundMessage> type =
          switch (due.messageType()) {
            case "text" -> OutboundMessage.Text.class;
            case "template" -> OutboundMessage.Template.class;
            case "reaction" -> OutboundMessage.Reaction.class;
            case "image" -> OutboundMessage.Image.class;
            case "document" -> OutboundMessage.Document.class;
            case "location" -> OutboundMessage.Location.class;
            case "interactive" ->
                body.has("buttons")
                    ? OutboundMessage.ReplyButtons.class
                    : body.has("url")
                        ? OutboundMessage.CtaUrl.class
                        : OutboundMessage.ListMessage.class;
            default ->
                throw new IllegalStateException(
                    "unknown outbound message type " + due.messageType());
          };
      return json.treeToValue(body, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "queued message " + due.idempotencyKey() + " cannot be read", e);
    }
  }

  private void sweep() {
    try {
      // first the marks kept while the database was away, so that their rows are not due for a
      // resend
      sentMarks.writePending();
      sendDue();
      countBacklog();
    } catch (RuntimeException e) {
      log.warn("Outbox sweep failed; next one in {}: {}", props.sweepInterval(), e.toString());
    }
  }

  /** Updates the backlog gauges: QUEUED rows, and the age of the oldest. */
  void countBacklog() {
    jdbc.sql("SELECT COUNT(*), MIN(created_at) FROM outbound_message WHERE status = 'QUEUED'")
        .query(
            (rs, n) -> {
              backlog.set(rs.getLong(1));
              OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
              oldestQueuedSeconds.set(
                  oldest == null
                      ? 0
                      : Math.max(
                          0, Duration.between(oldest.toInstant(), clock.instant()).toSeconds()));
              return rs.getLong(1);
            })
        .single();
  }

  @Override
  public void start() {
    stopped = false;
    senders = new SendQueues(props.senders(), AfterCommit.daemonThreads("outbox-send-"));
    sweeper =
        Executors.newSingleThreadScheduledExecutor(AfterCommit.daemonThreads("outbox-sweep-"));
    long ms = props.sweepInterval().toMillis();
    sweeper.scheduleWithFixedDelay(this::sweep, ms, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * Stops without leaving a send half done: no send starts any more, and the sends in flight (the
   * sweep's and the senders') get Meta's answer and their SENT mark, waiting up to {@code
   * wasla.outbox.shutdown-timeout}. Sends that were queued but had not started stay QUEUED and are
   * released (due now), so the next start sends them at once and only once. (A thread is never
   * interrupted in its HTTP call: Meta might have taken the message.)
   */
  @Override
  public void stop() {
    stopped = true;
    SendQueues queues = senders;
    senders = null;
    long deadline = System.nanoTime() + props.shutdownTimeout().toNanos();
    try {
      if (sweeper != null) {
        sweeper.shutdown();
        sweeper.awaitTermination(props.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
      }
      if (queues != null) {
        List<String> notStarted =
            queues.stop(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).stream()
                .filter(QueuedSend.class::isInstance)
                .map(w -> ((QueuedSend) w).idempotencyKey())
                .toList();
        release(notStarted);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sweeper = null;
  }

  /**
   * Makes QUEUED sends due now (their lease was running): the sweep of the next start sends them
   * first thing.
   */
  private void release(List<String> idempotencyKeys) {
    if (idempotencyKeys.isEmpty()) {
      return;
    }
    try {
      Instant now = clock.instant();
      for (String key : idempotencyKeys) {
        jdbc.sql(
                "UPDATE outbound_message SET next_attempt_at = ? WHERE idempotency_key = ? AND status = 'QUEUED'")
            .params(Inbox.utc(now), key)
            .update();
      }
      log.info(
          "Stopping: {} send(s) not started, left QUEUED for the next start",
          idempotencyKeys.size());
    } catch (RuntimeException e) {
      // they are still QUEUED: the next start sends them when their lease is over
      log.warn(
          "Stopping: {} send(s) not started could not be released; sent after their lease",
          idempotencyKeys.size(),
          e);
    }
  }

  @Override
  public boolean isRunning() {
    return sweeper != null;
  }

  /** Stop after the mailbox (which queues sends) and before the engine. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 200;
  }

  /**
   * A send as its conversation's lane runs it: its key tells which row to release when it never
   * starts.
   */
  private record QueuedSend(String idempotencyKey, Runnable send) implements Runnable {

    @Override
    public void run() {
      send.run();
    }
  }

  private record Failure(
      int attempts, String conversationKey, String processInstanceId, boolean giveUp) {}

  private record Due(
      String idempotencyKey, String conversationKey, String messageType, String bodyJson) {}
}
