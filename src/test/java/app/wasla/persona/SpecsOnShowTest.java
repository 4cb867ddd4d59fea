package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The specifications asked of the product on show, without its name: the catalogue's. */
class SpecsOnShowTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static PersonaResult after(String sku, String text) {
    return PERSONA.respond(
        new PersonaTurn("fresh", List.of(text), null, List.of(), null, 0, sku, null));
  }

  @Test
  void specsOfTheProductOnShow() {
    PersonaResult proMax = after("IP15PM-256", "عطني مواصفاته");
    assertThat(proMax.handoff()).as(proMax.summary()).isFalse();
    assertThat(proMax.reply().text()).as(proMax.summary()).contains("A17 Pro").contains("72,999");
    PersonaResult band = after("MIB8", "وش مواصفاتها؟");
    assertThat(band.handoff()).as(band.summary()).isFalse();
    assertThat(band.reply().text()).as(band.summary()).contains("AMOLED").contains("١٦ يوم");
    PersonaResult a55 = after("SM-A55", "what are its specs?");
    assertThat(a55.handoff()).as(a55.summary()).isFalse();
    assertThat(a55.reply().text()).as(a55.summary()).contains("Exynos 1480");
    PersonaResult arabizi = after("SM-A55", "el mowasafat eh?");
    assertThat(arabizi.handoff()).as(arabizi.summary()).isFalse();
    assertThat(arabizi.reply().text()).as(arabizi.summary()).contains("Exynos 1480");
    // none in the catalogue: what there is, no handoff
    PersonaResult cable = after("USBC1M", "what are its specs?");
    assertThat(cable.handoff()).as(cable.summary()).isFalse();
    assertThat(cable.reply().text()).as(cable.summary()).contains("catalogue has");
  }
}
