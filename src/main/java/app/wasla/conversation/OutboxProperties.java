package app.wasla.conversation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the flows' outbound messages leave after their turn commits: how often a failed send is tried
 * again and after how long an unconfirmed one is taken over by the sweep (a node that died between
 * commit and send).
 */
@ConfigurationProperties("wasla.outbox")
public record OutboxProperties(
    /* Sends of one message (each already retrying 429/5xx wasla.whatsapp.send-attempts times) before it is
    FAILED and an incident of its conversation. */
    @DefaultValue("5") int attempts,
    /* Wait before the second send; doubles for each further one. */
    @DefaultValue("5s") Duration backoff,
    /* A queued message that its turn's node has not confirmed after this long is sent by the sweep. */
    @DefaultValue("60s") Duration lease,
    @DefaultValue("2s") Duration sweepInterval,
    /* Sends in flight at once (each waits for Meta's answer on a thread of its own); a conversation's messages
    still leave one at a time, in order. At Meta's usual 100-500 ms per send, 64 carry 130-640 messages/s. */
    @DefaultValue("64") int senders,
    /* On shutdown, how long the sends in flight may take to get Meta's answer and their SENT mark; queued sends
    that have not started are left for the next start. */
    @DefaultValue("15s") Duration shutdownTimeout,
    /* Sends Meta accepted while the database was away, whose SENT mark is kept in memory until it can be written
    (instead of sending them again when their lease runs out). */
    @DefaultValue("10000") int pendingSentMarks) {

  public OutboxProperties {
    if (attempts < 1) {
      throw new IllegalArgumentException("wasla.outbox.attempts must be at least 1");
    }
    if (senders < 1) {
      throw new IllegalArgumentException("wasla.outbox.senders must be at least 1");
    }
    if (shutdownTimeout.isNegative()) {
      throw new IllegalArgumentException("wasla.outbox.shutdown-timeout must not be negative");
    }
    if (pendingSentMarks < 0) {
      throw new IllegalArgumentException("wasla.outbox.pending-sent-marks must not be negative");
    }
  }

  /** Wait after the given number of failed sends. */
  Duration backoffAfter(int failedSends) {
    long factor = 1L << Math.min(Math.max(failedSends - 1, 0), 16);
    Duration wait = backoff.multipliedBy(factor);
    return wait.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : wait;
  }
}
