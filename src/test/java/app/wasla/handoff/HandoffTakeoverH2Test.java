package app.wasla.handoff;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The handoff takeover scenarios on the embedded H2. */
class HandoffTakeoverH2Test extends HandoffTakeoverScenarios {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:handoff-takeover;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
  }
}
