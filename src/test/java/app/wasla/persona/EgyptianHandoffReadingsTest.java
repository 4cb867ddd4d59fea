package app.wasla.persona;

import static app.wasla.persona.FreshCustomer.answered;
import static app.wasla.persona.FreshCustomer.handedOver;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Who is due a person in Egyptian Arabic and Arabizi, in the ways customers put it without saying
 * so: a question asked in mockery, a promise put off from day to day, someone asked to call, a
 * booking called off by a customer done with the shop, a service that failed, goods that came used,
 * a supply order; and what stays with the bot (the offers stopped, who Nour is). Each family is
 * tested in customers' words and in words of its own.
 */
class EgyptianHandoffReadingsTest {

  @Test
  void aQuestionAskedInMockeryWithOneQuestionMarkKeepsItsTopicAndIsHandedOver() {
    // a laugh or an upside-down smile beside a rhetorical word ("ولا ايه", "اصلا", "كل ما")
    handedOver(
        "الاوردر ORD-12093 بيلف مصر كلها ولا ايه؟ 🙃 وصل لفين",
        Intents.ORDER_STATUS,
        "angry customer");
    handedOver(
        "el order ORD-12093 byelef masr kolaha wala eh? 🙃 wesel l fen",
        Intents.ORDER_STATUS,
        "angry customer");
    handedOver(
        "الطلب ORD-12400 بيتفسح في المحافظات ولا ايه؟ 🙃", Intents.ORDER_STATUS, "angry customer");
    handedOver("كل ما اسأل على ال A55 تقولوا خلصان.. هو انتو بتبيعوه اصلا ولا ديكور؟ 😂");
    handedOver("كل ما اطلب الجراب تقولوا خلص.. انتو فاتحين محل ولا معرض؟ 😂");
    // a smile with "بالظبط", "السنة الجاية"
    handedOver(
        "يعني الاوردر هيوصل امتى بالظبط؟ السنة الجاية؟ 🙂 ORD-12310",
        Intents.ORDER_STATUS,
        "angry customer");
    handedOver("el shahn hayewsal emta bel zabt? ba3d el eid? 🙂");
    // our own words quoted back with a laugh, a question mark or not
    handedOver("el airpods ba2alha shahr \"hatregga3 2orayeb\" 😂 2orayeb emta ya3ny");
    handedOver("الاوردر ORD-12290 بقاله اسبوع \"قيد التجهيز\".. بتجهزوه ولا بتصنعوه؟ 😂");
  }

  @Test
  void aLaughOrASmileWithAPlainQuestionIsNoMockery() {
    answered("انتي روبوت؟ 😂");
    answered("عندكم ايفون ولا سامسونج؟ 😂");
    answered("3andoko el a55? 🙂");
    answered("بتفتحوا كل يوم؟ 😂");
    // praise before the question is praise: "حلو الموبايل ده 🙂 بكام؟"
    PersonaResult r = answered("حلو الموبايل ده 🙂 بكام؟");
    assertThat(r.sentiment().score()).as(r.summary()).isPositive();
  }

  @Test
  void thisThingOfOursPraisedWithASmileAfterAGrievanceIsSarcasm() {
    handedOver("يعني المحل بيفتح ٢ الضهر يوم الجمعة وانا واقف قدامه من ١١؟ حلو النظام ده 🙂");
    handedOver(
        "ya3ni el ma7al byefta7 2 el dohr el gom3a w ana wa2ef odamo mn 11? 7elw el nezam da 🙂");
    handedOver("ya3ni el far3 2afel w ana mestany mn sa3a? gamed el nezam da 🙂");
  }

  @Test
  void thanksForNothingInArabiziIsAComplaint() {
    handedOver("shokran 3la wla 7aga 👍", Intents.COMPLAINT, "complaint");
    handedOver("merci 3la wla 7aga ya gama3a", Intents.COMPLAINT, "complaint");
  }

  @Test
  void aPromisePutOffFromDayToDayIsForAPerson() {
    handedOver(
        "كل يوم تقولولي بكرة بكرة.. اوردر ORD-12175 فين يا جماعة بجد",
        Intents.ORDER_STATUS,
        "angry customer");
    handedOver("kol youm bokra bokra.. ORD-12175 fen ya gama3a beggad");
    handedOver("kol youm t2ololy bokra w mafeesh 7aga.. fen ORD-12402?");
  }

  @Test
  void someoneAskedToCallOrFetchedIsAPersonAskedFor() {
    handedOver(
        "لو سمحت خلي حد من الفرع يكلمني ضروري",
        Intents.HUMAN_REQUEST,
        "customer asked for a human");
    handedOver(
        "ana 3awz 7d yetsl bya el nhrda ba3d el sa3a 5",
        Intents.HUMAN_REQUEST,
        "customer asked for a human");
    handedOver(
        "ana ba2aly sa3a ba7awel afham 7kayet el daman w el estebdal w el kalam da msh dakhel"
            + " dma8y, momken 7ad yekalemny?",
        Intents.HUMAN_REQUEST,
        "customer asked for a human");
    handedOver(
        "3ayza 7d mn el far3 yekalemny bokra", Intents.HUMAN_REQUEST, "customer asked for a human");
    handedOver(
        "انتي بوت صح؟ طب هاتيلي حد حقيقي الله يخليكي",
        Intents.HUMAN_REQUEST,
        "customer asked for a human");
  }

