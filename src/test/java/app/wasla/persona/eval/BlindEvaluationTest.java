package app.wasla.persona.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The persona's figures on the BLIND splits: customer messages written by people who had not seen
 * the code, the lexicons or the training data (src/test/resources/persona/eval/blind-brief.md is
 * all they were given). Nothing is tuned on them. {@code blind.tsv} came first and its aggregates
 * were read while the persona improved; {@code blind-2.tsv}, {@code blind-3.tsv} and {@code
 * blind-4.tsv}, by two other writers each, are the fresher ones (read as aggregates only). Each
 * writes target/persona-eval/&lt;name&gt;/report.md and report.json; the floors sit just under what
 * the embedded persona reaches today, so a regression on unseen text fails the build, and they rise
 * as it improves. Run: {@code ./mvnw -q -B test -Dtest=BlindEvaluationTest}
 */
class BlindEvaluationTest {

  @Test
  void firstBlindSetStaysAboveItsFloors() throws Exception {
    // first blind run (docs/persona.md): macro-F1 ar-EG 0.693, ar 0.707, arabizi 0.636, en 0.735;
    // handoff recall 0.662, precision 0.682. Three rounds of outside-style training text, store
    // topics, registers, complaint and request wording later: ar-EG 0.874, ar 0.899, arabizi
    // 0.901, en 0.915; recall 0.900, precision 0.866. With outside-written training text: ar-EG
    // 0.904, ar 0.921, arabizi 0.899, en 0.937; recall 0.910, precision 0.876. With complaints
    // that need dissatisfaction, order changes and the third development set's readings: ar-EG
    // 0.920, ar 0.952, arabizi 0.913, en 0.950; recall 0.940, precision 0.926. With the fourth
    // development set's readings: ar-EG 0.929, ar 0.948, arabizi 0.925, en 0.960; recall 0.940,
    // precision 0.931. With the sixth development set's frames (waiting, money, promises): ar-EG
    // 0.926, ar 0.938, arabizi 0.930, en 0.960; recall 0.955, precision 0.928 (MSA intents lost
    // 0.010 where the handoffs gained).
    assertFloors(
        "blind",
        evaluate("blind"),
        new Floors(0.95, 0.92, Map.of("ar-EG", 0.92, "ar", 0.93, "arabizi", 0.92, "en", 0.95)));
  }

  @Test
  void secondBlindSetStaysAboveItsFloors() throws Exception {
    // first read, the persona as the third round left it: macro-F1 ar-EG 0.872, ar 0.896,
    // arabizi 0.836, en 0.892 (all 0.878); handoff recall 0.798, precision 0.810. With the
    // outside-written training text: ar-EG 0.900, ar 0.908, arabizi 0.852, en 0.910 (all 0.896);
    // recall 0.793, precision 0.846. With the learned handoff model's second opinion, order values
    // summed per product and the threats to go elsewhere: ar-EG 0.919, ar 0.901, arabizi 0.868,
    // en 0.893 (all 0.899); recall 0.841, precision 0.845. English intents lost 0.009 (0.888
    // with the handoff model alone): a turn it hands over is read as a complaint or a request for
    // a person, which the writers may have labelled by its topic. With handed-over questions
    // keeping their topic, the follow-up, budget and comparison readings: ar-EG 0.924, ar 0.908,
    // arabizi 0.895, en 0.893 (all 0.909); recall 0.851, precision 0.855. With complaints that
    // need dissatisfaction, order changes and the third development set's readings: ar-EG 0.931,
    // ar 0.924, arabizi 0.889, en 0.894 (all 0.914); recall 0.865, precision 0.896. With the fourth
    // development set's readings: ar-EG 0.931, ar 0.929, arabizi 0.917, en 0.906 (all 0.924);
    // recall 0.875, precision 0.910. With the sixth development set's frames: ar-EG 0.940, ar
    // 0.924, arabizi 0.917, en 0.908 (all 0.926); recall 0.894, precision 0.912.
    assertFloors(
        "blind-2",
        evaluate("blind-2"),
        new Floors(0.88, 0.90, Map.of("ar-EG", 0.92, "ar", 0.92, "arabizi", 0.91, "en", 0.90)));
  }

