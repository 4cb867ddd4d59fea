package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Plain shopping questions answered from the catalogue, never handed to a person: a budget (never
 * an order's value), two products compared (never a big order), a cheaper one, and what the phone
 * is wanted for.
 */
class ShoppingQuestionsTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static PersonaResult say(String text) {
    return PERSONA.respond(PersonaTurn.of("fresh", text));
  }

  private static PersonaResult after(String sku, String text) {
    return PERSONA.respond(
        new PersonaTurn("fresh", List.of(text), null, List.of(), null, 0, sku, null));
  }

  @Test
  void aBudgetListsWhatItBuysInEveryForm() {
    for (String text :
        List.of(
            "any phone less than 20,000 EGP?",
            "do you have any phone for less than 15000?",
            "مرحباً، أود الاستفسار عن الهواتف المتوفرة لديكم بسعر أقل من عشرة آلاف جنيه.",
            "أبحث عن هاتف بسعر لا يتجاوز 10000 جنيه.",
            "هل يوجد هاتف أقل من عشرين ألف جنيه؟",
            "عايز موبايل في حدود خمستاشر الف",
            "3ayez mobile ta7t 15 alf")) {
      PersonaResult r = say(text);
      assertThat(r.handoff()).as(r.summary()).isFalse();
      assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.PRODUCT_INQUIRY);
      assertThat(r.entities().reference()).as(r.summary()).isNull();
      assertThat(r.reply().text()).as(r.summary()).contains("7,999").doesNotContain("42,999");
    }
  }

  @Test
  void aComparisonIsNoOrder() {
    for (String text :
        List.of(
            "2arn ben galaxy a55 w oppo reno 11 law sama7t",
            "2arenly ben el a55 w el reno 11",
            "compare the galaxy s24 and the iphone 15 pls",
            "قارن لي بين الايفون 15 والجالاكسي S24 من فضلك")) {
      PersonaResult r = say(text);
      assertThat(r.handoff()).as(r.summary()).isFalse();
      assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.PRODUCT_INQUIRY);
      assertThat(r.reply().complete()).as(r.summary()).isTrue();
    }
  }

  @Test
  void aCheaperOneInArabizi() {
    PersonaResult r = after("IP15PM-256", "ghaly awy 😅 fe a2al?");
    assertThat(r.handoff()).as(r.summary()).isFalse();
    assertThat(r.reply().text()).as(r.summary()).contains("47,999").doesNotContain("72,999");
  }

  @Test
  void whatThePhoneIsForGetsARecommendation() {
    PersonaResult camera = after("SM-S24", "تصوير اكتر حاجة");
    assertThat(camera.handoff()).as(camera.summary()).isFalse();
    assertThat(camera.reply().text()).contains("آيفون ١٥ برو ماكس", "زوم");
    PersonaResult english = after("RN13", "mostly camera tbh");
    assertThat(english.handoff()).as(english.summary()).isFalse();
    assertThat(english.reply().text()).contains("iPhone 15 Pro Max", "telephoto");
    PersonaResult battery = say("which phone has the best battery?");
    assertThat(battery.reply().text()).as(battery.summary()).contains("Oppo Reno 11", "mAh");
    PersonaResult gaming = say("a7san mobile lel gaming ta7t 20 alf?");
    assertThat(gaming.reply().text())
        .as(gaming.summary())
        .contains("lel al3ab")
        .doesNotContain("42,999", "72,999");
    PersonaResult msa = say("أريد هاتفاً بكاميرا ممتازة");
    assertThat(msa.reply().text()).as(msa.summary()).contains("أرشح لك");
    // a repair, or earbuds on show, are not a phone to choose
    assertThat(say("عايز اغير بطارية الموبايل").intent()).isEqualTo(Intents.BOOKING_NEW);
    assertThat(after("APP2", "battery").reply().text()).doesNotContain("Oppo Reno 11");
    // a question about the phone on show is about that phone
    PersonaResult shown = after("SM-A55", "الكاميرا حلوة؟");
    assertThat(shown.handoff()).as(shown.summary()).isFalse();
    assertThat(shown.reply().text()).startsWith("سامسونج جالاكسي A55").contains("كاميرا ٥٠ ميجا");
  }

  @Test
  void aCityWithoutABranchIsToldSoWithTheNearestAndItsDelivery() {
    PersonaResult tanta = say("طب عندكو فرع فى طنطا؟ ولا اقرب فرع ليا فين");
    assertThat(tanta.reply().text())
        .as(tanta.summary())
        .contains("مفيش عندنا فرع في طنطا", "عباس العقاد", "التوصيل لطنطا بـ ٨٥ جنيه")
        .doesNotContain("فوزي معاذ", "١١٠");
    assertThat(tanta.reply().branchesShown()).isEqualTo("cairo");
    PersonaResult aswan = say("how much is delivery to aswan");
    assertThat(aswan.reply().text())
        .as(aswan.summary())
        .contains("Aswan", "110 EGP", "3-5")
        .doesNotContain("85", "branch");
    PersonaResult alex = say("w 3ndko fr3 f eskendreya?");
    assertThat(alex.reply().text()).as(alex.summary()).contains("Fawzy Moaz");
  }

  @Test
  void brandAndCategoryTogetherAndTheDearest() {
    PersonaResult buds = say("tab 3ndko samaat samsung?");
    assertThat(buds.reply().text())
        .as(buds.summary())
        .contains("Galaxy Buds FE")
        .doesNotContain("Galaxy A15", "Charger");
    PersonaResult watches = say("3ndko sa3at smart?");
    assertThat(watches.reply().text())
        .as(watches.summary())
        .contains("Smart Band 8", "Apple Watch");
    PersonaResult dearest = say("ايه اغلى ساعه سمارت عندكو");
    assertThat(dearest.reply().text()).as(dearest.summary()).startsWith("• سعر ساعة آبل واتش SE");
  }

  @Test
  void aCheckUpIsBookedAndAReturnNamesItsOrder() {
    PersonaResult checkup = say("i need a free checkup for my phone in cairo");
    assertThat(checkup.intent()).as(checkup.summary()).isEqualTo(Intents.BOOKING_NEW);
    PersonaResult ret = say("عايزة ارجع الاوردر ORD-12003 لو سمحت، غيرت رأيي");
    assertThat(ret.topic()).as(ret.summary()).isEqualTo("returns");
    assertThat(ret.reply().text()).contains("١٤ يوم");
    PersonaResult track = say("طلبي رقم ORD-12002 فين؟");
    assertThat(track.intent()).as(track.summary()).isEqualTo(Intents.ORDER_STATUS);
  }
}
