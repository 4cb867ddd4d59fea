package app.wasla.crm;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.crm.ConsentKeywords.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Opt-out and opt-in in Egyptian Arabic, MSA, Arabizi and English: a keyword alone, or a request in
 * the customer's own words whose point is the marketing; never a message about something else.
 */
class ConsentKeywordsTest {

  private static final ConsentKeywords KEYWORDS = ConsentKeywords.defaults();

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // keywords alone
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
        "Stop promotions            | OPT_OUT",
        "START                      | OPT_IN",
        "start                      | OPT_IN",
        "اشتراك                     | OPT_IN",
        // opt-out in the customer's words: Egyptian Arabic and MSA
        "الغي الاشتراك              | OPT_OUT",
        "ألغي الاشتراك لو سمحت      | OPT_OUT",
        "لغي الاشتراك               | OPT_OUT",
        "ألغوا الاشتراك من فضلك      | OPT_OUT",
        "مش عايزة عروض تاني خلاص    | OPT_OUT",
        "مش عايز عروض               | OPT_OUT",
        "وقف العروض                 | OPT_OUT",
        "وقفوا الرسايل دي           | OPT_OUT",
        "بطلوا تبعتوا رسايل          | OPT_OUT",
        "ماتبعتوش عروض تاني          | OPT_OUT",
        "خلاص ماتبعتوليش الاعلانات دي | OPT_OUT",
        "ستوب                       | OPT_OUT",
        "كفاية رسايل                | OPT_OUT",
        "أرجو إيقاف الرسائل الترويجية | OPT_OUT",
        "لا أرغب في تلقي العروض      | NONE",
        "لا أرغب في العروض          | OPT_OUT",
        "شيلني من الليستة           | OPT_OUT",
        // Arabizi
        "mesh 3ayez 3orood          | OPT_OUT",
        "msh 3ayza 3orood tany 5alas | OPT_OUT",
        "wa2afo el rasayel          | OPT_OUT",
        "law sama7t el8y el eshterak | OPT_OUT",
        // English
        "stop please                | OPT_OUT",
        "Stop pls                   | OPT_OUT",
        "unsubscribe me             | OPT_OUT",
        "Please unsubscribe me, thanks | OPT_OUT",
        "no more offers             | OPT_OUT",
        "stop sending me offers     | OPT_OUT",
        "Stop sending me your promotions please | OPT_OUT",
        "remove me from your list   | OPT_OUT",
        "kindly remove me from your mailing list | OPT_OUT",
        "I don't want your offers   | OPT_OUT",
        "cancel my subscription     | OPT_OUT",
        // opt-in in the customer's words
        "tamam eshtrak              | OPT_IN",
        "eshtrak                    | OPT_IN",
        "eshterak                   | OPT_IN",
        "start please               | OPT_IN",
        "yes please send me your offers | OPT_IN",
        "ابعتولي العروض             | OPT_IN",
        "عايز اشترك في العروض       | OPT_IN",
        "اه موافق ابعتلي العروض      | OPT_IN",
        "موافق تبعتولي العروض الجديدة | OPT_IN",
        "i agree to receive your offers | OPT_IN",
        "عايزة اشترك                | OPT_IN",
        "sign me up for your offers | OPT_IN",
        "subscribe me please        | OPT_IN",
        "ab3atly el 3orood          | OPT_IN",
        // about something else
        "stop sending me the wrong size | NONE",
        "stop the order             | NONE",
        "الغي الحجز                 | NONE",
        "الغي الطلب                 | NONE",
        "وقف الطلب                  | NONE",
        "خلاص الغاء                 | NONE",
        "I want to cancel my booking | NONE",
        "عايز الغي الاوردر          | NONE",
        "الغاء الحجز بتاعي بكره     | NONE",
        "send me the offer for the S24 | NONE",
        "send me the list           | NONE",
        "ابعتلي عروض الايفون        | NONE",
        "مش عايز الاوردر            | NONE",
        "مش عايز اشترك              | OPT_OUT",
        "لا ابعتلي العروض           | NONE",
        "hello                      | NONE",
        "startup ideas              | NONE",
        "موافق                      | NONE",
        "please                     | NONE",
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

  @ParameterizedTest(name = "\"{0}\" mentions stopping: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "المنتج وصل مكسور والشحن اتأخر، وكفاية رسايل بقى كل يوم | true",
        "how do I unsubscribe from this?                  | true",
        "you keep sending messages, stop sending me these offers every day, and my order is late | true",
        "stop sending me the wrong size                   | false",
        "الغي الحجز بتاع بكره لو سمحت                     | false",
        "الغي الاشتراك                                    | false",
      })
  void mentionsAnOptOutAmongOtherThings(String text, boolean mentions) {
    assertThat(KEYWORDS.mentionsOptOut(text)).isEqualTo(mentions);
  }

  @Test
  void theRegisterOfAConsentIsItsScriptAndItsArabiziWords() {
    assertThat(KEYWORDS.register("الغي الاشتراك")).isEqualTo("ar");
    assertThat(KEYWORDS.register("tamam eshtrak")).isEqualTo("arabizi");
    assertThat(KEYWORDS.register("wa2afo el rasayel")).isEqualTo("arabizi");
    assertThat(KEYWORDS.register("stop please")).isEqualTo("en");
  }

  @Test
  void thePhrasesAreConfigurable() {
    ConsentKeywords custom =
        new ConsentKeywords(
            List.of("stop"),
            List.of("start"),
            new ConsentPhrases(null, List.of("halt"), List.of("the flyers"), null, null, null));
    assertThat(custom.classify("halt the flyers please")).isEqualTo(Verdict.OPT_OUT);
    assertThat(custom.classify("وقف العروض")).isEqualTo(Verdict.NONE);
    assertThat(custom.classify("ابعتولي العروض")).isEqualTo(Verdict.OPT_IN);
  }
}
