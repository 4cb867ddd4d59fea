package app.wasla.persona;

import static app.wasla.persona.FreshCustomer.PERSONA;
import static app.wasla.persona.FreshCustomer.answered;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A customer's follow-ups in every register: the chargers that fit a phone, an amount that is no
 * order number, when a booking is, both products shown, an instalment's term and down payment, cash
 * on delivery for the product just shown.
 */
class CustomerFollowUpsTest {

  private static PersonaResult after(String sku, String topic, String text) {
    return PERSONA.respond(
        new PersonaTurn("fresh", List.of(text), null, List.of(), null, 0, sku, topic));
  }

  @Test
  void whichChargerFitsAPhoneListsTheChargersAndTheCable() {
    for (String text :
        List.of(
            "which charger works with the Galaxy S24?",
            "which charger fits the iPhone 15?",
            "which charger is compatible with the S24?",
            "anhy charger yenfa3 m3 el S24",
            "ايه الشاحن اللي ينفع مع S24؟",
            "ما الشاحن المناسب لـ Galaxy S24؟")) {
      PersonaResult r = answered(text);
      assertThat(r.reply().text())
          .as(r.summary())
          .contains("749", "899", "199")
          .doesNotContain("42,999", "47,999");
    }
  }

  @Test
  void anAmountWithItsCurrencyIsNoOrderNumberAndAsksTheFreeDelivery() {
    for (String text :
        List.of(
            "طب لو الطلب ٢٥٠٠ جنيه؟",
            "and if the order is 2500 EGP?",
            "w law el order 2500 geneh?",
            "وإذا كان الطلب ٢٥٠٠ جنيه؟")) {
      for (String topic : java.util.Arrays.asList(null, "delivery_fees")) {
        PersonaResult r = after(null, topic, text);
        assertThat(r.entities().reference()).as(r.summary()).isNull();
        assertThat(r.handoff()).as(r.summary()).isFalse();
        assertThat(r.reply().text()).as(r.summary()).contains("2,500", "60", "3,000");
        assertThat(r.topic()).as(r.summary()).isEqualTo("delivery_fees");
      }
    }
    PersonaResult over = answered("is delivery free for a 4000 EGP order?");
    assertThat(over.reply().text()).as(over.summary()).contains("4,000", "free", "3,000");
    assertThat(over.reply().text()).as(over.summary()).doesNotContain("not delivered free");
    // a fee complained of is no order's value asked about
    PersonaResult fee = FreshCustomer.say("١١٠ جنيه شحن لقنا؟؟ هو جاي بطياره ولا ايه 😂");
    assertThat(fee.reply().text()).as(fee.summary()).doesNotContain("3,000 جنيه.");
    assertThat(fee.reply().text()).as(fee.summary()).doesNotContain("مش مجاني");
    // a number that is an order's still is one
    assertThat(answered("فين الطلب 12345").entities().reference()).isEqualTo("12345");
  }

  @Test
  void bothOfTwoProductsShownAreOrdered() {
    for (String[] c :
        new String[][] {
          {"show me earbuds under 4000", "I'll take both"},
          {"عايز سماعة اقل من ٤٠٠٠", "هاخد الاتنين"},
          {"3ayez sama3a a2al mn 4000", "hakhod el etnen"},
        }) {
      PersonaResult list = answered(c[0]);
      assertThat(list.reply().text()).as(list.summary()).contains("3,299", "1,199");
      PersonaResult both =
          PERSONA.respond(
              new PersonaTurn(
                  "fresh",
                  List.of(c[1]),
                  null,
                  List.of(
                      new TranscriptLine(true, c[0], java.time.Instant.now()),
                      new TranscriptLine(false, list.reply().text(), java.time.Instant.now())),
                  null,
                  0,
                  list.reply().aboutProductSku()));
      assertThat(both.intent()).as(both.summary()).isEqualTo("order");
      assertThat(both.entities().products())
          .as(both.summary())
          .containsExactlyInAnyOrder("Samsung Galaxy Buds FE", "Oraimo FreePods 4");
      assertThat(both.handoff()).as(both.summary()).isFalse();
    }
  }

  @Test
  void anInstalmentsTermOrDownPaymentIsTheProductsOnShow() {
    for (String text :
        List.of("و على ٦؟", "and over 6 months?", "w 3ala 6 shohoor?", "وعلى ٦ أشهر؟")) {
      PersonaResult r = after("IP15-128", "instalments", text);
      assertThat(r.reply().text()).as(r.summary()).contains("8,000").doesNotContain("Paymob");
      assertThat(r.handoff()).as(r.summary()).isFalse();
    }
    for (String text :
        List.of("المقدم كام؟", "down payment?", "w el mo2adam kam?", "وما المقدم؟")) {
      PersonaResult r = after("IP15-128", "instalments", text);
      assertThat(r.reply().text()).as(r.summary()).contains("4,000").doesNotContain("Paymob");
      assertThat(r.handoff()).as(r.summary()).isFalse();
    }
  }

  @Test
  void cashOnDeliveryForThePhoneOnShowSaysTheLimitAndTheWaysThatFit() {
    for (String text :
        List.of(
            "كاش عند الاستلام ينفع؟",
            "can I pay cash on delivery?",
            "ynfa3 cash 3and el estelam?",
            "هل يمكن الدفع عند الاستلام؟")) {
      PersonaResult r = after("SM-S24", null, text);
      assertThat(r.reply().text())
          .as(r.summary())
          .contains("20,000", "42,999", "3,584")
          .doesNotContain("01012345678");
      assertThat(r.handoff()).as(r.summary()).isFalse();
    }
    PersonaResult fits = after("APP2", null, "can I pay cash on delivery?");
    assertThat(fits.reply().text()).as(fits.summary()).contains("Yes", "11,499", "20,000");
  }
}
