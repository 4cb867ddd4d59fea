package app.wasla.persona.eval;

import app.wasla.persona.EmbeddedPersona;
import app.wasla.persona.Intents;
import app.wasla.persona.Persona;
import app.wasla.persona.PersonaResult;
import app.wasla.persona.PersonaTurn;
import app.wasla.persona.handoff.DmnHandoffRules;
import app.wasla.persona.nlp.HandoffModel;
import app.wasla.persona.nlp.IntentClassifier;
import app.wasla.persona.nlp.IntentModel;
import app.wasla.persona.playbook.PlaybookLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs the persona over a labelled split and computes its figures: intent accuracy and macro-F1 per
 * language form and per intent, sentiment accuracy, handoff precision and recall, latency per turn.
 * Run it with {@code ./mvnw -q -B test -Dtest=PersonaEvaluationTest}; it writes
 * target/persona-eval/report.md and report.json. {@code main} also does a 5-fold cross-validation
 * on the TRAIN split (the only thing tuning may look at).
 */
public final class PersonaEvaluation {

  public static final List<String> FORMS = List.of("ar-EG", "ar", "arabizi", "en", "mixed");

  /** One labelled message; {@code topic} is what it asks about (blind split only, else null). */
  public record Sample(
      String form, String intent, String sentiment, boolean handoff, String topic, String text) {}

  /** One prediction. */
  public record Prediction(Sample sample, PersonaResult result, long nanos) {}

  /** Precision, recall, F1 and support of one class. */
  public record Prf(double precision, double recall, double f1, int support) {}

  /** The figures. */
  public record Report(
      String split,
      int messages,
      double intentAccuracy,
      double intentMacroF1,
      Map<String, Map<String, Object>> perForm,
      Map<String, Prf> perIntent,
      double sentimentAccuracy,
      double languageAccuracy,
      double handoffPrecision,
      double handoffRecall,
      int handoffDue,
      double latencyMeanMs,
      double latencyP99Ms,
      List<String> errors) {}

  private PersonaEvaluation() {}

