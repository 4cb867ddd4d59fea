package app.wasla.engine;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.commerce.CommerceProperties;
import app.wasla.persona.PersonaProperties;
import java.time.Duration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A job a killed node had locked (a turn answered in a job among them) is free again for another
 * node or the next start soon, and not while a live node may still be running it. The shipped
 * configuration, in the application's default context (shared with the other classes that use it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JobLocksTest {

  @Autowired ProcessEngine engine;
  @Autowired PersonaProperties persona;
  @Autowired CommerceProperties commerce;

  @Test
  void aJobIsLockedLongerThanItsLongestCallAndShorterThanCamundasFiveMinutes() {
    long lock =
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
            .getJobExecutor()
            .getLockTimeInMillis();
    PersonaProperties.OpenAi llm = persona.openai();
    Duration llmCall = llm.connectTimeout().plus(llm.readTimeout()).multipliedBy(llm.maxAttempts());
    Duration backendCall = commerce.http().connectTimeout().plus(commerce.http().readTimeout());
    // a shorter lock lets a second node run a job that is still running (its calls made twice)
    assertThat(Duration.ofMillis(lock)).isGreaterThan(llmCall).isGreaterThan(backendCall);
    // Camunda's default: a killed node's jobs (turns answered in a job) waited 5 minutes
    assertThat(Duration.ofMillis(lock)).isLessThan(Duration.ofMinutes(5));
  }
}
