package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Arabizi is read as Egyptian Arabic whatever its spelling, and every customer is answered in their
 * own register: MSA in MSA, Egyptian in Egyptian, Arabizi in Arabizi (playbook passages included),
 * English in English.
 */
class ArabiziAndRegisterTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static PersonaResult say(String text) {
    return PERSONA.respond(PersonaTurn.of("fresh", text));
  }

  @Test
  void spellingVariantsOfOneArabiziQuestionGetTheSameAnswer() {
    List<String> deliveryFee =
        List.of(
            "3ayez a3raf el shahn bkam",
            "3awez a3raf el sha7n bekam",
            "3aiz a3rf el chahn bkaam",
            "3ayz a3raf al sha7n b kam?",
            "el tawseel b kam?",
            "el tawsil bikam");
    for (String text : deliveryFee) {
      PersonaResult r = say(text);
      assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.OTHER);
      assertThat(r.handoff()).as(r.summary()).isFalse();
      assertThat(r.reply().text()).as(r.summary()).contains("60 geneh", "3000 geneh");
    }
    for (String text :
        List.of(
            "mawa3id el 3amal eh?",
            "mawa3eed el 3amal eih?",
            "mwa3ed el shoghl eh",
            "entoo fat7een lel sa3a kam?")) {
      PersonaResult r = say(text);
      assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.OTHER);
      assertThat(r.reply().text()).as(r.summary()).contains("10 el sob7");
    }
    for (String text : List.of("momken a2aset?", "fe ta2sit?", "ynfa3 ta2seet?")) {
      PersonaResult r = say(text);
      assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.PAYMENT);
      assertThat(r.reply().text()).as(r.summary()).contains("ta2seet", "valU");
    }
  }

  @Test
  void playbookAnswersComeInTheCustomersRegister() {
    PersonaResult msa = say("ما هي مواعيد العمل لديكم؟");
    assertThat(msa.language()).isEqualTo(Language.AR);
    assertThat(msa.reply().text())
        .contains("من السبت إلى الخميس", "العاشرة صباحاً")
        .doesNotContain("الصبح");

    PersonaResult egyptian = say("مواعيدكم ايه النهارده؟");
    assertThat(egyptian.language()).isEqualTo(Language.AR_EG);
    assertThat(egyptian.reply().text()).contains("من السبت للخميس", "١٠ الصبح");

    PersonaResult arabizi = say("mawa3edko eh?");
    assertThat(arabizi.language()).isEqualTo(Language.ARABIZI);
    assertThat(arabizi.reply().text())
        .contains("Mawa3edna", "mn el sabt lel khamees")
        .doesNotContain("We're open", "Elly 3andena");

    PersonaResult english = say("what are your opening hours?");
    assertThat(english.reply().text()).contains("We're open Saturday to Thursday");
  }

  @Test
  void msaWarrantyAndReturnsAreAnsweredInMsa() {
    assertThat(say("هل يوجد ضمان على الهاتف؟").reply().text()).contains("بضمان الوكيل لمدة سنة");
    assertThat(say("ما هي سياسة الإرجاع لديكم؟").reply().text()).contains("خلال ١٤ يوماً");
    assertThat(say("ما هي تكلفة التوصيل إلى الإسكندرية؟").reply().text()).contains("٧٠ جنيهاً");
  }

  @Test
  void arabiziBranchAndWarrantyAnswersAreArabizi() {
    assertThat(say("el far3 el fe eskendereya fen?").reply().text())
        .contains("Far3 Eskendereya", "Fawzy Moaz");
    assertThat(say("el mobile 3aleh daman?").reply().text()).contains("daman el wakeel sana");
    assertThat(say("a2dar arag3 el sama3a?").reply().text()).contains("14 youm");
  }

  @Test
  void productsNotSoldAreSaidSoInEachRegister() {
    assertThat(say("3andoko laptopat?").reply().text()).contains("msh bnbe3");
    assertThat(say("هل تبيعون الثلاجات؟").reply().text()).contains("لا نبيع");
    assertThat(say("do you sell TVs?").reply().text()).contains("we don't sell TVs");
    assertThat(say("عندكم بلايستيشن ٥؟").reply().text()).contains("مش بنبيع");
  }

  @Test
  void aKindNotSoldWithACloseProductGetsTheNearestProductsRatherThanTheCategories() {
    assertThat(say("هل تبيعون أجهزة التابلت؟").reply().text())
        .contains("لا نبيع", "آيفون ١٥ برو ماكس", "72,999")
        .doesNotContain("ساعات ذكية");
    assertThat(say("do you sell digital cameras?").reply().text())
        .contains("we don't sell cameras", "iPhone 15 Pro Max", "Samsung Galaxy S24")
        .doesNotContain("smartwatches");
    assertThat(say("3andoko soundbar?").reply().text())
        .contains("msh bnbe3", "JBL Flip 6", "5,999");
    assertThat(say("عندكم ايباد؟").reply().text()).contains("مش بنبيع", "أقرب حاجة");
    // nothing close to a fridge: the kinds of products the shop has
    assertThat(say("do you sell fridges?").reply().text())
        .contains("we don't sell fridges", "phones");
  }
}
