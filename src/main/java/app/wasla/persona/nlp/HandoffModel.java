package app.wasla.persona.nlp;

import java.util.List;

/**
 * How likely a message is one a person should take over, learned from the training messages' own
 * handoff labels (a complaint put mildly, sarcasm, a corporate order, a person asked for in words
 * no lexicon names) with the intent model's features. The readings and the handoff rules decide
 * first; this is the second opinion that catches what they do not name.
 */
public final class HandoffModel {

  private static final String PERSON = "person";
  private static final String BOT = "bot";

  private final IntentModel model;

  public HandoffModel(List<IntentModel.Example> examples) {
    List<IntentModel.Example> labelled =
        examples.stream()
            .filter(e -> e.handoffDue() != null)
            .map(e -> new IntentModel.Example(e.text(), e.handoffDue() ? PERSON : BOT))
            .toList();
    this.model = labelled.isEmpty() ? null : new IntentModel(List.of(PERSON, BOT), labelled, 0.3);
  }

  /** The probability (0..1) that a person should take this message over; 0 without a model. */
  public double due(TextView text) {
    return model == null ? 0 : model.posteriors(text)[0];
  }
}
