package app.wasla.api;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The engine adapter of the API: read-only questions about conversations and the deployed flows.
 */
@Component
class ConversationStates {

  /** The live instance of a conversation and the activities it is in. */
  record Live(
      String processInstanceId,
      String processDefinitionId,
      List<String> activityIds,
      List<String> waitingFor) {}

  private final RuntimeService runtime;

  ConversationStates(RuntimeService runtime) {
    this.runtime = runtime;
  }

  Optional<Live> live(String conversationKey) {
    Optional<ProcessInstance> instance =
        runtime
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(conversationKey)
            .list()
            .stream()
            .findFirst();
    return instance.map(
        pi ->
            new Live(
                pi.getId(),
                pi.getProcessDefinitionId(),
                runtime.getActiveActivityIds(pi.getId()),
                runtime
                    .createEventSubscriptionQuery()
                    .processInstanceId(pi.getId())
                    .eventType("message")
                    .list()
                    .stream()
                    .map(s -> s.getEventName())
                    .distinct()
                    .toList()));
  }

  /** True when a deployed flow starts on a message of this name (a message start event). */
  boolean flowStartsOn(String messageName) {
    return runtime
        .createEventSubscriptionQuery()
        .eventType("message")
        .eventName(messageName)
        .list()
        .stream()
        .anyMatch(s -> s.getExecutionId() == null);
  }
}
