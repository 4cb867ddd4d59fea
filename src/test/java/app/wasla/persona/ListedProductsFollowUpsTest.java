package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Follow-ups on the products Nour listed ("the dearest one", "the difference between them"), a
 * named product on instalments, and a charger asked for a phone.
 */
class ListedProductsFollowUpsTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  /**
   * The customer's messages in turn, each answered with the conversation so far; the last answer.
   */
  private static PersonaResult conversation(String... messages) {
    List<TranscriptLine> transcript = new ArrayList<>();
    PersonaResult r = null;
    String sku = null;
    String topic = null;
    for (String m : messages) {
      r =
          PERSONA.respond(
              new PersonaTurn(
                  "fresh", List.of(m), null, List.copyOf(transcript), null, 0, sku, topic));
      transcript.add(new TranscriptLine(true, m, null));
      transcript.add(new TranscriptLine(false, r.reply() == null ? "" : r.reply().text(), null));
      if (r.reply() != null && r.reply().aboutProductSku() != null) {
        sku = r.reply().aboutProductSku();
      }
      topic = r.topic();
    }
    return r;
  }

  @Test
  void theDearestAndTheCheapestOfTheListed() {
    for (String[] c :
        List.of(
            new String[] {"عندكم ساعات؟", "قديش سعر الأغلى؟"},
            new String[] {"what smartwatches do you have?", "and the most expensive one?"},
            new String[] {"3andoko sa3at smart?", "w a8la wa7da bkam?"})) {
      PersonaResult r = conversation(c);
      assertThat(r.reply().text()).as(r.summary()).contains("13,999").doesNotContain("1,799");
      assertThat(r.handoff()).as(r.summary()).isFalse();
    }
    for (String[] c :
        List.of(
            new String[] {"عندكم موبايلات تحت 20 ألف؟", "والأغلى بكام؟"},
            new String[] {"3andoko mobilat ta7t 20 alf?", "w a8la wa7da bkam?"})) {
      PersonaResult r = conversation(c);
      assertThat(r.reply().text()).as(r.summary()).contains("19,499").doesNotContain("7,999");
      assertThat(r.handoff()).as(r.summary()).isFalse();
    }
    PersonaResult cheapest = conversation("عندكم موبايلات تحت 20 ألف؟", "الأرخص فيهم");
    assertThat(cheapest.reply().text())
        .as(cheapest.summary())
        .contains("7,999")
        .doesNotContain("19,499");
    // a kind of its own named: the dearest of that kind, not of the list
    PersonaResult watch = conversation("عندكم موبايلات تحت 20 ألف؟", "ايه اغلى ساعه سمارت عندكو");
    assertThat(watch.reply().text()).as(watch.summary()).contains("13,999");
  }

  @Test
  void theDifferenceBetweenThemComparesTheListed() {
    for (String[] c :
        List.of(
            new String[] {"عندكم ساعات؟", "الفرق بينهم ايه"},
            new String[] {"3andoko sa3at smart?", "eh el far2 benhom"},
            new String[] {
              "what smartwatches do you have?", "what's the difference between them"
            })) {
      PersonaResult r = conversation(c);
      assertThat(r.reply().text()).as(r.summary()).contains("13,999", "1,799", "12,200");
      assertThat(r.handoff()).as(r.summary()).isFalse();
    }
  }

  @Test
  void aNamedProductOnInstalments() {
    for (String text :
        List.of(
            "3ayez galaxy a55 b el ta2seet",
            "عايز A55 بالتقسيط",
            "أريد شراء جالاكسي A55 بالتقسيط، ما الخطوات؟",
            "I want the Galaxy A55 on instalments")) {
      PersonaResult r = conversation(text);
      assertThat(r.reply().text()).as(r.summary()).contains("19,499", "1,625");
      // "Order now" names the product: the tap orders the A55, not "which product?"
      assertThat(r.reply().options())
          .as(r.summary())
          .anyMatch(o -> o.id().equals(EmbeddedPersona.ORDER_BUTTON + ":SM-A55"));
      assertThat(r.handoff()).as(r.summary()).isFalse();
    }
    PersonaResult monthly = conversation("3ayez galaxy a55 b el ta2seet", "valU kam fel shahr?");
    assertThat(monthly.reply().text()).as(monthly.summary()).contains("1,625", "3,250");
    PersonaResult again = conversation("عايز A55 بالتقسيط", "عايز A55 بالتقسيط");
    assertThat(again.reply().text()).as(again.summary()).doesNotContain("عدد الشهور");
    assertThat(again.reply().options())
        .as(again.summary())
        .anyMatch(o -> o.id().equals(EmbeddedPersona.ORDER_BUTTON + ":SM-A55"))
        .anyMatch(o -> o.id().equals("menu_human"));
  }

  @Test
  void aChargerForTheIphoneListsTheChargers() {
    for (String text :
        List.of("3ayza charger lel iphone", "عايزة شاحن للايفون", "charger for the iphone")) {
      PersonaResult r = conversation(text);
      assertThat(r.reply().text()).as(r.summary()).contains("899").doesNotContain("47,999");
      assertThat(r.handoff()).as(r.summary()).isFalse();
      // the list is the whole answer, also when read as an order: no sales flow shows the phone
      assertThat(
              r.reply().complete()
                  || r.entities().products().isEmpty()
                      && List.of("product_inquiry", "availability").contains(r.intent()))
          .as(r.summary())
          .isTrue();
    }
  }
}
