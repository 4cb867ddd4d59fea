package app.wasla.channel.whatsapp;

import java.time.Duration;
import org.springframework.retry.RetryContext;
import org.springframework.retry.backoff.BackOffContext;
import org.springframework.retry.backoff.BackOffInterruptedException;
import org.springframework.retry.backoff.BackOffPolicy;
import org.springframework.retry.backoff.Sleeper;
import org.springframework.retry.backoff.ThreadWaitSleeper;

/**
 * Exponential backoff (×2, capped) that waits at least as long as a {@code Retry-After} Meta sent
 * (capped too), since retrying earlier than asked only earns another 429.
 */
final class RetryAfterBackOffPolicy implements BackOffPolicy {

  static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

  private final long initialMillis;
  private final Sleeper sleeper;

  RetryAfterBackOffPolicy(Duration initial, Sleeper sleeper) {
    this.initialMillis = Math.max(1, Math.min(initial.toMillis(), MAX_BACKOFF.toMillis()));
    this.sleeper = sleeper == null ? new ThreadWaitSleeper() : sleeper;
  }

  @Override
  public BackOffContext start(RetryContext context) {
    return new Context(context, initialMillis);
  }

  @Override
  public void backOff(BackOffContext backOffContext) {
    Context c = (Context) backOffContext;
    long wait = c.next;
    c.next = Math.min(c.next * 2, MAX_BACKOFF.toMillis());
    if (c.retry.getLastThrowable() instanceof CloudApiException e && e.retryAfter() != null) {
      wait = Math.max(wait, Math.min(e.retryAfter().toMillis(), MAX_RETRY_AFTER.toMillis()));
    }
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new BackOffInterruptedException("Interrupted while backing off", ie);
    }
  }

  private static final class Context implements BackOffContext {
    private final RetryContext retry;
    private long next;

    Context(RetryContext retry, long next) {
      this.retry = retry;
      this.next = next;
    }
  }
}
