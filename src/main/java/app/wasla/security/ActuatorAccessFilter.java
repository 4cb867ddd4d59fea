package app.wasla.security;

import app.wasla.system.HttpBasic;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cloud mode: the actuator's endpoints other than health and its probes (metrics, prometheus, info,
 * ...) answer only to Camunda administrators (HTTP Basic of a user in group camunda-admin); load
 * balancers keep anonymous probes.
 */
final class ActuatorAccessFilter extends OncePerRequestFilter {

  private final IdentityService identity;

  ActuatorAccessFilter(IdentityService identity) {
    this.identity = identity;
  }

  static boolean open(String path) {
    return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path =
        (request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()))
            .replaceAll("/{2,}", "/");
    if (open(path) || admin(request)) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("WWW-Authenticate", "Basic realm=\"wasla-management\"");
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write(
            "{\"type\":\"Unauthorized\",\"message\":\"HTTP Basic of a Camunda administrator is "
                + "required\"}");
  }

  private boolean admin(HttpServletRequest request) {
    Optional<HttpBasic> basic = HttpBasic.parse(request.getHeader("Authorization"));
    return basic.isPresent()
        && identity.checkPassword(basic.get().user(), basic.get().password())
        && identity
                .createGroupQuery()
                .groupMember(basic.get().user())
                .groupId(Groups.CAMUNDA_ADMIN)
                .count()
            > 0;
  }
}
