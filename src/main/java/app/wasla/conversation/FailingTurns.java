package app.wasla.conversation;

import app.wasla.system.LogSafe;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A turn that keeps failing in the mailbox's transaction, shown in Cockpit: after {@link #AFTER}
 * failed attempts in a row the conversation gets an incident of type {@value #INCIDENT_TYPE} where
 * it waits (configuration: the conversation key; message: the failure). The mailbox goes on trying
 * with its backoff (up to 30 s), the conversation's later messages stay behind the failing one, and
 * the attempt that goes through resolves the incident. A first turn that fails before its instance
 * exists has no instance to show it on: it is logged and counted as the mailbox's failed
 * deliveries.
 */
final class FailingTurns {

  static final String INCIDENT_TYPE = "failedTurn";

  /** As many attempts as Camunda gives a failing job before its incident. */
  static final int AFTER = 3;

  private static final Logger log = LoggerFactory.getLogger(Mailbox.class);
  private static final int MAX_MESSAGE = 1000;

  private final ConversationEngine engine;
  private final TransactionTemplate transactions;

  FailingTurns(ConversationEngine engine, TransactionTemplate transactions) {
    this.engine = engine;
    this.transactions = transactions;
  }

  /**
   * After a failed attempt (outside its rolled-back transaction): the incident at the threshold.
   */
  void failed(String key, int attempts, RuntimeException e) {
    if (attempts != AFTER) {
      return;
    }
    try {
      Boolean raised =
          transactions.execute(
              status -> {
                if (engine.hasIncident(INCIDENT_TYPE, key)) {
                  // raised before (by a node that stopped, say): one incident per failing turn
                  return true;
                }
                Optional<String> instance = engine.instanceOf(key);
                return instance.isPresent()
                    && engine.raiseIncident(
                        instance.get(), INCIDENT_TYPE, key, message(attempts, e));
              });
      if (!Boolean.TRUE.equals(raised)) {
        // a first turn: its instance starts with it, so there is none yet
        log.warn(
            "A turn failed {} times and its conversation has no live instance to show an incident"
                + " on; the mailbox keeps trying",
            attempts);
      }
    } catch (RuntimeException incidentFailed) {
      log.warn("Could not raise the incident of a failing turn", incidentFailed);
    }
  }

  /** After an attempt went through, following at least {@code failuresBefore} failed ones. */
  void succeeded(String key, int failuresBefore) {
    if (failuresBefore < AFTER) {
      return;
    }
    try {
      transactions.executeWithoutResult(status -> engine.resolveIncidents(INCIDENT_TYPE, key));
    } catch (RuntimeException e) {
      log.warn("Could not resolve the incident of a turn that went through", e);
    }
  }

  private static String message(int attempts, RuntimeException e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String text =
        "The customer's turn failed "
            + attempts
            + " times in a row; the mailbox keeps trying: "
            + LogSafe.oneLine(cause.toString());
    return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE);
  }
}
