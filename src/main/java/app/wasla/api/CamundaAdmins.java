package app.wasla.api;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.stereotype.Component;

/**
 * The engine adapter for one question: is this a Camunda user in the admin group, with this
 * password?
 */
@Component
class CamundaAdmins {

  private final IdentityService identity;

  CamundaAdmins(IdentityService identity) {
    this.identity = identity;
  }

  boolean isAdmin(String userId, String password) {
    return userId != null
        && password != null
        && identity.checkPassword(userId, password)
        && identity.createGroupQuery().groupMember(userId).groupId(Groups.CAMUNDA_ADMIN).count()
            > 0;
  }
}
