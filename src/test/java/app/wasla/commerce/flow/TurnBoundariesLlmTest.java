package app.wasla.commerce.flow;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** An LLM persona: a job before every persona step of every conversation flow, nothing else. */
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:turns-llm;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "wasla.mailbox.enabled=false",
      "wasla.persona.provider=openai",
      "wasla.persona.openai.base-url=http://127.0.0.1:9/v1",
      "wasla.persona.openai.api-key=sk-test-secret",
      "wasla.persona.openai.model=test-model"
    })
class TurnBoundariesLlmTest extends TurnBoundariesCase {

  @Override
  Map<String, Set<String>> configured() {
    return PERSONA_STEPS;
  }

  @Test
  void everyPersonaStepWaitsForAJob() {
    assertJobsAsConfigured();
  }
}
