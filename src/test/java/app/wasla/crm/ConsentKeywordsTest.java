package app.wasla.crm;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.crm.ConsentKeywords.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Opt-out and opt-in keywords in Arabic and English; only a message that is just the keyword
 * counts.
 */
class ConsentKeywordsTest {

  private static final ConsentKeywords KEYWORDS = ConsentKeywords.defaults();

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "STOP                       | OPT_OUT",
        "stop                       | OPT_OUT",
        "  Stop!                    | OPT_OUT",
        "unsubscribe                | OPT_OUT",
        "UNSUBSCRIBE.               | OPT_OUT",
        "إلغاء                      | OPT_OUT",
        "الغاء                      | OPT_OUT",
        "الغاء الاشتراك             | OPT_OUT",
        "إلغاء الاشتراك 🙏          | OPT_OUT",
        "إلـــغاء                   | OPT_OUT",
        "START                      | OPT_IN",
        "start                      | OPT_IN",
        "اشتراك                     | OPT_IN",
        "stop sending me the wrong size | NONE",
        "عايز الغي الاوردر          | NONE",
        "الغاء الحجز بتاعي بكره     | NONE",
        "hello                      | NONE",
        "startup ideas              | NONE",
      })
  void classifies(String text, Verdict verdict) {
    assertThat(KEYWORDS.classify(text)).isEqualTo(verdict);
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {"null", "''", "'   '", "'🙂'"})
  void nothingIsNoVerdict(String text) {
    assertThat(KEYWORDS.classify(text)).isEqualTo(Verdict.NONE);
  }
}
