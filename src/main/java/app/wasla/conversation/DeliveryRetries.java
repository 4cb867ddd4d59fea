package app.wasla.conversation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversations whose last delivery attempt failed (rolled back), and when to try them again:
 * doubling backoff from 200 ms up to 30 s. A conversation that failed goes alone (never in a shared
 * transaction), its turn is marked a retry ({@code turnRetry}: the persona leaves it to a waiting
 * handoff, and instances of earlier versions of order-and-pay take it to a job), its listeners are
 * told inside savepoints, and a turn that keeps failing becomes an incident ({@link FailingTurns}).
 */
final class DeliveryRetries {

  // under the mailbox's name, as before: operators follow the mailbox's log
  private static final Logger log = LoggerFactory.getLogger(Mailbox.class);
  private static final long MAX_BACKOFF_MS = 30_000;

  private final Map<String, Integer> failures = new ConcurrentHashMap<>();

  /** True when the conversation's last attempt failed. */
  boolean failedBefore(String key) {
    return failures.containsKey(key);
  }

  /**
   * An attempt delivered the head of the queue (or found nothing to do): the count starts again.
   *
   * @return the failed attempts before it
   */
  int succeeded(String key) {
    Integer before = failures.remove(key);
    return before == null ? 0 : before;
  }

  /** The failed attempts in a row so far. */
  int failures(String key) {
    return failures.getOrDefault(key, 0);
  }

  /** Counts a failed attempt and says when to try again. */
  Duration failed(String key, RuntimeException e) {
    int attempt = failures.merge(key, 1, Integer::sum);
    Duration retryIn = Duration.ofMillis(Math.min(MAX_BACKOFF_MS, 100L << Math.min(attempt, 8)));
    if (attempt <= 3) {
      log.info(
          "Delivery attempt {} failed, retrying in {} ms: {}",
          attempt,
          retryIn.toMillis(),
          e.toString());
    } else {
      log.warn(
          "Delivery keeps failing (attempt {}), retrying in {} ms", attempt, retryIn.toMillis(), e);
    }
    return retryIn;
  }
}
