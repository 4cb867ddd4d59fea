package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Questions about kinds the shop does not sell or repair beside a store question, a customer's
 * correction, a thanks before a question, a price beside an instalment question, a quantity after
 * the product's own model number and wording that needs no gender agreement.
 */
class NotServedAndTwoPartQuestionsTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static PersonaResult say(String text) {
    return PERSONA.respond(PersonaTurn.of("fresh", text));
  }

  private static PersonaResult sayAbout(String sku, String text) {
    return PERSONA.respond(new PersonaTurn("fresh", List.of(text), null, List.of(), null, 0, sku));
  }

  @Test
  void aRepairOfAKindTheShopDoesNotServeIsSaidSoWithWhatItRepairs() {
    for (String[] c :
        new String[][] {
          {"بتعملوا صيانة لشاشات اللابتوب ديل؟ وبتاخدوا كام في تغيير الشاشة؟", "مبنصلحش"},
          {"هل تقومون بصيانة شاشات الحاسوب المحمول ديل؟", "لا نقوم بصيانة"},
          {"do you repair dell laptop screens? how much?", "we don't repair laptops"},
          {"btsal7o shashet el laptop dell? bkam?", "msh bnsala7"}
        }) {
      PersonaResult r = say(c[0]);
      assertThat(r.handoff()).as(r.summary()).isFalse();
      assertThat(r.entities().products()).as(r.summary()).isEmpty();
      assertThat(r.reply().text()).as(r.summary()).contains(c[1]);
      assertThat(r.reply().aboutProductSku()).isEqualTo(PersonaReply.NO_PRODUCT);
    }
  }

  @Test
  void clothesAndShoesAskedOfAnElectronicsShopAreNotSoldNotAComplaint() {
    for (String[] c :
        new String[][] {
          {"the black hoodie", "we don't sell clothes and shoes"},
          {"عن الجزمة الجلد البني", "مش بنبيع ملابس وأحذية"},
          {"3andoko gazma nike?", "msh bnbe3"},
          {"هل لديكم فساتين سهرة؟", "ملابس وأحذية"}
        }) {
      PersonaResult r = say(c[0]);
      assertThat(r.handoff()).as(r.summary()).isFalse();
      assertThat(r.reply().text()).as(r.summary()).contains(c[1]);
    }
  }

  @Test
  void aCorrectionDropsTheRefusedProductAndTheKeptOne() {
    for (String[] c :
        new String[][] {
          {"لا انا بسأل على لابتوب ديل مش ايفون", "مش بنبيع"},
          {"no I asked about a Dell laptop not an iphone", "we don't sell laptops"},
          {"la2 ana bas2al 3ala laptop dell msh iphone", "msh bnbe3"}
        }) {
      PersonaResult r = sayAbout("IP15-128", c[0]);
      assertThat(r.entities().products()).as(r.summary()).isEmpty();
      assertThat(r.reply().text()).as(r.summary()).contains(c[1]).doesNotContain("47,999");
      // the flow forgets the product it kept
      assertThat(r.reply().aboutProductSku()).isEqualTo(PersonaReply.NO_PRODUCT);
    }
  }

  @Test
  void aProductNotSoldBesideShippingAbroadAnswersBothParts() {
    for (String[] c :
        new String[][] {
          {
            "Do you sell PlayStation 5 controllers and do you ship to Saudi Arabia?",
            "we don't sell game consoles",
            "within Egypt only"
          },
          {"هل تبيعون أذرع بلايستيشن 5؟ وهل تشحنون إلى السعودية؟", "لا نبيع", "داخل مصر فقط"},
          {"عندكو دراع بلايستيشن؟ وبتشحنوا للسعودية؟", "مش بنبيع", "جوه مصر بس"},
          {"3andko controller playstation? w btwaslo el so3odeya?", "msh bnbe3", "gowa masr bas"}
        }) {
      PersonaResult r = say(c[0]);
      assertThat(r.handoff()).as(r.summary()).isFalse();
      assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.PRODUCT_INQUIRY);
      assertThat(r.reply().text()).as(r.summary()).contains(c[1]).contains(c[2]);
    }
    // delivery inside Egypt is not said to be refused
    assertThat(say("بتوصلوا اسكندرية بكام؟").reply().text()).doesNotContain("جوه مصر بس");
  }

  @Test
  void aThanksBeforeAQuestionAnswersTheQuestion() {
    for (String text :
        new String[] {"Thanks! when will the delivery arrive?", "merci! el sha7n byewsal emta?"}) {
      PersonaResult r = say(text);
      assertThat(r.intent()).as(r.summary()).isNotEqualTo(Intents.THANKS_GOODBYE);
      assertThat(r.reply().text()).as(r.summary()).containsAnyOf("1-2", "١-٢");
    }
    for (String text :
        new String[] {"تمام شكرا. هو الشحن بيوصل امتى؟", "شكرا جزيلا. متى يصل الشحن؟"}) {
      PersonaResult r = say(text);
      assertThat(r.intent()).as(r.summary()).isNotEqualTo(Intents.THANKS_GOODBYE);
      assertThat(r.reply().text()).as(r.summary()).doesNotContain("العفو").contains("١-٢");
    }
    // the customer's own order is still tracked
    assertThat(say("الاوردر بتاعي هيوصل امتى؟").intent()).isEqualTo(Intents.ORDER_STATUS);
    assertThat(say("when will my order be delivered?").intent()).isEqualTo(Intents.ORDER_STATUS);
  }

  @Test
  void aPriceBesideAnInstalmentQuestionIsAProductQuestionAnsweredInBoth() {
    for (String text :
        new String[] {
          "ما هو سعر Galaxy A55؟ وهل يتوفر التقسيط؟",
          "بكام الجالاكسي A55؟ وفيه تقسيط؟",
          "how much is the galaxy a55 and can I pay in installments?",
          "bkam el galaxy a55? w fe ta2sit?"
        }) {
      PersonaResult r = say(text);
      assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.PRODUCT_INQUIRY);
      String reply = r.reply().text();
      assertThat(reply).as(r.summary()).contains("19,499");
      int instalments = Math.max(reply.indexOf("فاليو"), reply.toLowerCase().indexOf("valu"));
      assertThat(instalments).as(reply).isGreaterThan(reply.indexOf("19,499"));
    }
    // an instalment's monthly amount stays a payment question
    assertThat(say("في تقسيط على الايفون؟ بكام في الشهر").intent()).isEqualTo(Intents.PAYMENT);
  }

  @Test
  void aQuantityWordAfterTheProductsModelNumberIsTheQuantity() {
    assertThat(say("عايز فري بودز ٤ واحدة").entities().quantity()).isEqualTo(1);
    assertThat(say("عايز فري بودز ٤ اتنين").entities().quantity()).isEqualTo(2);
    assertThat(say("أرغب في شراء سماعة فري بودز 4 واحدة").entities().quantity()).isEqualTo(1);
    assertThat(say("3ayez freepods 4 wa7da").entities().quantity()).isEqualTo(1);
    assertThat(say("I want 2 freepods 4").entities().quantity()).isEqualTo(2);
    assertThat(say("عايز فري بودز ٤").entities().quantity()).isNull();
  }

  @Test
  void aPriceNeedsNoGenderAgreement() {
    String eg = say("بكام سماعة اورايمو؟").reply().text();
    assertThat(eg).contains("سعر سماعة أورايمو فري بودز ٤: 1,199 جنيه").doesNotContain("سعره");
    assertThat(eg).doesNotContain("أطلبهولك");
  }
}
