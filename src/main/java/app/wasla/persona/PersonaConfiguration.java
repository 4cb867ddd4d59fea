package app.wasla.persona;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.wasla.persona.handoff.DmnHandoffRules;
import app.wasla.persona.handoff.HandoffRules;
import app.wasla.persona.nlp.IntentClassifier;
import app.wasla.persona.openai.OpenAiPersona;
import app.wasla.persona.openai.OpenAiSettings;
import app.wasla.persona.playbook.PlaybookLoader;

/** Exposes the one {@link Persona} bean that wasla.persona.provider names (embedded or openai). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PersonaProperties.class)
public class PersonaConfiguration {

    @Bean
    HandoffRules handoffRules(PersonaProperties properties) {
        return DmnHandoffRules.load(properties.handoffRulesPath());
    }

    @Bean
    Persona persona(PersonaProperties properties, HandoffRules handoffRules, ObjectProvider<PersonaUsage.Listener> usage) {
        EmbeddedPersona embedded = new EmbeddedPersona(properties.name(), PlaybookLoader.load(properties.playbookPath()),
                IntentClassifier.createDefault(), handoffRules);
        return switch (properties.provider().strip().toLowerCase()) {
            case "embedded" -> embedded;
            case "openai" -> {
                PersonaProperties.OpenAi o = properties.openai();
                yield new OpenAiPersona(new OpenAiSettings(o.baseUrl(), o.apiKey(), o.model(), o.connectTimeout(),
                        o.readTimeout(), o.maxAttempts(), o.sendManualTags()), properties.name(), embedded, handoffRules,
                        usage.getIfAvailable(() -> PersonaUsage.Listener.NONE));
            }
            default -> throw new IllegalStateException("wasla.persona.provider must be embedded or openai, not " + properties.provider());
        };
    }
}
