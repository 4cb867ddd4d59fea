package app.wasla.persona;

import static app.wasla.persona.FreshCustomer.after;
import static app.wasla.persona.FreshCustomer.say;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Turns that a person need not take, since the bot answers them (a budget below every phone, a
 * branch or city follow-up, a phone compared with a model the shop does not sell), and turns that
 * are complaints however they are worded (ironic thanks, a fault in what was bought).
 */
class AnsweredNotHandedOverTest {

  @Test
  void aBudgetBelowEveryPhoneGetsTheCheapestPhonesInEveryForm() {
    for (String[] c :
        new String[][] {
          {"معايا ٥٠٠٠ جنيه بس وعايز موبايل كويس، فيه؟", "أرخص اللي عندنا"},
          {"m3aya 5000 bas w 3ayez mobile kwayes, fe?", "Arkhas 7aga 3andena"},
          {"I only have 4000 for a phone", "The cheapest we have"},
          {"ميزانيتي ٤٠٠٠ جنيه فقط لشراء هاتف", "أرخص ما لدينا"}
        }) {
      PersonaResult r = say(c[0]);
      assertThat(r.handoff()).as(r.summary()).isFalse();
      assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.PRODUCT_INQUIRY);
      assertThat(r.reply().text())
          .as(r.summary())
          .contains(c[1])
          .contains("7,999") // the Galaxy A15, the cheapest phone
          .contains("9,999")
          .doesNotContain("72,999");
      assertThat(r.reply().aboutProductSku()).isNotNull();
    }
  }

  @Test
  void aBudgetWithinWhatPhonesCostStillListsThePhonesWithinIt() {
    PersonaResult r = say("I only have 10000 for a phone");
    assertThat(r.handoff()).isFalse();
    assertThat(r.reply().text()).doesNotContain("cheapest we have").contains("9,999");
  }

  @Test
  void aCityAskedAfterTheBranchesGetsThatBranchAndItsPin() {
    PersonaResult r = after("branches", "tab f el 2ahera fen bezabt?");
    assertThat(r.handoff()).as(r.summary()).isFalse();
    assertThat(r.topic()).isEqualTo("branches");
    assertThat(r.reply().text()).contains("Abbas El Akkad").doesNotContain("Fawzy Moaz");
    assertThat(r.reply().branchesShown()).isEqualTo("cairo");
  }

  @Test
  void aCityAskedAfterTheDeliveryFeesGetsThatCitysFee() {
    for (String[] c :
        new String[][] {
          {"what about Hurghada?", "Delivery to Hurghada is 110 EGP"},
          {"والغردقة؟", "١١٠"},
          {"w el ghardaka?", "110"}
        }) {
      PersonaResult r = after("delivery_fees", c[0]);
      assertThat(r.handoff()).as(r.summary()).isFalse();
      assertThat(r.intent()).as(r.summary()).isNotEqualTo(Intents.COMPLAINT);
      assertThat(r.reply().text()).as(r.summary()).contains(c[1]);
    }
  }

  @Test
  void aSoldPhoneComparedWithAModelNotSoldIsComparedWithTheNearestSold() {
    for (String[] c :
        new String[][] {
          {"ما الفرق بين جالاكسي A55 وآيفون 13؟", "آيفون 13 غير متوفر لدينا"},
          {"الفرق ايه بين A55 و ايفون 13؟", "آيفون 13 مش موجود عندنا"},
          {
            "what's the difference between the galaxy a55 and iphone 13?",
            "don't sell the iPhone 13"
          },
          {"el far2 eh ben el a55 w el iphone 13?", "iPhone 13 msh 3andena"}
        }) {
      PersonaResult r = say(c[0]);
      assertThat(r.handoff()).as(r.summary()).isFalse();
      assertThat(r.entities().quantity()).as(r.summary()).isNull();
      assertThat(r.reply().text())
          .as(r.summary())
          .contains(c[1])
          .contains("19,499") // the Galaxy A55
          .contains("47,999"); // the iPhone 15, the nearest iPhone sold
    }
  }

  @Test
  void thanksForOurGreatWrappingLaughedAtIsSarcasmAndAPlainThanksIsNot() {
    PersonaResult sarcastic = say("shokran gedan 3ala el taghleef el gamed da 😂");
    assertThat(sarcastic.intent()).isEqualTo(Intents.COMPLAINT);
    assertThat(sarcastic.handoff()).isTrue();
    PersonaResult arabic = say("شكرا جدا على التغليف الجامد ده 😂");
    assertThat(arabic.handoff()).as(arabic.summary()).isTrue();

    for (String plain :
        new String[] {
          "shokran gedan 😂", "شكرا جدا 😂", "shokran gedan 3ala el taghleef el gamed da ❤️"
        }) {
      PersonaResult r = say(plain);
      assertThat(r.handoff()).as(r.summary()).isFalse();
    }
  }

  @Test
  void aFaultInWhatWasBoughtIsAComplaintHoweverCalm() {
    for (String text :
        new String[] {
          "السماعة اللي اشتريتها منكم الأسبوع اللي فات صوتها بيقطع",
          "the earbuds I bought last week stopped working in one ear",
          "el sama3a elly eshtaretha mnko el osbo3 elly fat sotaha bey2ata3",
          "السماعة التي اشتريتها منكم الأسبوع الماضي توقفت عن العمل"
        }) {
      PersonaResult r = say(text);
      assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.COMPLAINT);
      assertThat(r.handoff()).as(r.summary()).isTrue();
    }
    // a question about the warranty for it stays the warranty's
    PersonaResult warranty =
        say("the earbuds I bought stopped working, does the warranty cover it?");
    assertThat(warranty.reply().text()).contains("warranty");
  }

  @Test
  void hoursAndABranchInOneMessageAreBothAnswered() {
    PersonaResult r = say("what are your hours and where is the Alex branch?");
    assertThat(r.handoff()).isFalse();
    assertThat(r.reply().text()).contains("in both branches").contains("12 Fawzy Moaz");
    PersonaResult ar = say("الشحن لاسكندرية بكام وهل فيه تقسيط؟");
    assertThat(ar.handoff()).isFalse();
    assertThat(ar.reply().text()).contains("٧٠").contains("تقسيط");
  }
}
