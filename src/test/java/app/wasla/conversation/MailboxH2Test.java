package app.wasla.conversation;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The mailbox scenarios on the embedded H2. */
class MailboxH2Test extends MailboxScenarios {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:mailbox-it;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
  }
}
