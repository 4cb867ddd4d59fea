package app.wasla.crm;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The CRM scenarios on the embedded H2. */
class CrmH2Test extends CrmScenarios {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url", () -> "jdbc:h2:mem:crm-it;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
  }
}
