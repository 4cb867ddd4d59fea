package app.wasla.dialogue;

import app.wasla.support.PostgresTestDatabase;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dialogues whose flows keep state across turns (checkout, booking, interruptions,
 * conversation) on a real PostgreSQL ({@link app.wasla.support.PostgresTestDatabase}); {@code
 * -Ddialogue=...} picks others, as for {@link DialogueTest}.
 */
class DialoguePostgresTest extends DialogueScenarios {

  static final List<String> FLOW_FOLDERS =
      List.of("checkout/", "booking/", "interruptions/", "conversation/");

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> PostgresTestDatabase.url("wasla_dialogues", true));
    registry.add("spring.datasource.username", () -> PostgresTestDatabase.USER);
    registry.add("spring.datasource.password", () -> "");
  }

  @Override
  protected boolean runsByDefault(String name) {
    return FLOW_FOLDERS.stream().anyMatch(name::startsWith);
  }
}
