package app.wasla.handoff;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * Who may see a handoff task: whom the engine's authorizations let read it (its team's groups, its
 * assignee, admins). The form's endpoints answer everyone else 404, naming no owner.
 */
@Component
class HandoffVisibility {

  private final IdentityService identity;
  private final TaskService tasks;

  HandoffVisibility(IdentityService identity, TaskService tasks) {
    this.identity = identity;
    this.tasks = tasks;
  }

  boolean maySee(String userId, String taskId) {
    List<String> groups =
        identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    identity.setAuthentication(userId, groups);
    try {
      return tasks.createTaskQuery().taskId(taskId).count() == 1;
    } finally {
      identity.clearAuthentication();
    }
  }
}
