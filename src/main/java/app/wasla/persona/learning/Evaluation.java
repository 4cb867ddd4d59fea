package app.wasla.persona.learning;

import app.wasla.persona.Intents;
import app.wasla.persona.nlp.IntentClassifier;
import app.wasla.persona.nlp.IntentModel;
import app.wasla.persona.nlp.TextView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How well the intent classifier reads messages it was not trained on: a k-fold cross-validation of
 * all the training examples (shipped, the analyst's and the agents'), every example read by a model
 * trained on the other folds. Accuracy and macro-F1 over the intents, overall and per form (ar-EG,
 * ar, arabizi, en, mixed).
 */
public record Evaluation(
    String method, int examples, double accuracy, double macroF1, Map<String, Score> perForm) {

  /** One group's figures. */
  public record Score(int examples, double accuracy, double macroF1) {}

  /**
   * Runs the cross-validation; {@code train} builds a classifier from examples as the running one
   * is built.
   */
  static Evaluation crossValidate(
      List<TrainingExample> all,
      int folds,
      Function<List<TrainingExample>, IntentClassifier> train) {
    List<String[]> readings = new ArrayList<>(); // form, expected, predicted
    for (int fold = 0; fold < folds; fold++) {
      List<TrainingExample> training = new ArrayList<>();
      List<TrainingExample> held = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        (i % folds == fold ? held : training).add(all.get(i));
      }
      if (held.isEmpty()) {
        continue;
      }
      IntentClassifier classifier = train.apply(training);
      for (TrainingExample e : held) {
        readings.add(
            new String[] {
              e.form() == null ? "unknown" : e.form(),
              e.intent(),
              classifier.classify(TextView.of(e.text())).intent()
            });
      }
    }
    Map<String, List<String[]>> byForm = new TreeMap<>();
    for (String[] r : readings) {
      byForm.computeIfAbsent(r[0], f -> new ArrayList<>()).add(r);
    }
    Map<String, Score> perForm = new LinkedHashMap<>();
    byForm.forEach((form, rows) -> perForm.put(form, score(rows)));
    Score overall = score(readings);
    return new Evaluation(
        folds + "-fold cross-validation of the training examples",
        overall.examples(),
        overall.accuracy(),
        overall.macroF1(),
        perForm);
  }

  /** The share of {@code examples} that {@code classifier} reads as their intent. */
  static Score readBy(List<TrainingExample> examples, IntentClassifier classifier) {
    List<String[]> rows = new ArrayList<>();
    for (TrainingExample e : examples) {
      rows.add(
          new String[] {e.form(), e.intent(), classifier.classify(TextView.of(e.text())).intent()});
    }
    return score(rows);
  }

  private static Score score(List<String[]> rows) {
    if (rows.isEmpty()) {
      return new Score(0, 0, 0);
    }
    int right = 0;
    Map<String, int[]> counts = new HashMap<>(); // true positives, false positives, false negatives
    for (String[] r : rows) {
      if (r[1].equals(r[2])) {
        right++;
        counts.computeIfAbsent(r[1], k -> new int[3])[0]++;
      } else {
        counts.computeIfAbsent(r[2], k -> new int[3])[1]++;
        counts.computeIfAbsent(r[1], k -> new int[3])[2]++;
      }
    }
    double f1Sum = 0;
    int intents = 0;
    for (String intent : Intents.ALL) {
      int[] c = counts.get(intent);
      if (c == null) {
        continue; // neither expected nor predicted in this group
      }
      intents++;
      double precision = c[0] + c[1] == 0 ? 0 : c[0] / (double) (c[0] + c[1]);
      double recall = c[0] + c[2] == 0 ? 0 : c[0] / (double) (c[0] + c[2]);
      f1Sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }
    return new Score(
        rows.size(),
        round(right / (double) rows.size()),
        round(intents == 0 ? 0 : f1Sum / intents));
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /**
   * The examples as the naive Bayes model takes them, each repeated {@code weight} times unless
   * shipped.
   */
  static List<IntentModel.Example> forModel(List<TrainingExample> examples, int weight) {
    List<IntentModel.Example> out = new ArrayList<>(examples.size());
    for (TrainingExample e : examples) {
      int times = e.source() == TrainingExample.Source.SHIPPED ? 1 : Math.max(1, weight);
      for (int i = 0; i < times; i++) {
        out.add(new IntentModel.Example(e.text(), e.intent(), e.handoffDue()));
      }
    }
    return out;
  }
}
