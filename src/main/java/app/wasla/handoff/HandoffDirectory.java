package app.wasla.handoff;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * The handoffs as the owner's inbox sees them: which conversations have an open one, who owns it,
 * and which conversations an agent may see. Read through the engine's public task API (the open
 * handoffs are few: at most the agents' caps plus the queues).
 */
@Component
public class HandoffDirectory {

  /** At most this many open handoffs are looked at for one filter. */
  static final int MAX_OPEN = 2000;

  /**
   * An open handoff: its task, owner (null while in the queue), team, and whether a person has
   * answered the customer since it began ({@link #answered(Task, Map)}).
   */
  public record Open(
      String taskId,
      String conversationKey,
      String assignee,
      String assigneeName,
      List<String> groups,
      String reason,
      Instant created,
      Instant due,
      boolean answered) {}

  /** Who is asking: the user and her Camunda groups; supervisors and admins see everything. */
  public record Viewer(String userId, List<String> groups, boolean supervisor) {}

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final IdentityService identity;
  private final HandoffOwnership ownership;
  private final HandoffProperties props;

  HandoffDirectory(
      TaskService tasks,
      RuntimeService runtime,
      HistoryService history,
      IdentityService identity,
      HandoffOwnership ownership,
      HandoffProperties props) {
    this.tasks = tasks;
    this.runtime = runtime;
    this.history = history;
    this.identity = identity;
    this.ownership = ownership;
    this.props = props;
  }

  /** The user with her groups; supervisors: group {@code supervisors} or Camunda's admins. */
  public Viewer viewer(String userId) {
    List<String> groups =
        identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    boolean supervisor =
        groups.contains(props.supervisorGroup()) || groups.contains(Groups.CAMUNDA_ADMIN);
    return new Viewer(userId, groups, supervisor);
  }

  /** A person who can answer customers: a Camunda user in a group. */
  public record Person(String userId, String name) {}

  /** The users in any group (agents, supervisors, admins), by name; at most 500. */
  public List<Person> people() {
    return identity.createUserQuery().listPage(0, 500).stream()
        .filter(u -> identity.createGroupQuery().groupMember(u.getId()).count() > 0)
        .map(u -> new Person(u.getId(), ownership.fullName(u.getId())))
        .sorted(java.util.Comparator.comparing(Person::name))
        .toList();
  }

  /** The user's full name ("Sara Hassan"), or the id. */
  public String fullName(String userId) {
    return ownership.fullName(userId);
  }

  /** The open handoff of each of these conversations that has one. */
  public Map<String, Open> open(Collection<String> conversationKeys) {
    if (conversationKeys.isEmpty()) {
      return Map.of();
    }
    List<Task> open =
        handoffs().processInstanceBusinessKeyIn(conversationKeys.toArray(String[]::new)).list();
    Map<String, String> keys = businessKeys(open.stream().map(Task::getProcessInstanceId).toList());
    Map<String, Set<String>> flags = flags(open);
    Map<String, Open> byKey = new HashMap<>();
    for (Task task : open) {
      String key = keys.get(task.getProcessInstanceId());
      if (key == null) {
        continue;
      }
      List<String> groups =
          tasks.getIdentityLinksForTask(task.getId()).stream()
              .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
              .map(IdentityLink::getGroupId)
              .toList();
      Object reason = runtime.getVariable(task.getExecutionId(), "handoffReason");
      byKey.put(
          key,
          new Open(
              task.getId(),
              key,
              task.getAssignee(),
              task.getAssignee() == null ? null : ownership.fullName(task.getAssignee()),
              groups,
              reason == null ? null : reason.toString(),
              task.getCreateTime().toInstant(),
              task.getDueDate() == null ? null : task.getDueDate().toInstant(),
              answered(task, flags)));
    }
    return byKey;
  }

  /** Which open handoffs a key set should hold. */
  public enum Which {
    ALL,
    /** No person has answered the customer since the handoff began, assigned or not. */
    WAITING,
    /** A person has answered the customer since the handoff began (or took it over herself). */
    ANSWERED
  }

  /** Conversations with an open handoff of this kind, optionally owned by {@code assignee}. */
  public Set<String> conversationsWithOpen(Which which, String assignee) {
    TaskQuery query = handoffs();
    if (assignee != null) {
      query.taskAssignee(assignee);
    }
    List<Task> open = query.listPage(0, MAX_OPEN);
    if (which != Which.ALL) {
      Map<String, Set<String>> flags = flags(open);
      boolean wanted = which == Which.ANSWERED;
      open = open.stream().filter(t -> answered(t, flags) == wanted).toList();
    }
    return keysOf(open);
  }

