package app.wasla.campaign;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link CampaignScenarios} on H2, as shipped. */
class CampaignCloudTest extends CampaignScenarios {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:campaign-cloud;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
  }
}
