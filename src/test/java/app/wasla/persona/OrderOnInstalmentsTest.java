package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A product's instalments answer orders that product: its "Order now" names it, and "order it on
 * instalments" after it is an order of it, not the ways to pay again.
 */
class OrderOnInstalmentsTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static PersonaResult after(String sku, String text) {
    return PERSONA.respond(new PersonaTurn("fresh", List.of(text), null, List.of(), null, 0, sku));
  }

  @Test
  void theInstalmentsOrderButtonNamesTheProduct() {
    PersonaResult r =
        PERSONA.respond(PersonaTurn.of("fresh", "I want the iPhone 15 on instalments"));
    assertThat(r.reply().options())
        .as(r.summary())
        .anyMatch(o -> o.id().equals(EmbeddedPersona.ORDER_BUTTON + ":IP15-128"));
    assertThat(r.reply().options()).noneMatch(o -> o.id().equals("menu_order"));
  }

  @Test
  void orderingItOnInstalmentsOrdersTheProductOnShow() {
    String name =
        PERSONA.playbook().products().stream()
            .filter(p -> p.sku().equals("SM-A55"))
            .findFirst()
            .orElseThrow()
            .nameEn();
    for (String text :
        List.of("تمام عايزة اطلبه بالتقسيط", "عايز اطلبه بالتقسيط", "ok order it on instalments")) {
      PersonaResult r = after("SM-A55", text);
      assertThat(r.intent()).as(text + " " + r.summary()).isEqualTo(Intents.ORDER);
      assertThat(r.entities().products()).as(text + " " + r.summary()).containsExactly(name);
    }
  }
}
