package app.wasla.persona.learning;

import app.wasla.persona.Intents;

/**
 * One labelled message the intent model learns from: the intent, the text, its form (language tag,
 * may be null).
 */
public record TrainingExample(
    String intent, String text, String form, Source source, Boolean handoffDue) {

  /**
   * An example whose handoff label follows from its intent: a complaint or a request for a person
   * is due one, an order may be (a big one), anything else is the bot's to answer.
   */
  public TrainingExample(String intent, String text, String form, Source source) {
    this(intent, text, form, source, dueFor(intent));
  }

  static Boolean dueFor(String intent) {
    if (Intents.COMPLAINT.equals(intent) || Intents.HUMAN_REQUEST.equals(intent)) {
      return true;
    }
    return Intents.ORDER.equals(intent) ? null : false;
  }

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
