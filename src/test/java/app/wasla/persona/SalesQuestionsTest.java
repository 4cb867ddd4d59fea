package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sales questions read as what they are: a bigger power bank asked is a product question (never a
 * complaint), whether a watch works with the customer's phone is answered from the playbook (never
 * an order), and a repair of a model the price list has no price for is said so, with a free
 * check-up (never another model's price, never "we don't sell it").
 */
class SalesQuestionsTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static PersonaResult say(String text) {
    return PERSONA.respond(PersonaTurn.of("fresh", text));
  }

  @Test
  void aBiggerPowerBankIsAProductQuestionAnsweredWithTheBiggestWeHave() {
    for (String text :
        new String[] {
          "مفيش باور بانك تاني أكبر؟ ٢٠ ألف مثلا؟",
          "any bigger power bank?",
          "fe power bank akbar?",
          "هل يوجد باور بانك بسعة أكبر؟"
        }) {
      PersonaResult r = say(text);
      assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.PRODUCT_INQUIRY);
      assertThat(r.handoff()).as(r.summary()).isFalse();
      assertThat(r.reply().text()).as(text).contains("10,000").contains("1,299");
      assertThat(r.reply().aboutProductSku()).isEqualTo("ANKPB10");
      assertThat(r.reply().options()).anyMatch(o -> o.id().endsWith("ANKPB10"));
    }
    assertThat(say("any bigger power bank?").reply().text()).contains("biggest");
    assertThat(say("هل يوجد باور بانك بسعة أكبر؟").reply().text())
        .contains("أكبر")
        .doesNotContain("عندنا")
        .doesNotContain("دلوقتي");
    assertThat(say("fe power bank akbar?").reply().text()).contains("akbar");
  }

  @Test
  void whetherAWatchWorksWithThePhoneIsAnsweredFromThePlaybook() {
    for (String text :
        new String[] {
          "أرغب في شراء آبل واتش SE، هل هي متوافقة مع هاتف سامسونج؟",
          "does the apple watch work with android/samsung?",
          "el apple watch yenfa3 m3 samsung?",
          "الابل واتش بتشتغل مع سامسونج؟"
        }) {
      PersonaResult r = say(text);
      assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.PRODUCT_INQUIRY);
      assertThat(r.handoff()).as(r.summary()).isFalse();
      assertThat(r.reply().text()).as(text).contains("1,799").contains("13,999");
      // the Band 8 is what works with an Android phone: "Order now" orders it
      assertThat(r.reply().aboutProductSku()).as(text).isEqualTo("MIB8");
    }
    assertThat(say("does the apple watch work with android/samsung?").reply().text())
        .contains("only with an iPhone")
        .contains("Xiaomi Smart Band 8");
    assertThat(say("el apple watch yenfa3 m3 samsung?").reply().text())
        .contains("iPhone bas")
        .doesNotContainPattern("\\p{IsArabic}");
    assertThat(say("أرغب في شراء آبل واتش SE، هل هي متوافقة مع هاتف سامسونج؟").reply().text())
        .contains("آيفون فقط")
        .doesNotContain("بتشتغل");
    assertThat(say("الابل واتش بتشتغل مع سامسونج؟").reply().text()).contains("الآيفون بس");
    // the band works with both: its price, and said so
    PersonaResult band = say("ال band 8 بتشتغل مع iPhone؟");
    assertThat(band.reply().text()).contains("1,799").doesNotContain("47,999");
  }

  @Test
  void aRepairOfAModelThePriceListLacksIsQuotedAfterAFreeCheckUp() {
    PersonaResult r =
        say("my iPhone 13 screen is cracked. How much does a screen replacement cost?");
    assertThat(r.handoff()).as(r.summary()).isFalse();
    assertThat(r.reply().text())
        .contains("iPhone 13")
        .contains("free check-up")
        .doesNotContain("9,500")
        .doesNotContain("iPhone 15");
    assertThat(r.reply().options()).anyMatch(o -> o.id().equals("menu_booking_new"));
    assertThat(r.topic()).isEqualTo("repairs");

    PersonaResult again =
        PERSONA.respond(
            new PersonaTurn(
                "fresh",
                List.of("I said iPhone 13, not 15"),
                null,
                List.of(),
                null,
                0,
                null,
                "repairs"));
    assertThat(again.reply().text())
        .as(again.summary())
        .contains("iPhone 13")
        .contains("check-up")
        .doesNotContain("don't have")
        .doesNotContain("47,999");

    PersonaResult eg = say("شاشة الايفون ١٣ بتاعي اتكسرت، تغييرها بكام؟");
    assertThat(eg.reply().text())
        .as(eg.summary())
        .contains("فحص مجاني")
        .doesNotContain("٩٥٠٠")
        .doesNotContain("9,500");
    assertThat(eg.handoff()).isFalse();

    // the list's own price still answers its model
    assertThat(say("تغيير شاشة الايفون ١٥ بكام؟").reply().text()).contains("٩٥٠٠");
    assertThat(say("how much is an iPhone 15 screen replacement?").reply().text())
        .contains("9,500");
  }
}
