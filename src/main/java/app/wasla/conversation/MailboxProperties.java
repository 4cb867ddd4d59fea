package app.wasla.conversation;

import app.wasla.system.DatabaseDialect;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the conversation mailbox delivers: worker threads, the safety-net sweep, which flow a
 * business number runs, and how old a replayed message may be and still get an automatic reply.
 */
@ConfigurationProperties("wasla.mailbox")
public record MailboxProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("4") int workers,
    /* Under load, a worker delivers the turns of up to this many conversations that are ready at once in one
    transaction and one engine command (one commit and one flush for all of them); when fewer are ready it
    takes what there is, so an idle node never waits. A turn's reply waits for its batch. Unset: 8 on
    PostgreSQL (6-7 statements fewer per message, 7-21 % more messages per second under load), 1 on H2, whose
    commits are cheap (the database is in the JVM) and where 8 gained nothing but a first response's p99
    three to four times as long (docs/benchmark.md, "What the design does"). A flow step that writes rows
    shared by many conversations must not lock them before the commit (the demo store writes its stock then,
    sorted), or such batches deadlock (PostgreSQL breaks it; each turn is then delivered alone). */
    Integer conversationsPerTransaction,
    @DefaultValue("2s") Duration sweepInterval,
    /* Meta replays webhooks for up to 7 days after an outage; older messages are recorded, not answered. */
    @DefaultValue("24h") Duration maxMessageAge,
    /* Waits this long after a customer's latest message before handing a turn over, so that a burst of
    messages, and messages that arrive out of order, become one ordered turn. 0 = hand over at once. */
    @DefaultValue("0ms") Duration turnWindow,
    @DefaultValue("20") int maxMessagesPerTurn,
    @DefaultValue("sales-conversation") String flow,
    /* Per business number (phone_number_id), the flow to start instead of the default. */
    Map<String, String> flows,
    /* A conversation resting this long at a wait state marked closesWhenSilent is closed (SilentConversations). */
    @DefaultValue("PT30M") Duration inactivityTimeout,
    /* How often to look for such conversations: they close up to this much after the timeout. */
    @DefaultValue("1m") Duration inactivitySweepInterval) {

  public MailboxProperties {
    if (workers < 1) {
      throw new IllegalArgumentException("wasla.mailbox.workers must be at least 1");
    }
    if (conversationsPerTransaction != null && conversationsPerTransaction < 1) {
      throw new IllegalArgumentException(
          "wasla.mailbox.conversations-per-transaction must be at least 1");
    }
    if (inactivitySweepInterval.isNegative() || inactivitySweepInterval.isZero()) {
      throw new IllegalArgumentException(
          "wasla.mailbox.inactivity-sweep-interval must be positive");
    }
    flows = flows == null ? Map.of() : Map.copyOf(flows);
  }

  /** {@code conversations-per-transaction} as configured, or the default for this database. */
  public int conversationsPerTransaction(DatabaseDialect database) {
    if (conversationsPerTransaction != null) {
      return conversationsPerTransaction;
    }
    return database.postgres() ? 8 : 1;
  }

  /** The process definition key to start for a conversation on this business number. */
  public String flowFor(String phoneNumberId) {
    return flows.getOrDefault(phoneNumberId, flow);
  }
}
