package app.wasla.crm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The engine side of an erasure: the conversations' process variables hold message texts and the profile name
 * (turnText, customerName, personaSummary, replyId) in Camunda's runtime and history tables. Live conversations
 * keep running with those variables blanked and their variable history dropped; ended conversations' history
 * is deleted. Runs in the erasing transaction (the engine joins Spring's transactions).
 */
@Component
class ConversationDataEraser {

  /** Process variables that carry what the customer wrote or is called (names of ConversationVariables / PersonaVariables). */
  static final List<String> PERSONAL_VARIABLES = List.of("turnText", "customerName", "personaSummary", "replyId");

  private final RuntimeService runtime;
  private final HistoryService history;

  ConversationDataEraser(RuntimeService runtime, HistoryService history) {
    this.runtime = runtime;
    this.history = history;
  }

  @EventListener
  void erase(CustomerErased erased) {
    for (ProcessInstance live : runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(erased.customerKey()).list()) {
      Map<String, Object> blank = new HashMap<>();
      PERSONAL_VARIABLES.forEach(name -> blank.put(name, null));
      runtime.setVariables(live.getId(), blank);
      history.deleteHistoricVariableInstancesByProcessInstanceId(live.getId());
    }
    List<String> ended = history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(erased.customerKey()).finished().list().stream()
        .map(HistoricProcessInstance::getId).toList();
    if (!ended.isEmpty()) {
      history.deleteHistoricProcessInstancesIfExists(ended);
    }
  }
}
