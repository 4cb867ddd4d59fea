package app.wasla.handoff;

import app.wasla.system.HttpBasic;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses another agent's takeover of a handoff with 403 and a sentence naming the owner, before the engine
 * sees the call. The task listener refuses the same, but the engine wraps a listener's exception
 * (ENGINE-03051) and its REST API answers 500; Tasklist would show "server error". In front of both
 * {@code /engine-rest} (HTTP Basic) and Tasklist's {@code /camunda/api/engine} (the webapp's session). The
 * answer has the engine REST API's error shape, {@code {"type": ..., "message": ...}}, which Tasklist shows.
 * A caller this filter cannot identify passes on: the engine's own authentication answers it.
 */
class TakeoverGuardFilter extends OncePerRequestFilter {

  static final String ERROR_TYPE = "HandoffOwnedByAnotherAgent";
  private static final Pattern TASK_ACTION =
      Pattern.compile(".*/task/([^/]+)/(claim|unclaim|assignee|delegate|complete|submit-form)/?");

  private final TaskService tasks;
  private final IdentityService identity;
  private final HandoffOwnership ownership;
  private final ObjectMapper json;

  TakeoverGuardFilter(TaskService tasks, IdentityService identity, HandoffOwnership ownership, ObjectMapper json) {
    this.tasks = tasks;
    this.identity = identity;
    this.ownership = ownership;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher call = TASK_ACTION.matcher(request.getRequestURI());
    if (!call.matches()) {
      chain.doFilter(request, response);
      return;
    }
    Optional<String> user = user(request);
    // as the system: the caller may not even be allowed to read the task, and then the engine answers
    Task task = user.isEmpty() ? null : tasks.createTaskQuery().taskId(call.group(1)).singleResult();
    if (task == null || !HandoffRouter.HANDOFF_TASK.equals(task.getTaskDefinitionKey())) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readAllBytes();
    HandoffOwnership.Action action = switch (call.group(2)) {
      case "claim" -> HandoffOwnership.Action.CLAIM;
      case "unclaim" -> HandoffOwnership.Action.UNCLAIM;
      case "assignee", "delegate" -> HandoffOwnership.Action.ASSIGN;
      default -> HandoffOwnership.Action.COMPLETE;
    };
    Optional<String> refusal = ownership.refusal(action, task.getAssignee(), user.get(), newAssignee(body));
    if (refusal.isPresent()) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("type", ERROR_TYPE);
      error.put("message", refusal.get());
      error.put("owner", task.getAssignee());
      error.put("ownerName", ownership.fullName(task.getAssignee()));
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      json.writeValue(response.getOutputStream(), error);
      return;
    }
    chain.doFilter(new CachedBody(request, body), response);
  }

  /** The Basic user whose password checks out, else the webapp session's user; empty when neither. */
  private Optional<String> user(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    if (HttpBasic.present(authorization)) {
      return HttpBasic.parse(authorization).filter(b -> identity.checkPassword(b.user(), b.password()))
          .map(HttpBasic::user);
    }
    return request.getRequestURI().startsWith(request.getContextPath() + "/camunda/")
        ? AgentCaller.sessionUser(request) : Optional.empty();
  }

  /** The {@code userId} of an assignee/delegate body; null when absent (unassigning) or unreadable. */
  private String newAssignee(byte[] body) {
    try {
      JsonNode userId = json.readTree(body).path("userId");
      return userId.isTextual() ? userId.asText() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The request with its body read already, so the engine can read it again. */
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
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous reads only");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(getInputStream(), java.nio.charset.Charset.forName(encoding)));
    }
  }
}
