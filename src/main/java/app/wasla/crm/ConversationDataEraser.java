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
  static final List<String> PERSONAL_VARIABLES =
      List.of("turnText", "customerName", "personaSummary", "replyId", "agentReply", "customerTags");
  /** Task-local snapshots of open handoff tasks (the agent's form). */
  static final List<String> TASK_VARIABLES = List.of("handoffTranscript", "handoffContext");

  private final RuntimeService runtime;
  private final HistoryService history;
  private final org.camunda.bpm.engine.TaskService tasks;

  ConversationDataEraser(RuntimeService runtime, HistoryService history, org.camunda.bpm.engine.TaskService tasks) {
    this.runtime = runtime;
    this.history = history;
    this.tasks = tasks;
  }

  @EventListener
  void erase(CustomerErased erased) {
    for (ProcessInstance live : runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(erased.customerKey()).list()) {
      Map<String, Object> blank = new HashMap<>();
      PERSONAL_VARIABLES.forEach(name -> blank.put(name, null));
      runtime.setVariables(live.getId(), blank);
      for (org.camunda.bpm.engine.task.Task task : tasks.createTaskQuery().processInstanceId(live.getId()).list()) {
        Map<String, Object> blankLocal = new HashMap<>();
        TASK_VARIABLES.forEach(name -> blankLocal.put(name, null));
        tasks.setVariablesLocal(task.getId(), blankLocal);
        task.setName("(erased customer)");
        tasks.saveTask(task);
      }
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
