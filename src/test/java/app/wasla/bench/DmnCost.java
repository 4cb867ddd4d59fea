package app.wasla.bench;

import app.wasla.crm.TagRules;
import app.wasla.persona.handoff.DmnHandoffRules;
import app.wasla.persona.handoff.HandoffRules;

/**
 * What one evaluation of each DMN table of a turn costs (docs/benchmark.md): the handoff rules
 * (every turn, inputs include the persona's continuous confidence and sentiment) and the customer
 * tags (every turn, remembered per distinct set of facts). Five rounds of 20,000 evaluations over a
 * few hundred distinct inputs; the first round includes the JIT's warm-up. Run: {@code java -cp
 * target/test-classes:target/classes:$(cat target/bench-classpath.txt) app.wasla.bench.DmnCost}
 */
public final class DmnCost {

  private DmnCost() {}

  public static void main(String[] args) {
    DmnHandoffRules handoff = DmnHandoffRules.load();
    TagRules tags = TagRules.load();
    int n = 20_000;
    for (int round = 1; round <= 5; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        handoff.decide(
            new HandoffRules.Input("greeting", 0.1 * (i % 7), 0.0, i % 3, 0.5 + (i % 5) * 0.1));
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        tags.tags(new TagRules.Facts(100 * (i % 9), i % 4, "greeting", i % 3, null, 0, 1 + i % 5));
      }
      long t2 = System.nanoTime();
      System.out.printf(
          "round %d: handoff rules %.1f us, customer tags %.2f us per evaluation%n",
          round, (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n);
    }
  }
}
