package app.wasla.conversation;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the {@link CustomerMessageListener}s (the CRM) of a delivered turn, in the delivery's
 * transaction: their failure must never hold the conversation up. A savepoint around each would
 * isolate it, at two statements per message (docs/benchmark.md). So the first attempt tells them
 * plainly, and a failure rolls the whole turn back; its retry tells them inside savepoints, where a
 * failure is logged and the turn delivered anyway. Here rather than in the webhook request, so that
 * the acknowledgement to Meta never waits for a customer row a running turn holds locked; before
 * the flow runs, so that the persona finds the profile the CRM's update returned.
 */
final class TurnListeners {

  private static final Logger log = LoggerFactory.getLogger(Mailbox.class);

  private final List<CustomerMessageListener> listeners;
  private final TransactionTemplate savepoint;

  TurnListeners(List<CustomerMessageListener> listeners, TransactionTemplate transactions) {
    this.listeners = listeners;
    this.savepoint = new TransactionTemplate(transactions.getTransactionManager());
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * @param isolated the turn's earlier attempt failed: each listener in a savepoint of its own
   */
  void tell(String key, List<InboxEntry> turn, boolean isolated) {
    if (listeners.isEmpty()) {
      return;
    }
    ConversationKey conversation = ConversationKey.parse(key);
    List<CustomerMessageListener.Message> messages =
        turn.stream()
            .map(
                e ->
                    new CustomerMessageListener.Message(e.profileName(), e.text(), e.waTimestamp()))
            .toList();
    for (CustomerMessageListener listener : listeners) {
      if (!isolated) {
        listener.deliveredTurn(conversation, messages);
        continue;
      }
      try {
        savepoint.executeWithoutResult(sp -> listener.deliveredTurn(conversation, messages));
      } catch (RuntimeException e) {
        log.warn(
            "{} failed on the turn of message {}; delivered anyway",
            listener.getClass().getSimpleName(),
            turn.get(turn.size() - 1).wamid(),
            e);
      }
    }
  }
}
