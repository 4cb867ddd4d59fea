package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Product and store questions read as the customer meant them: a budget without a kind lists
 * phones, a budget said with "ب"; the opening hours asked with "عمل"; an accessory named with the
 * phone it is for; "the first two" of a list compared; a woman addressed in the feminine once she
 * wrote so.
 */
class ProductReadingsTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static PersonaResult say(String text) {
    return PERSONA.respond(PersonaTurn.of("fresh", text));
  }

  private static PersonaResult after(String sku, String text) {
    return PERSONA.respond(
        new PersonaTurn("fresh", List.of(text), null, List.of(), null, 0, sku, null));
  }

  private static PersonaResult afterLines(String text, TranscriptLine... lines) {
    return PERSONA.respond(
        new PersonaTurn("fresh", List.of(text), null, List.of(lines), null, 0, null, null));
  }

  private static TranscriptLine customer(String text) {
    return new TranscriptLine(true, text, Instant.now());
  }

  private static TranscriptLine bot(String text) {
    return new TranscriptLine(false, text, Instant.now());
  }

  @Test
  void aBudgetWithoutAKindListsPhonesOrTheKindOfTheConversation() {
    PersonaResult alone = say("mezaneyty 20 alf");
    assertThat(alone.language()).as(alone.summary()).isEqualTo(Language.ARABIZI);
    assertThat(alone.reply().text())
        .as(alone.summary())
        .contains("19,499")
        .doesNotContain("Apple Watch")
        .doesNotContain("42,999");
    PersonaResult afterPhones = after("SM-A15", "mezaneyty 20 alf");
    assertThat(afterPhones.reply().text()).contains("19,499").doesNotContain("Apple Watch");
    // after earbuds, a budget is for earbuds
    PersonaResult afterEarbuds = after("GBFE", "mezaneyty 5 alf");
    assertThat(afterEarbuds.reply().text())
        .as(afterEarbuds.summary())
        .contains("3,299")
        .doesNotContain("Charger");
    // below every phone's price: whatever it buys
    PersonaResult small = say("budget 2000");
    assertThat(small.reply().text()).as(small.summary()).contains("1,799");
  }

  @Test
  void aBudgetSaidWithBListsTheProductsAroundIt() {
    PersonaResult r = say("عايز موبايل ب 10000");
    assertThat(r.handoff()).as(r.summary()).isFalse();
    assertThat(r.reply().text())
        .as(r.summary())
        .contains("9,999")
        .contains("7,999")
        .doesNotContain("18,999")
        .doesNotContain("42,999");
    // after the iPhone's card, a budget is no "cheaper than the iPhone" and leaves the iPhone out
    for (String text :
        List.of(
            "مرحبا، أبحث عن هاتف بسعر أقل من عشرة آلاف جنيه بكاميرا جيدة، ماذا تقترحون؟",
            "أبحث عن هاتف بسعر أقل من عشرة آلاف جنيه، ماذا تقترحون؟",
            "أبحث عن هاتف بسعر أقل من خمسة عشر ألف جنيه بكاميرا جيدة")) {
      for (String sku : new String[] {null, "IP15-128"}) {
        PersonaResult inside = after(sku, text);
        assertThat(inside.reply().text())
            .as(inside.summary())
            .contains("9,999")
            .doesNotContain("18,999")
            .doesNotContain("42,999")
            .doesNotContain("47,999");
      }
    }
  }

  @Test
  void theWorkingHoursAreTheOpeningHoursNotJobs() {
    for (String text : List.of("ما هي مواعيد العمل لديكم؟", "ما مواعيد عمل الفرع؟")) {
      PersonaResult r = say(text);
      assertThat(r.topic()).as(r.summary()).isEqualTo("hours");
      assertThat(r.reply().text()).as(r.summary()).doesNotContain("careers").contains("السبت");
    }
    for (String text :
        List.of(
            "هل لديكم وظائف متاحة؟", "محتاجين موظفين؟", "are you hiring?", "أريد العمل لديكم")) {
      PersonaResult r = say(text);
      assertThat(r.reply().text()).as(r.summary()).contains("careers");
    }
  }

  @Test
  void anAccessoryNamedWithItsPhoneIsTheAccessory() {
    for (String text :
        List.of(
            "الجراب بتاع الايفون بكام",
            "بكام الجراب بتاع الايفون ١٥",
            "جراب الايفون بكام",
            "كفر الايفون بكام",
            "iphone case price",
            "kaver el ayfon b kam")) {
      PersonaResult r = say(text);
      assertThat(r.handoff()).as(r.summary()).isFalse();
      assertThat(r.reply().text()).as(r.summary()).contains("249").doesNotContain("47,999");
    }
    PersonaResult glass = say("اسكرينة الايفون بكام");
    assertThat(glass.reply().text()).as(glass.summary()).contains("149").doesNotContain("47,999");
    PersonaResult charger = say("شاحن الايفون بكام");
    assertThat(charger.reply().text())
        .as(charger.summary())
        .contains("899")
        .doesNotContain("47,999");
    // both bought: the phone and a case
    PersonaResult both = say("بكام الايفون ١٥ والجراب؟");
    assertThat(both.reply().text()).as(both.summary()).contains("47,999").contains("249");
    assertThat(say("ayfon b kam").reply().text()).contains("47,999");
  }

  @Test
  void theFirstTwoOfAListAreCompared() {
    TranscriptLine list =
        bot(
            "• The Samsung Galaxy A55 is 19,499 EGP.\n"
                + "• The Oppo Reno 11 is 18,999 EGP.\n"
                + "• The Xiaomi Redmi Note 13 is 9,999 EGP.");
    TranscriptLine listAr =
        bot(
            "• سعر سامسونج جالاكسي A55: 19,499 جنيه.\n"
                + "• سعر أوبو رينو ١١: 18,999 جنيه.\n"
                + "• سعر شاومي ريدمي نوت ١٣: 9,999 جنيه.");
    for (Object[] c :
        new Object[][] {
          {"compare the first two", list},
          {"قارن بين أول اتنين", listAr},
          {"el etnen el awalaniin ayhom a7san", list}
        }) {
      PersonaResult r =
          afterLines((String) c[0], customer("phones under 20000"), (TranscriptLine) c[1]);
      assertThat(r.handoff()).as(r.summary()).isFalse();
      assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.PRODUCT_INQUIRY);
      assertThat(r.reply().text())
          .as(r.summary())
          .contains("19,499")
          .contains("18,999")
          .doesNotContain("9,999 ");
    }
    // without a list sent, "the first two" names nothing of the catalogue
    PersonaResult none = say("compare the first two");
    assertThat(none.reply().text()).doesNotContain("19,499");
  }

  @Test
  void aWomanIsAddressedInTheFeminineOnceSheWroteSo() {
    PersonaResult offers = afterLines("فيه عروض؟", customer("انا عايزة اسأل على حاجة"));
    assertThat(offers.reply().text())
        .as(offers.summary())
        .contains("عايزة تعرفي")
        .contains("تحبي")
        .doesNotContain("تحب ");
    PersonaResult arabizi = afterLines("fe 3orood?", customer("ana 3ayza as2al 3ala 7aga"));
    assertThat(arabizi.reply().text())
        .as(arabizi.summary())
        .contains("3ayza")
        .doesNotContain("3ayez");
    // a man, or no word of either, keeps the masculine
    PersonaResult man = afterLines("فيه عروض؟", customer("انا عايز اسأل على حاجة"));
    assertThat(man.reply().text()).contains("لو عايز تعرف");
    assertThat(ReplyTexts.toAWoman("هل ترغب في إتمام الطلب؟", Language.AR))
        .isEqualTo("هل ترغبين في إتمام الطلب؟");
    assertThat(ReplyTexts.toAWoman("Te7eb atlobholak?", Language.ARABIZI))
        .isEqualTo("Te7ebi atlobholek?");
    assertThat(ReplyTexts.toAWoman("Shall I order it for you?", Language.EN))
        .isEqualTo("Shall I order it for you?");
    // already feminine, and Nour's own words, stay
    assertThat(ReplyTexts.toAWoman("تحبي أعملك الطلب؟ مش متأكدة", Language.AR_EG))
        .isEqualTo("تحبي أعملك الطلب؟ مش متأكدة");
  }
}
