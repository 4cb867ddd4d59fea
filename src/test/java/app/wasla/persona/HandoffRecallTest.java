package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Who must get a person, in every form: a request in any phrasing, a complaint told calmly, money
 * paid for nothing, a promise broken, threats and shouting, big and corporate orders; and the
 * questions the playbook answers, which stay with the bot.
 */
class HandoffRecallTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static PersonaResult say(String text) {
    return PERSONA.respond(PersonaTurn.of("fresh", text));
  }

  private static void handedOff(String text, String reason) {
    PersonaResult r = say(text);
    assertThat(r.handoff()).as(text + " → " + r.summary()).isTrue();
    assertThat(r.handoffReason()).as(text + " → " + r.summary()).isEqualTo(reason);
  }

  private static void answered(String text) {
    PersonaResult r = say(text);
    assertThat(r.handoff()).as(text + " → " + r.summary()).isFalse();
  }

  @Test
  void aPersonAskedForInAnyPhrasing() {
    handedOff("هل يمكن تحويلي إلى ممثل خدمة العملاء", "customer asked for a human");
    handedOff("مش عايز اكلم بوت", "customer asked for a human");
    handedOff("is there a real person", "customer asked for a human");
    handedOff("call me back please", "customer asked for a human");
    handedOff("I want to speak to the manager", "customer asked for a human");
    // beside another question, or as a number to call
    handedOff(
        "do u have airpods pro 2 in stock? and pls let someone from the store call me",
        "customer asked for a human");
    handedOff("el hotline kam? 3ayez akalem 7ad", "customer asked for a human");
  }

  @Test
  void complaintsThreatsAndShouting() {
    handedOff("the money was deducted and no order was created", "complaint");
    handedOff("دفعت بفودافون كاش والفلوس اتخصمت ومفيش اوردر اتعمل", "complaint");
    handedOff("قالولي التصليح يومين وبقالهم اسبوع", "complaint");
    handedOff("هشتكيكم لجهاز حماية المستهلك", "complaint");
    handedOff("i will file a complaint with consumer protection", "complaint");
    PersonaResult caps = say("THIS IS RIDICULOUS WHERE IS MY ORDER");
    assertThat(caps.handoff()).as(caps.summary()).isTrue();
    assertThat(caps.sentiment().score()).isLessThan(-0.5);
    handedOff("wow thanks a lot, really great service 🙄", "complaint");
    // a threat to take their business elsewhere, however calmly put
    assertThat(say("cancel kol 7aga, mesh 3ayez at3amel m3akom tany").handoff()).isTrue();
    assertThat(say("this is the last time i order anything from you").handoff()).isTrue();
    assertThat(say("ده اخر تعامل بيني وبينكم").handoff()).isTrue();
    assertThat(say("لن أكرر التجربة معكم مرة أخرى").handoff()).isTrue();
  }

  @Test
  void aQuestionAskedAngrilyKeepsItsTopicAndIsHandedOver() {
    // the customer asks about the order, the price, the stock: that is the intent; the tone or
    // the handoff model calls a person, with the apology of a complaint
    PersonaResult tracking = say("WHERE IS MY ORDER ORD-12345??? I PAID TEN DAYS AGO!!!");
    assertThat(tracking.intent()).as(tracking.summary()).isEqualTo(Intents.ORDER_STATUS);
    assertThat(tracking.handoff()).as(tracking.summary()).isTrue();
    assertThat(tracking.handoffReason()).isEqualTo("angry customer");
    assertThat(tracking.reply().text()).isEqualTo(ReplyTexts.get("complaint", Language.EN));
    PersonaResult price = say("انتو بتبيعوا دهب ولا موبايلات؟ 🙄 السامسونج S24 بقى بكام؟ حرامية");
    assertThat(price.intent()).as(price.summary()).isEqualTo(Intents.PRODUCT_INQUIRY);
    assertThat(price.handoff()).as(price.summary()).isTrue();
    PersonaResult stock =
        say("KOL MARA AS2AL 3ALA EL A55 T2OLO MESH MAWGOOD!!! hayegy emta ba2a??");
    assertThat(stock.intent()).as(stock.summary()).isEqualTo(Intents.AVAILABILITY);
    assertThat(stock.handoff()).as(stock.summary()).isTrue();
    // a grievance told, with no question, is a complaint; "is anyone there?" asks for a person,
    // not for stock
    PersonaResult told = say("brilliant service, my package has been stuck for ten days 🙄");
    assertThat(told.intent()).as(told.summary()).isEqualTo(Intents.COMPLAINT);
    PersonaResult anyone = say("ba3at 4 rasayel w m7adesh rad, fe 7ad mawgood?");
    assertThat(anyone.handoff()).as(anyone.summary()).isTrue();
    assertThat(anyone.intent()).as(anyone.summary()).isIn(Intents.HUMAN_REQUEST, Intents.COMPLAINT);
  }

  @Test
  void aQuestionAskedInMockeryIsSarcasmKeepingItsTopic() {
    PersonaResult hours = say("howa el far3 byefta7 emta? wala da ma7al decor? 🙃");
    assertThat(hours.handoff()).as(hours.summary()).isTrue();
    assertThat(hours.handoffReason()).isEqualTo("angry customer");
    assertThat(hours.intent()).as(hours.summary()).isEqualTo(Intents.OTHER);
    PersonaResult fee = say("85 pounds delivery to Tanta?? is the courier coming by camel? 😂");
    assertThat(fee.handoff()).as(fee.summary()).isTrue();
    // one question with a laugh is no mockery
    answered("enty robot? 😂");
  }

  @Test
  void aPersonOnThePhoneIsAPersonAskedFor() {
    handedOff(
        "could someone from the Alexandria branch reach me on the phone? it's about a repair",
        "customer asked for a human");
    handedOff("هل يمكن أن يهاتفني أحد من الفرع بخصوص الصيانة؟", "customer asked for a human");
  }

  @Test
  void whatNoReadingNamesTheLearnedHandoffModelCatches() {
    // a person asked for after a thanks, a hello, or a question about someone being there
    handedOff(
        "shokran ya nour bs el mawdoo3 me7tag 7ad yeshoofo bnafso", "customer asked for a human");
    handedOff("شكراً يا نور، لكن أحتاج موظفاً لهذا الأمر تحديداً 😅", "customer asked for a human");
    assertThat(say("hello?? nobody answering?? been waiting since morning").handoff()).isTrue();
    assertThat(say("مرحبا؟؟ هل يوجد أحد هنا؟ أرسلت رسالتي منذ ساعتين ولا رد").handoff()).isTrue();
    // a rude employee, told calmly
    assertThat(
            say("el ragel 3al cashier fe smouha kalemny be2eslob mesh kwayes 3ashan sa2alt ketir")
                .handoff())
        .isTrue();
    // and what it leaves to the bot: a tracking question, a store question
    answered("track my order ORD-99999");
    answered("are you a bot or a person?");
    answered("ana talabt order mn 3 ayam w lesa mawslsh");
  }

  @Test
  void bigAndCorporateOrders() {
    handedOff("عايز ١٠ ايفون ١٥", "big deal");
    handedOff("عايز ٣ ايفون ١٥", "big deal"); // above the rule's amount
    handedOff("we need 50 chargers for our company", "big deal");
    handedOff("need a quote for 150 phones", "big deal");
    handedOff("ana 3ayez 10 samsung a15", "big deal");
    // the value is summed over the products, each times its own quantity
    handedOff("I want the Reno 11 plus the Galaxy Buds FE", "big deal"); // 22,298
    handedOff("اريد اوبو رينو ١١ وسماعة جالاكسي بودز FE", "big deal");
    handedOff("٢ JBL فليب ٦ و٣ ساعات ابل SE هدايا اخر السنة للفريق", "big deal");
    handedOff("عايز اتنين ايفون ١٥ واربعة جرابات", "big deal");
    handedOff("أريد ايفون ١٥ عدد ٢ مع التوصيل للقاهرة", "big deal");
    handedOff("أريد ثلاثة هواتف جالاكسي A55 لأبنائي، هل يوجد خصم على الكمية؟", "big deal");
    handedOff("Need 3 Galaxy A55 for my kids, any discount if I take all 3?", "big deal");
    handedOff("طلب لعيادتنا: ٤ ساعات ابل SE للطاقم الطبي", "big deal");
    handedOff("3ayez talata galaxy a55", "big deal");
    handedOff("I want 2 Galaxy A55 and a case", "big deal");
    PersonaResult small = say("عايز ٢ جراب");
    assertThat(small.handoff()).as(small.summary()).isFalse();
    // 19,499 + 249 = 19,748: not above the rule's amount
    answered("I want a Galaxy A55 and a case");
    answered("I want a Galaxy A55 plus a case");
    answered("عايز ٢ جراب واسكرينه");
    answered("عنواني ١٥ شارع التحرير الدور ٣ وعايز جالاكسي A15");
    // a house number is no count of units
    answered("my address is 12 Qazwaq Street");
    answered("عنواني ١٥ شارع التحرير الدور ٣");
    answered("el 3enwan 14 share3 abbas el akkad");
  }

  @Test
  void questionsThePlaybookAnswersStayWithTheBot() {
    answered("what do I do if my phone has a problem after buying?");
    answered("is there a student discount?");
    answered("r u a real person lol");
    answered("محتاجين موظفين؟");
    answered("are you hiring?");
    answered("قسط الايفون ١٥ كام في الشهر؟");
    answered("ايه الفرق بين A55 و S24؟");
  }
}
