package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A phone the customer owns named with a question about what fits it, "am I talking to a bot?"
 * answered rather than handed over, and a yes/no question about paying for a named product in one
 * way answered for that product.
 */
class OwnedPhoneBotAndPaymentQuestionsTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static PersonaResult say(String text) {
    return PERSONA.respond(PersonaTurn.of("fresh", text));
  }

  @Test
  void chargersForAnOwnedPhone() {
    for (String text :
        List.of(
            "I have an S24, which chargers fit?",
            "عندي S24 ايه الشواحن اللي تنفع معاه؟",
            "3andy S24 anhy charger yenfa3?")) {
      PersonaResult r = say(text);
      assertThat(r.reply().text()).as(text + " → " + r.summary()).contains("749", "899");
      assertThat(r.reply().text()).as(text).doesNotContain("42,999", "٤٢٬٩٩٩", "42999");
      assertThat(r.handoff()).as(text).isFalse();
    }
  }

  @Test
  void aBotQuestionIsAnsweredWithAPersonOffered() {
    for (String text :
        List.of(
            "am i talking to a real person or a bot?",
            "انا بكلم بني ادم ولا بوت؟",
            "هل أتحدث مع إنسان أم مع روبوت؟",
            "ana bakalem bani adam wala bot?")) {
      PersonaResult r = say(text);
      assertThat(r.handoff()).as(text + " → " + r.summary()).isFalse();
      assertThat(r.reply().options().stream().map(ReplyOption::id)).as(text).contains("menu_human");
    }
    assertThat(say("I want to talk to a real person").handoff()).isTrue();
  }

  @Test
  void aYesNoPaymentQuestionAboutAProduct() {
    for (String text :
        List.of(
            "can I pay for the S24 in instalments?",
            "ينفع ادفع الايفون ١٥ كاش عند الاستلام؟",
            "momken a2aset el A15?",
            "هل يمكن تقسيط سماعة Oraimo؟")) {
      PersonaResult r = say(text);
      assertThat(r.handoff()).as(text + " → " + r.summary()).isFalse();
      assertThat(r.intent()).as(text + " → " + r.summary()).isEqualTo(Intents.PAYMENT);
    }
    PersonaResult s24 = say("can I pay for the S24 in instalments?");
    assertThat(s24.reply().text())
        .as(s24.summary())
        .startsWith("Yes, the Samsung Galaxy S24 can be paid in instalments")
        .contains("3,584", "no down payment")
        .doesNotContain("Cash on delivery (up to");
    PersonaResult iphone = say("ينفع ادفع الايفون ١٥ كاش عند الاستلام؟");
    assertThat(iphone.reply().text())
        .as(iphone.summary())
        .startsWith("لأ، الكاش عند الاستلام لحد 20,000 جنيه بس")
        .contains("47,999", "تقسيط");
    PersonaResult a15 = say("momken a2aset el A15?");
    assertThat(a15.reply().text())
        .as(a15.summary())
        .startsWith("Aywa, Samsung Galaxy A15 ynfa3 yet2aset")
        .contains("667");
    PersonaResult oraimo = say("هل يمكن تقسيط سماعة Oraimo؟");
    assertThat(oraimo.reply().text())
        .as(oraimo.summary())
        .startsWith("لا، لا يمكن تقسيط")
        .contains("1,199", "1,500")
        .doesNotContain("عايز", "دلوقتي");
    PersonaResult a15Cash = say("can I pay cash on delivery for the A15?");
    assertThat(a15Cash.reply().text())
        .as(a15Cash.summary())
        .startsWith("Yes")
        .contains("7,999", "20,000");
    // an order that says how it is paid stays an order
    assertThat(say("I want the Galaxy S24 on instalments").reply().text())
        .doesNotContain("Yes, the Samsung");
  }
}
