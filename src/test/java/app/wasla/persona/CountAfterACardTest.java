package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A count said alone or with its unit right after a product's card is how many of that product,
 * never a model number, a kind not sold ("pcs") nor a grievance.
 */
class CountAfterACardTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static PersonaResult after(String sku, String text) {
    return PERSONA.respond(new PersonaTurn("fresh", List.of(text), null, List.of(), null, 0, sku));
  }

  @Test
  void aCountAfterACardIsThatProductsQuantity() {
    for (String sku : List.of("ORFP4", "APP2", "IP15-128")) {
      String name =
          PERSONA.playbook().products().stream()
              .filter(p -> p.sku().equals(sku))
              .findFirst()
              .orElseThrow()
              .nameEn();
      for (String text :
          List.of(
              "عايز ٢ قطعة",
              "عايزة ٢ حتة",
              "2 pieces",
              "I want 2",
              "2",
              "٢",
              "2 pcs",
              "3ayza 2 pcs",
              "x2",
              "2 units",
              "اتنين")) {
        PersonaResult r = after(sku, text);
        assertThat(r.entities().products()).as(sku + " " + r.summary()).containsExactly(name);
        assertThat(r.entities().quantity()).as(sku + " " + r.summary()).isEqualTo(2);
        assertThat(r.intent()).as(sku + " " + r.summary()).isEqualTo(Intents.ORDER);
      }
      // the number of the product's own name is a count here too
      PersonaResult four = after(sku, "عايز ٤ قطع");
      assertThat(four.entities().quantity()).as(four.summary()).isEqualTo(4);
      assertThat(four.entities().products()).as(four.summary()).containsExactly(name);
    }
    PersonaResult units = after("ORFP4", "3 units");
    assertThat(units.handoff()).as(units.summary()).isFalse();
    assertThat(units.reply().text()).doesNotContain("laptop", "sorry", "Sorry");
  }

  @Test
  void aCountWithItsUnitAndNoCardIsAnOrderWithoutAProduct() {
    for (String text : List.of("4 pcs", "3ayza 2 pcs", "3 units")) {
      PersonaResult r = after(null, text);
      assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.ORDER);
      assertThat(r.entities().products()).as(r.summary()).isEmpty();
      assertThat(r.handoff()).as(r.summary()).isFalse();
      assertThat(r.reply().text()).as(r.summary()).doesNotContainIgnoringCase("laptop");
    }
  }
}
