package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.persona.handoff.DmnHandoffRules;
import app.wasla.persona.nlp.IntentClassifier;
import app.wasla.persona.playbook.Playbook;
import app.wasla.persona.playbook.PlaybookLoader;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The shop's stock in what Nour lists: a sold-out product (the Oppo Reno 11 here) is left out of
 * budget, kind and "cheaper" lists and recommendations; asked for by name it is said to be sold
 * out, in the customer's register, with the nearest phones in stock to order instead. A stock
 * source that fails tells nothing: the lists are as without one.
 */
class SoldOutProductsTest {

  private static final Playbook PLAYBOOK = PlaybookLoader.loadDefault();
  private static final IntentClassifier CLASSIFIER = IntentClassifier.createDefault();

  /** A shop whose stock says these SKUs are sold out and the rest in stock. */
  private record Shop(Set<String> soldOut) implements ProductStock {
    @Override
    public Availability availability(String sku) {
      return soldOut.contains(sku) ? Availability.OUT_OF_STOCK : Availability.IN_STOCK;
    }
  }

  private static EmbeddedPersona persona(ProductStock stock) {
    return new EmbeddedPersona(
        "Nour", PLAYBOOK, CLASSIFIER, DmnHandoffRules.load(), Map.of(), Clock.systemUTC(), stock);
  }

  private static final EmbeddedPersona RENO_SOLD_OUT = persona(new Shop(Set.of("OPR11")));
  private static final EmbeddedPersona NO_STOCK_KNOWN = persona(ProductStock.UNKNOWN);

  private static PersonaResult say(EmbeddedPersona persona, String text) {
    return persona.respond(PersonaTurn.of("fresh", text));
  }

  private static PersonaResult after(EmbeddedPersona persona, String sku, String text) {
    return persona.respond(
        new PersonaTurn("fresh", List.of(text), null, List.of(), null, 0, sku, null));
  }

  private static final List<String> LISTS =
      List.of(
          "موبايلات باقل من ٢٠ الف",
          "phones under 20k",
          "هل يوجد هاتف أقل من عشرين ألف جنيه؟",
          "3ayez mobile ta7t 20 alf",
          "what phones do you have?",
          "عندكم موبايلات ايه؟");

  @Test
  void listsLeaveOutWhatIsSoldOut() {
    for (String text : LISTS) {
      // without stock the Reno is listed: the list is one that would name it
      assertThat(say(NO_STOCK_KNOWN, text).reply().text()).as(text).containsAnyOf("Reno", "رينو");
      PersonaResult r = say(RENO_SOLD_OUT, text);
      assertThat(r.reply().text())
          .as(r.summary())
          .doesNotContain("Reno")
          .doesNotContain("رينو")
          .contains("19,499");
      assertThat(r.handoff()).as(r.summary()).isFalse();
    }
  }

  @Test
  void aCheaperOneAndAdviceLeaveOutWhatIsSoldOut() {
    PersonaResult cheaper = after(RENO_SOLD_OUT, "SM-A55", "anything cheaper?");
    assertThat(after(NO_STOCK_KNOWN, "SM-A55", "anything cheaper?").reply().text())
        .contains("Reno");
    assertThat(cheaper.reply().text())
        .as(cheaper.summary())
        .doesNotContain("Reno")
        .contains("Redmi Note 13");
    PersonaResult advice = say(RENO_SOLD_OUT, "a7san mobile lel camera ta7t 20 alf?");
    assertThat(say(NO_STOCK_KNOWN, "a7san mobile lel camera ta7t 20 alf?").reply().text())
        .contains("Reno");
    assertThat(advice.reply().text()).as(advice.summary()).doesNotContain("Reno");
  }

  @Test
  void aSoldOutProductAskedByNameIsSaidSoWithTheNearestInStock() {
    Map<String, String> soldOutWords =
        Map.of(
            "how much is the oppo reno 11?", "out of stock",
            "بكام اوبو رينو ١١؟", "خلص",
            "كم سعر هاتف أوبو رينو 11؟", "نفد",
            "bkam el oppo reno 11?", "5eles",
            "I want to order the Oppo Reno 11", "out of stock");
    soldOutWords.forEach(
        (text, words) -> {
          PersonaResult r = say(RENO_SOLD_OUT, text);
          assertThat(r.reply().text()).as(r.summary()).contains(words).contains("18,999");
          // the nearest phones in price, each a button that orders it; never the sold-out one
          assertThat(r.reply().options())
              .as(r.summary())
              .extracting(ReplyOption::id)
              .contains(EmbeddedPersona.ORDER_BUTTON + ":SM-A55")
              .contains(EmbeddedPersona.ORDER_BUTTON + ":RN13")
              .doesNotContain(EmbeddedPersona.ORDER_BUTTON + ":OPR11", "menu_order");
          assertThat(r.reply().complete()).as(r.summary()).isTrue();
          assertThat(r.handoff()).as(r.summary()).isFalse();
        });
    // MSA is answered in MSA, English in English
    assertThat(say(RENO_SOLD_OUT, "كم سعر هاتف أوبو رينو 11؟").reply().text())
        .doesNotContain("دلوقتي")
        .doesNotContain("عندنا");
    assertThat(say(RENO_SOLD_OUT, "how much is the oppo reno 11?").reply().text())
        .contains("Samsung Galaxy A55")
        .doesNotContain("سعر");
  }

  @Test
  void aBrandWhoseEveryProductIsSoldOutIsSaidSoAndReadAsBefore() {
    for (String text : List.of("do you have oppo phones?", "عندكم موبايلات اوبو؟")) {
      PersonaResult r = say(RENO_SOLD_OUT, text);
      // read as without stock: only the answer changes
      assertThat(r.intent()).as(r.summary()).isEqualTo(say(NO_STOCK_KNOWN, text).intent());
      assertThat(r.reply().text()).as(r.summary()).containsAnyOf("out of stock", "خلص");
      assertThat(r.reply().options())
          .as(r.summary())
          .extracting(ReplyOption::id)
          .contains(EmbeddedPersona.ORDER_BUTTON + ":SM-A55")
          .doesNotContain(EmbeddedPersona.ORDER_BUTTON + ":OPR11");
    }
  }

  @Test
  void theNearestToAModelNotSoldAreInStock() {
    String text = "do you have the oppo reno 12?";
    assertThat(say(NO_STOCK_KNOWN, text).reply().text()).contains("18,999");
    PersonaResult r = say(RENO_SOLD_OUT, text);
    assertThat(r.reply().text()).as(r.summary()).doesNotContain("18,999");
    assertThat(r.reply().aboutProductSku()).as(r.summary()).isNotEqualTo("OPR11");
  }

  @Test
  void aFailingStockSourceLeavesTheListsAsBefore() {
    AtomicInteger asked = new AtomicInteger();
    EmbeddedPersona failing =
        persona(
            sku -> {
              asked.incrementAndGet();
              throw new IllegalStateException("the backend is down");
            });
    for (String text : LISTS) {
      assertThat(say(failing, text).reply().text())
          .as(text)
          .isEqualTo(say(NO_STOCK_KNOWN, text).reply().text());
    }
    assertThat(say(failing, "how much is the oppo reno 11?").reply().text())
        .isEqualTo(say(NO_STOCK_KNOWN, "how much is the oppo reno 11?").reply().text());
    assertThat(asked.get()).isPositive();
  }
}
