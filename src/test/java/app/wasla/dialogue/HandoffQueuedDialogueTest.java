package app.wasla.dialogue;

import app.wasla.handoff.AgentPresence;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dialogues of src/test/resources/dialogues-handoff-queued with every demo agent away, through
 * the same real path as {@link DialogueTest}: each handoff waits in its team's queue with nobody at
 * it, so the bot answers what it can meanwhile (docs/handoffs.md, "The bot answers while nobody
 * holds the handoff").
 */
class HandoffQueuedDialogueTest extends DialogueScenarios {

  @Autowired AgentPresence presence;

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:dialogues-handoff-queued;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
  }

  @BeforeEach
  void everyAgentAway() {
    List.of("sara", "omar", "mona", "demo").forEach(u -> presence.setAvailable(u, false));
  }

  @Override
  protected String folder() {
    return "dialogues-handoff-queued";
  }

  @Override
  protected String filter() {
    return System.getProperty("dialogue.queued", "");
  }
}
