package app.wasla.handoff;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Agents mark themselves available or away ({@code PUT /handoff/agents/me/availability}, HTTP Basic with
 * their Camunda user). Becoming available pulls waiting handoffs from the team queues.
 */
@RestController
class AgentAvailabilityController {

  record Availability(boolean available) {
  }

  private final IdentityService identity;
  private final AgentPresence presence;
  private final HandoffRouter router;

  AgentAvailabilityController(IdentityService identity, AgentPresence presence, HandoffRouter router) {
    this.identity = identity;
    this.presence = presence;
    this.router = router;
  }

  @GetMapping("/handoff/agents/me/availability")
  ResponseEntity<?> get(HttpServletRequest request) {
    String user = authenticatedUser(request);
    if (user == null) {
      return unauthorized();
    }
    return ResponseEntity.ok(Map.of("userId", user, "available", presence.of(user).available()));
  }

  @PutMapping("/handoff/agents/me/availability")
  ResponseEntity<?> set(HttpServletRequest request, @RequestBody Availability body) {
    String user = authenticatedUser(request);
    if (user == null) {
      return unauthorized();
    }
    presence.setAvailable(user, body.available());
    if (body.available()) {
      router.fillQueues();
    }
    return ResponseEntity.ok(Map.of("userId", user, "available", body.available()));
  }

  private String authenticatedUser(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.startsWith("Basic ")) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    String user = decoded.substring(0, colon);
    return identity.checkPassword(user, decoded.substring(colon + 1)) ? user : null;
  }

  private static ResponseEntity<ProblemDetail> unauthorized() {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
        "Log in with your Camunda user (HTTP Basic)");
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Basic realm=\"wasla\"")
        .body(problem);
  }
}
