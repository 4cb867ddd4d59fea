package app.wasla.inbox;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The inbox's API on the embedded H2. */
class InboxApiH2Test extends InboxApiScenarios {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:inbox-api;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
  }
}
