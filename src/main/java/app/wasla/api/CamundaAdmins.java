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

  /** What a login is worth on the API: a wrong password, a user who is no admin, or an admin. */
  enum Login {
    WRONG,
    NOT_ADMIN,
    ADMIN
  }

  Login check(String userId, String password) {
    if (userId == null || password == null || !identity.checkPassword(userId, password)) {
      return Login.WRONG;
    }
    return identity.createGroupQuery().groupMember(userId).groupId(Groups.CAMUNDA_ADMIN).count() > 0
        ? Login.ADMIN
        : Login.NOT_ADMIN;
  }
}
