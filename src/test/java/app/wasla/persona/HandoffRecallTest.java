package app.wasla.persona;

import static app.wasla.persona.FreshCustomer.answered;
import static app.wasla.persona.FreshCustomer.handedOver;
import static app.wasla.persona.FreshCustomer.say;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Who must get a person, in every form: a request in any phrasing, a complaint told calmly, money
 * paid for nothing, a promise broken, threats and shouting, big and corporate orders; and the
 * questions the playbook answers, which stay with the bot.
 */
class HandoffRecallTest {

  @Test
  void aPersonAskedForInAnyPhrasing() {
    handedOver("هل يمكن تحويلي إلى ممثل خدمة العملاء", "customer asked for a human");
    handedOver("مش عايز اكلم بوت", "customer asked for a human");
    handedOver("is there a real person", "customer asked for a human");
    handedOver("call me back please", "customer asked for a human");
    handedOver("I want to speak to the manager", "customer asked for a human");
    // beside another question, or as a number to call
    handedOver(
        "do u have airpods pro 2 in stock? and pls let someone from the store call me",
        "customer asked for a human");
    handedOver("el hotline kam? 3ayez akalem 7ad", "customer asked for a human");
  }

  @Test
  void complaintsThreatsAndShouting() {
    handedOver("the money was deducted and no order was created", "complaint");
    handedOver("دفعت بفودافون كاش والفلوس اتخصمت ومفيش اوردر اتعمل", "complaint");
    handedOver("قالولي التصليح يومين وبقالهم اسبوع", "complaint");
    handedOver("هشتكيكم لجهاز حماية المستهلك", "complaint");
    handedOver("i will file a complaint with consumer protection", "complaint");
    PersonaResult caps = say("THIS IS RIDICULOUS WHERE IS MY ORDER");
    assertThat(caps.handoff()).as(caps.summary()).isTrue();
    assertThat(caps.sentiment().score()).isLessThan(-0.5);
    handedOver("wow thanks a lot, really great service 🙄", "complaint");
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
    handedOver(
        "could someone from the Alexandria branch reach me on the phone? it's about a repair",
        "customer asked for a human");
    handedOver("هل يمكن أن يهاتفني أحد من الفرع بخصوص الصيانة؟", "customer asked for a human");
  }

  @Test
  void whatNoReadingNamesTheLearnedHandoffModelCatches() {
    // a person asked for after a thanks, a hello, or a question about someone being there
    handedOver(
        "shokran ya nour bs el mawdoo3 me7tag 7ad yeshoofo bnafso", "customer asked for a human");
    handedOver(
        "شكراً يا نور، لكن أحتاج موظفاً لهذا الأمر تحديداً 😅", "customer asked for a human");
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
    handedOver("عايز ١٠ ايفون ١٥", "big deal");
    handedOver("عايز ٣ ايفون ١٥", "big deal"); // above the rule's amount
    handedOver("we need 50 chargers for our company", "big deal");
    handedOver("need a quote for 150 phones", "big deal");
    handedOver("ana 3ayez 10 samsung a15", "big deal");
    // the value is summed over the products, each times its own quantity
    handedOver("I want the Reno 11 plus the Galaxy Buds FE", "big deal"); // 22,298
    handedOver("اريد اوبو رينو ١١ وسماعة جالاكسي بودز FE", "big deal");
    handedOver("٢ JBL فليب ٦ و٣ ساعات ابل SE هدايا اخر السنة للفريق", "big deal");
    handedOver("عايز اتنين ايفون ١٥ واربعة جرابات", "big deal");
    handedOver("أريد ايفون ١٥ عدد ٢ مع التوصيل للقاهرة", "big deal");
    handedOver("أريد ثلاثة هواتف جالاكسي A55 لأبنائي، هل يوجد خصم على الكمية؟", "big deal");
    handedOver("Need 3 Galaxy A55 for my kids, any discount if I take all 3?", "big deal");
    handedOver("طلب لعيادتنا: ٤ ساعات ابل SE للطاقم الطبي", "big deal");
    handedOver("3ayez talata galaxy a55", "big deal");
    handedOver("I want 2 Galaxy A55 and a case", "big deal");
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
