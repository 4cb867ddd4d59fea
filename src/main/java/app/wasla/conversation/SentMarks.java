package app.wasla.conversation;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.system.GroupCommit;
import app.wasla.webhook.EventTypes;
import app.wasla.webhook.WebhookEvents;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Marks the sends Meta accepted as SENT, and publishes message.sent, in as few transactions as the load allows: under
 * load many sender threads finish a send at about the same time, and each used to commit its own mark
 * ({@link GroupCommit}; docs/benchmark.md, tuning 42). A sender returns once its own mark is committed, so a
 * conversation's next send still finds the earlier one SENT (the order check in {@link Outbox}).
 */
@Component
class SentMarks {

  private static final String MARK = """
      UPDATE outbound_message SET status = 'SENT', wamid = ?, sent_at = ?, status_at = ?, error = NULL
      WHERE idempotency_key = ? AND status = 'QUEUED'""";

  private record Mark(ConversationKey key, OutboundMessage sent, String idempotencyKey, String wamid) {
  }

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;
  private final WebhookEvents events;
  private final DistributionSummary marksPerWrite;
  private final GroupCommit<Mark, Boolean> marks = new GroupCommit<>(this::writeAll);

  SentMarks(JdbcTemplate jdbc, Clock clock, PlatformTransactionManager transactionManager, WebhookEvents events,
      MeterRegistry registry) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.events = events;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.marksPerWrite = DistributionSummary.builder("wasla.outbox.sent-marks-per-write")
        .description("Sends marked SENT together in one statement batch and commit").register(registry);
  }

  /**
   * Marks the send SENT with Meta's id, and returns once that is committed; a key marked before is left as it is.
   *
   * @throws RuntimeException when the group with this mark could not be written (the row stays QUEUED for the sweep)
   */
  void mark(ConversationKey key, OutboundMessage sent, String idempotencyKey, String wamid) {
    marks.write(new Mark(key, sent, idempotencyKey, wamid));
  }

  private List<Boolean> writeAll(List<Mark> group) {
    marksPerWrite.record(group.size());
    var now = Inbox.utc(clock.instant());
    boolean publish = events.wanted(EventTypes.MESSAGE_SENT);
    List<Object[]> rows = group.stream().map(mark -> new Object[] {mark.wamid(), now, now, mark.idempotencyKey()})
        .toList();
    if (group.size() == 1 && !publish) {
      // alone and with no event to go with it: one statement, no transaction to begin and commit around it
      return List.of(jdbc.update(MARK, rows.get(0)) > 0);
    }
    return ownTransaction.execute(status -> {
      int[] updated = jdbc.batchUpdate(MARK, rows);
      Boolean[] marked = new Boolean[group.size()];
      for (int i = 0; i < group.size(); i++) {
        // a driver that cannot tell the count of each statement of a batch says SUCCESS_NO_INFO (-2)
        marked[i] = updated[i] != 0;
        Mark mark = group.get(i);
        if (publish && marked[i]) {
          events.publish(EventTypes.MESSAGE_SENT, mark.key().value(), Map.of("wamid", mark.wamid(),
              "type", mark.sent().type(), "text", String.valueOf(mark.sent().transcriptText()),
              "idempotencyKey", mark.idempotencyKey()));
        }
      }
      return Arrays.asList(marked);
    });
  }
}
