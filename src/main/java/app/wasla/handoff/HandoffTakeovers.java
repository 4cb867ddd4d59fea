package app.wasla.handoff;

import app.wasla.conversation.ConversationTakeovers;
import app.wasla.persona.PersonaVariables;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A supervisor takes a conversation from the bot, for herself or for a team, and gives it back:
 * both through the conversation's flow. Taking over hands the flow a turn ({@link
 * ConversationTakeovers}) that its gateway after "Customer wrote again" routes into the handoff
 * subprocess with the reason "taken over by &lt;user&gt;"; giving back completes the handoff task
 * as an agent's "back to the bot" does (nothing left in the reply box, so nothing more is sent).
 * The ownership rules of every handoff apply; both are recorded in {@code handoff_event} with who
 * did it.
 */
@Component
public class HandoffTakeovers {

  /** Transient: who took the conversation over; the flow's gateway routes on it. */
  public static final String TAKE_OVER_BY = "takeOverBy";

  /** Transient: the user who answers (the task's assignee), instead of routing by load. */
  public static final String TAKE_OVER_ASSIGNEE = "takeOverAssignee";

  /** Transient: the team the handoff goes to, instead of the routing table's choice. */
  public static final String TAKE_OVER_GROUP = "takeOverGroup";

  /** What happened: the handoff's task, or the HTTP status and sentence of a refusal. */
  public record Result(String taskId, int status, String reason) {
    static Result refused(int status, String reason) {
      return new Result(null, status, reason);
    }

    public boolean done() {
      return reason == null;
    }
  }

  private final ConversationTakeovers takeovers;
  private final HandoffDirectory directory;
  private final HandoffOwnership ownership;
  private final IdentityService identity;
  private final TaskService tasks;
  private final JdbcClient jdbc;
  private final Clock clock;

