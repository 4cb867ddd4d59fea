package app.wasla.handoff;

import app.wasla.system.HttpBasic;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.stereotype.Component;

/**
 * Who calls Wasla's agent endpoints: a Camunda user over HTTP Basic (REST clients), or the agent
 * logged in to Tasklist (the Camunda webapp's session). A state-changing call from the session must
 * carry the webapp's CSRF token ({@code X-XSRF-TOKEN}, as Tasklist's own calls do), so another site
 * cannot send in her name.
 */
@Component
public class AgentCaller {

  /** The engine whose webapp login counts. */
  static final String ENGINE = "default";

  /** Either the agent's user id, or the HTTP status and reason of a refusal. */
  public record Caller(String userId, int status, String reason) {

    static Caller agent(String userId) {
      return new Caller(userId, 200, null);
    }

    static Caller refused(int status, String reason) {
      return new Caller(null, status, reason);
    }

    public boolean authenticated() {
      return userId != null;
    }
  }

  private final IdentityService identity;

  AgentCaller(IdentityService identity) {
    this.identity = identity;
  }

  public Caller of(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    if (HttpBasic.present(authorization)) {
      Optional<HttpBasic> basic = HttpBasic.parse(authorization);
      return basic
          .filter(b -> identity.checkPassword(b.user(), b.password()))
          .map(b -> Caller.agent(b.user()))
          .orElseGet(
              () ->
                  Caller.refused(
                      401, "Wrong user or password (HTTP Basic with your Camunda user)"));
    }
    Optional<String> sessionUser = sessionUser(request);
    if (sessionUser.isEmpty()) {
      return Caller.refused(401, "Log in to Tasklist, or use HTTP Basic with your Camunda user");
    }
    if (modifying(request) && !csrfTokenMatches(request)) {
      return Caller.refused(
          403, "Missing or wrong CSRF token (X-XSRF-TOKEN): reload Tasklist and try again");
    }
    return Caller.agent(sessionUser.get());
  }

  /**
   * The user logged in to the Camunda webapps in this request's session, if any; checks no CSRF
   * token.
   */
  public static Optional<String> sessionUser(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return Optional.empty();
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    Authentication login =
        authentications == null ? null : authentications.getAuthenticationForProcessEngine(ENGINE);
    return login == null || login.getName() == null
        ? Optional.empty()
        : Optional.of(login.getName());
  }

  private static boolean modifying(HttpServletRequest request) {
    return !CsrfConstants.CSRF_NON_MODIFYING_METHODS_PATTERN.matcher(request.getMethod()).matches();
  }

  private static boolean csrfTokenMatches(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object expected =
        session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
    String presented = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
    return expected instanceof String token
        && presented != null
        && !presented.isEmpty()
        && MessageDigest.isEqual(
            token.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }
}
