package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Questions whose words name a branch, a city or a return, but ask how to pay, where money paid
 * goes or where an order is: read for what they ask.
 */
class PaymentAndTrackingQuestionsTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static PersonaResult say(String text) {
    return PERSONA.respond(PersonaTurn.of("fresh", text));
  }

  private static void reads(String text, String intent) {
    PersonaResult r = say(text);
    assertThat(r.intent()).as(text + " → " + r.summary()).isEqualTo(intent);
    assertThat(r.handoff()).as(text + " → " + r.summary()).isFalse();
  }

  @Test
  void aCardOrCashAtTheBranchIsHowToPay() {
    reads("btakblo visa fel far3 el gdid?", Intents.PAYMENT);
    reads("can I pay with visa in the Alexandria branch?", Intents.PAYMENT);
    reads("does the branch take cash only or mastercard too?", Intents.PAYMENT);
    reads("is cash on delivery available to Tanta?", Intents.PAYMENT);
  }

  @Test
  void aProductBoughtAndPaidByCardIsStillAnOrder() {
    PersonaResult r = say("I'll take the Galaxy A15, cash on delivery to Tanta please");
    assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.ORDER);
  }

  @Test
  void moneyComingBackInArabiziIsARefundQuestion() {
    reads("lw rag3t el sama3a el felous btrga3 emta?", Intents.PAYMENT);
  }

  @Test
  void theCustomersOwnOrderToACityIsTracked() {
    reads("el order bta3y hayewsal emta? talabto mn 3 ayam 3al zagazig", Intents.ORDER_STATUS);
    // a fee asked for the city is the delivery fee's question still
    reads("el orders btewsal tanta f kam yom w bkam?", Intents.OTHER);
  }
}
