package app.wasla.handoff;

import app.wasla.conversation.ConversationVariables;
import app.wasla.engine.EngineIdentity;
import app.wasla.persona.PersonaVariables;
import app.wasla.persona.learning.Corrections;
import app.wasla.system.AfterCommit;
import app.wasla.system.Fit;
import java.time.Clock;
import java.util.Date;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code ${handoffTaskListener}} on the handoff task: routes it by load when it is created, names
 * it, sets its priority, deadline and the form's snapshot; and makes sure that one agent owns it:
 * another agent's reassignment or completion is refused. Supervisors and the system (no
 * authenticated user) may take over.
 */
@Component("handoffTaskListener")
class HandoffTaskListener implements TaskListener {

  static final String TRANSCRIPT = "handoffTranscript";
  static final String CONTEXT = "handoffContext";
  static final String AGENT_REPLY = "agentReply";

  /**
   * The suggestion the reply box starts with: an unedited suggestion (an agent who clicks Complete
   * without writing, or a second tab still showing it) is never sent to the customer.
   */
  static final String SUGGESTED_REPLY = "agentReplySuggestion";

  static final String AGENT_DECISION = "agentDecision";
  static final String LAST_AGENT = "handoffAgent";

  /**
   * Task-local: the owner's full name, for the form and the filters' column (other agents see who
   * has it).
   */
  static final String OWNER_NAME = "handoffOwnerName";

  /**
   * Task-local copies of what the filters show as columns: agents may read tasks, not process
   * instances.
   */
  static final String COLUMN_CUSTOMER = "handoffCustomer";

  /**
   * Task-local, while a handoff that had an owner waits in the queue: who had it, and who put it
   * back (absent: the system), so that the next owner learns where it comes from.
   */
  static final String PREVIOUS_OWNER = "handoffPreviousOwner";

  static final String UNASSIGNED_BY = "handoffUnassignedBy";

  static final String COLUMN_INTENT = "handoffIntent";
  static final String COLUMN_WHY = "handoffWhy";

  private static final Logger log = LoggerFactory.getLogger(HandoffTaskListener.class);

  private final HandoffRouter router;
  private final HandoffSnapshot snapshot;
  private final HandoffProperties props;
  private final IdentityService identity;
  private final HandoffOwnership ownership;
  private final Clock clock;
  private final app.wasla.webhook.WebhookEvents events;
  private final Corrections corrections;
  private final HandoffWait waiting;
  private final StaffHours hours;
  private final HandoffLog handoffLog;
  private final AgentNames names;

  HandoffTaskListener(
      HandoffRouter router,
      HandoffSnapshot snapshot,
      HandoffProperties props,
      IdentityService identity,
      HandoffOwnership ownership,
      Clock clock,
      app.wasla.webhook.WebhookEvents events,
      Corrections corrections,
      HandoffWait waiting,
      StaffHours hours,
      HandoffLog handoffLog,
      AgentNames names) {
    this.handoffLog = handoffLog;
    this.names = names;
    this.hours = hours;
    this.corrections = corrections;
    this.waiting = waiting;
    this.ownership = ownership;
    this.events = events;
    this.router = router;
    this.snapshot = snapshot;
    this.props = props;
    this.identity = identity;
    this.clock = clock;
  }

  /** ACT_RU_TASK.NAME_ and ACT_HI_TASKINST.NAME_ are VARCHAR(255). */
  static final int TASK_NAME = 255;

  @Override
  public void notify(DelegateTask task) {
    switch (task.getEventName()) {
      case EVENTNAME_CREATE -> created(task);
      case EVENTNAME_ASSIGNMENT -> assigned(task);
      case EVENTNAME_COMPLETE -> completing(task);
      case EVENTNAME_DELETE -> {
        ownership.forget(task.getId());
        corrections.forgetHandoffTurn(task.getId());
        AfterCommit.run(router::fillQueues);
      }
      default -> {}
    }
  }

