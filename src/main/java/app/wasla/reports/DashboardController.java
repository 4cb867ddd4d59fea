package app.wasla.reports;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The owner's dashboard ({@code /dashboard}): a page from the jar, and its figures ({@code
 * /dashboard/data/...}, the same as {@code /api/reports/...}). For Camunda users of the
 * supervisors' group and admins, logged in to the Camunda webapps or over HTTP Basic; an agent is
 * refused (403), a visitor told how to log in (401).
 */
@RestController
class DashboardController {

  private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

  private final OwnerAccess access;
  private final ReportResponses responses;

  DashboardController(OwnerAccess access, ReportResponses responses) {
    this.access = access;
    this.responses = responses;
  }

  /** Null when the caller may see the dashboard, else the refusal's status and reason. */
  private OwnerAccess.Refusal refusal(HttpServletRequest request) {
    return access.refusal(request, "The dashboard").orElse(null);
  }

  @GetMapping(
      value = {"/dashboard", "/dashboard/"},
      produces = "text/html;charset=UTF-8")
  ResponseEntity<String> page(HttpServletRequest request) throws IOException {
    OwnerAccess.Refusal refusal = refusal(request);
    if (refusal != null) {
      return ResponseEntity.status(refusal.status())
          .contentType(HTML)
          .body(refusalPage(refusal, request.getContextPath()));
    }
    return ResponseEntity.ok()
        .contentType(HTML)
        .header("Cache-Control", "no-store")
        .body(resource("dashboard/index.html"));
  }

  @GetMapping(value = "/dashboard/dashboard.js", produces = "text/javascript;charset=UTF-8")
  String script() throws IOException {
    return resource("dashboard/dashboard.js");
  }

  @GetMapping(value = "/dashboard/dashboard.css", produces = "text/css;charset=UTF-8")
  String style() throws IOException {
    return resource("dashboard/dashboard.css");
  }

  @GetMapping(value = "/dashboard/data/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> data(
      @PathVariable String name,
      @RequestParam(required = false) String period,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String phoneNumberId,
      HttpServletRequest request) {
    OwnerAccess.Refusal refusal = refusal(request);
    if (refusal != null) {
      return ResponseEntity.status(refusal.status())
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(ProblemDetail.forStatusAndDetail(refusal.status(), refusal.reason()));
    }
    if (!ReportResponses.NAMES.contains(name)) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(
              ProblemDetail.forStatusAndDetail(
                  HttpStatus.NOT_FOUND,
                  "no report named " + (name.length() > 40 ? name.substring(0, 40) : name)));
    }
    try {
      return ResponseEntity.ok()
          .header("Cache-Control", "no-store")
          .body(responses.report(name, period, from, to, phoneNumberId));
    } catch (ReportRequestException e) {
      return ResponseEntity.badRequest()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(ReportResponses.badRequest(e));
    }
  }

  private static String refusalPage(OwnerAccess.Refusal refusal, String contextPath) {
    boolean login = refusal.status() == HttpStatus.UNAUTHORIZED;
    String title = login ? "Sign in to see the dashboard" : "This dashboard is not for you";
    String titleAr = login ? "سجّل الدخول لعرض لوحة المبيعات" : "لوحة المبيعات ليست متاحة لك";
    String body =
        login
            ? "<p>The sales dashboard is for supervisors and admins. Sign in with your Camunda user at"
                + " <a id=\"login\" href=\""
                + contextPath
                + "/camunda/app/welcome/default/\">the Camunda login</a>, then come back to"
                + " <a href=\""
                + contextPath
                + "/dashboard\">/dashboard</a>. (API clients: HTTP Basic with your Camunda user, or"
                + " an API key with the scope reports:read on /api/reports/.)</p>"
                + "<p dir=\"rtl\" lang=\"ar\">لوحة المبيعات للمشرفين والمديرين. سجّل الدخول بمستخدم"
                + " Camunda من صفحة الدخول ثم ارجع إلى /dashboard.</p>"
            : "<p>"
                + escape(refusal.reason())
                + "</p><p dir=\"rtl\" lang=\"ar\">لوحة المبيعات للمشرفين والمديرين فقط. اطلب من"
                + " المدير إضافتك إلى مجموعة المشرفين.</p>"
                + "<p><a href=\""
                + contextPath
                + "/camunda/app/tasklist/\">Back to Tasklist</a></p>";
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + title
        + " — Wasla</title><link rel=\"stylesheet\" href=\""
        + contextPath
        + "/dashboard/dashboard.css\"></head><body class=\"refusal\"><main><h1 id=\"refusal\">"
        + title
        + "</h1><h2 dir=\"rtl\" lang=\"ar\">"
        + titleAr
        + "</h2>"
        + body
        + "</main></body></html>";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = new ClassPathResource(path).getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
