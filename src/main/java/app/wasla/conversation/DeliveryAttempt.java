package app.wasla.conversation;

import java.time.Duration;

/**
 * What one delivery attempt of a conversation did, in the transaction that locked it.
 *
 * @param waitFor how long the turn window still runs ({@link Outcome#WAITING_FOR_WINDOW}), else
 *     null
 * @param more entries of the conversation are still pending behind what was delivered
 */
record DeliveryAttempt(Outcome outcome, Duration waitFor, boolean more) {

  /** What the attempt found. */
  enum Outcome {
    DELIVERED,
    BUSY,
    NOTHING_PENDING,
    LOCKED_ELSEWHERE,
    WAITING_FOR_WINDOW
  }

  static DeliveryAttempt of(Outcome outcome) {
    return new DeliveryAttempt(outcome, null, false);
  }

  DeliveryAttempt withMore(boolean more) {
    return new DeliveryAttempt(outcome, waitFor, more);
  }
}
