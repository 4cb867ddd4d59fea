package app.wasla.persona.learning;

/**
 * One labelled message the intent model learns from: the intent, the text, its form (language tag,
 * may be null).
 */
public record TrainingExample(String intent, String text, String form, Source source) {

  /** Where an example comes from. */
  public enum Source {
    /** The shipped training data (persona/model/intent-train.tsv). */
    SHIPPED,
    /** The analyst's examples.tsv beside the playbook. */
    EXAMPLES_FILE,
    /** An agent's correction in the handoff form. */
    CORRECTION
  }
}
