package app.wasla.handoff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import org.springframework.stereotype.Component;

/**
 * When the agents reply ({@code wasla.handoff.staff-opens} to {@code staff-closes}, every day, in
 * {@code wasla.handoff.zone}), read on the injected clock. A handoff outside these hours promises
 * the opening time rather than minutes, and its first-response deadline counts from the opening.
 */
@Component
public class StaffHours {

  private final HandoffProperties props;
  private final Clock clock;

  StaffHours(HandoffProperties props, Clock clock) {
    this.props = props;
    this.clock = clock;
  }

  public LocalTime opens() {
    return props.staffOpens();
  }

  public LocalTime closes() {
    return props.staffCloses();
  }

  /** Whether the agents are at work now. */
  public boolean openNow() {
    return openAt(clock.instant());
  }

  boolean openAt(Instant instant) {
    LocalTime opens = props.staffOpens();
    LocalTime closes = props.staffCloses();
    if (opens.equals(closes)) {
      return true;
    }
    LocalTime t = instant.atZone(props.zone()).toLocalTime();
    // hours across midnight (18:00 to 02:00) as well as within a day
    return opens.isBefore(closes)
        ? !t.isBefore(opens) && t.isBefore(closes)
        : !t.isBefore(opens) || t.isBefore(closes);
  }

  /** The next time the agents start work (now when they are at work). */
  public Instant nextOpening() {
    Instant now = clock.instant();
    if (openAt(now)) {
      return now;
    }
    ZonedDateTime local = now.atZone(props.zone());
    ZonedDateTime today = local.with(props.staffOpens());
    return (today.isAfter(local) ? today : today.plusDays(1)).toInstant();
  }

  /**
   * How long from now until a first answer is due: the team's deadline, counted from now during
   * hours and from the opening outside them.
   */
  public Duration untilFirstResponse(Duration sla) {
    Instant now = clock.instant();
    return Duration.between(now, nextOpening().plus(sla));
  }
}
