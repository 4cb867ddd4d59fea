package app.wasla.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;

/**
 * The current user as Camunda's identity service holds it, and work done as the system in between.
 */
class EngineIdentityTest {

  @Test
  void theSystemActsWithoutTheCallersAuthenticationWhichIsThenRestoredWhole() {
    try (RecordingEngine recording = new RecordingEngine("h2")) {
      IdentityService identity = recording.engine.getIdentityService();
      assertThat(EngineIdentity.currentUserId(identity)).isNull();
      identity.setAuthentication("sara", List.of("sales"), List.of("tenant"));

      String inside =
          EngineIdentity.asSystem(identity, () -> EngineIdentity.currentUserId(identity));

      assertThat(inside).isNull();
      assertThat(EngineIdentity.currentUserId(identity)).isEqualTo("sara");
      assertThat(identity.getCurrentAuthentication().getGroupIds()).containsExactly("sales");
      assertThat(identity.getCurrentAuthentication().getTenantIds()).containsExactly("tenant");
      identity.clearAuthentication();
      assertThat(EngineIdentity.asSystem(identity, () -> "done")).isEqualTo("done");
      assertThat(EngineIdentity.currentUserId(identity)).isNull();
    }
  }
}
