package app.wasla.handoff;

import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * One agent per customer: who may do what with a handoff task, and the sentence that says why not. The
 * task listener, the HTTP guard in front of the engine's REST API and the agents' send endpoint all ask here,
 * so an agent reads the same refusal wherever she tries.
 */
@Component
public class HandoffOwnership {

  /** What someone tries to do with a handoff task. */
  public enum Action {
    CLAIM, UNCLAIM, ASSIGN, COMPLETE, SEND
  }

  private final IdentityService identity;
  private final HandoffProperties props;

  HandoffOwnership(IdentityService identity, HandoffProperties props) {
    this.identity = identity;
    this.props = props;
  }

  /**
   * Why {@code user} may not do {@code action} to a handoff owned by {@code owner} (null: unassigned), or
   * empty when they may. {@code newAssignee} is the user an ASSIGN hands it to. Supervisors and admins may
   * take over, but only the owner sends messages in her name.
   */
  public Optional<String> refusal(Action action, String owner, String user, String newAssignee) {
    boolean isOwner = owner != null && owner.equals(user);
    switch (action) {
      case SEND -> {
        if (owner == null) {
          return Optional.of(claimFirst());
        }
        return isOwner ? Optional.empty()
            : Optional.of(belongsTo(owner) + ": only " + fullName(owner) + " can reply to this customer.");
      }
      case COMPLETE -> {
        if (owner == null) {
          return Optional.of(claimFirst());
        }
        return isOwner || supervisor(user) ? Optional.empty()
            : Optional.of(belongsTo(owner) + ": only " + fullName(owner)
                + " can reply to this customer or close the conversation.");
      }
      default -> {
        if (owner == null || isOwner || (action == Action.ASSIGN && owner.equals(newAssignee)) || supervisor(user)) {
          return Optional.empty();
        }
        return Optional.of(belongsTo(owner) + ": only " + fullName(owner)
            + " or a supervisor can hand it to someone else.");
      }
    }
  }

  /** "Sara Hassan" from Camunda's identity (first and last name), or the user id when it has no name. */
  public String fullName(String userId) {
    if (userId == null) {
      return null;
    }
    User user = identity.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return userId;
    }
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).strip();
    return name.isEmpty() ? userId : name;
  }

  boolean supervisor(String user) {
    return user != null && identity.createGroupQuery().groupMember(user)
        .groupIdIn(props.supervisorGroup(), Groups.CAMUNDA_ADMIN).count() > 0;
  }

  private String belongsTo(String owner) {
    String name = fullName(owner);
    return "This handoff belongs to " + (name.equals(owner) ? owner : name + " (" + owner + ")");
  }

  private static String claimFirst() {
    return "Claim this handoff before you answer it, so no one else answers the same customer.";
  }
}
