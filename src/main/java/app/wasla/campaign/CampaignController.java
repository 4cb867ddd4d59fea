package app.wasla.campaign;

import app.wasla.security.RequiresScope;
import app.wasla.security.Scope;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/campaigns}: create a draft, preview its audience, start, pause, resume, cancel, and
 * read its results (per campaign, and per recipient in pages). Authentication of {@code /api/**} is
 * not done here; the scopes are {@code campaigns:write} and {@code campaigns:read}.
 */
@RestController
@RequestMapping("/api/campaigns")
class CampaignController {

  static final String PROBLEMS = "https://wasla.app/problems/";

  private final Campaigns campaigns;
  private final CampaignResults results;
  private final CampaignRequests requests;

  CampaignController(Campaigns campaigns, CampaignResults results, CampaignRequests requests) {
    this.campaigns = campaigns;
    this.results = results;
    this.requests = requests;
  }

  @RequiresScope(Scope.CAMPAIGNS_WRITE)
  @PostMapping
  ResponseEntity<Campaign> create(
      @RequestBody com.fasterxml.jackson.databind.JsonNode body,
      @org.springframework.web.bind.annotation.RequestHeader(
              value = "Idempotency-Key",
              required = false)
          String idempotencyKey,
      jakarta.servlet.http.HttpServletRequest http) {
    Campaigns.CreateRequest request = requests.read(body);
    String key = scopedKey(idempotencyKey, http);
    if (key != null) {
      Optional<Campaign> earlier = campaigns.createdWith(key);
      if (earlier.isPresent()) {
        return ResponseEntity.ok(earlier.get());
      }
    }
    Campaign c;
    try {
      c = campaigns.create(request, key);
    } catch (org.springframework.dao.DuplicateKeyException raced) {
      return ResponseEntity.ok(campaigns.createdWith(key).orElseThrow(() -> raced));
    }
    return ResponseEntity.created(URI.create("/api/campaigns/" + c.id())).body(c);
  }

  /** The caller's Idempotency-Key, scoped per caller so that two systems cannot collide. */
  private static String scopedKey(
      String idempotencyKey, jakarta.servlet.http.HttpServletRequest http) {
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      return null;
    }
    if (idempotencyKey.length() > 200) {
      throw new IllegalArgumentException("Idempotency-Key: at most 200 characters");
    }
    return "api:" + app.wasla.security.RequestCaller.id(http) + ":" + idempotencyKey.strip();
  }

  @RequiresScope(Scope.CAMPAIGNS_READ)
  @GetMapping
  List<Campaign> list(
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
    return campaigns.list(page, size);
  }

  @RequiresScope(Scope.CAMPAIGNS_READ)
  @GetMapping("/{id}")
  Campaign find(@PathVariable String id) {
    return campaigns.find(id);
  }

  @RequiresScope(Scope.CAMPAIGNS_READ)
  @GetMapping("/{id}/audience")
  Campaigns.Preview preview(@PathVariable String id) {
    return campaigns.preview(id);
  }

  @RequiresScope(Scope.CAMPAIGNS_WRITE)
  @PostMapping("/{id}/start")
  Campaign start(@PathVariable String id) {
    return campaigns.start(id);
  }

  @RequiresScope(Scope.CAMPAIGNS_WRITE)
  @PostMapping("/{id}/pause")
  Campaign pause(@PathVariable String id) {
    return campaigns.pause(id);
  }

  @RequiresScope(Scope.CAMPAIGNS_WRITE)
  @PostMapping("/{id}/resume")
  Campaign resume(@PathVariable String id) {
    return campaigns.resume(id);
  }

  @RequiresScope(Scope.CAMPAIGNS_WRITE)
  @PostMapping("/{id}/cancel")
  Campaign cancel(@PathVariable String id) {
    return campaigns.cancel(id);
  }

  @RequiresScope(Scope.CAMPAIGNS_READ)
  @GetMapping("/{id}/results")
  CampaignResults.Summary results(@PathVariable String id) {
    return results.summary(campaigns.find(id));
  }

  @RequiresScope(Scope.CAMPAIGNS_READ)
  @GetMapping("/{id}/recipients")
  CampaignResults.RecipientPage recipients(
      @PathVariable String id,
      @RequestParam(defaultValue = "INITIAL") String stage,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    Campaign.Stage s;
    try {
      s = Campaign.Stage.valueOf(stage.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("stage: INITIAL or REMINDER");
    }
    return results.recipients(campaigns.find(id), s, page, size);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail invalid(IllegalArgumentException e) {
    return problem(HttpStatus.BAD_REQUEST, "invalid-campaign-request", "Invalid campaign", e);
  }

  @ExceptionHandler(org.springframework.http.converter.HttpMessageNotReadableException.class)
  ProblemDetail unreadable(org.springframework.http.converter.HttpMessageNotReadableException e) {
    return problem(
        HttpStatus.BAD_REQUEST,
        "malformed-json",
        "Invalid campaign",
        new IllegalArgumentException("the request body is not JSON"));
  }

  @ExceptionHandler(CampaignNotFoundException.class)
  ProblemDetail notFound(CampaignNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "campaign-not-found", "No such campaign", e);
  }

  @ExceptionHandler(CampaignConflictException.class)
  ProblemDetail conflict(CampaignConflictException e) {
    return problem(HttpStatus.CONFLICT, "campaign-state", "Not possible in this state", e);
  }

  private static ProblemDetail problem(
      HttpStatus status, String type, String title, RuntimeException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    p.setType(URI.create(PROBLEMS + type));
    p.setTitle(title);
    return p;
  }
}
