package app.wasla.conversation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The turn window ({@code wasla.mailbox.turn-window}): a burst of customer messages becomes one
 * turn, delivered once the window after its newest message has passed. A stored message moves its
 * conversation's window on and a timer pokes the mailbox when it ends, so that a burst costs no
 * delivery attempt, no transaction and no lock per message while the window is open; the delivery
 * still checks the window against the stored entries ({@link #remaining}).
 */
final class TurnWindows {

  private final Duration window;
  private final Clock clock;

  /** Per conversation with a window open: when it ends, by the newest message this node stored. */
  private final Map<String, Instant> ends = new ConcurrentHashMap<>();

  TurnWindows(Duration window, Clock clock) {
    this.window = window;
    this.clock = clock;
  }

  boolean enabled() {
    return !window.isZero() && !window.isNegative();
  }

  /**
   * A customer message of the conversation was stored at {@code receivedAt}: {@code poke} runs on
   * {@code timer} when the window after it ends, unless a later message moved the end on (its own
   * timer pokes then).
   */
  void messageStored(
      String conversationKey,
      Instant receivedAt,
      ScheduledExecutorService timer,
      Consumer<String> poke) {
    Instant end = receivedAt.plus(window);
    ends.merge(conversationKey, end, (a, b) -> a.isAfter(b) ? a : b);
    long delay = Math.max(0, Duration.between(clock.instant(), end).toMillis());
    try {
      timer.schedule(
          () -> {
            if (ends.remove(conversationKey, end)) {
              poke.accept(conversationKey);
            }
          },
          delay,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      // the mailbox is stopping: the message is stored, and the sweep finds it after the next start
    }
  }

  /** How long the turn's window still runs at {@code now}: zero or negative once it has passed. */
  Duration remaining(List<InboxEntry> turn, Instant now) {
    Instant newest =
        turn.stream().map(InboxEntry::receivedAt).max(Instant::compareTo).orElseThrow();
    return Duration.between(now, newest.plus(window));
  }
}
