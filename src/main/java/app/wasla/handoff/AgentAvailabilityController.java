package app.wasla.handoff;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Agents mark themselves available or away ({@code PUT /handoff/agents/me/availability}, HTTP Basic
 * with their Camunda user, or Tasklist's session). Becoming available pulls waiting handoffs from
 * the team queues.
 */
@RestController
class AgentAvailabilityController {

  record Availability(boolean available) {}

  private final AgentCaller callers;
  private final AgentPresence presence;
  private final HandoffRouter router;

  AgentAvailabilityController(AgentCaller callers, AgentPresence presence, HandoffRouter router) {
    this.callers = callers;
    this.presence = presence;
    this.router = router;
  }

  @GetMapping("/handoff/agents/me/availability")
  ResponseEntity<?> get(HttpServletRequest request) {
    AgentCaller.Caller caller = callers.of(request);
    if (!caller.authenticated()) {
      return refused(caller);
    }
    String user = caller.userId();
    return ResponseEntity.ok(Map.of("userId", user, "available", presence.of(user).available()));
  }

  @PutMapping("/handoff/agents/me/availability")
  ResponseEntity<?> set(HttpServletRequest request, @RequestBody Availability body) {
    AgentCaller.Caller caller = callers.of(request);
    if (!caller.authenticated()) {
      return refused(caller);
    }
    String user = caller.userId();
    presence.setAvailable(user, body.available());
    if (body.available()) {
      router.fillQueues();
    }
    return ResponseEntity.ok(Map.of("userId", user, "available", body.available()));
  }

  private static ResponseEntity<ProblemDetail> refused(AgentCaller.Caller caller) {
    HttpStatus status = HttpStatus.valueOf(caller.status());
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
    if (status == HttpStatus.UNAUTHORIZED) {
      answer.header("WWW-Authenticate", "Basic realm=\"wasla\"");
    }
    return answer.body(ProblemDetail.forStatusAndDetail(status, caller.reason()));
  }
}
