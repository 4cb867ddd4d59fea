package app.wasla.system;

import app.wasla.engine.EngineSetup;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo accounts in sandbox mode only (never in cloud mode): {@code demo}/{@code demo} as
 * Camunda admin, agents {@code sara} and {@code omar} in group {@code sales}, {@code mona} in group
 * {@code support}. Sandbox mode is read from the property itself ({@code wasla.whatsapp.mode},
 * sandbox when unset, compared ignoring case as the enum binding does), so that this shared basic
 * needs nothing of the WhatsApp channel.
 */
@Component
@ConditionalOnProperty(name = "wasla.whatsapp.mode", havingValue = "sandbox", matchIfMissing = true)
public class DemoAccounts implements EngineSetup {

  private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

  @Override
  public void afterBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    group(identity, Groups.CAMUNDA_ADMIN, "Camunda administrators", Groups.GROUP_TYPE_SYSTEM);
    group(identity, "sales", "Sales agents", Groups.GROUP_TYPE_WORKFLOW);
    group(identity, "support", "Support agents", Groups.GROUP_TYPE_WORKFLOW);
    group(identity, "supervisors", "Supervisors", Groups.GROUP_TYPE_WORKFLOW);
    user(identity, "demo", "Demo", "Admin", List.of(Groups.CAMUNDA_ADMIN, "supervisors"));
    user(identity, "sara", "Sara", "Hassan", List.of("sales"));
    user(identity, "omar", "Omar", "Khaled", List.of("sales"));
    user(identity, "mona", "Mona", "Adel", List.of("support"));
    grantAdminEverything(engine.getAuthorizationService());
    for (String team : List.of("sales", "support", "supervisors")) {
      AgentAuthorizations.grantTasklist(engine.getAuthorizationService(), team);
    }
    log.info("Sandbox: demo accounts demo/demo, sara/sara, omar/omar (sales), mona/mona (support)");
  }

  private static void group(IdentityService identity, String id, String name, String type) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType(type);
      identity.saveGroup(group);
    }
  }

  private static void user(
      IdentityService identity, String id, String first, String last, List<String> groups) {
    if (identity.createUserQuery().userId(id).count() > 0) {
      return;
    }
    User user = identity.newUser(id);
    user.setFirstName(first);
    user.setLastName(last);
    user.setPassword(id);
    user.setEmail(id + "@demo.wasla.app");
    identity.saveUser(user);
    groups.forEach(g -> identity.createMembership(id, g));
  }

  private static void grantAdminEverything(AuthorizationService authorizations) {
    for (Resource resource : Resources.values()) {
      boolean granted =
          authorizations
                  .createAuthorizationQuery()
                  .groupIdIn(Groups.CAMUNDA_ADMIN)
                  .resourceType(resource)
                  .resourceId("*")
                  .count()
              > 0;
      if (!granted) {
        Authorization all = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        all.setGroupId(Groups.CAMUNDA_ADMIN);
        all.setResource(resource);
        all.setResourceId("*");
        all.addPermission(Permissions.ALL);
        authorizations.saveAuthorization(all);
      }
    }
  }
}
