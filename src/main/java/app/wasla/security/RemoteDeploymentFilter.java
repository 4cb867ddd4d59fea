package app.wasla.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses new deployments and redeployments over the engine's REST API and the webapps' copy of it
 * (Cockpit's upload): in cloud mode the flows come from {@code processes/}, deployed at start, so
 * an administrator's password alone cannot put new expressions or listeners into the engine.
 */
final class RemoteDeploymentFilter extends OncePerRequestFilter {

  static final String MESSAGE =
      "Deployments over the REST API are disabled: flows are deployed from processes/ when "
          + "Wasla starts (set wasla.security.remote-deployments=true to allow them)";
  private static final Pattern DEPLOYMENT =
      Pattern.compile(
          "^/(engine-rest(/engine/[^/]+)?|camunda/api/engine/engine/[^/]+)/deployment(/.*)?$");

  private final ObjectMapper json;

  RemoteDeploymentFilter(ObjectMapper json) {
    this.json = json;
  }

  static boolean isDeploymentChange(HttpServletRequest request) {
    if ("GET".equals(request.getMethod())
        || "HEAD".equals(request.getMethod())
        || "OPTIONS".equals(request.getMethod())
        || "DELETE".equals(request.getMethod())) {
      return false;
    }
    // decoded and normalized by the container, as the REST API reads it; no doubled slashes to slip
    // past the pattern
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    path = path.replaceAll("/{2,}", "/").toLowerCase(java.util.Locale.ROOT);
    return DEPLOYMENT.matcher(path).matches();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!isDeploymentChange(request)) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    json.writeValue(
        response.getOutputStream(), Map.of("type", "RemoteDeploymentDisabled", "message", MESSAGE));
  }
}
