package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.persona.nlp.OrderChanges;
import org.junit.jupiter.api.Test;

/**
 * A change asked to a placed order is the order's matter (the flow tells its status and hands the
 * change to a person), never a repair booking nor the branches' addresses; "no repair" is no
 * booking.
 */
class OrderChangeReadingTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static PersonaResult say(String text) {
    return PERSONA.respond(PersonaTurn.of("fresh", text));
  }

  private static void orderChange(String text, Language language) {
    PersonaResult r = say(text);
    assertThat(r.intent()).as(text + " → " + r.summary()).isEqualTo(Intents.ORDER_STATUS);
    assertThat(r.topic()).as(text + " → " + r.summary()).isEqualTo(OrderChanges.TOPIC);
    assertThat(r.handoff()).as(text + " → " + r.summary()).isFalse();
    assertThat(r.language()).as(text + " → " + r.summary()).isEqualTo(language);
  }

  @Test
  void changesToAnOrderInEachRegister() {
    orderChange("معلش ممكن اخليهم واحد بس بدل اتنين؟", Language.AR_EG);
    orderChange("ينفع يوصل بكرة قبل الضهر؟ عشان هنزل الشغل", Language.AR_EG);
    orderChange(
        "tab momken a8ayar el address? ana 3ayzo yewsal el sho8l msh el beit", Language.ARABIZI);
    orderChange("هل يمكن تغيير عنوان التوصيل لطلبي؟", Language.AR);
    orderChange(
        "can I change the delivery address of my order to 5 Tahrir st, Dokki?", Language.EN);
  }

  @Test
  void noRepairWantedBooksNothing() {
    assertThat(say("يا عم مش عايز احجز حاجة!! سيبك من الصيانة").intent())
        .isEqualTo(Intents.BOOKING_CANCEL);
    assertThat(say("msh 3ayez seyana").intent()).isNotEqualTo(Intents.BOOKING_NEW);
    assertThat(say("I don't want a repair").intent()).isNotEqualTo(Intents.BOOKING_NEW);
    assertThat(say("عايز احجز ميعاد صيانة").intent()).isEqualTo(Intents.BOOKING_NEW);
  }
}
