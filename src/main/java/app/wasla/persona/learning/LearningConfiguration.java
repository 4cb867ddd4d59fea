package app.wasla.persona.learning;

import app.wasla.persona.PersonaProperties;
import app.wasla.persona.ProductStock;
import app.wasla.persona.handoff.HandoffRules;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The learning embedded persona: built at start-up, watching for changes once the application is
 * ready.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LearningProperties.class)
public class LearningConfiguration {

  @Bean(destroyMethod = "stop")
  PersonaLearning personaLearning(
      PersonaProperties persona,
      HandoffRules handoffRules,
      Corrections corrections,
      LearningProperties props,
      Clock clock,
      ObjectProvider<ProductStock> stock) {
    // looked up at each read: the commerce side that implements it may come later than this bean
    ProductStock shop =
        sku -> {
          ProductStock s = stock.getIfAvailable();
          return s == null ? ProductStock.Availability.UNKNOWN : s.availability(sku);
        };
    return new PersonaLearning(
        persona.name(), persona.playbookPath(), handoffRules, corrections, props, clock, shop);
  }

  @Bean
  Triggers personaLearningTriggers(PersonaLearning learning) {
    return new Triggers(learning);
  }

  /**
   * Starts the watching when the application is ready; a saved correction schedules a retrain once
   * committed.
   */
  static final class Triggers {
    private final PersonaLearning learning;

    Triggers(PersonaLearning learning) {
      this.learning = learning;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
      learning.start();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void saved(Corrections.Saved saved) {
      learning.correctionSaved();
    }
  }
}
