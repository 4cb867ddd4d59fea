package app.wasla.dialogue;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every dialogue of src/test/resources/dialogues on the embedded H2 (docs/dialogues.md). */
class DialogueTest extends DialogueScenarios {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:dialogues;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
  }
}
