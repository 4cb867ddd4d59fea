package app.wasla.conversation;

import app.wasla.engine.EngineTables;
import app.wasla.system.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closes conversations whose customer has gone silent: those resting for longer than {@code
 * wasla.mailbox.inactivity-timeout} at a wait state the model marks with the extension property
 * {@value #MARKER} (in the sales conversation, "Customer wrote again", where the bot waits for the
 * customer). Each gets the message {@value #CUSTOMER_SILENT}, which starts the flow's interrupting
 * event subprocess ("Customer went silent" → "Conversation closed").
 *
 * <p>Why not a BPMN timer: an inactivity timer on an event-based gateway is created and deleted on
 * every turn, with the gateway's scope execution (about 12 statements per turn, docs/benchmark.md),
 * for an event that fires once per conversation. The time a conversation has been resting is
 * already in the database: the creation time of the wait state's message subscription, which every
 * turn replaces. The sweep reads it.
 *
 * <p>Each close runs in its own transaction under the conversation's mailbox lock, and only if no
 * message is pending and the subscription it found is still the one the conversation waits on: a
 * customer who writes while the sweep runs is answered, not closed on.
 */
@Component
public class SilentConversations implements SmartLifecycle {

  /**
   * Extension property of a wait state at which a conversation closes when the customer stays
   * silent.
   */
  public static final String MARKER = "closesWhenSilent";

  /** Message that starts the flow's "Customer went silent" event subprocess. */
  public static final String CUSTOMER_SILENT = "CustomerSilent";

  private static final Logger log = LoggerFactory.getLogger(SilentConversations.class);
  private static final int BATCH = 500;

  private final EngineTables tables;
  private final RepositoryService repository;
  private final ConversationEngine engine;
  private final Inbox inbox;
  private final Mailbox mailbox;
  private final TransactionTemplate transactions;
  private final MailboxProperties props;
  private final Clock clock;
  private final Counter closed;

  /**
   * Per process definition id: its activities marked {@value #MARKER} (deployed models do not
   * change).
   */
  private final Map<String, Set<String>> markedActivities = new ConcurrentHashMap<>();

  private final Set<String> warnedDefinitions = ConcurrentHashMap.newKeySet();
  private volatile ScheduledExecutorService sweeper;

  SilentConversations(
      EngineTables tables,
      RepositoryService repository,
      ConversationEngine engine,
      Inbox inbox,
      Mailbox mailbox,
      TransactionTemplate transactions,
      MailboxProperties props,
      Clock clock,
      MeterRegistry metrics) {
    this.tables = tables;
    this.repository = repository;
    this.engine = engine;
    this.inbox = inbox;
    this.mailbox = mailbox;
    this.transactions = transactions;
    this.props = props;
    this.clock = clock;
    this.closed =
        Counter.builder("wasla.conversations.closed.silent")
            .description("Conversations closed because the customer stayed silent")
            .register(metrics);
  }

  /** A conversation resting at a marked wait state since {@code since}. */
  record Resting(
      String subscriptionId,
      String processInstanceId,
      String processDefinitionId,
      String activityId,
      String conversationKey,
      Instant since) {}

  /**
   * Closes every conversation silent for longer than the timeout at {@code now} (the sweep passes
   * the clock's time); returns how many it closed.
   */
  public int closeSilent(Instant now) {
    Instant cutoff = now.minus(props.inactivityTimeout());
    int total = 0;
    while (true) {
      List<Resting> batch = restingBefore(cutoff);
      int closedNow = 0;
      for (Resting resting : batch) {
        if (close(resting)) {
          closedNow++;
        }
      }
      total += closedNow;
      // what could not be closed now (being delivered to, a message pending) stays at the head:
      // next sweep
      if (batch.size() < BATCH || closedNow == 0) {
        return total;
      }
    }
  }

  /** Conversations resting at a marked wait state since before the cutoff, longest first. */
  List<Resting> restingBefore(Instant cutoff) {
    Set<String> activities = allMarkedActivities();
    if (activities.isEmpty()) {
      return List.of();
    }
    return tables.messageWaitsBefore(Mailbox.CUSTOMER_MESSAGE, activities, cutoff, BATCH).stream()
        .map(
            w ->
                new Resting(
                    w.subscriptionId(),
                    w.processInstanceId(),
                    w.processDefinitionId(),
                    w.activityId(),
                    w.businessKey(),
                    w.since()))
        .filter(
            r ->
                r.conversationKey() != null
                    && marked(r.processDefinitionId()).contains(r.activityId()))
        .toList();
  }

  /**
   * Closes one conversation found resting, unless it moved on since: it is being delivered to (its
   * lock is taken), a message waits for it, or it waits on another subscription now (a turn ran).
   */
  boolean close(Resting resting) {
    boolean done;
    try {
      done =
          Boolean.TRUE.equals(
              transactions.execute(
                  status -> {
                    if (inbox.lockForDelivery(resting.conversationKey()).isEmpty()
                        && inbox.knows(resting.conversationKey())) {
                      return false;
                    }
                    if (inbox.hasPending(resting.conversationKey())
                        || !stillWaiting(resting.subscriptionId())) {
                      return false;
                    }
                    engine.correlateToInstance(CUSTOMER_SILENT, resting.processInstanceId());
                    return true;
                  }));
    } catch (MismatchingMessageCorrelationException noEventSubprocess) {
      if (warnedDefinitions.add(resting.processDefinitionId())) {
        log.warn(
            "Flow {} marks {} as {} but has no event subprocess started by the message {}; its silent "
                + "conversations stay open",
            resting.processDefinitionId(),
            resting.activityId(),
            MARKER,
            CUSTOMER_SILENT);
      }
      return false;
    } catch (RuntimeException e) {
      // e.g. a turn that changed the instance meanwhile (optimistic locking): the next sweep looks
      // again
      log.info(
          "Could not close conversation {} now: {}",
          ConversationKey.mask(resting.conversationKey()),
          e.toString());
      return false;
    }
    if (done) {
      closed.increment();
      log.info(
          "Closed conversation {} (silent since {})",
          ConversationKey.mask(resting.conversationKey()),
          resting.since());
      // a message that arrived while it closed starts the next conversation
      mailbox.poke(resting.conversationKey());
    }
    return done;
  }

  private boolean stillWaiting(String subscriptionId) {
    return tables.subscriptionExists(subscriptionId);
  }

  private Set<String> allMarkedActivities() {
    Set<String> all = new TreeSet<>();
    for (ProcessDefinition definition : repository.createProcessDefinitionQuery().list()) {
      all.addAll(marked(definition.getId()));
    }
    return all;
  }

  /** The activities of the flow marked {@value #MARKER}: where the bot rests between turns. */
  Set<String> marked(String processDefinitionId) {
    return markedActivities.computeIfAbsent(
        processDefinitionId,
        id -> {
          Set<String> ids = new TreeSet<>();
          for (FlowNode node :
              repository.getBpmnModelInstance(id).getModelElementsByType(FlowNode.class)) {
            if ("true".equalsIgnoreCase(ActivityProperties.of(node).get(MARKER))) {
              ids.add(node.getId());
            }
          }
          return Set.copyOf(ids);
        });
  }

  private void sweep() {
    try {
      closeSilent(clock.instant());
    } catch (RuntimeException e) {
      log.warn(
          "Silent-conversation sweep failed; next one in {}", props.inactivitySweepInterval(), e);
    }
  }

  @Override
  public void start() {
    if (!props.enabled()) {
      return;
    }
    sweeper =
        Executors.newSingleThreadScheduledExecutor(AfterCommit.daemonThreads("silent-sweep-"));
    long ms = props.inactivitySweepInterval().toMillis();
    sweeper.scheduleWithFixedDelay(this::sweep, ms, ms, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    if (sweeper != null) {
      sweeper.shutdownNow();
      sweeper = null;
    }
  }

  @Override
  public boolean isRunning() {
    return sweeper != null;
  }

  /** Runs while the mailbox does: starts after it, stops before it. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 90;
  }
}
