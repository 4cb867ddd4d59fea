package app.wasla.conversation;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A person takes a conversation from the bot: the flow gets a turn without a customer message,
 * under the conversation's mailbox lock and only while the bot rests between turns (at a wait state
 * marked {@value SilentConversations#MARKER}, no message pending), as the silence sweep closes one.
 * The flow sees the variables the caller gives (the flow's gateway after "Customer wrote again"
 * routes a turn with {@code takeOverBy} to its handoff), in this transaction, so the caller learns
 * at once whether it worked.
 *
 * <p>A sales flow's wait that the customer's own "Talk to someone" interrupts (an offer's card, a
 * checkout question) carries the extension property {@value #TAKE_OVER_REPLY}: the reply id of that
 * button. A takeover there is that turn (the reply id, no words), so it takes the same path as the
 * customer's request: the flow ends with "wants a person" and the conversation's handoff follows.
 * Any other wait of a sales flow (a payment link open, a booking being changed) is not interrupted;
 * {@link #refusal} says so before anyone tries.
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

  /**
   * Extension property of a sales flow's wait where a person may take over: the reply id of the
   * wait's "Talk to someone" button, handed to the flow as the takeover's turn.
   */
  public static final String TAKE_OVER_REPLY = "takeOverReply";

  /** A refusal and the step the bot is in (the wait's name, when it is one the flow names). */
  public record Why(Refusal refusal, String step) {}

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
  private final RepositoryService repository;

  /** Per process definition id and activity id: the wait's {@value #TAKE_OVER_REPLY}, or "". */
  private final Map<String, String> takeOverReplies = new ConcurrentHashMap<>();

  ConversationTakeovers(
      Inbox inbox,
      ConversationEngine engine,
      SilentConversations silent,
      RuntimeService runtime,
      TransactionTemplate transactions,
      Mailbox mailbox,
      RepositoryService repository) {
    this.repository = repository;
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
              Optional<Wait> wait = waiting.flatMap(this::waitOf);
              if (wait.isEmpty() || !wait.get().takeable()) {
                return new Outcome(null, Refusal.NOT_WITH_THE_BOT);
              }
              Map<String, Object> turn = new HashMap<>(variables);
              if (!wait.get().reply().isEmpty()) {
                // the sales flow's own "Talk to someone": the same path as the customer's request
                turn.put(ConversationVariables.REPLY_ID, wait.get().reply());
              }
              engine.correlate(Mailbox.CUSTOMER_MESSAGE, waiting.get(), turn);
              return new Outcome(waiting.get().processInstanceId(), null);
            });
    if (outcome != null && outcome.taken()) {
      // a message that arrived meanwhile goes to the person's handoff now
      mailbox.poke(conversationKey);
    }
    return outcome;
  }

  /**
   * Why the conversation cannot be taken over now, if it cannot (read without the mailbox lock, for
   * the inbox's "can take over"; {@link #takeOver} decides under the lock).
   */
  public Optional<Why> refusal(String conversationKey) {
    if (!inbox.knows(conversationKey)) {
      return Optional.of(new Why(Refusal.UNKNOWN, null));
    }
    Optional<Wait> wait =
        engine.instanceWaitingFor(conversationKey, Mailbox.CUSTOMER_MESSAGE).flatMap(this::waitOf);
    if (wait.isEmpty()) {
      return Optional.of(new Why(Refusal.NOT_WITH_THE_BOT, null));
    }
    if (!wait.get().takeable()) {
      return Optional.of(new Why(Refusal.NOT_WITH_THE_BOT, wait.get().step()));
    }
    return Optional.empty();
  }

  /**
   * Where the conversation waits for the customer: resting at a marked wait state of its own flow,
   * or at a sales flow's wait a person may interrupt (its "Talk to someone" reply id), or neither.
   */
  private record Wait(boolean resting, String reply, String step) {
    boolean takeable() {
      return resting || !reply.isEmpty();
    }
  }

  private Optional<Wait> waitOf(ConversationEngine.Waiting waiting) {
    EventSubscription subscription =
        runtime
            .createEventSubscriptionQuery()
            .executionId(waiting.executionId())
            .eventType("message")
            .eventName(Mailbox.CUSTOMER_MESSAGE)
            .singleResult();
    if (subscription == null) {
      return Optional.empty();
    }
    String definitionId =
        runtime
            .createProcessInstanceQuery()
            .processInstanceId(subscription.getProcessInstanceId())
            .singleResult()
            .getProcessDefinitionId();
    String activity = subscription.getActivityId();
    if (silent.marked(definitionId).contains(activity)) {
      return Optional.of(new Wait(true, "", null));
    }
    String reply =
        takeOverReplies.computeIfAbsent(
            definitionId + '/' + activity,
            k -> {
              FlowNode node =
                  repository.getBpmnModelInstance(definitionId).getModelElementById(activity);
              String value = node == null ? null : ActivityProperties.of(node).get(TAKE_OVER_REPLY);
              return value == null ? "" : value;
            });
    return Optional.of(new Wait(false, reply, stepName(definitionId, activity)));
  }

  /** The wait's name in its flow ("Wait for payment: Customer wrote"), for a refusal's text. */
  private String stepName(String definitionId, String activity) {
    FlowNode node = repository.getBpmnModelInstance(definitionId).getModelElementById(activity);
    if (node == null) {
      return activity;
    }
    String name = node.getName() == null ? activity : node.getName();
    if (node.getParentElement() instanceof FlowNode parent && parent.getName() != null) {
      name = parent.getName() + ": " + name;
    }
    String flow = repository.getProcessDefinition(definitionId).getName();
    return flow == null ? name : flow + " — " + name;
  }
}
