package app.wasla.system;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;

/**
 * What an agents' group may do with Camunda's authorizations on: use Tasklist (not Cockpit or
 * Admin) and read the process definitions and deployed forms its tasks need. Which tasks it sees
 * follows from the tasks' candidate groups and assignees, which the engine authorizes per task.
 */
public final class AgentAuthorizations {

  private AgentAuthorizations() {}

  /** Grants a team what Tasklist needs; does nothing for grants it already has. */
  public static void grantTasklist(AuthorizationService authorizations, String group) {
    grant(authorizations, group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(authorizations, group, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
    grant(authorizations, group, Resources.DEPLOYMENT, "*", Permissions.READ);
  }

  private static void grant(
      AuthorizationService authorizations,
      String group,
      Resource resource,
      String id,
      Permission permission) {
    if (!granted(authorizations, group, resource, id, permission)) {
      Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      grant.setGroupId(group);
      grant.setResource(resource);
      grant.setResourceId(id);
      grant.addPermission(permission);
      try {
        authorizations.saveAuthorization(grant);
      } catch (RuntimeException e) {
        // another node (or TeamAccess's round) granted it meanwhile: the unique key refused ours
        if (!granted(authorizations, group, resource, id, permission)) {
          throw e;
        }
      }
    }
  }

  private static boolean granted(
      AuthorizationService authorizations,
      String group,
      Resource resource,
      String id,
      Permission permission) {
    return authorizations
            .createAuthorizationQuery()
            .groupIdIn(group)
            .resourceType(resource)
            .resourceId(id)
            .hasPermission(permission)
            .count()
        > 0;
  }
}
