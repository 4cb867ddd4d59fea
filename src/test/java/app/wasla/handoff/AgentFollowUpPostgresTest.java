package app.wasla.handoff;

import app.wasla.support.PostgresTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link AgentFollowUpHttpTest} on a real PostgreSQL ({@link PostgresTestDatabase}): the outbox's
 * insert with its author, the transcript's query and the persona's look for a person's recent
 * message as PostgreSQL runs them.
 */
class AgentFollowUpPostgresTest extends AgentFollowUpHttpTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url", () -> PostgresTestDatabase.url("wasla_agent_follow_up_it", true));
    registry.add("spring.datasource.username", () -> PostgresTestDatabase.USER);
    registry.add("spring.datasource.password", () -> "");
  }
}
