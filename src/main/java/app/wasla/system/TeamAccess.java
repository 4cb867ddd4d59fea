package app.wasla.system;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Gives every team what Tasklist needs ({@link AgentAuthorizations}), also teams made in Camunda
 * Admin after start: at start and then every {@code wasla.handoff.team-access-every} (30 s). A team
 * is any group but {@code camunda-admin} and groups of type {@code SYSTEM}; give a group that type
 * to keep it out of Tasklist. A grant removed in Admin comes back: to take Tasklist from a team,
 * make its type {@code SYSTEM}.
 */
@Component
public class TeamAccess implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TeamAccess.class);

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final Duration every;
  private ScheduledExecutorService timer;

  TeamAccess(
      IdentityService identity,
      AuthorizationService authorizations,
      @Value("${wasla.handoff.team-access-every:PT30S}") Duration every) {
    this.identity = identity;
    this.authorizations = authorizations;
    this.every = every;
  }

  /** Grants what is missing to every team; returns the teams looked at. */
  public List<String> reconcile() {
    List<String> teams =
        identity.createGroupQuery().list().stream()
            .filter(TeamAccess::isTeam)
            .map(Group::getId)
            .toList();
    for (String team : teams) {
      try {
        AgentAuthorizations.grantTasklist(authorizations, team);
      } catch (RuntimeException e) {
        // e.g. an authorization an operator made by hand for the same resource: the others go on
        log.warn("Could not give team {} Tasklist access: {}", team, e.toString());
      }
    }
    return teams;
  }

  static boolean isTeam(Group group) {
    return !Groups.CAMUNDA_ADMIN.equals(group.getId())
        && !Groups.GROUP_TYPE_SYSTEM.equalsIgnoreCase(group.getType());
  }

  private void safely() {
    try {
      reconcile();
    } catch (RuntimeException e) {
      // the database away for a moment: the next round tries again
      log.warn("Could not bring the teams' Tasklist access up to date: {}", e.toString());
    }
  }

  @Override
  public void start() {
    timer = Executors.newSingleThreadScheduledExecutor(AfterCommit.daemonThreads("team-access-"));
    long ms = every.toMillis();
    timer.scheduleWithFixedDelay(this::safely, 0, ms, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  @Override
  public boolean isRunning() {
    return timer != null;
  }
}
