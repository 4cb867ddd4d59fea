package app.wasla.persona;

import static app.wasla.persona.FreshCustomer.answered;
import static app.wasla.persona.FreshCustomer.handedOver;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What went wrong, told without a word of complaint, goes to a person in every form; a matter a
 * person must handle (a stolen phone, a court, a minor's purchase, leaked data) does whatever it
 * asks; and the questions about the same things that the playbook answers stay with the bot.
 */
class GrievancesToldCalmlyTest {

  @Test
  void aPartMissingOrTheWrongItemIsAComplaint() {
    handedOver("الايربودز جت من غير كابل الشحن", "complaint", "complaint");
    handedOver("الساعه شاومي باند ٨ وصلت بدون الشاحن المغناطيسي", "complaint", "complaint");
    handedOver("xiaomi band came without the charging cable", "complaint", "complaint");
    handedOver("el order weslny mn 3'er el charger", "complaint", "complaint");
    handedOver("طلبت شاحن سامسونج ٢٥ وات فوصلني كابل فقط", "complaint", "complaint");
    handedOver("الـ order وصل والـ box مفتوح والـ charger مش موجود", "complaint", "complaint");
    handedOver(
        "استلمت الاوردر ORD-12001 النهارده بس الشاحن مكنش في العلبة", "complaint", "complaint");
    handedOver("got my galaxy a15 today (ORD-12001) but the charger wasnt in the box");
  }

  @Test
  void chargedAboveWhatWasSaidIsAComplaint() {
    handedOver("طلبت التوصيل لاسكندرية واتحاسبت ١١٠ بدل ٧٠", "complaint", "complaint");
    handedOver("el delivery l eskendereya et7asbet 110 badal 70", "complaint", "complaint");
    handedOver("why did u charge me delivery when my order was over 3000??");
    handedOver("الفني قالي التصليح هيبقى ٥٠٠ وطلعت ١٢٠٠", "complaint", "complaint");
    handedOver("el fanny 2ali el tasle7 b 500 w tele3 1200", "complaint", "complaint");
    handedOver(
        "the delivery is 60 EGP on your page but the courier took 95 from me. Can you check?");
    handedOver("I paid 35 EGP more than your delivery fee and I'd like it back");
  }

  @Test
  void aRepairThatBrokeSomethingElseOrADangerIsAComplaint() {
    handedOver(
        "وديت الموبايل يغيرو البطارية رجعلي والشاشة فيها مشكلة كمان", "complaint", "complaint");
    handedOver("sala7to el shasha 3andoko w ba2et bayza kaman");
    handedOver("fixed my screen at ur place and now touch doesnt work on half of it");
    handedOver("the charger sparked in the socket and the power went out at home");
    handedOver("الشاحن أصبح ساخناً جداً وذاب جزء من البلاستيك عند المقبس. ماذا أفعل؟");
    handedOver("screen was replaced at your alex branch and now the touch doesnt work");
    handedOver("el charger el anker skhen gedan w sa7 mn el gamb");
  }

  @Test
  void nobodyCameGivingUpAndMockeryGoToAPerson() {
    handedOver("هل هذا معقول؟ انتظر المندوب من الصباح ولم يأتي ولم يتصل");
    handedOver("went to the branch at 3pm friday and it was closed");
    handedOver("خلاص مش عايز حاجة منكم، الغوا كل حاجة");
    handedOver("shokran 3al sor3a el rahiba 👏👏");
    handedOver("ah tab 🙂 hastana l7ad el sana el gaya ba2a");
    handedOver("ياريت تردوا بدل ما تبعتوا ردود جاهزة مالهاش لازمة");
    handedOver("REPLY!!!!!!");
    handedOver("فتحت العلبة لقيت الموبايل لغته صيني ومفيش ضمان الوكيل");
  }

  @Test
  void askedAgainOrLeftWithoutAnAnswerGoesToAPersonAndATrackingQuestionStaysOne() {
    PersonaResult asked =
        handedOver(
            "I've asked about ORD-12119 four times now and keep getting nothing. where is it??");
    assertThat(asked.intent()).isEqualTo("order_status");
    assertThat(asked.handoffReason()).isEqualTo("complaint");
    assertThat(
            handedOver("ما زلت انتظر الرد منذ الصباح، هل يمكن ان يخبرني احد اين طلبي ORD-12260")
                .intent())
        .isEqualTo("order_status");
    handedOver("nobody picks up the phone at the alex branch, 2 days trying. is this a joke?");
    handedOver("محدش بيرد على التليفون في الفرع من امبارح");
    handedOver("ذهبت الى الفرع في موعدي وانتظرت ساعة ونصف ثم قالوا لا يوجد فني!");
    handedOver("I emailed about my warranty claim on Monday and still haven't heard back");
    handedOver("you promised me a call back yesterday and nobody called");
    handedOver("وعدوني يتصلوا بيا امبارح ومحدش كلمني");
  }

  @Test
  void moneyPromisesAndWhatCameOtherThanOrderedAreComplaints() {
    handedOver("delivery guy charged me 300 EGP more than the order total", "complaint");
    handedOver(
        "wa3adtoony el delivery ababalash 3shan el order fo2 3000 w 5adto meny 85", "complaint");
    handedOver("اتفقنا في الفرع على ١٨ الف للرينو ولقيت في الفاتورة ١٨٩٩٩، الفرق ده ايه؟");
    handedOver("dafa3t instapay w el order lessa maktoob mestany el daf3 w el flos et5asamet");
    handedOver("طلبت ايفون ١٥ ازرق وجالي اسود، ايه ده؟", "complaint");
    handedOver("انا عميل عندكو من سنين، الطلب اتلغى من غير ما حد يقولي");
    handedOver("ezay tbe3ooly mobile mosta3mal 3la eno gded?");
    handedOver("اصلحتم شاشة هاتفي والان اللمس لا يستجيب في نصف الشاشة");
    handedOver("الساعة توقفت عن العمل بعد شهر واحد، وارفض ان انتظر شهرا اخر للاصلاح");
    handedOver("wow, 10 days for a 2 day delivery. amazing service guys 👏👏");
  }

  @Test
  void aDelicateMatterGetsAPersonWhateverItAsks() {
    PersonaResult stolen =
        handedOver("الموبايل اللي اشتريته منكم اتسرق، ممكن تدوني ال IMEI من الفاتورة عشان المحضر");
    assertThat(stolen.handoffReason()).isEqualTo(EmbeddedPersona.NEEDS_A_PERSON);
    handedOver("my 13 yr old son bought a phone from u without my permission, i want to return it");
    handedOver("ebni eshtara mnko bel ta2seet mn 3'er ma a3raf w howa ta7t el sen");
    handedOver("la2eit rakami w 3enwani f group 3ala face, ento elly sarrabto el data?");
    handedOver("i need an official letter from the store for a court case about a phone sold");
    handedOver("lost my phone 2 days after buying, does warranty cover that?");
  }

  @Test
  void aHumanWantedBesideABotQuestionOrACallAskedForIsARequest() {
    handedOver("انت روبوت؟ عايز بني ادم لو سمحت", "human_request", "customer asked for a human");
    handedOver("enta robot? 3ayz bani adam", "human_request", "customer asked for a human");
    handedOver("هل انت روبوت ؟ اريد انسان يفهمني", "human_request", "customer asked for a human");
    handedOver("send me a number i can call, whatsapp is not practical for me");
    handedOver("momken 7ad mn far3 Smouha ykallemni bokra");
  }

  @Test
  void theSameThingsAskedAboutStayWithTheBot() {
    answered("does the iphone 15 come with a charger?");
    answered("فتحت العلبه بس مستعملتهاش، ينفع ترجع؟");
    answered("great thanks for the quick reply");
    answered("ok i agree to the privacy terms");
    answered("law el order fo2 3000 el shipping free sa7?");
    answered("هو انتوا بتفتحوا امتى بالظبط؟ رحت امبارح الساعه ٩ الصبح لقيته مقفول");
    answered("هل عليه ضمان الوكيل؟");
    answered("لو الطلب اتلغى الفلوس بترجع امتى؟");
    answered("ينفع ادفع كاش بدل الفيزا؟");
    answered("لو دفعت اكتر من ٣٠٠٠ التوصيل بيبقى مجاني؟");
    answered("انت روبوت؟");
    answered("are u a real person?");
    answered("Thank you so much, that was really helpful 🙏");
    answered("how late are you open tonight");
    answered("هل سعر الايفون شامل ضريبة القيمة المضافة ام لا");
    answered("طلبت الايربودز امبارح، بتوصل امتى عادة؟");
  }

  @Test
  void tradersAndBusinessesBuyingAreABigDeal() {
    handedOver("هل يوجد سعر خاص لموزعين؟ عندي ثلاث محلات في طنطا", "big deal");
    handedOver("3ayez 50 cover w 50 screen l ma7ali", "big deal");
  }
}
