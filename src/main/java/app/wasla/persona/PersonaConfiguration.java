package app.wasla.persona;

import app.wasla.persona.handoff.DmnHandoffRules;
import app.wasla.persona.handoff.HandoffRules;
import app.wasla.persona.learning.LearnedPersona;
import app.wasla.persona.learning.PersonaLearning;
import app.wasla.persona.openai.OpenAiPersona;
import app.wasla.persona.openai.OpenAiSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Exposes the one {@link Persona} bean that wasla.persona.provider names (embedded or openai). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PersonaProperties.class)
public class PersonaConfiguration {

  @Bean
  HandoffRules handoffRules(PersonaProperties properties) {
    return DmnHandoffRules.load(properties.handoffRulesPath());
  }

  @Bean
  Persona persona(
      PersonaProperties properties,
      HandoffRules handoffRules,
      ObjectProvider<PersonaUsage.Listener> usage,
      PersonaLearning learning) {
    // the LLM falls back on the model of start-up; the embedded persona answers with the latest one
    EmbeddedPersona embedded = learning.persona();
    return switch (properties.provider().strip().toLowerCase()) {
      case "embedded" -> new LearnedPersona(learning);
      case "openai" -> {
        PersonaProperties.OpenAi o = properties.openai();
        yield new OpenAiPersona(
            new OpenAiSettings(
                o.baseUrl(),
                o.apiKey(),
                o.model(),
                o.connectTimeout(),
                o.readTimeout(),
                o.maxAttempts(),
                o.sendManualTags()),
            properties.name(),
            embedded,
            handoffRules,
            usage.getIfAvailable(() -> PersonaUsage.Listener.NONE));
      }
      default ->
          throw new IllegalStateException(
              "wasla.persona.provider must be embedded or openai, not " + properties.provider());
    };
  }
}
