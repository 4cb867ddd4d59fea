package app.wasla.webhook;

import app.wasla.support.PostgresTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The webhook and API scenarios on a real PostgreSQL ({@link
 * app.wasla.support.PostgresTestDatabase}).
 */
class WebhookPostgresTest extends WebhookScenarios {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url", () -> PostgresTestDatabase.url("wasla_webhooks_it", true));
    registry.add("spring.datasource.username", () -> PostgresTestDatabase.USER);
    registry.add("spring.datasource.password", () -> "");
  }
}
