package app.wasla.persona.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class BudgetTest {

  private static Budget.Range read(String text) {
    return Budget.in(ArabicNormalizer.normalize(text)).orElse(null);
  }

  private static void upTo(String text, int max) {
    Budget.Range r = read(text);
    assertThat(r).as(text).isNotNull();
    assertThat(r.max()).as(text).isEqualByComparingTo(BigDecimal.valueOf(max));
    assertThat(r.min()).as(text).isNull();
  }

  @Test
  void anUpperBoundInEveryForm() {
    upTo("تحت ١٠ الاف", 10_000);
    upTo("موبايلات باقل من ١٠ الاف؟", 10_000);
    upTo("اقل من 10000 جنيه", 10_000);
    upTo("بسعر أقل من عشرة آلاف جنيه.", 10_000);
    upTo("أبحث عن هاتف بسعر لا يتجاوز 10000 جنيه.", 10_000);
    upTo("هل يوجد هاتف أقل من عشرين ألف جنيه؟", 20_000);
    upTo("ميزانيتي خمسة وعشرين ألف", 25_000);
    upTo("معايا خمستاشر الف", 15_000);
    upTo("any phone less than 20,000 EGP?", 20_000);
    upTo("do you have any phone for less than 15000?", 15_000);
    upTo("phones under 10k", 10_000);
    upTo("max 20k", 20_000);
    upTo("budget 10k, which phone?", 10_000);
    upTo("my budget is around fifteen thousand", 15_000);
    upTo("20k max", 20_000);
    upTo("ta7t 10k", 10_000);
    upTo("a2al mn 3eshreen alf", 20_000);
    upTo("fe 7dod 12 alf", 12_000);
    // all the customer has: "I only have 4000 for a phone", "m3aya 5000 bas"
    upTo("I only have 4000 for a phone", 4_000);
    upTo("m3aya 5000 bas w 3ayez mobile kwayes", 5_000);
    upTo("معايا ٥٠٠٠ جنيه بس وعايز موبايل كويس", 5_000);
    upTo("all i have is 6000", 6_000);
  }

  @Test
  void aRangeAndALowerBound() {
    Budget.Range between = read("phones between 10k and 20k");
    assertThat(between.min()).isEqualByComparingTo("10000");
    assertThat(between.max()).isEqualByComparingTo("20000");
    Budget.Range words = read("عايز موبايل من ١٠ لـ ٢٠ الف");
    assertThat(words.min()).isEqualByComparingTo("10000");
    assertThat(words.max()).isEqualByComparingTo("20000");
    Budget.Range arabizi = read("mobile ben 10 w 20 alf");
    assertThat(arabizi.min()).isEqualByComparingTo("10000");
    assertThat(arabizi.max()).isEqualByComparingTo("20000");
    Budget.Range above = read("phone above 40k");
    assertThat(above.min()).isEqualByComparingTo("40000");
    assertThat(above.max()).isNull();
    assertThat(above.admits(new BigDecimal("42999"))).isTrue();
    assertThat(above.admits(new BigDecimal("19499"))).isFalse();
  }

  @Test
  void whatIsNoBudget() {
    assertThat(read("iphone 15 pro max 256 gb price?")).isNull();
    assertThat(read("الشحن بياخد اقل من ٣ ايام؟")).isNull();
    assertThat(read("within 14 days")).isNull();
    assertThat(read("عايز ٣ ايفون ١٥")).isNull();
    assertThat(read("charger under 25w")).isNull();
  }
}