  @Test
  void thirdBlindSetStaysAboveItsFloors() throws Exception {
    // two more writers, neither set seen; first read, the persona as the learned handoff model
    // left it: macro-F1 ar-EG 0.878, ar 0.916, arabizi 0.852, en 0.922 (all 0.895); handoff
    // recall 0.882, precision 0.860. With handed-over questions keeping their topic, the
    // follow-up, budget and comparison readings: ar-EG 0.873, ar 0.916, arabizi 0.871, en 0.916
    // (all 0.897); recall 0.882, precision 0.856. With complaints that need dissatisfaction,
    // order changes and the third development set's readings: ar-EG 0.882, ar 0.933, arabizi
    // 0.887, en 0.928 (all 0.911); recall 0.872, precision 0.899. With the fourth development
    // set's readings: ar-EG 0.900, ar 0.940, arabizi 0.919, en 0.938 (all 0.927); recall 0.882,
    // precision 0.915. With the sixth development set's frames: ar-EG 0.907, ar 0.933, arabizi
    // 0.919, en 0.938 (all 0.927); recall 0.903, precision 0.912.
    assertFloors(
        "blind-3",
        evaluate("blind-3"),
        new Floors(0.89, 0.91, Map.of("ar-EG", 0.89, "ar", 0.93, "arabizi", 0.91, "en", 0.93)));
  }

  @Test
  void fourthBlindSetStaysAboveItsFloors() throws Exception {
    // two more writers, sealed until read; first read, the persona as the third development
    // set's readings left it: macro-F1 ar-EG 0.929, ar 0.920, arabizi 0.907, en 0.942 (all
    // 0.927); handoff recall 0.916, precision 0.925. With the fourth development set's readings
    // and the fixes from customers in the simulator: ar-EG 0.936, ar 0.920, arabizi 0.915, en
    // 0.950 (all 0.934); recall 0.911, precision 0.934. With the sixth development set's frames:
    // ar-EG 0.936, ar 0.917, arabizi 0.920, en 0.946 (all 0.933); recall 0.926, precision 0.935.
    assertFloors(
        "blind-4",
        evaluate("blind-4"),
        new Floors(0.91, 0.92, Map.of("ar-EG", 0.93, "ar", 0.91, "arabizi", 0.91, "en", 0.94)));
  }

  @Test
  void fifthBlindSetStaysAboveItsFloors() throws Exception {
    // two more writers (Q: ar, en; R: ar-EG, arabizi), sealed until read; first read, the persona
    // as the fourth development set's readings left it: macro-F1 ar-EG 0.896, ar 0.919, arabizi
    // 0.912, en 0.880 (all 0.904); handoff recall 0.842, precision 0.890. With the fifth
    // development set's grievance frames and the fixes from customers in the simulator: ar-EG
    // 0.896, ar 0.924, arabizi 0.912, en 0.884 (all 0.906); recall 0.852, precision 0.891. With
    // the sixth development set's frames: ar-EG 0.896, ar 0.919, arabizi 0.918, en 0.888 (all
    // 0.907); recall 0.863, precision 0.893.
    assertFloors(
        "blind-5",
        evaluate("blind-5"),
        new Floors(0.85, 0.88, Map.of("ar-EG", 0.88, "ar", 0.91, "arabizi", 0.90, "en", 0.87)));
  }

  /** The aim is 0.90 in every form and handoff recall 0.95 at precision 0.85. */
  record Floors(double handoffRecall, double handoffPrecision, Map<String, Double> formMacroF1) {}

  private static PersonaEvaluation.Report evaluate(String name) throws Exception {
    List<PersonaEvaluation.Sample> samples =
        PersonaEvaluation.load("persona/eval/" + name + ".tsv");
    PersonaEvaluation.Report r =
        PersonaEvaluation.report(name, PersonaEvaluation.run(PersonaEvaluation.persona(), samples));
    PersonaEvaluation.write(r, Path.of("target/persona-eval/" + name));
    String markdown = PersonaEvaluation.markdown(r);
    // only the aggregates reach the console: the misread messages stay in the report file, unread
    // while tuning
    int cut = markdown.indexOf("## Misclassified");
    System.out.println(cut < 0 ? markdown : markdown.substring(0, cut));
    return r;
  }

  private static void assertFloors(String name, PersonaEvaluation.Report r, Floors floors) {
    assertThat(r.messages()).as("messages in " + name).isGreaterThanOrEqualTo(600);
    assertThat(r.handoffRecall())
        .as("handoff recall on " + name)
        .isGreaterThanOrEqualTo(floors.handoffRecall());
    assertThat(r.handoffPrecision())
        .as("handoff precision on " + name)
        .isGreaterThanOrEqualTo(floors.handoffPrecision());
    floors
        .formMacroF1()
        .forEach(
            (form, floor) -> {
              Map<String, Object> figures = r.perForm().get(form);
              assertThat((Integer) figures.get("messages"))
                  .as("messages of " + form + " in " + name)
                  .isGreaterThanOrEqualTo(150);
              assertThat((Double) figures.get("intentMacroF1"))
                  .as("intent macro-F1 of " + form + " in " + name)
                  .isGreaterThanOrEqualTo(floor);
            });
  }
}
