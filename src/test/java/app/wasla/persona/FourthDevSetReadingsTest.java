package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Readings from the fourth outside-written development set (Egyptian Arabic and Arabizi), each
 * family tested with its own examples and with fresh ones: greetings and thanks in their everyday
 * spellings, appointments made, moved and called off, questions about the repair centre, the
 * delivery, the opening hours, the warranty and a refund, orders named as such, and a company's big
 * order that asks a question.
 */
class FourthDevSetReadingsTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static PersonaResult say(String text) {
    return PERSONA.respond(PersonaTurn.of("fresh", text));
  }

  private static void reads(String intent, String... texts) {
    for (String text : texts) {
      PersonaResult r = say(text);
      assertThat(r.intent()).as(r.summary()).isEqualTo(intent);
    }
  }

  @Test
  void egyptianAndArabiziGreetingsAreGreetings() {
    reads(
        Intents.GREETING,
        "سلام عليكو يا جماعة",
        "سلام عليكو يا شباب",
        "salam 3leko",
        "salam 3lekom ya shabab",
        "salamat ya m3alem",
        "salamat ya basha",
        "slmooo",
        "slmo",
        "hello? 7ad mawgood?",
        "ezayko ya regala 3amleen eh",
        "ezayko ya shabab 3amleen eh");
  }

  @Test
  void godsRewardIsThanksAndAWordStartingWithByeIsNoGoodbye() {
    reads(Intents.THANKS_GOODBYE, "gazak allah 5eer", "gazakom allah 5eer ya gama3a");
    reads(
        Intents.PRODUCT_INQUIRY,
        "ya basha el anker charger 20w byesh7an el iphone fast wala la2",
        "el charger da byesh7an el samsung wala la2");
  }

  @Test
  void freeSlotsAndAPartChangedAtAnAppointmentBookARepair() {
    reads(
        Intents.BOOKING_NEW,
        "fe mawa3id fadya lel siana el 5amis?",
        "booking siana ba3d el dohr f smouha",
        "3awz appointment a8ayar el charging port",
        "3ayez appointment a8ayar el camera",
        "el airpods el shemal msh btesh7an, 3ayez a7gez awaddeha el siyana",
        "ana gy mn sohag masr yom el etnen w 3ayez a7gez ma3ad asala7 el mob, yenfa3?",
        "ana gay mn aswan w 3ayez a7gez me3ad tasle7");
  }

  @Test
  void aBookedTimeMovedIsAChangeWhateverPartItIsFor() {
    reads(
        Intents.BOOKING_CHANGE,
        "yenfa3 ne2gel ma3ad el battery? 3andy zarf",
        "momken ne2gel el ma3ad bta3 el shasha l yom el etnen?",
        "yenfa3 an2ol el 7agz mn nasr city l smou7a? nafs el yom",
        "momken an2ol el 7agz l far3 tany?",
        "الميعاد اللي الساعه ١١ الصبح ده بدري اوي عليا، ممكن بعد الضهر؟",
        "الميعاد الساعة ٩ الصبح بدري اوي، ينفع الساعة ٢؟",
        "el ma3ad el sa3a 11 el sob7 badry awy, momken ba3d el dohr?",
        "يا ولدي اني حاجز السبت ومش هقدر اجي، خليها الاتنين لو ينفع",
        "انا حاجز الخميس بس مش هقدر اجي، خليها السبت");
  }

  @Test
  void aBookingOfTheirsMadeAnotherHourIsNoOrderChange() {
    for (String text :
        new String[] {
          "ana 7agez bokra el sa3a 12 bs 3andy shoghl, yenfa3 a5aleeha 5 el 3asr?",
          "ana 7agez el 7ad el sa3a 4, momken a5aleeha el etnen?",
          "انا حاجز بكره الساعه ١٢ بس عندي شغل، ينفع اخليها ٥ العصر؟",
          "bos ya basha ana kont 7agez yom el sabt el sa3a 2 bs tele3ly safar l aswan m3 el sho8l w"
              + " harga3 yom el talat, fa law yenfa3 n5aleeh el arba3 aw el 5ames ay wa2t ba3d 6"
        }) {
      PersonaResult r = say(text);
      assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.BOOKING_CHANGE);
      assertThat(r.topic()).as(r.summary()).isNotEqualTo("order_change");
    }
  }

  @Test
  void aBookingCalledOffByUsIsCancelledAndAFieldIsNoCancel() {
    reads(
        Intents.BOOKING_CANCEL, "الغولنا الميعاد بتاع السبت، مش هنعرفوا نيجوا", "الغولنا حجز بكرة");
    PersonaResult r = say("انا راجع من الغيط وعايز موبايل بـ ٥ آلاف");
    assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.PRODUCT_INQUIRY);
  }

  @Test
  void theRepairCentreAskedAboutIsAStoreQuestion() {
    reads(
        Intents.OTHER,
        "bt9ala7o mobilat? 7ata law msh mn 3andoko?",
        "btsala7o shashat samsung?",
        "te8yeer shasha a55 bkam ta2riban?",
        "te8yeer battery iphone 13 bkam?",
        "el siyana btsala7 ay brand wala elly bteb3oh bs?",
        "el seyana bt9ala7 ay mobile?",
        "el siyana f smou7a shaghala wala f cairo bs?",
        "الصيانه ف سموحه شغاله ولا في القاهره بس؟");
  }

  @Test
  void deliveryHoursAndWarrantyAskedAreStoreQuestions() {
    reads(
        Intents.OTHER,
        "fe delivery?",
        "طب والشحن؟",
        "ana mn el za2azi2 el shi7n kam?",
        "لو جيت ١٠ ونص بالليل هلاقيكم؟",
        "law el mobile fih moshkla fel garanty a3mel eh? w el garanty kam sana?",
        "el garanty bta3 el s24 kam sana?");
  }

  @Test
  void aChargeOfAPowerBankIsNoShipping() {
    reads(
        Intents.PRODUCT_INQUIRY,
        "el power bank el anker bykafy kam sha7na",
        "el anker power bank bykafy kam sha7na lel iphone?");
  }

  @Test
  void aDiscountOnAProductNamedAsksItsPrice() {
    reads(
        Intents.PRODUCT_INQUIRY,
        "لو اخدت ٣ ايفون برو ماكس هتعملولي خصم كام؟",
        "law 5adt 4 s24 hta3mlo discount kam?",
        "لو جبت ٢ سماعة JBL فليب ٦ في خصم؟",
        "law a5adt etnen airpods pro 2 fe discount?");
  }

  @Test
  void moneyBackAfterACancelIsAPaymentQuestion() {
    reads(
        Intents.PAYMENT,
        "3amalt cancel lel order, el flos targa3 3al visa f ad eh?",
        "3amalt cancel lel order w 3ayez felosy targa3 3al card, bta5od 2ad eh?",
        "cancelt el order, w 3ayez felosy targa3, bta5od kam yom?",
        "lgheet el order, el felos targa3 emta?");
  }

  @Test
  void anOrderNamedAsSuchAndWhereItIs() {
    reads(
        Intents.ORDER,
        "order gdeed: jbl flip 6 azra2 + anker charger, esmy ahmed w rakamy ma3ak",
        "عايز اوردر ايفون ١٥ ١٢٨ جيجا والدفع عند الاستلام");
    reads(Intents.ORDER_STATUS, "فين الطلب", "فين الطلب؟");
  }

  @Test
  void aCompanysBigOrderThatAsksStockOrPaymentStaysThatQuestion() {
    for (String[] c :
        new String[][] {
          {Intents.AVAILABILITY, "عندكم ٢٠ ايفون ١٥ متاحين؟ محتاجينهم للشركة الاسبوع ده"},
          {Intents.AVAILABILITY, "عندكم ٣٠ ساعة ابل متاحة؟ محتاجينها للشركة"},
          {Intents.AVAILABILITY, "3andko 25 a15 mawgodeen? lel sherka"},
          {
            Intents.PAYMENT, "e7na sherka w 3ayzin nedfa3 bank transfer w fatora dariba l 30 mobile"
          },
          {Intents.PAYMENT, "e7na sherka w 3ayzeen nedfa3 bank transfer l 20 a15, yenfa3?"}
        }) {
      PersonaResult r = say(c[1]);
      assertThat(r.intent()).as(r.summary()).isEqualTo(c[0]);
      assertThat(r.handoff()).as(r.summary()).isTrue();
      assertThat(r.handoffReason()).as(r.summary()).isEqualTo("big deal");
    }
    // a want stated, no question: an order
    PersonaResult order = say("we own a mobile shop, want 100 usb c cables at wholesale price");
    assertThat(order.intent()).as(order.summary()).isEqualTo(Intents.ORDER);
  }
}
