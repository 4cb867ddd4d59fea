package app.wasla.security;

import app.wasla.system.HttpBasic;
import app.wasla.system.RereadableRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits failed logins before the engine counts them: HTTP Basic on any path and the webapps' login
 * form. Failures are counted per (client address, user name) pair and per client address across
 * user names; a pair or an address over its allowance in the window gets 429 with Retry-After and
 * never reaches a password check. Nothing is counted per user name alone, so failures from other
 * addresses never refuse a user's right password: against guessing one user from many addresses the
 * defence is the password policy (cloud mode). A failure is an answer 401 to a request that carried
 * credentials, or a refused password change (Camunda answers 400 to a wrong current password: a
 * signed-in session could otherwise guess its own user's password there without limit).
 */
final class LoginThrottle extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
  private static final Pattern WEBAPP_LOGIN =
      Pattern.compile("^/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?$");
  private static final int MAX_LOGIN_FORM = 8 * 1024;

  /** A password change, which asks for the current password: /engine-rest and the webapps' API. */
  private static final Pattern PASSWORD_CHANGE = Pattern.compile("^.*/user/([^/]+)/credentials/?$");

  /**
   * Camunda's password check as a service (/engine-rest/identity/verify): it answers 200 either
   * way.
   */
  private static final Pattern VERIFY = Pattern.compile("^.*/identity/verify/?$");

  private final FailedLogins failures;
  private final SecurityProperties.Login limits;
  private final ObjectMapper json;

  LoginThrottle(FailedLogins failures, SecurityProperties.Login limits, ObjectMapper json) {
    this.failures = failures;
    this.limits = limits;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if ("POST".equals(request.getMethod()) && VERIFY.matcher(decodedPath(request)).matches()) {
      // any logged-in caller could test other users' passwords there, unthrottled: Wasla needs no
      // such service
      refuse(
          response,
          403,
          Map.of(
              "type",
              "Forbidden",
              "message",
              "identity/verify is disabled: log in with HTTP Basic or the login form"));
      return;
    }
    String user;
    HttpServletRequest forward = request;
    String authorization = request.getHeader("Authorization");
    Matcher passwordChange = PASSWORD_CHANGE.matcher(decodedPath(request));
    boolean changesPassword = "PUT".equals(request.getMethod()) && passwordChange.matches();
    if (changesPassword) {
      // counted for the account whose current password is asked for
      user = passwordChange.group(1);
    } else if (HttpBasic.present(authorization)) {
      user = HttpBasic.parse(authorization).map(HttpBasic::user).orElse("");
    } else if ("POST".equals(request.getMethod())
        && WEBAPP_LOGIN.matcher(path(request)).matches()) {
      byte[] body = request.getInputStream().readNBytes(MAX_LOGIN_FORM);
      user = formField(body, "username");
      forward = new RereadableRequest(request, body);
    } else {
      chain.doFilter(request, response);
      return;
    }
    String address = request.getRemoteAddr();
    String client = "client:" + address;
    // one counter for Sara and SARA: some databases match user ids case-insensitively
    String pair = "pair:" + address + "|" + user.toLowerCase(Locale.ROOT);
    Optional<Duration> wait =
        failures
            .blocked(pair, limits.maxFailures())
            .or(() -> failures.blocked(client, limits.maxFailuresPerClient()));
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      response.setHeader("Retry-After", Long.toString(seconds));
      refuse(
          response,
          429,
          Map.of(
              "type",
              "TooManyFailedLogins",
              "message",
              "Too many failed logins; try again in " + seconds + " s"));
      return;
    }
    chain.doFilter(forward, response);
    int status = response.getStatus();
    if (status == HttpServletResponse.SC_UNAUTHORIZED
        || (changesPassword && status == HttpServletResponse.SC_BAD_REQUEST)) {
      failures.failed(pair);
      failures.failed(client);
      log.debug("Failed login from {}", address);
    }
  }

  private void refuse(HttpServletResponse response, int status, Map<String, String> body)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    json.writeValue(response.getOutputStream(), body);
  }

  /**
   * The path as the servlet container decoded and normalized it (no %-escapes, no ;parameters), as
   * Jersey routes.
   */
  private static String decodedPath(HttpServletRequest request) {
    String info = request.getPathInfo();
    return (request.getServletPath() + (info == null ? "" : info)).replaceAll("/{2,}", "/");
  }

  private static String path(HttpServletRequest request) {
    return request
        .getRequestURI()
        .substring(request.getContextPath().length())
        .replaceAll("/{2,}", "/");
  }

  static String formField(byte[] body, String name) {
    for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        try {
          return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return pair.substring(eq + 1);
        }
      }
    }
    return "";
  }
}
