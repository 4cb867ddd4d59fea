package app.wasla.persona.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.persona.Sentiment;
import org.junit.jupiter.api.Test;

class SentimentAnalyzerTest {

  private final SentimentAnalyzer analyzer = new SentimentAnalyzer();

  private Sentiment of(String text) {
    return analyzer.analyze(TextView.of(text));
  }

  @Test
  void lexiconInEachForm() {
    assertThat(of("الخدمة ممتازة").label()).isEqualTo("positive");
    assertThat(of("خدمتكم سيئة").label()).isEqualTo("negative");
    assertThat(of("el service zeft").label()).isEqualTo("negative");
    assertThat(of("great service, thanks").label()).isEqualTo("positive");
    assertThat(of("الطلب هيوصل امتى؟").label()).isEqualTo("neutral");
  }

  @Test
  void negationFlips() {
    assertThat(of("الشاحن شغال").score()).isPositive();
    assertThat(of("الشاحن مش شغال").score()).isNegative();
    assertThat(of("el charger msh shaghal").score()).isNegative();
    assertThat(of("it's not good").score()).isNegative();
    assertThat(of("مش وحش").score()).isPositive();
  }

  @Test
  void intensifiersStrengthen() {
    assertThat(of("وحش جدا").score()).isLessThan(of("وحش").score());
    assertThat(of("very bad").score()).isLessThan(of("bad").score());
    assertThat(of("helw awy").score()).isGreaterThan(of("helw").score());
  }

  @Test
  void angryCustomerCrossesTheHandoffThreshold() {
    assertThat(of("انتوا نصابين وخدمة زبالة 😡").score()).isLessThan(-0.5);
    assertThat(of("worst service ever, terrible!!").score()).isLessThan(-0.5);
  }

  @Test
  void latinTermsMatchTheirWordWithItsEndingsOnly() {
    // "hate" and "late" are not the start of "hatewsal" (Arabizi: it will arrive) or "later"
    assertThat(of("el shohna hatewsal emta?").label()).isEqualTo("neutral");
    assertThat(of("can i move my booking to a later time?").label()).isEqualTo("neutral");
    assertThat(of("I hated it").label()).isEqualTo("negative");
    assertThat(of("my order is late").label()).isEqualTo("negative");
  }

  @Test
  void sarcasmAndResignationAreNegative() {
    assertThat(of("thanks a lot for nothing").label()).isEqualTo("negative");
    assertThat(of("شكرا على ولا حاجة").label()).isEqualTo("negative");
    assertThat(of("shokran 3ala wala 7aga").label()).isEqualTo("negative");
    assertThat(of("ايوه طبعا هيوصل بكره زي كل مرة 🙄").label()).isEqualTo("negative");
    assertThat(of("انا مش راضي عن الخدمة").label()).isEqualTo("negative");
  }

  @Test
  void aFaultNamedForARepairIsNotAMoodWhenDefectsAreNotCounted() {
    TextView booking = TextView.of("I'd like to book a repair for my cracked screen");
    assertThat(analyzer.analyze(booking).score()).isNegative();
    assertThat(analyzer.analyze(booking, false).label()).isEqualTo("neutral");
    // anger still counts
    assertThat(
            analyzer
                .analyze(TextView.of("my screen is cracked again, this is unacceptable"), false)
                .label())
        .isEqualTo("negative");
  }

  @Test
  void praiseBesideALetDownIsSarcasm() {
    assertThat(
            of("Oh great, another week waiting for my order. Fantastic service, really amazing.")
                .score())
        .isLessThan(-0.5);
    assertThat(of("لا بجد شكرا جدا 👏👏 بقالي اسبوع مستني الاوردر").score()).isLessThan(-0.5);
    assertThat(of("Fantastic service, really amazing.").score()).isGreaterThan(0.5);
    assertThat(of("thanks, waiting for your call").score()).isGreaterThan(0.3);
  }
}
