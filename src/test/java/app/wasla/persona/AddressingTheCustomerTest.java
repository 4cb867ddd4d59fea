package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.persona.nlp.CustomerNames;
import app.wasla.persona.nlp.FeminineWords;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How Nour addresses the customer: in the feminine when the customer's own words are feminine, else
 * neutrally where that reads naturally; by first name, and without a Latin name in Arabic text.
 */
class AddressingTheCustomerTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static PersonaResult say(String text) {
    return PERSONA.respond(PersonaTurn.of("fresh", text));
  }

  private static PersonaResult sayAs(String name, String text) {
    return PERSONA.respond(
        new PersonaTurn(
            "fresh",
            List.of(text),
            null,
            List.of(),
            new CustomerContext(name, null, List.of(), null, 0, null, List.of()),
            0));
  }

  @Test
  void aWomanIsAddressedInTheFeminine() {
    PersonaResult order = say("انا عايزة اطلب");
    assertThat(order.reply().text()).as(order.summary()).contains("تحبي تطلبي");
    PersonaResult person = say("انا محتاجة اكلم حد من خدمة العملاء");
    assertThat(person.handoff()).as(person.summary()).isTrue();
    assertThat(person.reply().text()).as(person.summary()).contains("عليكي");
    PersonaResult price = say("انا عايزة اعرف سعر ايربودز برو ٢");
    assertThat(price.reply().text()).as(price.summary()).contains("تحبي أعملك الطلب");
    PersonaResult arabizi = say("ana 3ayza a3mel order");
    assertThat(arabizi.reply().text()).as(arabizi.summary()).contains("3ayza totlobi");
    assertThat(ReplyTexts.getTo("greeting", Language.AR_EG, true, "نور")).contains("بيكي");
  }

  @Test
  void otherwiseNeutralWhereItReadsNaturallyElseAsBefore() {
    PersonaResult order = say("عايز اطلب");
    assertThat(order.reply().text())
        .as(order.summary())
        .contains("تحب تطلب")
        .doesNotContain("تحبي");
    PersonaResult hello = say("السلام عليكم");
    assertThat(hello.reply().text()).as(hello.summary()).doesNotContain("بيك");
    // "عايزه" may be "I want it": only the ة spelling is a woman's
    assertThat(FeminineWords.in("انا عايزه")).isFalse();
    assertThat(FeminineWords.in("3ayzo")).isFalse();
    assertThat(FeminineWords.in("محتاجة")).isTrue();
    // MSA and English have nothing to change
    assertThat(ReplyTexts.getTo("human", Language.EN, true))
        .isEqualTo(ReplyTexts.get("human", Language.EN));
  }

  @Test
  void aGreetingUsesTheFirstNameAndLeavesALatinNameOutOfArabic() {
    PersonaResult ar = sayAs("Mariam", "السلام عليكم");
    assertThat(ar.reply().text()).as(ar.summary()).doesNotContain("Mariam").contains("متجر النيل");
    PersonaResult en = sayAs("Ahmed Samir", "hello");
    assertThat(en.reply().text()).as(en.summary()).contains("Hi Ahmed,").doesNotContain("Samir");
    PersonaResult arabicName = sayAs("مريم سامي", "السلام عليكم");
    assertThat(arabicName.reply().text())
        .as(arabicName.summary())
        .contains("يا مريم")
        .doesNotContain("سامي");
    assertThat(CustomerNames.inGreeting("Ahmed Samir", true)).isNull();
    assertThat(CustomerNames.inGreeting("  ", false)).isNull();
  }
}