  public static List<Sample> load(String resource) {
    try (InputStream in = PersonaEvaluation.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The samples of a labelled TSV text. */
  public static List<Sample> parse(String tsv) {
    List<Sample> out = new ArrayList<>();
    for (String line : tsv.split("\\R")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      // five columns (train, heldout) or six with the topic before the text (blind)
      out.add(
          f.length >= 6
              ? new Sample(f[0], f[1], f[2], "1".equals(f[3]), f[4], f[5])
              : new Sample(f[0], f[1], f[2], "1".equals(f[3]), null, f[4]));
    }
    return out;
  }

  /**
   * Runs the persona over the samples (after about 3,000 warm-up turns, so latency is the
   * JIT-compiled steady state).
   */
  /** Whether this JVM has compiled the persona's code already: one warm-up serves every set. */
  private static volatile boolean warm;

  public static List<Prediction> run(Persona persona, List<Sample> samples) {
    // about 3,000 turns before the timed pass, once per JVM, so that the latency is the
    // compiled code's
    for (int done = 0; !warm && done < 3000 && !samples.isEmpty(); done += samples.size()) {
      samples.forEach(s -> persona.respond(PersonaTurn.of("eval", s.text())));
    }
    warm = true;
    List<Prediction> out = new ArrayList<>();
    for (Sample s : samples) {
      long t0 = System.nanoTime();
      PersonaResult r = persona.respond(PersonaTurn.of("eval", s.text()));
      out.add(new Prediction(s, r, System.nanoTime() - t0));
    }
    return out;
  }

  public static Report report(String split, List<Prediction> predictions) {
    Map<String, Map<String, Object>> perForm = new LinkedHashMap<>();
    for (String form : FORMS) {
      List<Prediction> p =
          predictions.stream().filter(x -> x.sample().form().equals(form)).toList();
      if (p.isEmpty()) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("messages", p.size());
      m.put(
          "intentAccuracy", round(accuracy(p, x -> x.sample().intent(), x -> x.result().intent())));
      m.put("intentMacroF1", round(macroF1(perClass(p))));
      m.put(
          "sentimentAccuracy",
          round(accuracy(p, x -> x.sample().sentiment(), x -> x.result().sentiment().label())));
      m.put(
          "languageAccuracy",
          round(accuracy(p, x -> x.sample().form(), x -> x.result().language().tag())));
      m.put("handoffPrecision", round(handoff(p)[0]));
      m.put("handoffRecall", round(handoff(p)[1]));
      perForm.put(form, m);
    }
    Map<String, Prf> perIntent = perClass(predictions);
    double[] h = handoff(predictions);
    long[] nanos = predictions.stream().mapToLong(Prediction::nanos).sorted().toArray();
    double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
    double p99 =
        nanos.length == 0
            ? 0
            : nanos[Math.min(nanos.length - 1, (int) Math.ceil(nanos.length * 0.99) - 1)] / 1e6;
    List<String> errors = new ArrayList<>();
    for (Prediction p : predictions) {
      Sample s = p.sample();
      PersonaResult r = p.result();
      if (!s.intent().equals(r.intent()) || s.handoff() != r.handoff()) {
        errors.add(
            s.form()
                + (s.topic() == null ? "" : " | " + s.topic())
                + " | "
                + s.intent()
                + " -> "
                + r.intent()
                + " ("
                + r.intentConfidence()
                + ")"
                + " | handoff "
                + s.handoff()
                + " -> "
                + r.handoff()
                + (r.handoffReason() == null ? "" : " (" + r.handoffReason() + ")")
                + " | "
                + s.text());
      }
    }
    return new Report(
        split,
        predictions.size(),
        round(accuracy(predictions, x -> x.sample().intent(), x -> x.result().intent())),
        round(macroF1(perIntent)),
        perForm,
        perIntent,
        round(
            accuracy(
                predictions, x -> x.sample().sentiment(), x -> x.result().sentiment().label())),
        round(accuracy(predictions, x -> x.sample().form(), x -> x.result().language().tag())),
        round(h[0]),
        round(h[1]),
        (int) h[2],
        round(mean),
        round(p99),
        errors);
  }

  /** [precision, recall, due]. */
  private static double[] handoff(List<Prediction> p) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (Prediction x : p) {
      boolean due = x.sample().handoff();
      boolean got = x.result().handoff();
      if (due && got) {
        tp++;
      } else if (got) {
        fp++;
      } else if (due) {
        fn++;
      }
    }
    return new double[] {
      tp + fp == 0 ? 1 : (double) tp / (tp + fp),
      tp + fn == 0 ? 1 : (double) tp / (tp + fn),
      tp + fn
    };
  }

  private static double accuracy(
      List<Prediction> p, Function<Prediction, String> gold, Function<Prediction, String> got) {
    return p.isEmpty()
        ? 0
        : (double) p.stream().filter(x -> gold.apply(x).equals(got.apply(x))).count() / p.size();
  }

  /** Per intent present in the gold labels of these predictions. */
  private static Map<String, Prf> perClass(List<Prediction> p) {
    Set<String> labels = new LinkedHashSet<>();
    Intents.ALL.stream()
        .filter(i -> p.stream().anyMatch(x -> x.sample().intent().equals(i)))
        .forEach(labels::add);
    Map<String, Prf> out = new LinkedHashMap<>();
    for (String l : labels) {
      int tp = 0;
      int fp = 0;
      int fn = 0;
      for (Prediction x : p) {
        boolean gold = x.sample().intent().equals(l);
        boolean got = x.result().intent().equals(l);
        if (gold && got) {
          tp++;
        } else if (got) {
          fp++;
        } else if (gold) {
          fn++;
        }
      }
      double prec = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
      double rec = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
      double f1 = prec + rec == 0 ? 0 : 2 * prec * rec / (prec + rec);
      out.put(l, new Prf(round(prec), round(rec), round(f1), tp + fn));
    }
    return out;
  }

  private static double macroF1(Map<String, Prf> perClass) {
    return perClass.values().stream().mapToDouble(Prf::f1).average().orElse(0);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** Writes report.md and report.json into the folder. */
  public static void write(Report r, Path dir) throws IOException {
    Files.createDirectories(dir);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(dir.resolve("report.json").toFile(), r);
    Files.writeString(dir.resolve("report.md"), markdown(r), StandardCharsets.UTF_8);
  }

  public static String markdown(Report r) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Persona evaluation (")
        .append(r.split())
        .append(", ")
        .append(r.messages())
        .append(" messages)\n\n");
    sb.append("| figure | value |\n|---|---|\n");
    sb.append(row("intent accuracy", r.intentAccuracy()))
        .append(row("intent macro-F1", r.intentMacroF1()))
        .append(row("sentiment accuracy", r.sentimentAccuracy()))
        .append(row("language/script accuracy", r.languageAccuracy()))
        .append(row("handoff precision", r.handoffPrecision()))
        .append(row("handoff recall", r.handoffRecall()))
        .append("| handoffs due | ")
        .append(r.handoffDue())
        .append(" |\n")
        .append(
            String.format(
                Locale.ROOT,
                "| latency mean / p99 | %.3f ms / %.3f ms |%n",
                r.latencyMeanMs(),
                r.latencyP99Ms()));
    sb.append(
        "\n## Per language form\n\n| form | n | intent acc | intent macro-F1 | sentiment acc | language acc | handoff precision | handoff recall |\n|---|---|---|---|---|---|---|---|\n");
    r.perForm()
        .forEach(
            (form, m) ->
                sb.append("| ")
                    .append(form)
                    .append(" | ")
                    .append(m.get("messages"))
                    .append(" | ")
                    .append(m.get("intentAccuracy"))
                    .append(" | ")
                    .append(m.get("intentMacroF1"))
                    .append(" | ")
                    .append(m.get("sentimentAccuracy"))
                    .append(" | ")
                    .append(m.get("languageAccuracy"))
                    .append(" | ")
                    .append(m.get("handoffPrecision"))
                    .append(" | ")
                    .append(m.get("handoffRecall"))
                    .append(" |\n"));
    sb.append(
        "\n## Per intent\n\n| intent | precision | recall | F1 | support |\n|---|---|---|---|---|\n");
    r.perIntent()
        .forEach(
            (i, p) ->
                sb.append("| ")
                    .append(i)
                    .append(" | ")
                    .append(p.precision())
                    .append(" | ")
                    .append(p.recall())
                    .append(" | ")
                    .append(p.f1())
                    .append(" | ")
                    .append(p.support())
                    .append(" |\n"));
    sb.append("\n## Misclassified or wrong handoff\n\n");
    r.errors().forEach(e -> sb.append("- ").append(e.replace("|", "\\|")).append('\n'));
    return sb.toString();
  }

  private static String row(String name, double v) {
    return "| " + name + " | " + String.format(Locale.ROOT, "%.3f", v) + " |\n";
  }

  /** The default embedded persona. */
  public static EmbeddedPersona persona() {
    return EmbeddedPersona.createDefault();
  }

  /**
   * 5-fold cross-validation on the TRAIN split: the intent model of each fold never sees the fold
   * it is scored on.
   */
  public static Report crossValidateTrain(double lexiconWeight) {
    List<Sample> train = load("persona/eval/train.tsv");
    var playbook = PlaybookLoader.loadDefault();
    var rules = DmnHandoffRules.load();
    List<Prediction> all = new ArrayList<>();
    int k = 5;
    for (int fold = 0; fold < k; fold++) {
      List<IntentModel.Example> fit = new ArrayList<>();
      List<Sample> test = new ArrayList<>();
      for (int i = 0; i < train.size(); i++) {
        if (i % k == fold) {
          test.add(train.get(i));
        } else {
          fit.add(
              new IntentModel.Example(
                  train.get(i).text(), train.get(i).intent(), train.get(i).handoff()));
        }
      }
      var classifier =
          new IntentClassifier(
              new IntentModel(Intents.ALL, fit, 0.3), new HandoffModel(fit), lexiconWeight);
      all.addAll(run(new EmbeddedPersona("Nour", playbook, classifier, rules), test));
    }
    return report("train (5-fold CV)", all);
  }

  public static void main(String[] args) throws IOException {
    double w = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
    Report r = crossValidateTrain(w);
    write(r, Path.of("target/persona-eval/train-cv"));
    System.out.println(markdown(r));
  }
}
