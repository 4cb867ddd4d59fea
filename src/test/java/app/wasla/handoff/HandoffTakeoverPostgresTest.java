package app.wasla.handoff;

import app.wasla.support.PostgresTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The handoff takeover scenarios on a real PostgreSQL ({@link
 * app.wasla.support.PostgresTestDatabase}).
 */
class HandoffTakeoverPostgresTest extends HandoffTakeoverScenarios {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url", () -> PostgresTestDatabase.url("wasla_handoff_takeover_it", true));
    registry.add("spring.datasource.username", () -> PostgresTestDatabase.USER);
    registry.add("spring.datasource.password", () -> "");
  }
}
