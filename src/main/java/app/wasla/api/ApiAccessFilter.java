package app.wasla.api;

import app.wasla.security.Scope;
import app.wasla.system.HttpBasic;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /api/**}: an API key ({@code Authorization: Bearer <key>} or {@code X-API-Key}) or
 * a Camunda admin over HTTP Basic; and a rate limit per caller. Answers 400 (an oddly spelled
 * path), 401 and 429 as problem details. The scopes granted go on the request for {@link
 * ApiScopeInterceptor}.
 */
class ApiAccessFilter extends OncePerRequestFilter {

  static final String PROBLEMS = "https://wasla.app/problems/";

  private final ApiKeys keys;
  private final CamundaAdmins admins;
  private final ObjectMapper json;
  private final RateLimiterRegistry limits;

  ApiAccessFilter(ApiKeys keys, CamundaAdmins admins, ObjectMapper json, ApiProperties props) {
    this.keys = keys;
    this.admins = admins;
    this.json = json;
    this.limits =
        RateLimiterRegistry.of(
            RateLimiterConfig.custom()
                .limitForPeriod(props.rateLimit())
                .limitRefreshPeriod(props.rateLimitPeriod())
                .timeoutDuration(Duration.ZERO)
                .build());
  }

  /**
   * A path under /api spelled other than plainly: a path parameter ({@code ;}) anywhere, or a
   * percent-encoded character that needs no encoding or that changes how the path splits (ASCII
   * letters, digits, {@code -._~}, {@code / \\ ; %}). Encoded non-ASCII (an Arabic tag) and other
   * reserved characters stay allowed.
   */
  static boolean oddlySpelled(String rawPath) {
    if (rawPath.indexOf(';') >= 0) {
      return true;
    }
    for (int i = rawPath.indexOf('%'); i >= 0; i = rawPath.indexOf('%', i + 1)) {
      if (i + 2 >= rawPath.length()) {
        return true;
      }
      int value;
      try {
        value = Integer.parseInt(rawPath.substring(i + 1, i + 3), 16);
      } catch (NumberFormatException e) {
        return true;
      }
      if (value < 0x80 && (Character.isLetterOrDigit(value) || "-._~/\\;%".indexOf(value) >= 0)) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (oddlySpelled(path)) {
      problem(
          response,
          HttpStatus.BAD_REQUEST,
          "invalid-path",
          "the path must not carry ';' parameters or percent-encode characters that need no encoding");
      return;
    }
    String authorization = request.getHeader("Authorization");
    ApiPrincipal principal;
    boolean admin = false;
    Optional<ApiKey> key = Optional.empty();
    if (HttpBasic.present(authorization)) {
      Optional<HttpBasic> user = HttpBasic.parse(authorization);
      CamundaAdmins.Login login =
          user.isEmpty()
              ? CamundaAdmins.Login.WRONG
              : admins.check(user.get().user(), user.get().password());
      if (login == CamundaAdmins.Login.WRONG) {
        problem(
            response, HttpStatus.UNAUTHORIZED, "unauthenticated", "wrong user name or password");
        return;
      }
      if (login == CamundaAdmins.Login.NOT_ADMIN) {
        // the right password: not a failed login (the login throttle counts only 401s)
        problem(
            response,
            HttpStatus.FORBIDDEN,
            "insufficient-scope",
            "HTTP Basic is accepted on /api from Camunda admins only: use an API key");
        return;
      }
      admin = true;
      principal = new ApiPrincipal("user:" + user.get().user(), user.get().user());
    } else {
      String presented = request.getHeader("X-API-Key");
      if (presented == null
          && authorization != null
          && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        presented = authorization.substring(7).trim();
      }
      if (presented == null) {
        problem(
            response,
            HttpStatus.UNAUTHORIZED,
            "unauthenticated",
            "an API key is required: Authorization: Bearer <key>");
        return;
      }
      key = keys.authenticate(presented);
      if (key.isEmpty()) {
        problem(response, HttpStatus.UNAUTHORIZED, "unauthenticated", "unknown or revoked API key");
        return;
      }
      principal = new ApiPrincipal("key:" + key.get().id(), key.get().name());
    }
    RateLimiter limiter = limits.rateLimiter(principal.id());
    if (!limiter.acquirePermission()) {
      response.setHeader("Retry-After", "1");
      problem(
          response,
          HttpStatus.TOO_MANY_REQUESTS,
          "rate-limited",
          "too many requests for this API key");
      return;
    }
    // The scope itself is checked after routing, by ApiScopeInterceptor.
    Set<Scope> granted = EnumSet.allOf(Scope.class);
    if (!admin) {
      ApiKey apiKey = key.get();
      granted.removeIf(scope -> !apiKey.allows(scope));
    }
    request.setAttribute(ApiScopeInterceptor.SCOPES, granted);
    request.setAttribute(ApiPrincipal.ATTRIBUTE, principal);
    request.setAttribute(app.wasla.security.RequestCaller.ATTRIBUTE, principal.id());
    chain.doFilter(request, response);
  }

  private void problem(HttpServletResponse response, HttpStatus status, String type, String detail)
      throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(PROBLEMS + type));
    if (status == HttpStatus.UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"wasla-api\"");
    }
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
