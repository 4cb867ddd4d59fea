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
 * marked overdue, and the breach is recorded. The reminders that may follow: {@link
 * HandoffReminderDelegate}.
 */
@Component("handoffOverdue")
class HandoffOverdueDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(HandoffOverdueDelegate.class);

  /** When the customer last heard "still waiting" (the holding message or a reminder; a Date). */
  static final String HELD_AT = "handoffHeldAt";

  /** How many reminders followed the holding message in this handoff. */
  static final String REMINDERS = "handoffReminders";

  private final FlowMessages messages;
  private final TaskService tasks;
  private final HandoffProperties props;
  private final StaffHours hours;
  private final HandoffLog handoffLog;
  private final java.time.Clock clock;

  HandoffOverdueDelegate(
      FlowMessages messages,
      TaskService tasks,
      HandoffProperties props,
      StaffHours hours,
      HandoffLog handoffLog,
      java.time.Clock clock) {
    this.clock = clock;
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
    execution.setVariable(HELD_AT, java.util.Date.from(clock.instant()));
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
