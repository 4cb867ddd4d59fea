package app.wasla.conversation;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.system.GroupCommit;
import app.wasla.webhook.EventTypes;
import app.wasla.webhook.WebhookEvents;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Marks the sends Meta accepted as SENT, and publishes message.sent, in as few transactions as the
 * load allows: under load many sender threads finish a send at about the same time, and each used
 * to commit its own mark ({@link GroupCommit}; docs/benchmark.md). A sender returns once its own
 * mark is committed, so a conversation's next send still finds the earlier one SENT (the order
 * check in {@link Outbox}).
 *
 * <p>A mark that cannot be written (the database is away) is not forgotten: Meta has the message,
 * so sending it again when the lease runs out would be a duplicate. It is kept in memory (at most
 * {@code wasla.outbox.pending-sent-marks}), the outbox sweep writes it as soon as the database
 * answers again, and until then the sweep does not send its row again. Only a node that dies with
 * marks still kept loses them: their rows are sent again after the lease (the documented duplicate
 * window, docs/reliability.md).
 */
@Component
class SentMarks {

  private static final String MARK =
      """
      UPDATE outbound_message SET status = 'SENT', wamid = ?, sent_at = ?, status_at = ?, error = NULL
      WHERE idempotency_key = ? AND status = 'QUEUED'""";

  private record Mark(
      ConversationKey key, OutboundMessage sent, String idempotencyKey, String wamid) {}

  private static final Logger log = LoggerFactory.getLogger(SentMarks.class);

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;
  private final WebhookEvents events;
  private final DistributionSummary marksPerWrite;
  private final GroupCommit<Mark, Boolean> marks = new GroupCommit<>(this::writeAll);

  /** Marks Meta accepted that could not be written yet, by idempotency key. */
  private final Map<String, Mark> pending = new ConcurrentHashMap<>();

  private final int maxPending;

  SentMarks(
      JdbcTemplate jdbc,
      Clock clock,
      PlatformTransactionManager transactionManager,
      WebhookEvents events,
      MeterRegistry registry,
      OutboxProperties props) {
    this.jdbc = jdbc;
    this.maxPending = props.pendingSentMarks();
    this.clock = clock;
    this.events = events;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.marksPerWrite =
        DistributionSummary.builder("wasla.outbox.sent-marks-per-write")
            .description("Sends marked SENT together in one statement batch and commit")
            .register(registry);
    Gauge.builder("wasla.outbox.pending-sent-marks", pending, Map::size)
        .description("Sends Meta accepted whose SENT mark waits for the database")
        .register(registry);
  }

  /**
   * Marks the send SENT with Meta's id, and returns once that is committed, or once it is kept to
   * be written when the database is back ({@link #writePending}); a key marked before is left as it
   * is.
   *
   * @throws RuntimeException when the mark could not be written and no more marks can be kept (the
   *     row stays QUEUED and is sent again after its lease)
   */
  void mark(ConversationKey key, OutboundMessage sent, String idempotencyKey, String wamid) {
    Mark mark = new Mark(key, sent, idempotencyKey, wamid);
    try {
      marks.write(mark);
    } catch (RuntimeException e) {
      if (pending.size() >= maxPending && !pending.containsKey(idempotencyKey)) {
        log.error(
            "Send {} was accepted by Meta but neither marked SENT nor kept ({} marks wait already): it will be"
                + " sent again after its lease",
            idempotencyKey,
            pending.size(),
            e);
        throw e;
      }
      pending.put(idempotencyKey, mark);
      log.warn(
          "Send {} was accepted by Meta; its SENT mark waits for the database ({} waiting): {}",
          idempotencyKey,
          pending.size(),
          e.toString());
    }
  }

  /**
   * True while Meta's acceptance of this send is known here but not written: it must not be sent
   * again.
   */
  boolean isPending(String idempotencyKey) {
    return pending.containsKey(idempotencyKey);
  }

  /**
   * Writes the marks kept while the database was away; returns how many still wait (it is still
   * away).
   */
  int writePending() {
    if (pending.isEmpty()) {
      return 0;
    }
    List<Mark> group = List.copyOf(pending.values());
    try {
      writeAll(group);
    } catch (RuntimeException e) {
      log.debug("{} SENT mark(s) still wait for the database: {}", group.size(), e.toString());
      return pending.size();
    }
    // written, or the row was no longer QUEUED: either way nothing is left to remember
    group.forEach(mark -> pending.remove(mark.idempotencyKey(), mark));
    log.info("Wrote {} SENT mark(s) kept while the database was away", group.size());
    return pending.size();
  }

  private List<Boolean> writeAll(List<Mark> group) {
    marksPerWrite.record(group.size());
    var now = Inbox.utc(clock.instant());
    boolean publish = events.wanted(EventTypes.MESSAGE_SENT);
    List<Object[]> rows =
        group.stream()
            .map(mark -> new Object[] {mark.wamid(), now, now, mark.idempotencyKey()})
            .toList();
    if (group.size() == 1 && !publish) {
      // alone and with no event to go with it: one statement, no transaction to begin and commit
      // around it
      return List.of(jdbc.update(MARK, rows.get(0)) > 0);
    }
    return ownTransaction.execute(
        status -> {
          int[] updated = jdbc.batchUpdate(MARK, rows);
          Boolean[] marked = new Boolean[group.size()];
          for (int i = 0; i < group.size(); i++) {
            // a driver that cannot tell the count of each statement of a batch says SUCCESS_NO_INFO
            // (-2)
            marked[i] = updated[i] != 0;
            Mark mark = group.get(i);
            if (publish && marked[i]) {
              events.publish(
                  EventTypes.MESSAGE_SENT,
                  mark.key().value(),
                  Map.of(
                      "wamid",
                      mark.wamid(),
                      "type",
                      mark.sent().type(),
                      "text",
                      String.valueOf(mark.sent().transcriptText()),
                      "idempotencyKey",
                      mark.idempotencyKey()));
            }
          }
          return Arrays.asList(marked);
        });
  }
}
