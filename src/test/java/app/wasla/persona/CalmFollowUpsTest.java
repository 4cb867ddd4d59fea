package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ordinary follow-ups that carry a "no", a "wait", a "مفيش", an eye-roll or a delay are what they
 * ask, not complaints: a complaint needs real dissatisfaction (a grievance word, anger, a let-down
 * repeated, an insult).
 */
class CalmFollowUpsTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static PersonaResult say(String text) {
    return PERSONA.respond(PersonaTurn.of("fresh", text));
  }

  private static PersonaResult after(String sku, String text) {
    return PERSONA.respond(new PersonaTurn("fresh", List.of(text), null, List.of(), null, 0, sku));
  }

  private static void notAComplaint(PersonaResult r) {
    assertThat(r.handoff()).as(r.summary()).isFalse();
    assertThat(r.intent()).as(r.summary()).isNotEqualTo(Intents.COMPLAINT);
  }

  @Test
  void aSizeTheModelDoesNotComeInGetsTheSizeItHasAndWhereTheSizeAskedIs() {
    PersonaResult r = after("IP15-128", "يعني مفيش ايفون ١٥ ٢٥٦ جيجا؟");
    notAComplaint(r);
    assertThat(r.reply().text()).as(r.summary()).contains("128").contains("47,999");
    assertThat(r.reply().text()).contains("برو ماكس").contains("72,999");
    assertThat(r.reply().complete()).isTrue();
  }

  @Test
  void aKindNotSoldAskedAfterAnotherIsToldNotSold() {
    PersonaResult r = say("ok what about a tablet then?");
    notAComplaint(r);
    assertThat(r.reply().text()).as(r.summary()).contains("don't sell tablets");
  }

  @Test
  void aGulfOneAtTheCountIsOne() {
    PersonaResult r = after("AWSE", "وحدة بس");
    notAComplaint(r);
    assertThat(r.intent()).isEqualTo(Intents.ORDER);
    assertThat(r.entities().quantity()).isEqualTo(1);
    assertThat(EmbeddedPersona.bareCount(app.wasla.persona.nlp.TextView.of("وحدة بس"), true))
        .isEqualTo(1);
  }

  @Test
  void noThanksBeforeAQuestionIsAPoliteDecline() {
    PersonaResult r =
        say("لا شكراً، أبحث عن جهاز لوحي للدراسة فقط. ما هي أرخص الجوالات لديكم إذن؟");
    notAComplaint(r);
    assertThat(r.sentiment().score()).as(r.summary()).isGreaterThan(-0.3);
  }

  @Test
  void aCorrectionWithAnEyeRollIsAQuestionAboutTheProductNamed() {
    PersonaResult r = after("IP15-128", "انا بسأل على الجراب مش الموبايل 🙄");
    notAComplaint(r);
    assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.PRODUCT_INQUIRY);
    assertThat(r.entities().products()).as(r.summary()).contains("Phone Case");
  }

  @Test
  void aChangeOfMindCancelsTheOrderAsTheBareCancelDoes() {
    PersonaResult r = say("معلش غيرت رأيي الغي الاوردر");
    notAComplaint(r);
    assertThat(r.intent()).as(r.summary()).isEqualTo(say("الغي الاوردر").intent());
  }

  @Test
  void aLateOrderAskedAfterPolitelyIsTrackedAndAnAngryOneIsHandedOver() {
    for (String text :
        new String[] {
          "ezayak ana 3amel order ORD-12001 w lesa mawsalsh, howa fen?",
          "law sama7t el order ORD-12007 et2a5ar showaya momken tshoflii howa fen"
        }) {
      PersonaResult r = say(text);
      notAComplaint(r);
      assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.ORDER_STATUS);
    }
    // anger, a let-down repeated or an insult keeps it a person's
    assertThat(say("el order ORD-12007 et2a5ar!! howa fen ya nasabeen").handoff()).isTrue();
    assertThat(say("WHERE IS MY ORDER ORD-12345??? I PAID TEN DAYS AGO!!!").handoff()).isTrue();
    assertThat(say("ORD-12007 lesa mawsalsh tany, kol mara keda, howa fen?").handoff()).isTrue();
  }

  @Test
  void anEyeRollBesideACrossWordIsStillAComplaint() {
    assertThat(say("wow thanks a lot, really great service 🙄").handoff()).isTrue();
    assertThat(say("انتو بتبيعوا دهب ولا موبايلات؟ 🙄 السامسونج S24 بقى بكام؟ حرامية").handoff())
        .isTrue();
  }
}
