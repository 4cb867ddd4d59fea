package app.wasla.reports;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.support.BrowserScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The report scenarios on the embedded H2, and the dashboard in a real browser:
 * e2e/dashboard.spec.mjs drives Debian's Chromium through playwright-core against this application
 * after the script played, and checks the figures shown against the script, the Arabic switch and
 * the refusals. Its screenshots land in target/e2e/ (docs/reports.md: how they become
 * docs/dashboard.png and docs/dashboard-ar.png).
 */
class ReportsH2Test extends ReportScenarios {

  private static final Path SCREENSHOTS = BrowserScript.PROJECT.resolve("target/e2e");

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:reports-it;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
  }

  @Test
  void theDashboardShowsTheScriptsFiguresInEnglishAndArabic() throws Exception {
    BrowserScript.requireBrowser();
    Files.createDirectories(SCREENSHOTS);
    Files.deleteIfExists(SCREENSHOTS.resolve("dashboard.png"));
    Files.deleteIfExists(SCREENSHOTS.resolve("dashboard-ar.png"));
    Path expected = SCREENSHOTS.resolve("dashboard-expected.json");
    Map<String, Object> figures =
        Map.ofEntries(
            Map.entry("conversationsStarted", 8),
            Map.entry("orders", 2),
            Map.entry("paidOrders", 1),
            Map.entry("revenueEgp", A15),
            Map.entry("averageOrderValueEgp", A15),
            Map.entry("handoffs", 2),
            Map.entry("takeovers", 1),
            Map.entry("slaBreaches", 2),
            Map.entry("optOuts", 2),
            Map.entry("unansweredQuestions", 2),
            Map.entry("personWaiting", 1));
    Files.writeString(
        expected,
        JSON.writeValueAsString(
            Map.of(
                "figures",
                figures,
                "funnel",
                List.of(4, 2, 1),
                "unanswered",
                "do you do gift wrapping?",
                "reasons",
                List.of("customer_asked=1", "unanswered_question=1"),
                "other",
                Map.of("number", OTHER_NUMBER, "conversationsStarted", 1))));
    BrowserScript.run(
        "dashboard.spec.mjs", 180, base(), SCREENSHOTS.toString(), expected.toString());
    assertThat(SCREENSHOTS.resolve("dashboard.png")).exists().isNotEmptyFile();
    assertThat(SCREENSHOTS.resolve("dashboard-ar.png")).exists().isNotEmptyFile();
  }
}
