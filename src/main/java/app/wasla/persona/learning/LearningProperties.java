package app.wasla.persona.learning;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * wasla.persona.learning.*: whether the embedded persona retrains while running, how often it looks
 * for a changed examples file, playbook or new corrections (also other nodes'), how long it waits
 * after a correction for more, how much an analyst's or agent's example weighs against a shipped
 * one, and the folds of the evaluation.
 */
@ConfigurationProperties("wasla.persona.learning")
public record LearningProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("2s") Duration pollInterval,
    @DefaultValue("1s") Duration debounce,
    @DefaultValue("3") int exampleWeight,
    @DefaultValue("5") int folds) {}
