package app.wasla.handoff;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * One agent per customer: who may do what with a handoff task, and the sentence that says why not.
 * The task listener, the HTTP guard in front of the engine's REST API and the agents' send endpoint
 * all ask here, so an agent reads the same refusal wherever she tries.
 */
@Component
public class HandoffOwnership {

  /** What someone tries to do with a handoff task. */
  public enum Action {
    CLAIM,
    UNCLAIM,
    ASSIGN,
    COMPLETE,
    SEND,
    /**
     * Any other change: the task's fields, variables, identity links, the conversation's variables.
     */
    WRITE
  }

  private final IdentityService identity;
  private final HandoffProperties props;
  private final JdbcClient jdbc;
  private final Clock clock;

  HandoffOwnership(
      IdentityService identity, HandoffProperties props, JdbcClient jdbc, Clock clock) {
    this.identity = identity;
    this.props = props;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * The owner of a handoff task as Wasla recorded it (agents can write task variables, not this);
   * for a task without a record (created before the record existed) the engine's assignee.
   */
  public String owner(String taskId, String assignee) {
    return jdbc.sql("SELECT owner_id FROM handoff_owner WHERE task_id = ?")
        .param(taskId)
        .query((rs, n) -> Optional.ofNullable(rs.getString(1)))
        .optional()
        .map(o -> o.orElse(null))
        .orElse(assignee);
  }

  /** Records the owner, in the caller's (the engine's) transaction. */
  void record(String taskId, String owner) {
    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    if (jdbc.sql("UPDATE handoff_owner SET owner_id = ?, updated_at = ? WHERE task_id = ?")
            .params(owner, now, taskId)
            .update()
        == 0) {
      jdbc.sql("INSERT INTO handoff_owner (task_id, owner_id, updated_at) VALUES (?, ?, ?)")
          .params(taskId, owner, now)
          .update();
    }
  }

  /** The task is gone (completed or deleted). */
  void forget(String taskId) {
    jdbc.sql("DELETE FROM handoff_owner WHERE task_id = ?").param(taskId).update();
  }

  /**
   * Why {@code user} may not do {@code action} to a handoff owned by {@code owner} (null:
   * unassigned), or empty when they may. {@code newAssignee} is the user an ASSIGN hands it to.
   * Supervisors and admins may take over, but only the owner sends messages in her name.
   */
  public Optional<String> refusal(Action action, String owner, String user, String newAssignee) {
    boolean isOwner = owner != null && owner.equals(user);
    switch (action) {
      case SEND -> {
        if (owner == null) {
          return Optional.of(claimFirst());
        }
        return isOwner
            ? Optional.empty()
            : Optional.of(
                belongsTo(owner)
                    + ": only "
                    + escaped(fullName(owner))
                    + " can reply to this customer.");
      }
      case COMPLETE -> {
        if (owner == null) {
          return Optional.of(claimFirst());
        }
        return isOwner || supervisor(user)
            ? Optional.empty()
            : Optional.of(
                belongsTo(owner)
                    + ": only "
                    + escaped(fullName(owner))
                    + " can reply to this customer or close the conversation.");
      }
      case WRITE -> {
        if (owner == null) {
          return supervisor(user)
              ? Optional.empty()
              : Optional.of(
                  "Claim this handoff before you change it, so no one else answers the same customer.");
        }
        return isOwner || supervisor(user)
            ? Optional.empty()
            : Optional.of(
                belongsTo(owner)
                    + ": only "
                    + escaped(fullName(owner))
                    + " or a supervisor can change it.");
      }
      default -> {
        if (owner == null
            || isOwner
            || (action == Action.ASSIGN && owner.equals(newAssignee))
            || supervisor(user)) {
          return Optional.empty();
        }
        return Optional.of(
            belongsTo(owner)
                + ": only "
                + escaped(fullName(owner))
                + " or a supervisor can hand it to someone else.");
      }
    }
  }

  /**
   * "Sara Hassan" from Camunda's identity (first and last name), or the user id when it has no
   * name.
   */
  public String fullName(String userId) {
    if (userId == null) {
      return null;
    }
    User user = identity.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return userId;
    }
    String name =
        ((user.getFirstName() == null ? "" : user.getFirstName())
                + " "
                + (user.getLastName() == null ? "" : user.getLastName()))
            .strip();
    return name.isEmpty() ? userId : name;
  }

  /**
   * Whether a group is an agents' team a conversation can be given to: it exists, is not the
   * supervisors' group nor {@code camunda-admin}, and is not of type {@code SYSTEM}.
   */
  boolean agentTeam(String group) {
    if (group == null
        || group.equals(props.supervisorGroup())
        || group.equals(Groups.CAMUNDA_ADMIN)) {
      return false;
    }
    org.camunda.bpm.engine.identity.Group found =
        identity.createGroupQuery().groupId(group).singleResult();
    return found != null && !Groups.GROUP_TYPE_SYSTEM.equalsIgnoreCase(found.getType());
  }

  boolean supervisor(String user) {
    return user != null
        && identity
                .createGroupQuery()
                .groupMember(user)
                .groupIdIn(props.supervisorGroup(), Groups.CAMUNDA_ADMIN)
                .count()
            > 0;
  }

  private String belongsTo(String owner) {
    String name = fullName(owner);
    return "This handoff belongs to "
        + escaped(name.equals(owner) ? owner : name + " (" + owner + ")");
  }

  /** Refusals are shown by Tasklist as HTML: a name is text, never markup. */
  private static String escaped(String text) {
    return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
  }

  private static String claimFirst() {
    return "Claim this handoff before you answer it, so no one else answers the same customer.";
  }
}
