package app.wasla.api;

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
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /api/**}: an API key ({@code Authorization: Bearer <key>} or {@code X-API-Key}) or a
 * Camunda admin over HTTP Basic; the scope each path needs; and a rate limit per caller. Answers 401,
 * 403 and 429 as problem details.
 */
class ApiAccessFilter extends OncePerRequestFilter {

  static final String PROBLEMS = "https://wasla.app/problems/";
  private static final Pattern CONVERSATION_EVENTS = Pattern.compile("/api/conversations/[^/]+/events/?");

  private final ApiKeys keys;
  private final CamundaAdmins admins;
  private final ObjectMapper json;
  private final RateLimiterRegistry limits;

  ApiAccessFilter(ApiKeys keys, CamundaAdmins admins, ObjectMapper json, ApiProperties props) {
    this.keys = keys;
    this.admins = admins;
    this.json = json;
    this.limits = RateLimiterRegistry.of(RateLimiterConfig.custom()
        .limitForPeriod(props.rateLimit())
        .limitRefreshPeriod(props.rateLimitPeriod())
        .timeoutDuration(Duration.ZERO)
        .build());
  }

  /** The scope a request needs; empty = any authenticated caller (MVC then answers 404 or 405). */
  static Optional<Scope> requiredScope(String method, String path) {
    if (path.startsWith("/api/webhooks")) {
      return Optional.of(Scope.WEBHOOKS_MANAGE);
    }
    if (path.startsWith("/api/keys")) {
      return Optional.of(Scope.KEYS_MANAGE);
    }
    if (path.equals("/api/messages") && method.equals("POST")) {
      return Optional.of(Scope.MESSAGES_SEND);
    }
    if (CONVERSATION_EVENTS.matcher(path).matches() && method.equals("POST")) {
      return Optional.of(Scope.EVENTS_WRITE);
    }
    if (path.startsWith("/api/conversations/") && method.equals("GET")) {
      return Optional.of(Scope.CONVERSATIONS_READ);
    }
    if (path.startsWith("/api/customers")) {
      return Optional.of(method.equals("GET") ? Scope.CUSTOMERS_READ : Scope.CUSTOMERS_WRITE);
    }
    return Optional.empty();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String authorization = request.getHeader("Authorization");
    ApiPrincipal principal;
    boolean admin = false;
    Optional<ApiKey> key = Optional.empty();
    if (HttpBasic.present(authorization)) {
      Optional<HttpBasic> user = HttpBasic.parse(authorization);
      if (user.isEmpty() || !admins.isAdmin(user.get().user(), user.get().password())) {
        problem(response, HttpStatus.UNAUTHORIZED, "unauthenticated", "HTTP Basic is accepted from Camunda admins only");
        return;
      }
      admin = true;
      principal = new ApiPrincipal("user:" + user.get().user(), user.get().user());
    } else {
      String presented = request.getHeader("X-API-Key");
      if (presented == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        presented = authorization.substring(7).trim();
      }
      if (presented == null) {
        problem(response, HttpStatus.UNAUTHORIZED, "unauthenticated",
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
      problem(response, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "too many requests for this API key");
      return;
    }
    Optional<Scope> needed = requiredScope(request.getMethod(), path);
    if (!admin && needed.isPresent() && !key.get().allows(needed.get())) {
      problem(response, HttpStatus.FORBIDDEN, "insufficient-scope",
          "this API key lacks the scope " + needed.get().value());
      return;
    }
    request.setAttribute(ApiPrincipal.ATTRIBUTE, principal);
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
