package app.wasla.handoff;

import app.wasla.system.HttpBasic;
import app.wasla.system.RereadableRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with 403 and a sentence naming the owner, every change to a handoff by someone who is
 * neither its owner nor a supervisor, before the engine sees the call: the task itself (update,
 * claim, unclaim, assignee, delegate, complete, resolve, submit-form, BPMN error/escalation,
 * identity links, comments, attachments), its variables and local variables, and the variables of
 * the conversation's process instance and executions while a handoff is open. The task listener
 * refuses assignments and completions too, but the engine wraps a listener's exception
 * (ENGINE-03051) and its REST API answers 500; Tasklist would show "server error". In front of both
 * {@code /engine-rest} (HTTP Basic) and Tasklist's {@code /camunda/api/engine} (the webapp's
 * session). The path is read as the servlet container decoded it (no ';' parameters, no
 * percent-encoding), as the engine's REST API reads it. The answer has the engine REST API's error
 * shape, {@code {"type": ..., "message": ...}}, which Tasklist shows. A caller this filter cannot
 * identify passes on: the engine's own authentication answers it.
 */
class TakeoverGuardFilter extends OncePerRequestFilter {

  static final String ERROR_TYPE = "HandoffOwnedByAnotherAgent";
  private static final Pattern TASK = Pattern.compile(".*/task/([^/]+)(?:/(.*))?");
  private static final Pattern PROCESS_INSTANCE =
      Pattern.compile(".*/process-instance/([^/]+)/(variables|modification)(?:/.*)?");
  private static final Pattern EXECUTION =
      Pattern.compile(".*/execution/([^/]+)/localVariables(?:/.*)?");

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final HandoffOwnership ownership;
  private final ObjectMapper json;

  TakeoverGuardFilter(
      TaskService tasks,
      RuntimeService runtime,
      IdentityService identity,
      HandoffOwnership ownership,
      ObjectMapper json) {
    this.tasks = tasks;
    this.runtime = runtime;
    this.identity = identity;
    this.ownership = ownership;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String method = request.getMethod();
    return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    Matcher onTask = TASK.matcher(path);
    Matcher onInstance = PROCESS_INSTANCE.matcher(path);
    Matcher onExecution = EXECUTION.matcher(path);
    if (!onTask.matches() && !onInstance.matches() && !onExecution.matches()) {
      chain.doFilter(request, response);
      return;
    }
    Optional<String> user = user(request);
    if (user.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    // as the system: the caller may not even be allowed to read the task, and then the engine
    // answers
    Task task;
    String sub = null;
    if (onTask.matches()) {
      task = tasks.createTaskQuery().taskId(onTask.group(1)).singleResult();
      sub = onTask.group(2) == null ? "" : onTask.group(2).replaceAll("/+$", "");
    } else {
      String instance =
          onInstance.matches() ? onInstance.group(1) : instanceOfExecution(onExecution.group(1));
      task =
          instance == null
              ? null
              : tasks
                  .createTaskQuery()
                  .processInstanceId(instance)
                  .taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
                  .listPage(0, 1)
                  .stream()
                  .findFirst()
                  .orElse(null);
    }
    if (task == null || !HandoffRouter.HANDOFF_TASK.equals(task.getTaskDefinitionKey())) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readAllBytes();
    String owner = ownership.owner(task.getId(), task.getAssignee());
    HandoffOwnership.Action action = HandoffOwnership.Action.WRITE;
    String newAssignee = null;
    if (sub != null) {
      JsonNode fields = read(body);
      switch (request.getMethod() + " " + sub) {
        case "POST claim" -> action = HandoffOwnership.Action.CLAIM;
        case "POST unclaim" -> action = HandoffOwnership.Action.UNCLAIM;
        case "POST assignee", "POST delegate" -> {
          action = HandoffOwnership.Action.ASSIGN;
          newAssignee = text(fields, "userId");
        }
        case "POST complete",
            "POST submit-form",
            "POST resolve",
            "POST bpmnError",
            "POST bpmnEscalation" ->
            action = HandoffOwnership.Action.COMPLETE;
        case "PUT " -> {
          // an update that changes the assignee is an assignment; any other update is a change
          newAssignee = text(fields, "assignee");
          if (!java.util.Objects.equals(newAssignee, owner)) {
            action = HandoffOwnership.Action.ASSIGN;
          }
        }
        case "POST identity-links", "POST identity-links/delete" -> {
          if ("assignee".equals(text(fields, "type"))) {
            action = HandoffOwnership.Action.ASSIGN;
            newAssignee = sub.endsWith("delete") ? null : text(fields, "userId");
          }
        }
        default -> {}
      }
    }
    Optional<String> refusal = ownership.refusal(action, owner, user.get(), newAssignee);
    if (refusal.isPresent()) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("type", ERROR_TYPE);
      error.put("message", refusal.get());
      error.put("owner", owner);
      error.put("ownerName", ownership.fullName(owner));
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      json.writeValue(response.getOutputStream(), error);
      return;
    }
    chain.doFilter(new RereadableRequest(request, body), response);
  }

  private String instanceOfExecution(String executionId) {
    Execution execution = runtime.createExecutionQuery().executionId(executionId).singleResult();
    return execution == null ? null : execution.getProcessInstanceId();
  }

  /**
   * The Basic user whose password checks out, else the webapp session's user; empty when neither.
   */
  private Optional<String> user(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    if (HttpBasic.present(authorization)) {
      return HttpBasic.parse(authorization)
          .filter(b -> identity.checkPassword(b.user(), b.password()))
          .map(HttpBasic::user);
    }
    return request.getRequestURI().startsWith(request.getContextPath() + "/camunda/")
        ? AgentCaller.sessionUser(request)
        : Optional.empty();
  }

  /**
   * The body as JSON; a missing node when it is empty or unreadable (the engine then answers it).
   */
  private JsonNode read(byte[] body) {
    try {
      JsonNode node = json.readTree(body);
      return node == null ? json.missingNode() : node;
    } catch (IOException | RuntimeException e) {
      return json.missingNode();
    }
  }

  /** A text field of a body; null when absent (unassigning) or not text. */
  private static String text(JsonNode fields, String name) {
    JsonNode value = fields.path(name);
    return value.isTextual() ? value.asText() : null;
  }
}