  @Test
  void aBookingCalledOffAfterALetDownIsForAPerson() {
    handedOver(
        "الغوا معاد السبت خالص، مبقتش عايز اتعامل معاكو بعد اللي حصل اخر مرة",
        Intents.BOOKING_CANCEL,
        "angry customer");
    handedOver(
        "el8o el 7agz 5ales, msh gay tany ba3d el bahdala elly 7asalet el mara elly fatet",
        Intents.BOOKING_CANCEL,
        "angry customer");
    handedOver("الغي حجز الصيانة بتاعي، مبقتش عايز اتعامل معاكو خلاص");
    handedOver("el8y el ma3ad bta3 el etnen ba3d elly 7asal el mara elly fatet");
    handedOver("cancel my booking, after what happened last time I'm done");
    answered("الغي الحجز عشان مسافر");
  }

  @Test
  void aServiceThatFailedIsAComplaintHoweverCalmlyTold() {
    // the courier took more than the order says
    handedOver(
        "el mandoob 5ad meny 120 sha7n w entu katbeen 110, eh el 7kaya?",
        Intents.COMPLAINT,
        "complaint");
    handedOver("الدليفري اخد مني ٩٠ جنيه والمكتوب في الفاتورة ٦٠", Intents.COMPLAINT, "complaint");
    handedOver("the courier took 150 from me and the app says 110", Intents.COMPLAINT, "complaint");
    // the booking was not there when the customer came
    handedOver(
        "ro7t el far3 3ala ma3ad el siyana w 2aloly mafeesh 7agz b esmak, day3to 3alaya yom shoghl",
        Intents.COMPLAINT,
        "complaint");
    handedOver("روحت فرع اسكندرية في معادي وقالولي مفيش حجز", Intents.COMPLAINT, "complaint");
    handedOver(
        "I went to the branch for my appointment and they said there was no booking",
        Intents.COMPLAINT,
        "complaint");
    // a repair at the shop, and the fault is still there
    handedOver(
        "sala7t el shasha 3andoko w el touch bayz mn sa3etha, keda msh 7elw",
        Intents.COMPLAINT,
        "complaint");
    handedOver("صلحت البطارية عندكم والموبايل لسه بيفصل", Intents.COMPLAINT, "complaint");
    // paid, and the order does not show it
    handedOver("حولت فودافون كاش والطلب مظهرش عندي", Intents.COMPLAINT, "complaint");
  }

  @Test
  void goodsThatCameUsedOrFaultyAreAComplaint() {
    handedOver(
        "talabt iphone 15 mn 3andko w wesel el naharda bs el carton maftoo7 w el mob 3aleh"
            + " 5edoosh, da gdeed wala mosta3mal?",
        Intents.COMPLAINT,
        "complaint");
    handedOver("the watch arrived today and the box was opened, it looks used");
    handedOver("الشاشة اللي اشتريتها بتفلكر من يومين", Intents.COMPLAINT, "complaint");
  }

  @Test
  void bigOrdersByQuantityAndSupplyOrders() {
    PersonaResult school = handedOver("e7na madrasa w 3ayzeen 100 cable type c w 100 charger");
    assertThat(school.handoffReason()).isEqualTo("big deal");
    handedOver("احنا مدرسة ومحتاجين ٣٠ جراب ايفون", Intents.ORDER, "big deal");
    handedOver("ينفع توريد ٥٠ كابل لمكتبنا؟", Intents.ORDER, "big deal");
    // "le 3" is "for 3", not three pounds: 3 × 19,499 is above the rule's 20,000
    PersonaResult a55 =
        handedOver("3ayez a3ml order le 3 a55 lel welad", Intents.ORDER, "big deal");
    assertThat(a55.entities().quantity()).isEqualTo(3);
    handedOver("3ayez order le 2 iphone 15", Intents.ORDER, "big deal");
    // one iPhone 15 (47,999) ordered in so many words is above it too
    handedOver("عايز اوردر ايفون ١٥ ١٢٨ جيجا والدفع عند الاستلام", Intents.ORDER, "big deal");
    // three cases are no big deal
    answered("عايز ٣ جراب ايفون");
  }

  @Test
  void theOffersStoppedAndWhoIsOnTheLineStayWithTheBot() {
    PersonaResult stop = answered("stop el rasayel di plz");
    assertThat(stop.topic()).isEqualTo("marketing_opt_out");
    assertThat(answered("stop el messages di").topic()).isEqualTo("marketing_opt_out");
    assertThat(answered("انا بكلم مين دلوقتي؟").topic()).isEqualTo("who_is_nour");
    assertThat(answered("ana bkalem meen dlw2ty?").topic()).isEqualTo("who_is_nour");
    assertThat(answered("انا باكلم مين؟").topic()).isEqualTo("who_is_nour");
    assertThat(answered("who am i chatting with right now?").topic()).isEqualTo("who_is_nour");
    // asked with a wish for a person, it is a request
    handedOver("انا بكلم مين؟ عايز اكلم حد حقيقي");
  }
}
