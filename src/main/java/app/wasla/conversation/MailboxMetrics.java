package app.wasla.conversation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The mailbox's figures at /actuator/prometheus: messages accepted, redelivered and too old; turns
 * handed to the flows, how many messages each carried, how long messages waited in the inbox, how
 * many conversations shared a delivery transaction, and what each delivery attempt found.
 */
@Component
class MailboxMetrics {

  /** One help text for every result: Prometheus shows one per metric name. */
  static final String MESSAGES_HELP =
      "WhatsApp messages received, by result: accepted (stored for delivery), duplicate (redelivered, already stored: no-op), stale (older than wasla.mailbox.max-message-age: recorded, not answered)";

  private final Counter accepted;
  private final Counter duplicates;
  private final Counter stale;
  private final DistributionSummary turnSize;
  private final Timer waited;
  private final DistributionSummary sharedTransactions;
  private final Map<DeliveryAttempt.Outcome, Counter> attempts =
      new EnumMap<>(DeliveryAttempt.Outcome.class);
  private final Counter failedAttempts;

  MailboxMetrics(MeterRegistry registry) {
    accepted =
        Counter.builder("wasla.mailbox.messages")
            .tag("result", "accepted")
            .description(MESSAGES_HELP)
            .register(registry);
    duplicates =
        Counter.builder("wasla.mailbox.messages")
            .tag("result", "duplicate")
            .description(MESSAGES_HELP)
            .register(registry);
    stale =
        Counter.builder("wasla.mailbox.messages")
            .tag("result", "stale")
            .description(MESSAGES_HELP)
            .register(registry);
    turnSize =
        DistributionSummary.builder("wasla.mailbox.turn.messages")
            .description("Messages handed to a flow as one turn")
            .register(registry);
    waited =
        Timer.builder("wasla.mailbox.wait")
            .description("From arrival to hand-over to the flow (oldest message of the turn)")
            .publishPercentiles(0.5, 0.95, 0.99)
            .register(registry);
    sharedTransactions =
        DistributionSummary.builder("wasla.mailbox.transaction.conversations")
            .description(
                "Conversations that shared one delivery transaction (recorded for shared ones only)")
            .register(registry);
    for (DeliveryAttempt.Outcome outcome : DeliveryAttempt.Outcome.values()) {
      attempts.put(outcome, attemptCounter(registry, outcome.name().toLowerCase(Locale.ROOT)));
    }
    failedAttempts = attemptCounter(registry, "failed");
  }

  private static Counter attemptCounter(MeterRegistry registry, String outcome) {
    return Counter.builder("wasla.mailbox.deliveries")
        .tag("outcome", outcome)
        .description(
            "Delivery attempts (a transaction that locked a conversation) by what they found: delivered, "
                + "busy, nothing_pending, locked_elsewhere, waiting_for_window, or failed (rolled back, retried)")
        .register(registry);
  }

  void stored(boolean isNew, boolean isStale) {
    if (!isNew) {
      duplicates.increment();
    } else if (isStale) {
      stale.increment();
    } else {
      accepted.increment();
    }
  }

  void attempted(DeliveryAttempt.Outcome outcome) {
    attempts.get(outcome).increment();
  }

  void attemptFailed() {
    failedAttempts.increment();
  }

  void deliveredTogether(int conversations) {
    sharedTransactions.record(conversations);
  }

  void delivered(int messages, Duration oldestWaited) {
    turnSize.record(messages);
    waited.record(oldestWaited.isNegative() ? Duration.ZERO : oldestWaited);
  }
}