  private void created(DelegateTask task) {
    String group = (String) task.getVariable("handoffGroup");
    String name = (String) task.getVariable("customerName");
    String reason = (String) task.getVariable(PersonaVariables.HANDOFF_REASON);
    String customer = name == null || name.isBlank() ? "+" + task.getVariable("waId") : name;
    String why = reason == null ? "needs a person" : reason;
    // the engine's NAME_ is 255 characters: a long profile name must not fail the turn (and keep
    // the reason visible)
    String shown = Fit.withoutBidiControls(customer);
    task.setName(Fit.cut(Fit.cut(shown, 100) + " — " + why, TASK_NAME));
    task.setVariableLocal(COLUMN_CUSTOMER, Fit.cut(shown, 256));
    task.setVariableLocal(
        COLUMN_INTENT, Fit.cut(String.valueOf(task.getVariable(PersonaVariables.INTENT)), 256));
    task.setVariableLocal(COLUMN_WHY, Fit.cut(why, 1000));
    task.setPriority(priority(task));
    task.setDueDate(
        Date.from(clock.instant().plus(hours.untilFirstResponse(props.firstResponseFor(group)))));
    refresh(task);
    task.setVariable(AGENT_DECISION, "send_return");
    // a supervisor took the conversation from the bot (the inbox): no customer's turn handed it
    // over
    String takenOverBy = (String) task.getVariable(HandoffTakeovers.TAKE_OVER_BY);
    if (takenOverBy == null) {
      // the turn the agent may say the persona misread, where the agents cannot rewrite it
      corrections.recordHandoffTurn(
          task.getId(),
          task.getExecution().getProcessBusinessKey(),
          (String) task.getVariable(ConversationVariables.TURN_TEXT),
          (String) task.getVariable(PersonaVariables.INTENT),
          (String) task.getVariable(PersonaVariables.LANGUAGE));
    }
    String forced =
        takenOverBy == null ? null : (String) task.getVariable(HandoffTakeovers.TAKE_OVER_ASSIGNEE);
    handoffLog.created(task.getExecution().getProcessBusinessKey(), task.getId(), reason);

    // a customer following up on what a person told them goes back to her when she has room
    String preferred =
        app.wasla.persona.PersonFollowUp.REASON.equals(reason)
            ? (String) task.getVariable(PersonaVariables.FOLLOW_UP_AGENT)
            : null;
    String agent = forced != null ? forced : router.pickAgent(group, preferred).orElse(null);
    if (agent != null) {
      task.setAssignee(agent);
    } else {
      log.info("No {} agent has room: handoff {} waits in the queue", group, task.getId());
    }
    String suggestion = suggestedReply(task, agent);
    task.setVariable(AGENT_REPLY, suggestion);
    task.setVariable(SUGGESTED_REPLY, suggestion);
    if (takenOverBy == null) {
      waiting.announce(task, group, agent);
    } else {
      // a person took the conversation: she writes to the customer herself, nothing is announced
      waiting.begin(task, true);
    }
    publish(
        app.wasla.webhook.EventTypes.HANDOFF_CREATED,
        task,
        java.util.Map.of(
            "group",
            String.valueOf(group),
            "reason",
            String.valueOf(reason),
            "priority",
            task.getPriority()));
  }

  /** An outbound webhook event about this handoff, written in the engine's transaction. */
  private void publish(String type, DelegateTask task, java.util.Map<String, Object> data) {
    java.util.Map<String, Object> all = new java.util.HashMap<>(data);
    all.put("taskId", task.getId());
    events.publish(type, task.getExecution().getProcessBusinessKey(), all);
  }

  /** Refreshes the form's transcript and context. */
  void refresh(DelegateTask task) {
    task.setVariablesLocal(snapshot(task, task.getExecution().getProcessBusinessKey()));
  }

  /** The form's transcript and context, from the variables visible in the scope. */
  java.util.Map<String, Object> snapshot(
      org.camunda.bpm.engine.delegate.VariableScope scope, String key) {
    return java.util.Map.of(
        TRANSCRIPT, snapshot.transcript(key),
        CONTEXT,
            snapshot.context(
                key,
                (String) scope.getVariable("customerName"),
                String.valueOf(scope.getVariable(PersonaVariables.LANGUAGE)),
                String.valueOf(scope.getVariable(PersonaVariables.INTENT)),
                String.valueOf(scope.getVariable(PersonaVariables.SENTIMENT)),
                scope.getVariable(PersonaVariables.SENTIMENT_SCORE),
                String.valueOf(scope.getVariable(PersonaVariables.HANDOFF_REASON)),
                (String) scope.getVariable("customerTags")));
  }

  private void assigned(DelegateTask task) {
    // the owner before this assignment, from Wasla's record: a task variable would be the agents'
    // to write
    String owner = ownership.owner(task.getId(), null);
    String next = task.getAssignee();
    String user = currentUser();
    // the last guard: TakeoverGuardFilter refuses over HTTP first, with a 403
    if (user != null) {
      ownership
          .refusal(HandoffOwnership.Action.ASSIGN, owner, user, next)
          .ifPresent(
              refusal -> {
                throw new AuthorizationException(refusal);
              });
    }
    ownership.record(task.getId(), next);
    if (next != null) {
      Object queuedFrom = task.getVariableLocal(PREVIOUS_OWNER);
      String before = owner != null ? owner : queuedFrom instanceof String p ? p : null;
      if (before != null && !before.equals(next)) {
        handedOver(
            task,
            before,
            next,
            user,
            owner == null,
            owner == null ? (String) task.getVariableLocal(UNASSIGNED_BY) : null);
      }
      if (queuedFrom != null) {
        task.removeVariableLocal(PREVIOUS_OWNER);
        task.removeVariableLocal(UNASSIGNED_BY);
      }
      task.setVariableLocal(OWNER_NAME, ownership.fullName(next));
      router.assigned(next);
      publish(
          app.wasla.webhook.EventTypes.HANDOFF_ASSIGNED, task, java.util.Map.of("assignee", next));
    } else {
      task.removeVariableLocal(OWNER_NAME);
      if (owner != null) {
        task.setVariableLocal(PREVIOUS_OWNER, owner);
        if (user != null) {
          task.setVariableLocal(UNASSIGNED_BY, user);
        }
      }
      AfterCommit.run(router::fillQueues);
    }
  }

