package app.wasla.inbox;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a conversation stands, as the owner's inbox shows it. */
enum InboxState {
  /** The bot answers: the flow is alive, no person has it, no payment is awaited. */
  BOT("bot"),
  /**
   * Handed to a person, and no person has answered the customer yet: in a team's queue, or assigned
   * to an agent who has not written.
   */
  WAITING("waiting"),
  /**
   * A person answered the customer since the handoff began (or a supervisor took it from the bot
   * and holds it).
   */
  AGENT("agent"),
  /** The customer got a payment link and has not paid yet. */
  PAYMENT("payment"),
  /** The flow ended (the customer went silent, or an agent closed it). */
  CLOSED("closed");

  private final String value;

  InboxState(String value) {
    this.value = value;
  }

  String value() {
    return value;
  }

  static Optional<InboxState> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String wanted = text.strip().toLowerCase(Locale.ROOT);
    return Optional.of(
        Arrays.stream(values())
            .filter(s -> s.value.equals(wanted))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "state: one of bot, waiting, agent, payment, closed")));
  }
}
