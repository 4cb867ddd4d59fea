package app.wasla.crm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The STOP / START confirmation's language: the keyword's script, then the customer's preferred
 * language.
 */
class ConsentRepliesTest {

  @Test
  void arabicKeywordsAreAnsweredInEgyptianArabicWhateverTheProfileSays() {
    assertThat(ConsentReplies.confirmation(ConsentKeywords.Verdict.OPT_OUT, "إلغاء", "en", false))
        .contains("مش هنبعتلك")
        .contains("اشتراك");
    assertThat(ConsentReplies.confirmation(ConsentKeywords.Verdict.OPT_IN, "اشتراك", null, true))
        .contains("رجعنا نبعتلك")
        .contains("إلغاء");
  }

  @Test
  void anArabiziCustomerGetsArabiziAndEnglishAndOthersEnglish() {
    assertThat(
            ConsentReplies.confirmation(ConsentKeywords.Verdict.OPT_OUT, "stop", "arabizi", false))
        .contains("mesh hanb3atlak")
        .contains("no more marketing messages")
        .contains("START");
    assertThat(
            ConsentReplies.confirmation(ConsentKeywords.Verdict.OPT_IN, "start", "arabizi", true))
        .contains("raga3na")
        .contains("subscribed again")
        .contains("STOP");
    assertThat(ConsentReplies.confirmation(ConsentKeywords.Verdict.OPT_OUT, "STOP", "en", false))
        .contains("won't get marketing messages")
        .doesNotContain("mesh");
    assertThat(
            ConsentReplies.confirmation(
                ConsentKeywords.Verdict.OPT_OUT, "Stop promotions", null, false))
        .contains("won't get marketing messages");
  }

  @Test
  void aFirstOptInIsNotWelcomedBack() {
    assertThat(ConsentReplies.confirmation(ConsentKeywords.Verdict.OPT_IN, "اشتراك", null, false))
        .contains("هنبعتلك")
        .doesNotContain("رجعنا")
        .contains("إلغاء");
    assertThat(
            ConsentReplies.confirmation(ConsentKeywords.Verdict.OPT_IN, "start", "arabizi", false))
        .contains("hanb3atlak")
        .doesNotContain("raga3na", "again")
        .contains("STOP");
    assertThat(ConsentReplies.confirmation(ConsentKeywords.Verdict.OPT_IN, "START", "en", false))
        .contains("subscribed")
        .doesNotContain("again")
        .contains("STOP");
  }
}