  /**
   * The handoff moved from one person to another (a supervisor's reassignment, the owner handing it
   * on, or the queue's routing after it was put back): the new owner finds who had it and why in
   * the task's comments (Tasklist's history, the form's "Handed over"); a customer whom a person
   * had answered already is told briefly that a colleague is taking over (before that, the customer
   * is waiting for anyone and hears nothing new).
   */
  private void handedOver(
      DelegateTask task,
      String from,
      String to,
      String user,
      boolean viaQueue,
      String unassignedBy) {
    String fromName = ownership.fullName(from);
    String why;
    if (!viaQueue) {
      why =
          user == null
              ? "moved by Wasla"
              : user.equals(from)
                  ? fromName + " handed it over"
                  : "reassigned by " + ownership.fullName(user);
    } else {
      String back =
          unassignedBy == null
              ? "it went back to the team's queue"
              : unassignedBy.equals(from)
                  ? fromName + " put it back in the team's queue"
                  : ownership.fullName(unassignedBy)
                      + " took it from "
                      + fromName
                      + " and put it back in the team's queue";
      why =
          back
              + (user == null
                  ? ", and routing gave it to the next agent with room"
                  : ", and " + ownership.fullName(user) + " assigned it");
    }
    boolean answered = Boolean.TRUE.equals(task.getVariable(SendAgentReplyDelegate.RESPONDED));
    String text =
        "Handed over from "
            + fromName
            + " ("
            + from
            + ") to "
            + ownership.fullName(to)
            + " ("
            + to
            + "): "
            + why
            + ". "
            + (answered
                ? "The customer had been answered already and was told that a colleague is taking"
                    + " over."
                : "Nobody had answered the customer yet.");
    // a comment on the task, whoever moved it: agents may not comment on a colleague's task
    EngineIdentity.asSystem(
        identity,
        () ->
            task.getProcessEngineServices()
                .getTaskService()
                .createComment(task.getId(), task.getProcessInstanceId(), Fit.cut(text, 3900)));
    if (answered) {
      waiting.colleagueTakesOver(task, to);
    }
  }

  private void completing(DelegateTask task) {
    String user = currentUser();
    String owner = ownership.owner(task.getId(), task.getAssignee());
    if (user != null) {
      ownership
          .refusal(HandoffOwnership.Action.COMPLETE, owner, user, null)
          .ifPresent(
              refusal -> {
                throw new AuthorizationException(refusal);
              });
    }
    ownership.forget(task.getId());
    corrections.forgetHandoffTurn(task.getId());
    task.setVariable(LAST_AGENT, owner);
    publish(
        app.wasla.webhook.EventTypes.HANDOFF_COMPLETED,
        task,
        java.util.Map.of(
            "agent",
            String.valueOf(owner),
            "decision",
            String.valueOf(task.getVariable(AGENT_DECISION))));
    AfterCommit.run(router::fillQueues);
  }

  private int priority(DelegateTask task) {
    int priority = 50;
    Object score = task.getVariable(PersonaVariables.SENTIMENT_SCORE);
    if (score instanceof Number s && s.doubleValue() < -0.3) {
      priority += (int) Math.round(-s.doubleValue() * 40);
    }
    if ("big deal".equals(task.getVariable(PersonaVariables.HANDOFF_REASON))) {
      priority += 30;
    }
    return Math.min(priority, 100);
  }

  private String suggestedReply(DelegateTask task, String agent) {
    String name = (String) task.getVariable("customerName");
    String language = String.valueOf(task.getVariable(PersonaVariables.LANGUAGE));
    String who = names.inText(agent, language);
    String first =
        app.wasla.persona.nlp.CustomerNames.inGreeting(
            name, !"arabizi".equals(language) && !"en".equals(language));
    String customer = first == null ? "" : " " + first;
    if ("arabizi".equals(language)) {
      return "Ahlan"
          + customer
          + ", ma3ak "
          + (who == null ? "fare2 Nile Store" : who + " men Nile Store")
          + ". Ana ma3ak w hasa3dak: ";
    }
    if ("en".equals(language)) {
      return "Hi"
          + customer
          + ", this is "
          + (who == null ? "the Nile Store team" : who + " from Nile Store")
          + ". I'm here to help: ";
    }
    return "أهلاً"
        + customer
        + "، معاك "
        + (who == null ? "فريق متجر النيل" : who + " من متجر النيل")
        + ". أنا معاك وهساعدك: ";
  }

  private String currentUser() {
    return EngineIdentity.currentUserId(identity);
  }
}
