package app.wasla.handoff;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * {@code ${refreshHandoff}}: a customer wrote during a handoff; the agent's form shows it (the
 * message itself is already in the transcript, this refreshes the task's snapshot), and, until a
 * person has answered, the customer hears that the message was passed on ({@link HandoffWait}).
 */
@Component("refreshHandoff")
class RefreshHandoffDelegate implements JavaDelegate {

  private final TaskService tasks;
  private final HandoffTaskListener listener;
  private final HandoffWait waiting;

  RefreshHandoffDelegate(TaskService tasks, HandoffTaskListener listener, HandoffWait waiting) {
    this.tasks = tasks;
    this.listener = listener;
    this.waiting = waiting;
  }

  @Override
  public void execute(DelegateExecution execution) {
    for (Task task :
        tasks
            .createTaskQuery()
            .processInstanceId(execution.getProcessInstanceId())
            .taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
            .list()) {
      tasks.setVariablesLocal(
          task.getId(), listener.snapshot(execution, execution.getProcessBusinessKey()));
    }
    waiting.acknowledge(execution);
  }
}
