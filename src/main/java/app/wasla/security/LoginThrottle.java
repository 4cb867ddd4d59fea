package app.wasla.security;

import app.wasla.system.HttpBasic;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits failed logins before the engine counts them: HTTP Basic on any path and the webapps' login form. A client
 * address, or a user name, with too many failures in the window gets 429 with Retry-After and never reaches a
 * password check, so guessing is slow and nobody outside can run up a user's failed attempts. A failure is an
 * answer 401 to a request that carried credentials.
 */
final class LoginThrottle extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
  private static final Pattern WEBAPP_LOGIN = Pattern.compile("^/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?$");
  private static final int MAX_LOGIN_FORM = 8 * 1024;

  private final FailedLogins failures;
  private final SecurityProperties.Login limits;
  private final ObjectMapper json;

  LoginThrottle(FailedLogins failures, SecurityProperties.Login limits, ObjectMapper json) {
    this.failures = failures;
    this.limits = limits;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String user;
    HttpServletRequest forward = request;
    String authorization = request.getHeader("Authorization");
    if (HttpBasic.present(authorization)) {
      user = HttpBasic.parse(authorization).map(HttpBasic::user).orElse("");
    } else if ("POST".equals(request.getMethod()) && WEBAPP_LOGIN.matcher(path(request)).matches()) {
      byte[] body = request.getInputStream().readNBytes(MAX_LOGIN_FORM);
      user = formField(body, "username");
      forward = new CachedBody(request, body);
    } else {
      chain.doFilter(request, response);
      return;
    }
    String client = "client:" + request.getRemoteAddr();
    String named = "user:" + user;
    Optional<Duration> wait = failures.blocked(client, limits.maxFailures())
        .or(() -> failures.blocked(named, limits.maxFailuresPerUser()));
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      response.setStatus(429);
      response.setHeader("Retry-After", Long.toString(seconds));
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      json.writeValue(response.getOutputStream(), Map.of("type", "TooManyFailedLogins",
          "message", "Too many failed logins; try again in " + seconds + " s"));
      return;
    }
    chain.doFilter(forward, response);
    if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      failures.failed(client);
      failures.failed(named);
      log.debug("Failed login from {}", request.getRemoteAddr());
    }
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length()).replaceAll("/{2,}", "/");
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

  /** The request with its form body read already, so the webapps can read it again. */
  private static final class CachedBody extends HttpServletRequestWrapper {

    private final byte[] body;

    CachedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
