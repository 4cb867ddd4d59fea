package app.wasla.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Failed logins per key (a client address or a user name) in fixed windows; forgotten when a window
 * ends.
 */
final class FailedLogins {

  private record Window(Instant start, int failures) {}

  private final Clock clock;
  private final Duration window;
  private final Cache<String, Window> windows;

  FailedLogins(Clock clock, Duration window) {
    this.clock = clock;
    this.window = window;
    this.windows = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(100_000).build();
  }

  /** How long this key must wait when it has {@code max} failures or more in the current window. */
  Optional<Duration> blocked(String key, int max) {
    Window w = current(key);
    if (w == null || w.failures() < max) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(clock.instant(), w.start().plus(window)));
  }

  void failed(String key) {
    windows
        .asMap()
        .compute(
            key,
            (k, w) -> {
              Instant now = clock.instant();
              return w == null || !now.isBefore(w.start().plus(window))
                  ? new Window(now, 1)
                  : new Window(w.start(), w.failures() + 1);
            });
  }

  private Window current(String key) {
    Window w = windows.getIfPresent(key);
    return w == null || !clock.instant().isBefore(w.start().plus(window)) ? null : w;
  }
}
