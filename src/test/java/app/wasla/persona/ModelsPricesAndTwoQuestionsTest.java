package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.commerce.booking.BookingAnswers;
import app.wasla.commerce.booking.BookingOptions;
import app.wasla.commerce.catalogue.ProductMatcher;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What customers said that the persona misread: a model generation the catalogue lacks, a product
 * name typed with one wrong letter, a price read as a quantity or a reference, two questions in one
 * message, a part replacement read as a return, and a screen repair of a phone whose make was not
 * said. In Egyptian Arabic, MSA, Arabizi and English.
 */
class ModelsPricesAndTwoQuestionsTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static PersonaResult say(String text) {
    return PERSONA.respond(PersonaTurn.of("fresh", text));
  }

  private static void unsold(String text, String model, String... nearest) {
    PersonaResult r = say(text);
    assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.PRODUCT_INQUIRY);
    assertThat(r.handoff()).as(r.summary()).isFalse();
    assertThat(r.entities().products()).as(r.summary()).isEmpty();
    assertThat(r.entities().quantity()).as(r.summary()).isNull();
    assertThat(r.reply().text()).as(r.summary()).contains(model).contains(nearest);
  }

  @Test
  void aGenerationTheCatalogueLacksIsSaidToBeMissingWithTheNearest() {
    unsold("عندكو ايفون ١٦ برو ماكس؟", "آيفون 16 برو ماكس", "مش موجود عندنا", "72,999");
    unsold("هل يتوفر لديكم هاتف سامسونج جالاكسي S25؟", "جالاكسي S25", "غير متوفر لدينا", "42,999");
    unsold("3andko galaxy s25 ultra?", "Galaxy S25 Ultra", "msh 3andena", "42,999");
    unsold("do you have the iphone 16?", "we don't have the iPhone 16", "47,999");
    // the nearest of the same variant comes first, and "order it" refers to it
    assertThat(say("عندكو ايفون ١٦ برو ماكس؟").reply().aboutProductSku()).isEqualTo("IP15PM-256");
  }

  @Test
  void aModelTheCatalogueHasIsStillItsProduct() {
    PersonaResult r = say("بكام الايفون 15 برو ماكس؟");
    assertThat(r.entities().products()).containsExactly("iPhone 15 Pro Max 256GB");
    assertThat(say("how much is the galaxy s24?").entities().products())
        .containsExactly("Samsung Galaxy S24");
    // a charger for an older iPhone asks about the charger, not about that iPhone
    assertThat(say("عندك شاحن لايفون 11؟").reply().text()).doesNotContain("مش موجود عندنا");
  }

  @Test
  void aProductNameWithOneWrongLetterIsTheProduct() {
    assertThat(say("طب ايفوم 15 بكااام").entities().products()).containsExactly("iPhone 15 128GB");
    assertThat(say("سعر السامسونح جالاكسي S24 كم؟").entities().products())
        .containsExactly("Samsung Galaxy S24");
    assertThat(ProductMatcher.match("طب ايفوم 15 بكااام", names())).containsExactly("IP15-128");
    // an ordinary word is not corrected into a name
    assertThat(ProductMatcher.match("عايز موبايل كويس", names())).isEmpty();
  }

  private static List<ProductMatcher.Name> names() {
    return List.of(
        new ProductMatcher.Name("IP15-128", "iPhone 15 128GB"),
        new ProductMatcher.Name("IP15-128", "ايفون 15"),
        new ProductMatcher.Name("IP15PM-256", "ايفون 15 برو ماكس"),
        new ProductMatcher.Name("IP15PM-256", "برو ماكس"));
  }

  @Test
  void aPriceIsAnAmountNeverAQuantityNorAReference() {
    for (String text :
        List.of(
            "لا انا عايز الايفون 15 العادي اللي ب 47999 مش البرو ماكس",
            "أريد الآيفون 15 العادي بسعر 47,999 وليس البرو ماكس",
            "3ayez el iphone 15 el 3ady b 47999 msh el pro max",
            "I want the iPhone 15 at 47,999 not the Pro Max")) {
      PersonaResult r = say(text);
      assertThat(r.entities().quantity()).as(r.summary()).isNull();
      assertThat(r.entities().reference()).as(r.summary()).isNull();
      assertThat(r.entities().amount()).as(r.summary()).isEqualByComparingTo(new BigDecimal(47999));
      assertThat(r.entities().products()).as(r.summary()).containsExactly("iPhone 15 128GB");
    }
    // never a bulk order of 47,999 units: read as a question about the iPhone 15 it hands nothing
    // over; read as an order of one, its value (47,999, above the DMN's 20,000 line) is a big deal
    PersonaResult r = say("لا انا عايز الايفون 15 العادي اللي ب 47999 مش البرو ماكس");
    assertThat(r.intent()).as(r.summary()).isIn("product_inquiry", "order");
    assertThat(r.handoff()).as(r.summary()).isEqualTo("order".equals(r.intent()));
  }

  private static void both(String text, String intent, String... facts) {
    PersonaResult r = say(text);
    assertThat(r.intent()).as(r.summary()).isEqualTo(intent);
    assertThat(r.handoff()).as(r.summary()).isFalse();
    assertThat(r.reply().text()).as(r.summary()).contains(facts);
  }

  @Test
  void aPriceAndAStoreQuestionInOneMessageAreBothAnswered() {
    // a product's price asked beside a store question is a question about the product
    both("bkam el S24 w 3aleh daman wala la2?", Intents.PRODUCT_INQUIRY, "42,999", "daman");
    both(
        "مساء الخير، أود الاستفسار عن سعر هاتف سامسونج جالاكسي S24 وهل يتوفر بالتقسيط؟",
        Intents.PRODUCT_INQUIRY,
        "42,999",
        "فاليو");
    both(
        "ممكن اعرف اسعار الباور بانك عندكم 🔋؟ و فين اقرب فرع ليا انا ساكن في الهرم",
        Intents.PRODUCT_INQUIRY,
        "1,299",
        "عباس العقاد");
    both(
        "how much is the S24 and what does the warranty cover?",
        Intents.PRODUCT_INQUIRY,
        "42,999",
        "year");
    assertThat(say("bkam el S24 w 3aleh daman wala la2?").reply().aboutProductSku())
        .isEqualTo("SM-S24");
    // asking whether a product is in a branch is still a stock question
    assertThat(say("هل الايفون 15 متوفر في فرع اسكندرية؟").intent())
        .isEqualTo(Intents.AVAILABILITY);
  }

  @Test
  void replacingABatteryOrAScreenIsARepairNotAReturn() {
    for (String text :
        List.of(
            "أرغب في حجز موعد لاستبدال بطارية هاتفي سامسونج يوم الخميس في فرع الإسكندرية",
            "عايز احجز ميعاد استبدال بطارية السامسونج",
            "I want to book an appointment to replace the battery of my Samsung")) {
      PersonaResult r = say(text);
      assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.BOOKING_NEW);
      assertThat(r.reply().text())
          .as(r.summary())
          .doesNotContain("١٤ يوم")
          .doesNotContain("14 days");
    }
  }

  @Test
  void aScreenRepairOfAPhoneWhoseMakeIsNotSaidIsAskedNotGuessed() {
    List<BookingOptions.Service> services =
        List.of(
            new BookingOptions.Service(
                "SCREEN_IP15", "iPhone 15 screen replacement", "تغيير شاشة آيفون ١٥", null),
            new BookingOptions.Service(
                "BATTERY_SAMSUNG", "Samsung battery replacement", "تغيير بطارية سامسونج", null));
    assertThat(BookingAnswers.service("عايزة احجز معاد صيانة لموبايلي الشاشة مكسورة", services))
        .isNull();
    assertThat(BookingAnswers.service("أريد حجز موعد لإصلاح شاشة هاتفي المكسورة", services))
        .isNull();
    assertThat(BookingAnswers.service("3ayez a7gez seyana el shasha maksora", services)).isNull();
    assertThat(BookingAnswers.service("book a repair, my screen is cracked", services)).isNull();
    // named, it is taken
    assertThat(BookingAnswers.service("شاشة الايفون مكسورة عايز احجز", services))
        .isEqualTo("SCREEN_IP15");
    assertThat(BookingAnswers.service("my iphone screen is cracked", services))
        .isEqualTo("SCREEN_IP15");
    assertThat(BookingAnswers.service("تغيير بطارية سامسونج", services))
        .isEqualTo("BATTERY_SAMSUNG");
  }
}
