package app.wasla.api;

import app.wasla.security.RequiresScope;
import app.wasla.security.Scope;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Decides the scope after routing, from the handler Spring matched, so that no spelling of a path
 * (encoded characters, path parameters) reaches a handler other than the one whose scope was
 * checked. Denies by default: an /api handler without {@link RequiresScope} is refused, and so is
 * one reached without the principal {@link ApiAccessFilter} sets.
 */
class ApiScopeInterceptor implements HandlerInterceptor {

  static final String SCOPES = ApiScopeInterceptor.class.getName() + ".scopes";

  private final ObjectMapper json;

  ApiScopeInterceptor(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    if (request.getDispatcherType() != DispatcherType.REQUEST) {
      return true;
    }
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    boolean apiRoute =
        pattern != null && (pattern.equals("/api") || pattern.toString().startsWith("/api/"));
    RequiresScope required = handler instanceof HandlerMethod method ? scopeOf(method) : null;
    boolean authenticated = request.getAttribute(ApiPrincipal.ATTRIBUTE) != null;
    if (!apiRoute && required == null && !authenticated) {
      return true;
    }
    if (!authenticated) {
      return refuse(
          response, HttpStatus.UNAUTHORIZED, "unauthenticated", "this operation needs an API key");
    }
    if (required == null) {
      return refuse(
          response, HttpStatus.FORBIDDEN, "insufficient-scope", "no scope grants this operation");
    }
    @SuppressWarnings("unchecked")
    Set<Scope> granted = (Set<Scope>) request.getAttribute(SCOPES);
    if (granted == null || !granted.contains(required.value())) {
      return refuse(
          response,
          HttpStatus.FORBIDDEN,
          "insufficient-scope",
          "this API key lacks the scope " + required.value().value());
    }
    return true;
  }

  private static RequiresScope scopeOf(HandlerMethod method) {
    RequiresScope onMethod =
        AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequiresScope.class);
    return onMethod != null
        ? onMethod
        : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresScope.class);
  }

  private boolean refuse(
      HttpServletResponse response, HttpStatus status, String type, String detail)
      throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(ApiAccessFilter.PROBLEMS + type));
    if (status == HttpStatus.UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"wasla-api\"");
    }
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
    return false;
  }
}
