package app.wasla.conversation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;

/**
 * {@code wasla_first_response_seconds}: how long a customer waited for the first answer, by who
 * gave it. One meter name for both responders, so its help text describes both.
 */
public final class FirstResponseTimer {

  /** Who answered first. */
  public enum Responder {
    /** The bot: from the customer's first message of a new conversation to Wasla's first reply. */
    BOT,
    /** A person: from the handoff to the first message a person sent the customer. */
    PERSON
  }

  static final String NAME = "wasla.first.response";

  private FirstResponseTimer() {}

  public static Timer of(MeterRegistry registry, Responder responder) {
    return Timer.builder(NAME)
        .tag("responder", responder.name().toLowerCase(Locale.ROOT))
        .description(
            "Time to the first answer: responder=bot from the customer's first message of a new"
                + " conversation to Wasla's first reply (queued to send); responder=person from the"
                + " handoff to the first message a person sent")
        .publishPercentileHistogram()
        .serviceLevelObjectives(
            java.time.Duration.ofSeconds(5),
            java.time.Duration.ofSeconds(30),
            java.time.Duration.ofMinutes(2),
            java.time.Duration.ofMinutes(5),
            java.time.Duration.ofMinutes(15),
            java.time.Duration.ofHours(1))
        .minimumExpectedValue(java.time.Duration.ofMillis(100))
        .maximumExpectedValue(java.time.Duration.ofHours(24))
        .register(registry);
  }
}
