package app.wasla.webhook;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The webhook and API scenarios on the embedded H2. */
class WebhookH2Test extends WebhookScenarios {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:webhooks-it;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
  }
}
