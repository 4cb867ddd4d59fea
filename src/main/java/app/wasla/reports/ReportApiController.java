package app.wasla.reports;

import app.wasla.security.RequiresScope;
import app.wasla.security.Scope;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The owner's figures as JSON for API-key clients (scope {@code reports:read}) and Camunda admins
 * over HTTP Basic, behind {@code api/ApiAccessFilter}: docs/openapi.yaml, docs/reports.md.
 */
@RestController
@RequiresScope(Scope.REPORTS_READ)
class ReportApiController {

  private final ReportResponses responses;

  ReportApiController(ReportResponses responses) {
    this.responses = responses;
  }

  @GetMapping("/api/reports/summary")
  Object summary(
      @RequestParam(required = false) String period,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String phoneNumberId) {
    return responses.report("summary", period, from, to, phoneNumberId);
  }

  @GetMapping("/api/reports/revenue-by-day")
  Object revenueByDay(
      @RequestParam(required = false) String period,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String phoneNumberId) {
    return responses.report("revenue-by-day", period, from, to, phoneNumberId);
  }

  @GetMapping("/api/reports/revenue-by-flow")
  Object revenueByFlow(
      @RequestParam(required = false) String period,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String phoneNumberId) {
    return responses.report("revenue-by-flow", period, from, to, phoneNumberId);
  }

  @GetMapping("/api/reports/funnel")
  Object funnel(
      @RequestParam(required = false) String period,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String phoneNumberId) {
    return responses.report("funnel", period, from, to, phoneNumberId);
  }

  @GetMapping("/api/reports/handoffs")
  Object handoffs(
      @RequestParam(required = false) String period,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String phoneNumberId) {
    return responses.report("handoffs", period, from, to, phoneNumberId);
  }

  @GetMapping("/api/reports/unanswered")
  Object unanswered(
      @RequestParam(required = false) String period,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String phoneNumberId) {
    return responses.report("unanswered", period, from, to, phoneNumberId);
  }

  @GetMapping("/api/reports/intents")
  Object intents(
      @RequestParam(required = false) String period,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String phoneNumberId) {
    return responses.report("intents", period, from, to, phoneNumberId);
  }

  @GetMapping("/api/reports/numbers")
  Object numbers() {
    return responses.report("numbers", null, null, null, null);
  }

  @ExceptionHandler(ReportRequestException.class)
  ProblemDetail invalid(ReportRequestException e) {
    return ReportResponses.badRequest(e);
  }
}
