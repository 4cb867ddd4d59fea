package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The everyday questions that new customers asked and the persona misread (each on a fresh number,
 * so one turn with no history): the intent, whether a person is called, and that the reply carries
 * the playbook's or catalogue's fact.
 */
class EverydayQuestionsTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static PersonaResult say(String text) {
    return PERSONA.respond(PersonaTurn.of("fresh", text));
  }

  private static void answered(PersonaResult r, String intent, String... facts) {
    assertThat(r.intent()).as(r.summary()).isEqualTo(intent);
    assertThat(r.handoff()).as(r.summary()).isFalse();
    assertThat(r.reply().text()).as(r.summary()).contains(facts);
  }

  @Test
  void deliveryFeeInEgyptianAndArabizi() {
    answered(say("الشحن بكام؟"), Intents.OTHER, "٦٠ جنيه", "٣٠٠٠");
    answered(say("el shahn bkam?"), Intents.OTHER, "60", "3000");
  }

  @Test
  void branchesAndTheAlexandriaBranch() {
    answered(say("فين الفرع؟"), Intents.OTHER, "عباس العقاد", "سموحة");
    PersonaResult alex = say("فين الفرع بتاعكم في اسكندرية؟");
    answered(alex, Intents.OTHER, "فوزي معاذ", "سموحة");
    assertThat(alex.reply().text()).doesNotContain("عباس العقاد");
  }

  @Test
  void hoursOfTheAlexandriaBranchAndWorkingHoursInArabizi() {
    answered(say("3ayez a3raf mawa3id el far3 fe eskendereya"), Intents.OTHER, "10", "11");
    answered(say("mawa3id el 3amal eh?"), Intents.OTHER, "10", "11");
  }

  @Test
  void warrantyIsThePolicyNotThePrice() {
    PersonaResult r = say("هل يوجد ضمان على الايفون؟");
    answered(r, Intents.OTHER, "ضمان", "سنة");
    assertThat(r.reply().text()).doesNotContain("47,999");
  }

  @Test
  void returningSomethingBoughtGetsTheReturnsPolicy() {
    answered(say("عايز ارجع السماعة اللي اشتريتها"), Intents.OTHER, "١٤ يوم");
  }

  @Test
  void brandCategoryAndBudgetAreAnsweredFromTheCatalogue() {
    PersonaResult buds = say("عندكم سماعات سامسونج؟");
    answered(buds, Intents.PRODUCT_INQUIRY, "جالاكسي بادز FE", "3,299");
    PersonaResult cheap = say("موبايلات باقل من ١٠ الاف؟");
    answered(cheap, Intents.PRODUCT_INQUIRY, "7,999", "9,999");
    assertThat(cheap.reply().text()).doesNotContain("19,499");
  }

  @Test
  void instalmentsAreInThePlaybook() {
    answered(say("ممكن اقسط؟"), Intents.PAYMENT, "تقسيط", "فاليو");
  }

  @Test
  void aProductTheShopDoesNotSellIsSaidSoWithWhatItHas() {
    PersonaResult laptop = say("عايز أعرف مواصفات اللاب توب ده");
    answered(laptop, Intents.PRODUCT_INQUIRY, "لاب توب", "مش بنبيع", "موبايلات");
    PersonaResult washer = say("what's the price of the washing machine");
    answered(washer, Intents.PRODUCT_INQUIRY, "don't sell", "washing machine", "phones");
  }

  @Test
  void aFormalRequestForAPersonIsAHumanRequest() {
    PersonaResult r = say("هل يمكن تحويلي إلى ممثل بشري؟");
    assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.HUMAN_REQUEST);
    assertThat(r.handoff()).isTrue();
  }

  @Test
  void chargedTwiceIsAComplaintWithAPerson() {
    PersonaResult r = say("تم خصم المبلغ مرتين من بطاقتي");
    assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.COMPLAINT);
    assertThat(r.handoff()).isTrue();
    assertThat(r.handoffReason()).isEqualTo("complaint");
  }

  @Test
  void aCorporateQuantityIsABigDealEvenWithoutAPrice() {
    PersonaResult r = say("We want 150 laptops for our company, can we get a corporate quote?");
    assertThat(r.handoff()).as(r.summary()).isTrue();
    assertThat(r.handoffReason()).isEqualTo("big deal");
    assertThat(r.reply().text()).contains("sales colleague");
  }

  @Test
  void anAngryMessageAboutAnOrderIsAComplaint() {
    for (String text :
        java.util.List.of(
            "فين الاوردر بتاعي ORD-12040؟ بقالي اسبوعين مستني، انتوا نصابين",
            "el order ORD-12040 fen?? ba2aly esbo3en, 7aga zeft w nasb")) {
      PersonaResult r = say(text);
      assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.COMPLAINT);
      assertThat(r.handoff()).isTrue();
    }
  }

  @Test
  void whenABranchOpensIsAnsweredWithTheHours() {
    answered(say("الفرع بيفتح الساعة كام؟"), Intents.OTHER, "١٠ الصبح");
    answered(say("el far3 byefta7 emta?"), Intents.OTHER, "10 el sob7");
    answered(say("when do you close tonight?"), Intents.OTHER, "11 pm");
  }

  @Test
  void aBookingTheCustomerAlreadyHasIsMovedOrCancelledNotBookedAgain() {
    assertThat(say("الحجز اللي عندي يوم الخميس ينفع يبقى السبت؟").intent())
        .isEqualTo(Intents.BOOKING_CHANGE);
    assertThat(say("my booking is on thursday, can it be saturday instead?").intent())
        .isEqualTo(Intents.BOOKING_CHANGE);
    assertThat(say("e3tebro el 7agz bta3 bokra malghy").intent()).isEqualTo(Intents.BOOKING_CANCEL);
    assertThat(say("no need for the appointment anymore, it's sorted").intent())
        .isEqualTo(Intents.BOOKING_CANCEL);
    assertThat(say("عايز احجز ميعاد صيانة يوم السبت").intent()).isEqualTo(Intents.BOOKING_NEW);
  }

  @Test
  void aWalkInQuestionIsARepairQuestionAndAStockQuestionAboutABrandNamesItsProduct() {
    PersonaResult walkIn =
        say("do i need to book first or can i just show up at the repair center");
    assertThat(walkIn.intent()).as(walkIn.summary()).isEqualTo(Intents.OTHER);
    answered(say("الاوبو موجود؟"), Intents.AVAILABILITY, "18,999");
    answered(say("عندكم سماعات سامسونج؟"), Intents.PRODUCT_INQUIRY, "3,299");
  }

  @Test
  void theCustomersOwnAddressIsNotABranchQuestion() {
    PersonaResult r = say("ok ship it to this address");
    assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.ORDER);
  }

  /** "ساعة" followed by a time is the hour, in the four registers: never the Apple Watch. */
  @Test
  void anHourSaidIsATimeNotTheWatch() {
    for (String text :
        java.util.List.of(
            "الساعة الحادية عشرة صباحًا",
            "الساعة ١١ الصبح",
            "الساعه 5 العصر",
            "el sa3a 5",
            "sa3a 11 el sob7",
            "at 11am",
            "11 o'clock")) {
      PersonaResult r = say(text);
      assertThat(r.intent()).as(r.summary()).isIn(Intents.BOOKING_NEW, Intents.BOOKING_CHANGE);
      assertThat(r.reply().text())
          .as(r.summary())
          .doesNotContain("واتش")
          .doesNotContain("Watch")
          .doesNotContain("13999")
          .doesNotContain("13,999");
    }
    // the watch asked for by its word alone stays the watch
    PersonaResult watch = say("بكام الساعة؟");
    assertThat(watch.intent()).as(watch.summary()).isEqualTo(Intents.PRODUCT_INQUIRY);
    assertThat(watch.reply().text()).as(watch.summary()).contains("واتش");
  }
}
