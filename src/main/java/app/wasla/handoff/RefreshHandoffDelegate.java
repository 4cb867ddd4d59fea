package app.wasla.handoff;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * {@code ${refreshHandoff}}: a customer wrote during a handoff; the agent's form shows it (the message
 * itself is already in the transcript, this refreshes the task's snapshot).
 */
@Component("refreshHandoff")
class RefreshHandoffDelegate implements JavaDelegate {

  private final TaskService tasks;
  private final HandoffTaskListener listener;

  RefreshHandoffDelegate(TaskService tasks, HandoffTaskListener listener) {
    this.tasks = tasks;
    this.listener = listener;
  }

  @Override
  public void execute(DelegateExecution execution) {
    for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(HandoffRouter.HANDOFF_TASK).list()) {
      tasks.setVariablesLocal(task.getId(), listener.snapshot(execution, execution.getProcessBusinessKey()));
    }
  }
}
