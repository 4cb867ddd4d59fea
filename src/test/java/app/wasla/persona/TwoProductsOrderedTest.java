package app.wasla.persona;

import static app.wasla.persona.FreshCustomer.PERSONA;
import static app.wasla.persona.FreshCustomer.answered;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two different products ordered at once: "both" after two shown (a list, a comparison or two
 * prices) in every register, or two products named with a count each, is one of each; a personal
 * order of a few units above the big-deal amount is offered to order now with the bot.
 */
class TwoProductsOrderedTest {

  /** The customer's text right after the bot answered {@code first}. */
  private static PersonaResult afterAnswer(String first, String text) {
    PersonaResult shown = answered(first);
    return PERSONA.respond(
        new PersonaTurn(
            "fresh",
            List.of(text),
            null,
            List.of(
                new TranscriptLine(true, first, Instant.now()),
                new TranscriptLine(false, shown.reply().text(), Instant.now())),
            null,
            0,
            shown.reply().aboutProductSku()));
  }

  @Test
  void twoPricesAskedAtOnceAreBothAnswered() {
    for (String text :
        List.of(
            "el galaxy s24 w el iphone 15 b kam?",
            "how much are the galaxy s24 and the iphone 15?",
            "الجالاكسي اس ٢٤ والايفون ١٥ بكام؟")) {
      PersonaResult r = answered(text);
      assertThat(r.reply().text()).as(r.summary()).contains("42,999", "47,999");
      // whole as it is: the sales flow does not replace it with the first product's card
      assertThat(r.reply().complete()).as(r.summary()).isTrue();
    }
  }

  @Test
  void bothAfterAComparisonOrTwoPricesIsOneOfEach() {
    for (String[] c :
        new String[][] {
          {
            "whats the difference between the a55 and the redmi note 13?",
            "ok ill take both, one for me and one for my wife"
          },
          {
            "whats the difference between the a55 and the redmi note 13?",
            "both of them. the a55 and the redmi note 13"
          },
          {"el galaxy s24 w el iphone 15 b kam?", "tamam ha5od el etneen"},
          {"ايه الفرق بين سماعة جالاكسي بادز FE والاورايمو فري بودز 4؟", "حلوين، هاخد الاتنين"},
          {"show me earbuds under 4000", "I'll take both of them"},
        }) {
      PersonaResult both = afterAnswer(c[0], c[1]);
      assertThat(both.intent()).as(c[1] + " → " + both.summary()).isEqualTo("order");
      assertThat(both.entities().products()).as(c[1] + " → " + both.summary()).hasSize(2);
      assertThat(both.entities().quantity()).as(c[1] + " → " + both.summary()).isIn(null, 1);
      assertThat(!both.handoff() || both.retailBigDeal())
          .as(c[1] + " → " + both.summary())
          .isTrue();
    }
  }

  @Test
  void twoProductsNamedWithACountEachAreOneOfEach() {
    for (String text :
        List.of(
            "I want to order 1 galaxy a55 and 1 redmi note 13",
            "3ayez wa7ed s24 w wa7ed iphone 15",
            "عايز اطلب واحد جالاكسي A55 وواحد ريدمي نوت ١٣")) {
      PersonaResult r = say(text);
      assertThat(r.intent()).as(text + " → " + r.summary()).isEqualTo("order");
      assertThat(r.entities().products()).as(text + " → " + r.summary()).hasSize(2);
      assertThat(r.entities().quantity()).as(text + " → " + r.summary()).isIn(null, 1);
      assertThat(!r.handoff() || r.retailBigDeal()).as(text + " → " + r.summary()).isTrue();
    }
  }

  private static PersonaResult say(String text) {
    return FreshCustomer.say(text);
  }
}
