package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Formal MSA requests and complaints are handed over, MSA customers are answered in MSA, and the
 * line between an order, a product question and a stock question follows the intents' meanings.
 */
class FormalRequestsAndOrdersTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static PersonaResult say(String text) {
    return PERSONA.respond(PersonaTurn.of("fresh", text));
  }

  @Test
  void formalRequestsForAPersonAndComplaintsWithoutAnAngerWordAreHandedOver() {
    PersonaResult put = say("يرجى إيصالي بقسم الدعم الفني");
    assertThat(put.intent()).as(put.summary()).isEqualTo("human_request");
    assertThat(put.handoff()).isTrue();
    for (String text :
        new String[] {
          "أطالب باسترداد المبلغ كاملا",
          "الشاحن توقف عن العمل بعد ثلاثة أيام فقط من الشراء",
          "تكرر خصم قيمة الطلب من محفظتي",
          "أين أموالي؟ مر شهر كامل على طلب الاسترداد"
        }) {
      PersonaResult r = say(text);
      assertThat(r.intent()).as(r.summary()).isEqualTo("complaint");
      assertThat(r.handoff()).as(r.summary()).isTrue();
    }
    // the formal customer is answered in MSA
    assertThat(say("أطالب باسترداد المبلغ كاملا").language()).isEqualTo(Language.AR);
    assertThat(say("هل تقومون بإصلاح الهواتف في نفس اليوم؟").language()).isEqualTo(Language.AR);
  }

  @Test
  void aWarrantyQuestionAboutAnItemBoughtIsAnsweredNotHandedOver() {
    PersonaResult r = say("الساعة اللي اشتريتها منكم عليها ضمان كام سنة؟");
    assertThat(r.handoff()).as(r.summary()).isFalse();
    assertThat(r.intent()).as(r.summary()).isEqualTo("other");
  }

  @Test
  void anArabiziFeIsInNotAGalaxyFeVariant() {
    PersonaResult r = say("fe reno 11 fe far3 eskendreya?");
    assertThat(r.intent()).as(r.summary()).isEqualTo("availability");
    assertThat(r.entities().products()).containsExactly("Oppo Reno 11");
  }

  @Test
  void formalArabicsOtherIsaalIsNoReceipt() {
    // إيصال is a receipt, but "إيصالي بـ" is "connect me to" and "إيصال الطلب" delivering it
    PersonaResult receipt = say("ده الإيصال");
    assertThat(receipt.handoffReason())
        .as(receipt.summary())
        .isEqualTo("payment receipt to confirm");
    for (String text :
        new String[] {"يرجى إيصالي بقسم الدعم الفني", "أرجو إيصال الطلب إلى عنواني في أسرع وقت"}) {
      PersonaResult r = say(text);
      assertThat(r.handoffReason()).as(r.summary()).isNotEqualTo("payment receipt to confirm");
      assertThat(r.intent()).as(r.summary()).isNotEqualTo("payment");
    }
  }

  @Test
  void aStockQuestionAboutAKindOfProductAtABranchIsNotABranchQuestion() {
    PersonaResult r = say("هل الشاحن 20 واط متاح في فرع سموحة؟");
    assertThat(r.intent()).as(r.summary()).isEqualTo("availability");
    assertThat(r.handoff()).isFalse();
  }

  @Test
  void aPaymentLinkThatWillNotOpenIsAPaymentQuestion() {
    PersonaResult r = say("أرسلت رابط الدفع ولكنه لا يفتح، ماذا أفعل؟");
    assertThat(r.intent()).as(r.summary()).isEqualTo("payment");
  }

  @Test
  void aProductHeldForTheCustomerIsAnOrderAndWhereItGoesIsNoFeeQuestion() {
    PersonaResult held = say("احجزلي واحد باور بانك وهعدي اخده من الفرع");
    assertThat(held.intent()).as(held.summary()).isEqualTo("order");
    PersonaResult sent = say("yes i'll buy it, ship it to my place in giza");
    assertThat(sent.intent()).as(sent.summary()).isEqualTo("order");
    PersonaResult part = say("عايز اجي اغير بطارية الموبايل امتى ينفع؟");
    assertThat(part.intent()).as(part.summary()).isEqualTo("booking_new");
  }

  @Test
  void numberWordsAndPluralModelCodesMakeTheOrderValue() {
    PersonaResult two = say("أريد اثنين من جالاكسي A55");
    assertThat(two.entities().quantity()).isEqualTo(2);
    assertThat(two.entities().dateTime()).isNull();
    assertThat(two.handoff()).as("2 × 19,499 is a big deal").isTrue();
    PersonaResult plural = say("two galaxy a55s please");
    assertThat(plural.entities().products()).containsExactly("Samsung Galaxy A55");
    assertThat(plural.handoff()).isTrue();
    assertThat(say("ولم يتواصل معي أحد").entities().dateTime()).isNull();
    assertThat(say("عايز احجز يوم الاتنين").entities().dateTime()).isEqualTo("يوم الاتنين");
  }

  @Test
  void anOrderOfProductsInTheirOwnQuantitiesIsConfirmedItemByItem() {
    PersonaResult r = say("عايز ٢ جراب واسكرينه");
    assertThat(r.intent()).as(r.summary()).isEqualTo("order");
    assertThat(r.handoff()).as(r.summary()).isFalse();
    // 2 × 249 + 1 × 149
    assertThat(r.reply().text()).contains("2 × ").contains("1 × ").contains("647");
    PersonaResult en = say("I want 2 cases and a screen protector");
    assertThat(en.reply().text()).as(en.summary()).contains("2 × Phone Case").contains("647");
  }

  @Test
  void aShopBuyingToResellIsAWholesaleOrder() {
    PersonaResult r = say("i need 20 cases for my accessories shop");
    assertThat(r.intent()).as(r.summary()).isEqualTo("order");
    assertThat(r.handoff()).isTrue();
    assertThat(r.handoffReason()).isEqualTo("big deal");
  }
}
