package app.wasla.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks the webapps' CSRF token (the same rule as Camunda's filter behind it) so that a request
 * that fails it changes nothing. Camunda's own filter ends the caller's session when the token is
 * missing or wrong, and makes a session for a caller who had none: any web page could sign staff
 * out with a cross-site form post. Here a changing request (not GET, HEAD or OPTIONS) under the
 * webapps without a session, or whose {@code X-XSRF-TOKEN} header is not its session's token, gets
 * 403 and neither ends nor makes a session; a valid one goes on to Camunda's check, which passes.
 */
final class WebappCsrfGuard extends OncePerRequestFilter {

  /** Camunda's names: the session attribute holding the token, the header carrying it. */
  static final String SESSION_TOKEN = "CAMUNDA_CSRF_TOKEN";

  static final String HEADER = "X-XSRF-TOKEN";
  private static final Set<String> NON_MODIFYING = Set.of("GET", "HEAD", "OPTIONS");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (NON_MODIFYING.contains(request.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    String header = request.getHeader(HEADER);
    HttpSession session = request.getSession(false);
    Object expected = session == null ? null : session.getAttribute(SESSION_TOKEN);
    if (header == null || header.isBlank()) {
      response.setHeader(HEADER, "Required");
      refuse(response, "the CSRF token is missing: send the X-XSRF-TOKEN header");
      return;
    }
    if (!(expected instanceof String token)
        || !MessageDigest.isEqual(
            token.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8))) {
      refuse(response, "the CSRF token is not this session's");
      return;
    }
    chain.doFilter(request, response);
  }

  private static void refuse(HttpServletResponse response, String message) throws IOException {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"type\":\"Forbidden\",\"message\":\"" + message + "\"}");
  }
}
