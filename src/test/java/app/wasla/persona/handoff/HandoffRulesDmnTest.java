package app.wasla.persona.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven tests on processes/handoff-rules.dmn itself. */
class HandoffRulesDmnTest {

  private static final DmnHandoffRules RULES = DmnHandoffRules.load();

  @ParameterizedTest(name = "{0} sentiment={1} value={2} streak={3} -> {5} {6}")
  @CsvSource(
      nullValues = "null",
      value = {
        "human_request,  0.0,  null,  0, 0.9, true,  customer asked for a human",
        "complaint,      0.2,  null,  0, 0.9, true,  complaint",
        "order_status,  -0.7,  null,  0, 0.9, true,  angry customer",
        "order_status,  -0.5,  null,  0, 0.9, false, null",
        "order,          0.1,  20001, 0, 0.9, true,  big deal",
        "order,          0.1,  20000, 0, 0.9, false, null",
        "order,          0.1,  null,  0, 0.9, false, null",
        "other,          0.0,  null,  2, 0.2, true,  low confidence",
        "other,          0.0,  null,  1, 0.2, false, null",
        "greeting,       0.5,  null,  0, 0.9, false, null",
        "human_request, -0.9,  50000, 3, 0.9, true,  customer asked for a human",
      })
  void decides(
      String intent,
      double sentiment,
      Double orderValue,
      int streak,
      double confidence,
      boolean handoff,
      String reason) {
    HandoffRules.Decision d =
        RULES.decide(new HandoffRules.Input(intent, sentiment, orderValue, streak, confidence));
    assertThat(d.handoff()).isEqualTo(handoff);
    assertThat(d.reason()).isEqualTo(reason);
  }

  @org.junit.jupiter.api.Test
  void evaluatesEachDistinctInputOnce() {
    DmnHandoffRules rules = DmnHandoffRules.load();
    HandoffRules.Input angry = new HandoffRules.Input("order_status", -0.7, null, 0, 0.9);
    HandoffRules.Input calm = new HandoffRules.Input("order_status", 0.1, null, 0, 0.9);

    assertThat(rules.decide(angry)).isEqualTo(new HandoffRules.Decision(true, "angry customer"));
    assertThat(rules.decide(angry)).isEqualTo(new HandoffRules.Decision(true, "angry customer"));
    assertThat(rules.evaluations()).isEqualTo(1);
    assertThat(rules.decide(calm)).isEqualTo(HandoffRules.Decision.NONE);
    assertThat(rules.evaluations()).isEqualTo(2);
  }
}
