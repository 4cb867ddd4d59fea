package app.wasla.persona.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The persona's figures on the BLIND split: customer messages written by people who had not seen
 * the code, the lexicons or the training data (src/test/resources/persona/eval/blind-brief.md is
 * all they were given). Nothing is tuned on it. Writes target/persona-eval/blind/report.md and
 * report.json; the floors sit just under what the embedded persona reaches today, so a regression
 * on unseen text fails the build, and they rise as it improves. Run: {@code ./mvnw -q -B test
 * -Dtest=BlindEvaluationTest}
 */
class BlindEvaluationTest {

  @Test
  void blindFiguresStayAboveTheFloors() throws Exception {
    List<PersonaEvaluation.Sample> blind = PersonaEvaluation.load("persona/eval/blind.tsv");
    PersonaEvaluation.Report r =
        PersonaEvaluation.report(
            "blind", PersonaEvaluation.run(PersonaEvaluation.persona(), blind));
    PersonaEvaluation.write(r, Path.of("target/persona-eval/blind"));
    String markdown = PersonaEvaluation.markdown(r);
    // only the aggregates reach the console: the misread messages stay in the report file, unread
    // while tuning
    int cut = markdown.indexOf("## Misclassified");
    System.out.println(cut < 0 ? markdown : markdown.substring(0, cut));

    assertThat(r.messages()).isGreaterThanOrEqualTo(600);
    assertThat(r.handoffRecall()).isGreaterThanOrEqualTo(FLOOR_HANDOFF_RECALL);
    assertThat(r.handoffPrecision()).isGreaterThanOrEqualTo(FLOOR_HANDOFF_PRECISION);
    FLOOR_FORM_MACRO_F1.forEach(
        (form, floor) -> {
          Map<String, Object> figures = r.perForm().get(form);
          assertThat((Integer) figures.get("messages"))
              .as("messages of " + form)
              .isGreaterThanOrEqualTo(150);
          assertThat((Double) figures.get("intentMacroF1"))
              .as("intent macro-F1 of " + form)
              .isGreaterThanOrEqualTo(floor);
        });
  }

  // the first blind run (docs/persona.md): macro-F1 ar-EG 0.693, ar 0.707, arabizi 0.636, en 0.735;
  // handoff
  // recall 0.662, precision 0.682. After the store-topic, not-sold, Arabizi, register and complaint
  // changes:
  // ar-EG 0.820, ar 0.801, arabizi 0.755, en 0.841; recall 0.751, precision 0.791. After fresh
  // training text,
  // complaint and sarcasm wording, defect-free repair sentiment and whole-word Latin sentiment
  // terms: ar-EG 0.836,
  // ar 0.870, arabizi 0.803, en 0.850; recall 0.821, precision 0.801; with the dialogue tests'
  // fixes: recall 0.826, precision 0.826.
  // After 790 fresh training messages in the blind writers' style, sarcasm, existing-booking,
  // walk-in, stock-question
  // and evidence rules: ar-EG 0.880, ar 0.874, arabizi 0.852, en 0.893; recall 0.871, precision
  // 0.866.
  // After 706 more fresh training messages (MSA requests for a person and complaints, Arabizi and
  // MSA orders, the order / product / stock line), MSA marker words, the held-product,
  // part-changed,
  // refund-chased and Arabizi "fe" readings: ar-EG 0.874, ar 0.899, arabizi 0.901, en 0.915;
  // recall 0.900, precision 0.866.
  // After the outside-written training text (fourth round): ar-EG 0.904, ar 0.921, arabizi 0.899,
  // en 0.937; recall 0.910, precision 0.876.
  // The aim is 0.90 in every form and recall 0.95 at precision 0.85.
  static final double FLOOR_HANDOFF_RECALL = 0.90;
  static final double FLOOR_HANDOFF_PRECISION = 0.87;
  static final Map<String, Double> FLOOR_FORM_MACRO_F1 =
      Map.of("ar-EG", 0.89, "ar", 0.91, "arabizi", 0.89, "en", 0.92);
}