  HandoffTakeovers(
      ConversationTakeovers takeovers,
      HandoffDirectory directory,
      HandoffOwnership ownership,
      IdentityService identity,
      TaskService tasks,
      JdbcClient jdbc,
      Clock clock) {
    this.takeovers = takeovers;
    this.directory = directory;
    this.ownership = ownership;
    this.identity = identity;
    this.tasks = tasks;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * {@code user} (a supervisor) takes the conversation from the bot: to herself when {@code
   * assignee} is her, to another person, or to a team's queue ({@code group}, routed by load).
   */
  public Result takeOver(String conversationKey, String user, String assignee, String group) {
    if (!ownership.supervisor(user)) {
      return Result.refused(403, "Only a supervisor can take a conversation from the bot.");
    }
    if (assignee != null && identity.createUserQuery().userId(assignee).count() == 0) {
      return Result.refused(400, "assignee: no user " + assignee);
    }
    if (group != null && !ownership.agentTeam(group)) {
      return Result.refused(
          400,
          "group: no team " + group + " (a team is a group of agents, not supervisors or admins)");
    }
    if (assignee == null && group == null) {
      assignee = user;
    }
    Optional<HandoffDirectory.Open> open = openHandoff(conversationKey);
    if (open.isPresent()) {
      return Result.refused(409, alreadyWithAPerson(open.get()));
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(PersonaVariables.HANDOFF_REASON, "taken over by " + user);
    variables.put(TAKE_OVER_BY, Variables.stringValue(user, true));
    if (assignee != null) {
      variables.put(TAKE_OVER_ASSIGNEE, Variables.stringValue(assignee, true));
    }
    if (group != null) {
      variables.put(TAKE_OVER_GROUP, Variables.stringValue(group, true));
    }
    ConversationTakeovers.Outcome outcome = takeovers.takeOver(conversationKey, variables);
    if (!outcome.taken()) {
      return switch (outcome.refusal()) {
        case UNKNOWN -> Result.refused(404, "No conversation " + conversationKey);
        case BUSY, MESSAGE_PENDING ->
            Result.refused(
                409, "The bot is answering the customer right now: try again in a moment.");
        case NOT_WITH_THE_BOT ->
            openHandoff(conversationKey)
                .map(o -> Result.refused(409, alreadyWithAPerson(o)))
                .orElseGet(
                    () ->
                        Result.refused(
                            409,
                            notWithTheBot(
                                takeovers
                                    .refusal(conversationKey)
                                    .map(ConversationTakeovers.Why::step)
                                    .orElse(null))));
      };
    }
    String taskId = openHandoff(conversationKey).map(HandoffDirectory.Open::taskId).orElse(null);
    record(
        conversationKey,
        taskId,
        "taken_over",
        "by="
            + user
            + (assignee != null ? ", to=" + assignee : "")
            + (group != null ? ", team=" + group : ""));
    return new Result(taskId, 200, null);
  }

  /**
   * Why {@code user} cannot take the conversation over now, if she cannot: the sentence the inbox
   * shows beside a disabled "Take over" (the same rules {@link #takeOver} applies).
   */
  public Optional<String> whyNot(String conversationKey, String user) {
    if (!ownership.supervisor(user)) {
      return Optional.of("Only a supervisor can take a conversation from the bot.");
    }
    Optional<HandoffDirectory.Open> open = openHandoff(conversationKey);
    if (open.isPresent()) {
      return Optional.of(alreadyWithAPerson(open.get()));
    }
    return takeovers
        .refusal(conversationKey)
        .map(
            why ->
                why.refusal() == ConversationTakeovers.Refusal.UNKNOWN
                    ? "No conversation " + conversationKey
                    : notWithTheBot(why.step()));
  }

  private static String notWithTheBot(String step) {
    return step == null
        ? "The conversation has ended (the customer went silent or it was closed): the customer's"
            + " next message starts a new one."
        : "The bot is in the middle of a step a person cannot interrupt ("
            + step
            + "): it can be taken over once the customer writes again or the step ends.";
  }

  /**
   * {@code user} gives the conversation back to the bot: its open handoff is completed as "back to
   * the bot" in her name, so only its owner or a supervisor may (the task listener's rule).
   */
  public Result giveBack(String conversationKey, String user) {
    Optional<HandoffDirectory.Open> open = openHandoff(conversationKey);
    if (open.isEmpty()) {
      return Result.refused(409, "No person has this conversation: the bot has it already.");
    }
    String taskId = open.get().taskId();
    String owner = ownership.owner(taskId, open.get().assignee());
    // a handoff still in the team's queue: a supervisor may give it back (she takes it, then ends
    // it)
    boolean queued = owner == null && ownership.supervisor(user);
    Optional<String> refusal =
        queued
            ? Optional.empty()
            : ownership.refusal(HandoffOwnership.Action.COMPLETE, owner, user, null);
    if (refusal.isPresent()) {
      return Result.refused(403, refusal.get());
    }
    HandoffDirectory.Viewer viewer = directory.viewer(user);
    identity.setAuthentication(user, viewer.groups());
    try {
      if (queued) {
        tasks.setAssignee(taskId, user);
      }
      Map<String, Object> variables = new HashMap<>();
      variables.put(HandoffTaskListener.AGENT_REPLY, "");
      variables.put(HandoffTaskListener.AGENT_DECISION, "send_return");
      tasks.complete(taskId, variables);
    } catch (AuthorizationException e) {
      return Result.refused(403, e.getMessage());
    } finally {
      identity.clearAuthentication();
    }
    record(conversationKey, taskId, "given_back", "by=" + user);
    return new Result(taskId, 200, null);
  }

  private Optional<HandoffDirectory.Open> openHandoff(String conversationKey) {
    return Optional.ofNullable(directory.open(List.of(conversationKey)).get(conversationKey));
  }

  private String alreadyWithAPerson(HandoffDirectory.Open open) {
    return open.assignee() == null
        ? "The conversation already waits for a person in the team's queue: a supervisor can"
            + " reassign it (to herself or to someone else)."
        : "The conversation is with "
            + open.assigneeName()
            + " already: only "
            + open.assigneeName()
            + " or a supervisor can hand it to someone else (a supervisor: Reassign).";
  }

  /**
   * {@code user} (a supervisor) hands the conversation's open handoff to {@code assignee}: herself
   * or another person, from a colleague or from the team's queue. The task listener's ownership
   * rule applies as for any reassignment; recorded as {@code reassigned}.
   */
  public Result reassign(String conversationKey, String user, String assignee) {
    if (!ownership.supervisor(user)) {
      return Result.refused(
          403, "Only a supervisor can hand a colleague's customer to someone else.");
    }
    if (assignee == null || identity.createUserQuery().userId(assignee).count() == 0) {
      return Result.refused(400, "assignee: no user " + assignee);
    }
    Optional<HandoffDirectory.Open> open = openHandoff(conversationKey);
    if (open.isEmpty()) {
      return Result.refused(
          409, "No person has this conversation: take it over from the bot instead.");
    }
    String taskId = open.get().taskId();
    String before = open.get().assignee();
    if (assignee.equals(before)) {
      return new Result(taskId, 200, null);
    }
    identity.setAuthentication(user, directory.viewer(user).groups());
    try {
      tasks.setAssignee(taskId, assignee);
    } catch (AuthorizationException e) {
      return Result.refused(403, e.getMessage());
    } finally {
      identity.clearAuthentication();
    }
    record(
        conversationKey,
        taskId,
        "reassigned",
        "by=" + user + (before != null ? ", from=" + before : "") + ", to=" + assignee);
    return new Result(taskId, 200, null);
  }

  private void record(String conversationKey, String taskId, String type, String detail) {
    jdbc.sql(
            """
            INSERT INTO handoff_event (conversation_key, task_id, event_type, detail, created_at)
            VALUES (?, ?, ?, ?, ?)""")
        .params(conversationKey, taskId, type, detail, clock.instant().atOffset(ZoneOffset.UTC))
        .update();
  }
}
