package app.wasla.reports;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The report scenarios on the embedded H2. */
class ReportsH2Test extends ReportScenarios {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:reports-it;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
  }
}
