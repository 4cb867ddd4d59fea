package app.wasla.conversation;

import app.wasla.engine.EngineCommands;
import app.wasla.engine.EngineTables;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * The one place that starts conversation instances and correlates messages to them (the engine
 * adapter): the rest of Wasla talks to the mailbox, never to {@link RuntimeService} for that.
 */
@Component
public class ConversationEngine {

  private final RuntimeService runtime;
  private final EngineCommands commands;
  private final EngineTables tables;

  ConversationEngine(ProcessEngine engine, EngineCommands commands, EngineTables tables) {
    this.runtime = engine.getRuntimeService();
    this.commands = commands;
    this.tables = tables;
  }

  /**
   * Runs the work as one engine command: the engine calls inside it join that command, so that what
   * they change is flushed once, at its end, table by table in JDBC batches, instead of once per
   * call. An exception in any of them fails the whole command (and the surrounding transaction).
   */
  <T> T inOneCommand(Supplier<T> work) {
    return commands.inOneCommand(work);
  }

  /**
   * Where a conversation's flow waits for a message: the process instance and the execution at the
   * wait state.
   */
  record Waiting(String processInstanceId, String executionId) {}

  /**
   * The execution of this conversation (in its main flow or a called one) that waits for the
   * message now, if any.
   */
  Optional<Waiting> instanceWaitingFor(String conversationKey, String messageName) {
    List<Execution> waiting =
        runtime
            .createExecutionQuery()
            .processInstanceBusinessKey(conversationKey)
            .messageEventSubscriptionName(messageName)
            .list();
    if (waiting.size() > 1) {
      // a flow called while its caller waits too (a booking while a return waits for the team's
      // review, which hears the customer meanwhile): the called flow asked the latest question,
      // its wait takes the message; the caller's hears the customer again once it has ended
      List<Execution> innermost =
          waiting.stream()
              .filter(
                  e ->
                      runtime
                              .createProcessInstanceQuery()
                              .superProcessInstanceId(e.getProcessInstanceId())
                              .count()
                          == 0)
              .toList();
      if (!innermost.isEmpty()) {
        waiting = innermost;
      }
    }
    return waiting.stream().map(e -> new Waiting(e.getProcessInstanceId(), e.getId())).findFirst();
  }

  /**
   * True when an instance of this conversation is alive (waiting for something else, or busy in a
   * job): one indexed lookup in the caller's transaction, without the process instance query's
   * joins and mapping ({@link EngineTables#hasLiveInstance}).
   */
  boolean hasLiveInstance(String conversationKey) {
    return tables.hasLiveInstance(conversationKey);
  }

  /** Starts a new conversation instance of the given flow. */
  String start(String flowKey, String conversationKey, Map<String, Object> variables) {
    ProcessInstance instance =
        runtime.startProcessInstanceByKey(flowKey, conversationKey, variables);
    return instance.getId();
  }

  /**
   * Raises an incident on a live conversation instance (shown in Cockpit, resolved there or through
   * the REST API). False when the instance has ended.
   */
  boolean raiseIncident(
      String processInstanceId, String type, String configuration, String message) {
    if (runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0) {
      return false;
    }
    // an incident needs an execution that stands at an activity: the one where the conversation
    // waits now
    ActivityInstance tree = runtime.getActivityInstance(processInstanceId);
    String executionId = processInstanceId;
    while (tree != null && tree.getChildActivityInstances().length > 0) {
      tree = tree.getChildActivityInstances()[0];
      if (tree.getExecutionIds().length > 0) {
        executionId = tree.getExecutionIds()[0];
      }
    }
    runtime.createIncident(type, executionId, configuration, message);
    return true;
  }

  /**
   * The instance to show a conversation's failing turn on: the one waiting for the customer's
   * message (the main flow or a called one), else any live one of the conversation.
   */
  Optional<String> instanceOf(String conversationKey) {
    Optional<Waiting> waiting = instanceWaitingFor(conversationKey, Mailbox.CUSTOMER_MESSAGE);
    if (waiting.isPresent()) {
      return waiting.map(Waiting::processInstanceId);
    }
    return runtime
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(conversationKey)
        .listPage(0, 1)
        .stream()
        .map(ProcessInstance::getId)
        .findFirst();
  }

  /**
   * True when a flow the conversation called (checkout, a booking, an order's cancellation, the
   * payment wait) waits for the customer's message now, rather than the conversation itself.
   */
  boolean calledFlowWaits(String conversationKey) {
    return instanceWaitingFor(conversationKey, Mailbox.CUSTOMER_MESSAGE)
        .map(
            w ->
                runtime
                        .createProcessInstanceQuery()
                        .subProcessInstanceId(w.processInstanceId())
                        .count()
                    > 0)
        .orElse(false);
  }

  /** True when an incident of this type and configuration is open. */
  boolean hasIncident(String type, String configuration) {
    return runtime.createIncidentQuery().incidentType(type).configuration(configuration).count()
        > 0;
  }

  /**
   * Resolves the open incidents of this type and configuration (ones that went with their execution
   * when the flow moved on are gone already).
   */
  int resolveIncidents(String type, String configuration) {
    List<Incident> open =
        runtime.createIncidentQuery().incidentType(type).configuration(configuration).list();
    open.forEach(incident -> runtime.resolveIncident(incident.getId()));
    return open.size();
  }

  /**
   * Hands a message to the execution that waits for it. What a correlation does once it has found
   * that execution (the same command, the variables set on the process instance), without searching
   * for it a second time: the mailbox holds the conversation's lock and has just found it.
   *
   * <p>A value equal to the variable's current one is left out. The engine writes every variable it
   * is given again (a row update each, even null over null), and most turns repeat some: {@code
   * replyId} stays null while the customer types. The read loads all the variables, as the engine
   * does to set them, and both calls run in one command: the correlation finds them loaded and
   * reads nothing more (a read of only the turn's names would cost a query of its own,
   * docs/benchmark.md). Values are compared undeserialized: an object value always counts as
   * changed.
   */
  void correlate(String messageName, Waiting waiting, Map<String, Object> variables) {
    inOneCommand(
        () -> {
          VariableMap current = runtime.getVariablesTyped(waiting.executionId(), false);
          Map<String, Object> changed = new HashMap<>();
          variables.forEach(
              (name, value) -> {
                TypedValue now = current.getValueTyped(name);
                if (now == null
                    || now instanceof SerializableValue
                    || !Objects.equals(now.getValue(), value)) {
                  changed.put(name, value);
                }
              });
          runtime.messageEventReceived(messageName, waiting.executionId(), changed);
          return null;
        });
  }

  /**
   * Correlates a message to one process instance (an event subprocess or a wait state of that
   * instance).
   */
  void correlateToInstance(String messageName, String processInstanceId) {
    runtime
        .createMessageCorrelation(messageName)
        .processInstanceId(processInstanceId)
        .correlateWithResult();
  }

  /**
   * Starts an instance through a message start event of that name, for flows that begin on an
   * external event. Empty when no deployed flow starts on it.
   */
  Optional<String> startByMessage(
      String messageName, String conversationKey, Map<String, Object> variables) {
    if (!hasMessageStart(messageName)) {
      return Optional.empty();
    }
    ProcessInstance instance =
        runtime.startProcessInstanceByMessage(messageName, conversationKey, variables);
    return Optional.of(instance.getId());
  }

  private boolean hasMessageStart(String messageName) {
    return runtime
        .createEventSubscriptionQuery()
        .eventType("message")
        .eventName(messageName)
        .list()
        .stream()
        .anyMatch(s -> s.getExecutionId() == null);
  }
}