  /**
   * The tasks of the open handoffs still waiting for a person's first answer (as {@link
   * Which#WAITING}): what the reports count as waiting for a person.
   */
  public Set<String> waitingTasks() {
    List<Task> open = handoffs().listPage(0, MAX_OPEN);
    Map<String, Set<String>> flags = flags(open);
    Set<String> ids = new LinkedHashSet<>();
    for (Task task : open) {
      if (!answered(task, flags)) {
        ids.add(task.getId());
      }
    }
    return ids;
  }

  /**
   * Whether a person has answered the customer since the handoff began: she sent a message from the
   * handoff form or the inbox ({@code agentResponded}, reset when a handoff begins), or the handoff
   * is a person's own take-over from the bot and she holds it (the customer asked nobody: she
   * writes herself). A handoff assigned by routing, whose agent has not written yet, is still
   * waiting for a person.
   */
  private static boolean answered(Task task, Map<String, Set<String>> flags) {
    Set<String> set = flags.getOrDefault(task.getProcessInstanceId(), Set.of());
    return set.contains(SendAgentReplyDelegate.RESPONDED)
        || set.contains(HandoffWait.TAKEN_OVER) && task.getAssignee() != null;
  }

  /** The process instances' flags that are true: agentResponded, handoffTakenOver. */
  private Map<String, Set<String>> flags(List<Task> open) {
    if (open.isEmpty()) {
      return Map.of();
    }
    Map<String, Set<String>> flags = new HashMap<>();
    runtime
        .createVariableInstanceQuery()
        .processInstanceIdIn(
            open.stream().map(Task::getProcessInstanceId).distinct().toArray(String[]::new))
        .variableNameIn(SendAgentReplyDelegate.RESPONDED, HandoffWait.TAKEN_OVER)
        .list()
        .forEach(
            v -> {
              if (Boolean.TRUE.equals(v.getValue())) {
                flags
                    .computeIfAbsent(v.getProcessInstanceId(), k -> new java.util.HashSet<>())
                    .add(v.getName());
              }
            });
    return flags;
  }

  /**
   * The conversations an agent (not a supervisor) sees: those with an open handoff to one of her
   * teams, and those of any handoff, open or past, that she owned.
   */
  public Set<String> visibleTo(Viewer viewer) {
    Set<String> keys = new LinkedHashSet<>();
    TaskQuery mine = handoffs().or().taskAssignee(viewer.userId());
    if (!viewer.groups().isEmpty()) {
      mine.taskCandidateGroupIn(viewer.groups());
    }
    keys.addAll(keysOf(mine.endOr().listPage(0, MAX_OPEN)));
    List<String> past =
        history
            .createHistoricTaskInstanceQuery()
            .taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
            .taskAssignee(viewer.userId())
            .orderByHistoricActivityInstanceStartTime()
            .desc()
            .listPage(0, MAX_OPEN)
            .stream()
            .map(HistoricTaskInstance::getProcessInstanceId)
            .distinct()
            .toList();
    if (!past.isEmpty()) {
      history
          .createHistoricProcessInstanceQuery()
          .processInstanceIds(new LinkedHashSet<>(past))
          .list()
          .forEach(
              p -> {
                if (p.getBusinessKey() != null) {
                  keys.add(p.getBusinessKey());
                }
              });
    }
    return keys;
  }

  private TaskQuery handoffs() {
    return tasks.createTaskQuery().taskDefinitionKey(HandoffRouter.HANDOFF_TASK);
  }

  private Set<String> keysOf(List<Task> open) {
    Map<String, String> keys = businessKeys(open.stream().map(Task::getProcessInstanceId).toList());
    Set<String> result = new LinkedHashSet<>();
    for (Task task : open) {
      String key = keys.get(task.getProcessInstanceId());
      if (key != null) {
        result.add(key);
      }
    }
    return result;
  }

  private Map<String, String> businessKeys(List<String> processInstanceIds) {
    if (processInstanceIds.isEmpty()) {
      return Map.of();
    }
    Map<String, String> keys = new HashMap<>();
    for (ProcessInstance p :
        runtime
            .createProcessInstanceQuery()
            .processInstanceIds(new LinkedHashSet<>(processInstanceIds))
            .list()) {
      keys.put(p.getId(), p.getBusinessKey());
    }
    return keys;
  }
}
