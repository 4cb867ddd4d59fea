package app.wasla.reports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The report responses, the same for API-key clients ({@code /api/reports/...}) and the dashboard
 * page ({@code /dashboard/data/...}): the scope asked for, then the figures.
 */
@Component
class ReportResponses {

  /** The reports by name, as in their paths. */
  static final Set<String> NAMES =
      Set.of(
          "summary",
          "revenue-by-day",
          "revenue-by-flow",
          "funnel",
          "handoffs",
          "unanswered",
          "intents",
          "numbers");

  static final int MAX_QUESTIONS = 50;

  private final Reports reports;

  ReportResponses(Reports reports) {
    this.reports = reports;
  }

  /** The report {@code name}; an unknown name is a {@link ReportRequestException}. */
  Object report(String name, String period, String from, String to, String phoneNumberId) {
    if (name.equals("numbers")) {
      return Map.of("numbers", List.copyOf(reports.numbers()));
    }
    Reports.Scope scope = reports.scope(period, from, to, phoneNumberId);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("scope", scope.describe());
    switch (name) {
      case "summary" -> {
        return reports.summary(scope);
      }
      case "revenue-by-day" -> answer.put("days", reports.revenueByDay(scope));
      case "revenue-by-flow" -> answer.put("flows", reports.revenueByFlow(scope));
      case "funnel" -> answer.put("funnel", reports.funnel(scope));
      case "handoffs" -> answer.put("handoffs", reports.handoffs(scope));
      case "unanswered" -> answer.put("questions", reports.unanswered(scope, MAX_QUESTIONS));
      case "intents" -> answer.put("intents", reports.intents(scope));
      default -> throw new ReportRequestException("no report named " + name);
    }
    return answer;
  }

  static ProblemDetail badRequest(ReportRequestException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setType(java.net.URI.create("https://wasla.app/problems/invalid-report-request"));
    return problem;
  }
}
