package app.wasla.reports;

import app.wasla.handoff.AgentCaller;
import app.wasla.handoff.HandoffProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who may open the owner's pages ({@code /dashboard}, {@code /campaigns}): Camunda users of the
 * supervisors' group and Camunda admins, logged in to the Camunda webapps (with the webapp's CSRF
 * token on changes) or over HTTP Basic. An agent is refused (403), a visitor told to sign in (401).
 */
@Component
class OwnerAccess {

  /** The refusal's status and reason; {@code userId} is set when the caller is signed in. */
  record Refusal(HttpStatus status, String reason, String userId) {}

  private final AgentCaller callers;
  private final IdentityService identity;
  private final HandoffProperties handoff;

  OwnerAccess(AgentCaller callers, IdentityService identity, HandoffProperties handoff) {
    this.callers = callers;
    this.identity = identity;
    this.handoff = handoff;
  }

  /** The signed-in caller's user id (null when not signed in). */
  String userId(HttpServletRequest request) {
    AgentCaller.Caller caller = callers.of(request);
    return caller.authenticated() ? caller.userId() : null;
  }

  String supervisorGroup() {
    return handoff.supervisorGroup();
  }

  /**
   * Empty when the caller may use the page named {@code page} ("The dashboard"), else why not.
   * Checks the CSRF token of a session's state-changing request (AgentCaller).
   */
  Optional<Refusal> refusal(HttpServletRequest request, String page) {
    AgentCaller.Caller caller = callers.of(request);
    if (!caller.authenticated()) {
      return Optional.of(new Refusal(HttpStatus.valueOf(caller.status()), caller.reason(), null));
    }
    Set<String> allowed = Set.of(handoff.supervisorGroup(), Groups.CAMUNDA_ADMIN);
    boolean member =
        identity.createGroupQuery().groupMember(caller.userId()).list().stream()
            .anyMatch(g -> allowed.contains(g.getId()));
    return member
        ? Optional.empty()
        : Optional.of(
            new Refusal(
                HttpStatus.FORBIDDEN,
                page
                    + " is for supervisors and admins; "
                    + caller.userId()
                    + " is neither. Ask an admin to add you to the group "
                    + handoff.supervisorGroup()
                    + ".",
                caller.userId()));
  }
}
