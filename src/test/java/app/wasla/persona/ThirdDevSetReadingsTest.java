package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Readings from the third outside-written development set, each tested in words of its own: numbers
 * that are no quantities, questions about Nour, jobs, consent and the offers, store questions the
 * playbook answers (or has no passage for), moved and cancelled bookings, and the customers a
 * person is due for (asked again and again, done with the shop, a service that failed).
 */
class ThirdDevSetReadingsTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static PersonaResult say(String text) {
    return PERSONA.respond(PersonaTurn.of("fresh", text));
  }

  private static void answered(PersonaResult r, String intent, String... facts) {
    assertThat(r.intent()).as(r.summary()).isEqualTo(intent);
    assertThat(r.handoff()).as(r.summary()).isFalse();
    for (String fact : facts) {
      assertThat(r.reply().text()).as(r.summary()).contains(fact);
    }
  }

  private static void handedOver(PersonaResult r) {
    assertThat(r.handoff()).as(r.summary()).isTrue();
  }

  @Test
  void instalmentMonthsAreNoUnits() {
    PersonaResult r = say("عايز اقسط S24 على ٩ اشهر، ينفع؟");
    assertThat(r.entities().quantity()).as(r.summary()).isNull();
    assertThat(r.handoff()).as(r.summary()).isFalse();
    PersonaResult en = say("can i split the s24 over 12 mos?");
    assertThat(en.entities().quantity()).as(en.summary()).isNull();
    assertThat(en.handoff()).as(en.summary()).isFalse();
  }

  @Test
  void aModelNumberAfterTheArticleIsNoQuantity() {
    PersonaResult r = say("tab w el 11 bkam?");
    assertThat(r.entities().quantity()).as(r.summary()).isNull();
    assertThat(r.handoff()).as(r.summary()).isFalse();
    PersonaResult en = say("how much is the 13 then?");
    assertThat(en.entities().quantity()).as(en.summary()).isNull();
    assertThat(en.handoff()).as(en.summary()).isFalse();
  }

  @Test
  void anArabiziBuildingAndFlatAreAnAddress() {
    PersonaResult r =
        say("eb3atly el a15 3al 3enwan da: Zagazig, shar3 el galaa, 3emara 22, sha2a 9");
    assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.ORDER);
    assertThat(r.entities().quantity()).as(r.summary()).isNull();
    assertThat(r.handoff()).as(r.summary()).isFalse();
  }

  @Test
  void anInvoiceQuestionOrdersNothingButACompanyOrderWithAnInvoiceIsABigDeal() {
    answered(say("do you issue tax invoices for companies?"), Intents.OTHER, "don't have");
    answered(say("ممكن فاتورة ضريبية باسم الشركة؟"), Intents.OTHER, "معنديش");
    PersonaResult bulk =
        say("نحتاج ٣٠ هاتف ريدمي نوت ١٣ لشركتنا مع فاتورة ضريبية، كيف نتمم الطلب؟");
    handedOver(bulk);
    assertThat(bulk.handoffReason()).isEqualTo("big deal");
  }

  @Test
  void unitsOfAModelWrittenInArabicLettersAreWeighedByAmount() {
    PersonaResult r = say("عايزين ٣ اي ٥٥ للعيلة");
    assertThat(r.entities().products()).as(r.summary()).contains("Samsung Galaxy A55");
    handedOver(r);
    assertThat(r.handoffReason()).isEqualTo("big deal");
  }

  @Test
  void whoNourIsInEveryForm() {
    answered(say("esmek eh?"), Intents.OTHER, "Nour");
    answered(say("what is your name?"), Intents.OTHER, "Nour");
    answered(say("هو مين نور؟"), Intents.OTHER, "نور");
    answered(say("are you an employee at the store?"), Intents.OTHER, "Nour");
  }

  @Test
  void applyingForAJobIsTheJobsAnswer() {
    answered(say("انتو طالبين موظفين؟ حابب اقدم"), Intents.OTHER, "careers@");
    answered(say("talbeen mowazafeen? 3ayza a2dem"), Intents.OTHER, "careers@");
    // applying for a repair is no job application
    assertThat(say("ازاي اقدم على صيانة للموبايل؟").reply().text()).doesNotContain("careers@");
    assertThat(say("كيف أقدّم طلب إصلاح؟").reply().text()).doesNotContain("careers@");
    // bringing a booking forward is no application
    assertThat(say("الحجز بتاعي ممكن نقدمه يوم السبت؟").intent()).isEqualTo(Intents.BOOKING_CHANGE);
  }

  @Test
  void askingForTheThirdTimeOrUnansweredAgainIsForAPerson() {
    handedOver(say("Fourth time asking. Will the Apple Watch SE ever be back in stock 🙃"));
    handedOver(say("للمرة الثالثة أسأل: هل ستتوفر ساعة أبل مرة أخرى؟"));
    handedOver(say("طلبت نقل الموعد أربع مرات ولم يرد أحد! انقلوه إلى الأحد"));
    // once asked again, calmly, is still the bot's
    assertThat(say("sorry asking again, is the A55 in stock?").handoff()).isFalse();
  }

  @Test
  void aChargerForTheIphoneIsNoIphone() {
    for (String text :
        new String[] {"ana 3ayza charger lel iphone", "charger for the iphone?", "شاحن للايفون"}) {
      PersonaResult r = say(text);
      assertThat(r.reply().text()).as(r.summary()).doesNotContain("47,999");
    }
  }

  @Test
  void aFaultInWhatWasBoughtIsAComplaint() {
    handedOver(say("الباور بانك اللي اشتريته منكم بطل يشحن وبيسخن جامد"));
    handedOver(say("el charger elly eshtareto mnko batal khales ba3d esbo3"));
    handedOver(say("I bought a cable from you and it doesn't work anymore"));
  }

  @Test
  void aWarmThanksIsAThanksAndSarcasmStaysAComplaint() {
    answered(say("يعطيكم العافية"), Intents.THANKS_GOODBYE);
    answered(say("thanks, nothing else"), Intents.THANKS_GOODBYE);
    PersonaResult sarcasm = say("thanks for nothing");
    assertThat(sarcasm.intent()).isEqualTo(Intents.COMPLAINT);
    handedOver(sarcasm);
  }

  @Test
  void consentAndTheOffersStoppedAreNoGrievance() {
    answered(say("ok i agree to the privacy terms"), Intents.OTHER);
    answered(say("موافق على حفظ بياناتي"), Intents.OTHER, "موافقتك");
    answered(say("please stop sending me offers messages"), Intents.OTHER, "STOP");
    answered(say("بطلوا تبعتولي عروض لو سمحت"), Intents.OTHER, "إلغاء");
  }

  @Test
  void repairsAndWarrantyQuestionsGetTheirPassages() {
    answered(say("screen change for iphone 15 how much"), Intents.OTHER, "9,500");
    answered(say("can u fix a phone i bought somewhere else?"), Intents.OTHER, "repair");
    answered(say("bt9la7o el battery?"), Intents.OTHER, "seyana");
    answered(say("law el battery baazet el daman hay8atiha?"), Intents.OTHER, "daman");
    answered(say("is the warranty from the official agent?"), Intents.OTHER, "warranty");
  }

  @Test
  void questionsThePlaybookHasNoPassageForAreSaidPlainly() {
    answered(say("do you have a facebook page?"), Intents.OTHER, "don't have information");
    answered(say("can I trade in my old phone?"), Intents.OTHER, "don't have information");
  }

  @Test
  void aPhonesSpecificationsAreAQuestionNotAnOrder() {
    answered(say("galaxy a55 camera and ram?"), Intents.PRODUCT_INQUIRY, "19,499", "8 GB RAM");
  }

  @Test
  void bookingsMovedBroughtForwardOrCancelledInOtherWords() {
    assertThat(say("momken n8ayar el far3 bta3 el 7agz l smou7a?").intent())
        .isEqualTo(Intents.BOOKING_CHANGE);
    assertThat(say("أرغب في إعادة جدولة الحجز").intent()).isEqualTo(Intents.BOOKING_CHANGE);
    assertThat(say("balash el me3ad bokra").intent()).isEqualTo(Intents.BOOKING_CANCEL);
    assertThat(say("pls cancle the appointment").intent()).isEqualTo(Intents.BOOKING_CANCEL);
  }

  @Test
  void askedAgainAndAgainWithNobodyAnsweringNeedsAPerson() {
    PersonaResult en = say("third time asking about my order and nobody replies!!");
    handedOver(en);
    assertThat(en.intent()).isNotEqualTo(Intents.ORDER);
    handedOver(say("للمرة الخامسة اسأل عن الحجز ومحدش بيرد"));
    // asked once, calmly
    assertThat(say("where is my order ORD-12001?").handoff()).isFalse();
  }

  @Test
  void aCancelFromACustomerDoneWithTheShopNeedsAPerson() {
    PersonaResult r = say("cancel my booking, never again after what happened");
    assertThat(r.intent()).isEqualTo(Intents.BOOKING_CANCEL);
    handedOver(r);
    handedOver(say("الغي الميعاد، مش هتعامل معاكم تاني"));
    assertThat(say("cancel my booking pls").handoff()).isFalse();
  }

  @Test
  void aServiceThatFailedIsAComplaint() {
    PersonaResult refund = say("paid by card, the order got cancelled and still no refund");
    assertThat(refund.intent()).isEqualTo(Intents.COMPLAINT);
    handedOver(refund);
    PersonaResult courier = say("the courier asked for extra money on delivery");
    assertThat(courier.intent()).isEqualTo(Intents.COMPLAINT);
    handedOver(courier);
    PersonaResult repair = say("صلحت البطارية عندكم ورجعت تفصل تاني");
    assertThat(repair.intent()).isEqualTo(Intents.COMPLAINT);
    handedOver(repair);
  }
}
