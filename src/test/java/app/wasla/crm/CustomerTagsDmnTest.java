package app.wasla.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven tests on processes/customer-tags.dmn itself. */
class CustomerTagsDmnTest {

  private static final TagRules RULES = TagRules.load();

  @ParameterizedTest(name = "spend={0} orders={1} intent={2} negative={3} days={4} open={5} -> {6}")
  @CsvSource(
      nullValues = "null",
      value = {
        // spend, orders, lastIntent, negativeInARow, daysSinceLastOrder, openBalance, tags (space
        // separated)
        "0,      0, null,            0, null, 0,    ''",
        "0,      0, greeting,        0, null, 0,    ''",
        "0,      0, order,           0, null, 0,    hot_lead",
        "0,      0, availability,    0, null, 0,    hot_lead",
        "500,    1, order,           0, 2,    0,    ''",
        "20000,  1, other,           0, 2,    0,    ''",
        "20001,  1, other,           0, 2,    0,    vip",
        "25000,  3, thanks_goodbye,  0, 10,   0,    vip repeat_buyer",
        "0,      0, complaint,       1, null, 0,    ''",
        "0,      0, complaint,       2, null, 0,    at_risk",
        "0,      0, order,           3, null, 0,    at_risk hot_lead",
        "900,    1, greeting,        0, 90,   0,    ''",
        "900,    1, greeting,        0, 91,   0,    dormant",
        "0,      1, order_status,    0, 1,    1500, unpaid",
        "30000,  2, complaint,       2, 120,  100,  at_risk dormant repeat_buyer unpaid vip",
      })
  void tags(
      double spend,
      int orders,
      String intent,
      int negative,
      Integer days,
      double open,
      String expected) {
    Set<String> tags =
        RULES.tags(new TagRules.Facts(spend, orders, intent, negative, days, open, 1));
    Set<String> want =
        new TreeSet<>(Arrays.stream(expected.split(" ")).filter(s -> !s.isBlank()).toList());
    assertThat(tags).containsExactlyElementsOf(want);
  }
}
