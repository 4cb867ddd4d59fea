package app.wasla.handoff;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.conversation.FlowMessages;
import app.wasla.persona.PersonaVariables;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code ${handoffOverdue}}: the first-response deadline passed without an answer from a person.
 * The customer hears a short holding message in their language (outside the agents' hours, when
 * they open rather than "a few minutes"), the supervisors' group is added to the task, the task is
 * marked overdue, and the breach is recorded.
 */
@Component("handoffOverdue")
class HandoffOverdueDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(HandoffOverdueDelegate.class);

  private final FlowMessages messages;
  private final TaskService tasks;
  private final HandoffProperties props;
  private final StaffHours hours;
  private final HandoffLog handoffLog;

  HandoffOverdueDelegate(
      FlowMessages messages,
      TaskService tasks,
      HandoffProperties props,
      StaffHours hours,
      HandoffLog handoffLog) {
    this.handoffLog = handoffLog;
    this.hours = hours;
    this.messages = messages;
    this.tasks = tasks;
    this.props = props;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (Boolean.TRUE.equals(execution.getVariable(SendAgentReplyDelegate.RESPONDED))) {
      return;
    }
    messages.sendNotice(
        execution,
        new OutboundMessage.Text(
            holdingMessage(String.valueOf(execution.getVariable(PersonaVariables.LANGUAGE))),
            false));
    for (Task task :
        tasks
            .createTaskQuery()
            .processInstanceId(execution.getProcessInstanceId())
            .taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
            .list()) {
      tasks.addCandidateGroup(task.getId(), props.supervisorGroup());
      tasks.setVariableLocal(task.getId(), "overdue", true);
      handoffLog.overdue(
          execution.getProcessBusinessKey(),
          task.getId(),
          "assignee=" + task.getAssignee() + ", escalated to " + props.supervisorGroup());
      log.info("Handoff {} is overdue; escalated to {}", task.getId(), props.supervisorGroup());
    }
  }

  /** "A few minutes" during the agents' hours; after they stopped work, their opening time. */
  String holdingMessage(String language) {
    return hours.openNow()
        ? HandoffWaitTexts.holding(language)
        : HandoffWaitTexts.holdingAfterHours(language, hours.opens(), hours.closes());
  }
}
