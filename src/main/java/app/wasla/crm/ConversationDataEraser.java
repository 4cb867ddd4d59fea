package app.wasla.crm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The engine side of an erasure. The customer's conversations hold what the customer wrote and is called in many of
 * Camunda's tables (variables, task names and task-local variables, business keys, comments, incidents, job
 * exception messages, identity links, decision inputs, their history), so the conversations go: live ones are
 * deleted (custom listeners skipped: nothing is sent or recorded on the way out; an open handoff ends with them),
 * then the history of all of them, sub-processes included. Only Camunda's public API; it runs before Wasla's own rows
 * are rewritten and in the erasing transaction (the engine joins Spring's transactions), so that a failure erases
 * nothing. A new message from the same number then starts a new conversation.
 */
@Component
class ConversationDataEraser {

  static final String DELETE_REASON = "customer erased";

  private final RuntimeService runtime;
  private final HistoryService history;

  ConversationDataEraser(RuntimeService runtime, HistoryService history) {
    this.runtime = runtime;
    this.history = history;
  }

  @EventListener
  void erase(CustomerErased erased) {
    String key = erased.customerKey();
    Set<String> live = new LinkedHashSet<>();
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).list()
        .forEach(p -> live.add(rootOf(p)));
    runtime.createProcessInstanceQuery().variableValueEquals("customerKey", key).list()
        .forEach(p -> live.add(rootOf(p)));
    if (!live.isEmpty()) {
      // skipCustomListeners, externallyTerminated, skipSubprocesses=false, skipIoMappings
      runtime.deleteProcessInstances(new ArrayList<>(live), DELETE_REASON, true, true, false, true);
    }
    Set<String> ended = new LinkedHashSet<>(live);
    history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(key).list()
        .forEach(h -> ended.add(h.getId()));
    history.createHistoricProcessInstanceQuery().variableValueEquals("customerKey", key).list()
        .forEach(h -> ended.add(h.getId()));
    List<String> frontier = new ArrayList<>(ended);
    while (!frontier.isEmpty()) {
      List<String> next = new ArrayList<>();
      for (String id : frontier) {
        for (HistoricProcessInstance sub : history.createHistoricProcessInstanceQuery().superProcessInstanceId(id).list()) {
          if (ended.add(sub.getId())) {
            next.add(sub.getId());
          }
        }
      }
      frontier = next;
    }
    if (!ended.isEmpty()) {
      history.deleteHistoricProcessInstancesIfExists(new ArrayList<>(ended));
    }
  }

  private static String rootOf(ProcessInstance p) {
    return p.getRootProcessInstanceId() == null ? p.getId() : p.getRootProcessInstanceId();
  }
}
