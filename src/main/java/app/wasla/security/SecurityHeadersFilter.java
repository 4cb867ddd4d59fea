package app.wasla.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Browser hardening headers on everything Wasla serves (simulator, pay pages, handoff endpoints,
 * JSON). The Camunda webapps under {@code /camunda/} keep their own ({@code
 * camunda.bpm.webapp.header-security.*}).
 */
final class SecurityHeadersFilter extends OncePerRequestFilter {

  /* Inline styles stay allowed (the pay page and simulator use them); scripts only from Wasla's own origin. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; "
          + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
          + "form-action 'self'; frame-ancestors 'self'";

  /*
   * What these paths answer is customers' data or a signed-in user's: no shared cache or browser
   * history may keep it. A response that sets its own Cache-Control (a public product photo) keeps
   * it.
   */
  private static final List<String> PRIVATE_PATHS =
      List.of(
          "/api/",
          "/inbox/",
          "/media/",
          "/handoff/",
          "/campaigns/",
          "/dashboard",
          "/engine-rest/",
          "/actuator/");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return request.getRequestURI().startsWith(request.getContextPath() + "/camunda/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (PRIVATE_PATHS.stream().anyMatch(path::startsWith)) {
      response.setHeader("Cache-Control", "no-store");
    }
    chain.doFilter(request, response);
  }
}
