package app.wasla.handoff;

import app.wasla.persona.PersonaVariables;
import java.time.Clock;
import java.util.Date;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import app.wasla.system.AfterCommit;

/**
 * {@code ${handoffTaskListener}} on the handoff task: routes it by load when it is created, names it, sets
 * its priority, deadline and the form's snapshot; and makes sure that one agent owns it: another agent's
 * reassignment or completion is refused. Supervisors and the system (no authenticated user) may take over.
 */
@Component("handoffTaskListener")
class HandoffTaskListener implements TaskListener {

  static final String OWNER = "handoffOwner";
  static final String TRANSCRIPT = "handoffTranscript";
  static final String CONTEXT = "handoffContext";
  static final String AGENT_REPLY = "agentReply";
  static final String AGENT_DECISION = "agentDecision";
  static final String LAST_AGENT = "handoffAgent";

  private static final Logger log = LoggerFactory.getLogger(HandoffTaskListener.class);

  private final HandoffRouter router;
  private final HandoffSnapshot snapshot;
  private final HandoffProperties props;
  private final IdentityService identity;
  private final Clock clock;
  private final app.wasla.webhook.WebhookEvents events;

  HandoffTaskListener(HandoffRouter router, HandoffSnapshot snapshot, HandoffProperties props,
      IdentityService identity, Clock clock, app.wasla.webhook.WebhookEvents events) {
    this.events = events;
    this.router = router;
    this.snapshot = snapshot;
    this.props = props;
    this.identity = identity;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getEventName()) {
      case EVENTNAME_CREATE -> created(task);
      case EVENTNAME_ASSIGNMENT -> assigned(task);
      case EVENTNAME_COMPLETE -> completing(task);
      case EVENTNAME_DELETE -> AfterCommit.run(router::fillQueues);
      default -> { }
    }
  }

  private void created(DelegateTask task) {
    String group = (String) task.getVariable("handoffGroup");
    String name = (String) task.getVariable("customerName");
    String reason = (String) task.getVariable(PersonaVariables.HANDOFF_REASON);
    task.setName((name == null || name.isBlank() ? "+" + task.getVariable("waId") : name)
        + " — " + (reason == null ? "needs a person" : reason));
    task.setPriority(priority(task));
    task.setDueDate(Date.from(clock.instant().plus(props.firstResponseFor(group))));
    refresh(task);
    task.setVariable(AGENT_DECISION, "send_return");

    // "send and keep": the agent who kept the conversation gets the next task too
    Object keptBy = "send_keep".equals(task.getVariable(AGENT_DECISION + "Previous")) ? task.getVariable(LAST_AGENT) : null;
    String agent = keptBy instanceof String k ? k : router.pickAgent(group).orElse(null);
    if (agent != null) {
      task.setAssignee(agent);
    } else {
      log.info("No {} agent has room: handoff {} waits in the queue", group, task.getId());
    }
    task.setVariable(AGENT_REPLY, suggestedReply(task, agent));
    publish(app.wasla.webhook.EventTypes.HANDOFF_CREATED, task, java.util.Map.of(
        "group", String.valueOf(group), "reason", String.valueOf(reason), "priority", task.getPriority()));
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
  java.util.Map<String, Object> snapshot(org.camunda.bpm.engine.delegate.VariableScope scope, String key) {
    return java.util.Map.of(
        TRANSCRIPT, snapshot.transcript(key),
        CONTEXT, snapshot.context(key, (String) scope.getVariable("customerName"),
            String.valueOf(scope.getVariable(PersonaVariables.LANGUAGE)),
            String.valueOf(scope.getVariable(PersonaVariables.INTENT)),
            String.valueOf(scope.getVariable(PersonaVariables.SENTIMENT)),
            scope.getVariable(PersonaVariables.SENTIMENT_SCORE),
            String.valueOf(scope.getVariable(PersonaVariables.HANDOFF_REASON)),
            (String) scope.getVariable("customerTags")));
  }

  private void assigned(DelegateTask task) {
    String owner = (String) task.getVariableLocal(OWNER);
    String next = task.getAssignee();
    String user = currentUser();
    if (owner != null && !owner.equals(next) && user != null && !user.equals(owner) && !supervisor(user)) {
      throw new AuthorizationException("This handoff belongs to " + owner + ": only " + owner
          + " or a supervisor can hand it to someone else.");
    }
    task.setVariableLocal(OWNER, next);
    if (next != null) {
      router.assigned(next);
      publish(app.wasla.webhook.EventTypes.HANDOFF_ASSIGNED, task, java.util.Map.of("assignee", next));
    } else {
      AfterCommit.run(router::fillQueues);
    }
  }

  private void completing(DelegateTask task) {
    String user = currentUser();
    String owner = task.getAssignee();
    if (user != null) {
      if (owner == null) {
        throw new AuthorizationException("Claim this handoff before you answer it, so no one else answers the same customer.");
      }
      if (!owner.equals(user) && !supervisor(user)) {
        throw new AuthorizationException("This handoff belongs to " + owner + ": only " + owner
            + " can reply to this customer or close the conversation.");
      }
    }
    task.setVariable(LAST_AGENT, owner);
    task.setVariable(AGENT_DECISION + "Previous", task.getVariable(AGENT_DECISION));
    publish(app.wasla.webhook.EventTypes.HANDOFF_COMPLETED, task, java.util.Map.of(
        "agent", String.valueOf(owner), "decision", String.valueOf(task.getVariable(AGENT_DECISION))));
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
    String who = agent == null ? null : firstName(agent);
    String language = String.valueOf(task.getVariable(PersonaVariables.LANGUAGE));
    String customer = name == null || name.isBlank() ? "" : " " + name;
    if ("en".equals(language) || "arabizi".equals(language)) {
      return "Hi" + customer + ", this is " + (who == null ? "the Nile Store team" : who + " from Nile Store")
          + ". I'm here to help: ";
    }
    return "أهلاً" + customer + "، معاك " + (who == null ? "فريق متجر النيل" : who + " من متجر النيل")
        + ". أنا معاك وهساعدك: ";
  }

  private String firstName(String userId) {
    var user = identity.createUserQuery().userId(userId).singleResult();
    return user == null || user.getFirstName() == null ? userId : user.getFirstName();
  }

  private String currentUser() {
    Authentication auth = identity.getCurrentAuthentication();
    return auth == null ? null : auth.getUserId();
  }

  private boolean supervisor(String user) {
    return identity.createUserQuery().userId(user).memberOfGroup(props.supervisorGroup()).count() > 0
        || identity.createUserQuery().userId(user).memberOfGroup("camunda-admin").count() > 0;
  }

}
