package app.wasla.reports;

import app.wasla.support.PostgresTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The report scenarios on a real PostgreSQL ({@link PostgresTestDatabase}). */
class ReportsPostgresTest extends ReportScenarios {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> PostgresTestDatabase.url("wasla_reports_it", true));
    registry.add("spring.datasource.username", () -> PostgresTestDatabase.USER);
    registry.add("spring.datasource.password", () -> "");
  }
}
