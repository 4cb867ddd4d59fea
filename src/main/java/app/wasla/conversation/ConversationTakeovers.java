package app.wasla.conversation;

import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A person takes a conversation from the bot: the flow gets a turn without a customer message,
 * under the conversation's mailbox lock and only while the bot rests between turns (at a wait state
 * marked {@value SilentConversations#MARKER}, no message pending), as the silence sweep closes one.
 * The flow sees the variables the caller gives (the flow's gateway after "Customer wrote again"
 * routes a turn with {@code takeOverBy} to its handoff), in this transaction, so the caller learns
 * at once whether it worked.
 */
@Component
public class ConversationTakeovers {

  /** Why a conversation could not be taken now. */
  public enum Refusal {
    UNKNOWN,
    BUSY,
    MESSAGE_PENDING,
    NOT_WITH_THE_BOT
  }

  /** The outcome: the process instance that took the turn, or why not. */
  public record Outcome(String processInstanceId, Refusal refusal) {
    public boolean taken() {
      return refusal == null;
    }
  }

  private final Inbox inbox;
  private final ConversationEngine engine;
  private final SilentConversations silent;
  private final RuntimeService runtime;
  private final TransactionTemplate transactions;
  private final Mailbox mailbox;

  ConversationTakeovers(
      Inbox inbox,
      ConversationEngine engine,
      SilentConversations silent,
      RuntimeService runtime,
      TransactionTemplate transactions,
      Mailbox mailbox) {
    this.inbox = inbox;
    this.engine = engine;
    this.silent = silent;
    this.runtime = runtime;
    this.transactions = transactions;
    this.mailbox = mailbox;
  }

  /**
   * Hands the conversation's flow a turn with these variables (transient ones live for the turn
   * only), if the bot rests there now.
   */
  public Outcome takeOver(String conversationKey, Map<String, Object> variables) {
    Outcome outcome =
        transactions.execute(
            status -> {
              if (!inbox.knows(conversationKey)) {
                return new Outcome(null, Refusal.UNKNOWN);
              }
              if (inbox.lockForDelivery(conversationKey).isEmpty()) {
                return new Outcome(null, Refusal.BUSY);
              }
              if (inbox.hasPending(conversationKey)) {
                return new Outcome(null, Refusal.MESSAGE_PENDING);
              }
              Optional<ConversationEngine.Waiting> waiting =
                  engine.instanceWaitingFor(conversationKey, Mailbox.CUSTOMER_MESSAGE);
              if (waiting.isEmpty() || !resting(waiting.get())) {
                return new Outcome(null, Refusal.NOT_WITH_THE_BOT);
              }
              engine.correlate(Mailbox.CUSTOMER_MESSAGE, waiting.get(), variables);
              return new Outcome(waiting.get().processInstanceId(), null);
            });
    if (outcome != null && outcome.taken()) {
      // a message that arrived meanwhile goes to the person's handoff now
      mailbox.poke(conversationKey);
    }
    return outcome;
  }

  /** Waits at a marked wait state of its own flow (not in a sales flow, not in a handoff). */
  private boolean resting(ConversationEngine.Waiting waiting) {
    EventSubscription subscription =
        runtime
            .createEventSubscriptionQuery()
            .executionId(waiting.executionId())
            .eventType("message")
            .eventName(Mailbox.CUSTOMER_MESSAGE)
            .singleResult();
    if (subscription == null) {
      return false;
    }
    String definitionId =
        runtime
            .createProcessInstanceQuery()
            .processInstanceId(subscription.getProcessInstanceId())
            .singleResult()
            .getProcessDefinitionId();
    return silent.marked(definitionId).contains(subscription.getActivityId());
  }
}
