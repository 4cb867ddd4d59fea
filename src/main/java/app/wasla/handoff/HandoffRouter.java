package app.wasla.handoff;

import app.wasla.engine.EngineIdentity;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Assigns handoff tasks to agents by load, and fills the agents' free places from the team queues.
 */
@Component
public class HandoffRouter {

  /** The user task of a handoff in the conversation flows. */
  public static final String HANDOFF_TASK = "userTask_handoff";

  private static final Logger log = LoggerFactory.getLogger(HandoffRouter.class);

  private final TaskService tasks;
  private final IdentityService identity;
  private final AgentPresence presence;
  private final HandoffProperties props;

  HandoffRouter(
      TaskService tasks,
      IdentityService identity,
      AgentPresence presence,
      HandoffProperties props) {
    this.tasks = tasks;
    this.identity = identity;
    this.presence = presence;
    this.props = props;
  }

  /** The agent of the team who should take the next handoff, if anyone has room. */
  public Optional<String> pickAgent(String group) {
    return pickAgent(group, null);
  }

  /**
   * As {@link #pickAgent(String)}, preferring {@code preferred} (the person a customer follows up
   * on) when she is a member of the team, available and under the cap.
   */
  public Optional<String> pickAgent(String group, String preferred) {
    List<LeastLoaded.Candidate> team = team(group);
    if (preferred != null) {
      for (LeastLoaded.Candidate c : team) {
        if (c.userId().equals(preferred)
            && c.available()
            && c.openHandoffs() < props.maxOpenPerAgent()) {
          return Optional.of(preferred);
        }
      }
    }
    return LeastLoaded.choose(team, props.maxOpenPerAgent());
  }

  private List<LeastLoaded.Candidate> team(String group) {
    return identity.createUserQuery().memberOfGroup(group).list().stream()
        .map(User::getId)
        .map(
            id -> {
              AgentPresence.State state = presence.of(id);
              // the engine writes a new task at the end of its command, so its query misses the
              // handoffs of this
              // transaction: when the mailbox delivers several conversations in one transaction
              // (wasla.mailbox.conversations-per-transaction), two of them handing off would
              // both see the agent's load as
              // before the first, and could take her past her cap
              long open =
                  tasks.createTaskQuery().taskDefinitionKey(HANDOFF_TASK).taskAssignee(id).count()
                      + presence.assignedInThisTransaction(id);
              return new LeastLoaded.Candidate(id, state.available(), open, state.lastAssignedAt());
            })
        .toList();
  }

  /**
   * Records that the agent got a handoff now (the tie-breaker of the next choice, and her load
   * until the commit).
   */
  void assigned(String userId) {
    presence.assigned(userId);
  }

  /**
   * Gives queued (unassigned) handoffs, oldest first, to agents who have room. Called when an agent
   * finishes a handoff or becomes available. Runs as the system, not as the agent whose action
   * triggered it.
   */
  public synchronized void fillQueues() {
    EngineIdentity.asSystem(
        identity,
        () -> {
          for (Task task :
              tasks
                  .createTaskQuery()
                  .taskDefinitionKey(HANDOFF_TASK)
                  .taskUnassigned()
                  .orderByTaskCreateTime()
                  .asc()
                  .list()) {
            for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
              if (IdentityLinkType.CANDIDATE.equals(link.getType())
                  && link.getGroupId() != null
                  && !link.getGroupId().equals(props.supervisorGroup())) {
                Optional<String> agent = pickAgent(link.getGroupId());
                if (agent.isPresent()) {
                  try {
                    tasks.setAssignee(task.getId(), agent.get());
                    log.info("Queued handoff {} assigned to {}", task.getId(), agent.get());
                  } catch (NullValueException gone) {
                    // ended meanwhile (the customer took the request back, the conversation was
                    // deleted): nothing to assign, the next queued task may still be
                    log.debug("Queued handoff {} ended before it was assigned", task.getId());
                  }
                  break;
                }
              }
            }
          }
          return null;
        });
  }
}
