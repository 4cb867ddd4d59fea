package app.wasla.persona.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Multinomial naive Bayes over normalised words, clitic-stripped words, word pairs and character 3-
 * and 4-grams. Trained at start-up (a few milliseconds) from the labelled utterances shipped as
 * {@code persona/model/intent-train.tsv}, a copy of the evaluation set's TRAIN split.
 */
public final class IntentModel {

  /**
   * One labelled utterance; {@code handoffDue} says whether a person should take the conversation
   * over (null where the source does not say).
   */
  public record Example(String text, String intent, Boolean handoffDue) {

    public Example(String text, String intent) {
      this(text, intent, null);
    }
  }

  public static final String DEFAULT_RESOURCE = "persona/model/intent-train.tsv";

  private final List<String> intents;
  private final Map<String, double[]> logLikelihood = new HashMap<>();
  private final double[] unseen;
  private final double[] logPrior;

  public IntentModel(List<String> intents, List<Example> examples, double alpha) {
    this.intents = List.copyOf(intents);
    int k = intents.size();
    Map<String, double[]> counts = new HashMap<>();
    double[] totals = new double[k];
    double[] docs = new double[k];
    for (Example e : examples) {
      int c = intents.indexOf(e.intent());
      if (c < 0) {
        continue;
      }
      docs[c]++;
      for (String f : features(TextView.of(e.text()))) {
        counts.computeIfAbsent(f, x -> new double[k])[c]++;
        totals[c]++;
      }
    }
    int vocabulary = counts.size();
    unseen = new double[k];
    logPrior = new double[k];
    for (int c = 0; c < k; c++) {
      unseen[c] = Math.log(alpha / (totals[c] + alpha * vocabulary));
      logPrior[c] = Math.log((docs[c] + 1) / (examples.size() + k));
    }
    for (Map.Entry<String, double[]> en : counts.entrySet()) {
      double[] ll = new double[k];
      for (int c = 0; c < k; c++) {
        ll[c] = Math.log((en.getValue()[c] + alpha) / (totals[c] + alpha * vocabulary));
      }
      logLikelihood.put(en.getKey(), ll);
    }
  }

  /** The model trained on the shipped utterances. */
  public static IntentModel fromResource(List<String> intents, String resource) {
    return trainedOn(intents, load(resource));
  }

  /** A model with the default smoothing, trained on these utterances. */
  public static IntentModel trainedOn(List<String> intents, List<Example> examples) {
    return new IntentModel(intents, examples, 0.3);
  }

  /** Reads "form, intent, sentiment, handoff, text" or "intent, text" rows. */
  public static List<Example> load(String resource) {
    try (InputStream in = IntentModel.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Example> parse(String tsv) {
    List<Example> out = new ArrayList<>();
    for (String line : tsv.split("\\R")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      if (f.length >= 5) {
        out.add(new Example(f[4], f[1], "1".equals(f[3].strip())));
      } else if (f.length == 2) {
        out.add(new Example(f[1], f[0]));
      }
    }
    return out;
  }

  /**
   * Posterior probabilities per intent (in the order given at construction), tempered so they are
   * not all 0 or 1.
   */
  public double[] posteriors(TextView text) {
    int k = intents.size();
    double[] score = logPrior.clone();
    List<String> feats = features(text);
    int known = 0;
    for (String f : feats) {
      double[] ll = logLikelihood.get(f);
      if (ll == null) {
        continue;
      }
      known++;
      for (int c = 0; c < k; c++) {
        score[c] += ll[c];
      }
    }
    double temperature = Math.max(1.0, known / 6.0);
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      score[c] /= temperature;
      max = Math.max(max, score[c]);
    }
    double sum = 0;
    for (int c = 0; c < k; c++) {
      score[c] = Math.exp(score[c] - max);
      sum += score[c];
    }
    for (int c = 0; c < k; c++) {
      score[c] /= sum;
    }
    if (known == 0) {
      java.util.Arrays.fill(score, 1.0 / k);
    }
    return score;
  }

  public List<String> intents() {
    return intents;
  }

  static List<String> features(TextView text) {
    List<String> f = new ArrayList<>();
    List<String> tokens = text.tokens();
    List<String> stems = text.stems();
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      f.add("w:" + t);
      if (!stems.get(i).equals(t)) {
        f.add("w:" + stems.get(i));
      }
      if (i > 0) {
        f.add("b:" + stems.get(i - 1) + "_" + stems.get(i));
      }
      String padded = " " + stems.get(i) + " ";
      for (int n = 3; n <= 4; n++) {
        for (int j = 0; j + n <= padded.length(); j++) {
          f.add("c:" + padded.substring(j, j + n));
        }
      }
    }
    return f;
  }
}
