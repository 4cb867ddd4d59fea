package app.wasla.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven tests on processes/return-rules.dmn itself. */
class ReturnRulesDmnTest {

  private static DmnEngine engine;
  private static DmnDecision decision;

  @BeforeAll
  static void load() throws Exception {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of("processes/return-rules.dmn"))) {
      decision = engine.parseDecision("returnRules", in);
    }
  }

  @ParameterizedTest(name = "{0}, not shipped nor paid {1}, {2} EGP -> {3}, approval {4}")
  @CsvSource({
    // nothing paid and nothing shipped: no refund to promise, the order can simply be cancelled
    "changed_mind, true,    899, cancel,   false",
    "changed_mind, true,  11499, cancel,   false",
    "changed_mind, false, 11499, refund,   true",
    "defect,       true,    899, exchange, false",
    "damaged,      true,   5999, exchange, true",
  })
  void aChangeOfMindBeforeTheOrderShipsIsACancel(
      String reason, boolean cancellable, long amount, String outcome, boolean approval) {
    DmnDecisionRuleResult result =
        engine
            .evaluateDecisionTable(
                decision,
                Variables.createVariables()
                    .putValue("returnReason", reason)
                    .putValue("orderAgeDays", 0L)
                    .putValue("orderAmountEgp", amount)
                    .putValue("orderCancellable", cancellable))
            .getSingleResult();
    assertThat((String) result.getEntry("returnOutcome")).isEqualTo(outcome);
    assertThat((Boolean) result.getEntry("returnNeedsApproval")).isEqualTo(approval);
  }

  @ParameterizedTest(name = "{0} after {1} days, {2} EGP -> {3}, approval {4}")
  @CsvSource({
    "changed_mind,   0,   899, refund,   false",
    "changed_mind,  14,  5000, refund,   false",
    "changed_mind,  14,  5001, refund,   true",
    "changed_mind,   3, 47999, refund,   true",
    "changed_mind,  15,   899, refuse,   false",
    "changed_mind, 200, 47999, refuse,   false",
    "defect,         0,   899, exchange, false",
    "defect,        14, 47999, exchange, false",
    "defect,        15,   899, repair,   false",
    "defect,       365, 13999, repair,   false",
    "defect,       366, 13999, refuse,   false",
    "damaged,        1,  5999, exchange, true",
    "damaged,       14,   199, exchange, true",
    "damaged,       15,   199, refuse,   false",
    "none,           1,   199, refuse,   true",
  })
  void decides(String reason, long days, long amount, String outcome, boolean approval) {
    DmnDecisionRuleResult result =
        engine
            .evaluateDecisionTable(
                decision,
                Variables.createVariables()
                    .putValue("returnReason", reason)
                    .putValue("orderAgeDays", days)
                    .putValue("orderAmountEgp", amount)
                    .putValue("orderCancellable", false))
            .getSingleResult();
    assertThat((String) result.getEntry("returnOutcome")).isEqualTo(outcome);
    assertThat((Boolean) result.getEntry("returnNeedsApproval")).isEqualTo(approval);
  }
}
