package app.wasla.persona;

import static app.wasla.persona.FreshCustomer.after;
import static app.wasla.persona.FreshCustomer.say;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A fault in what the customer has, when an order can be picked up, when a refund comes back, and a
 * bare city after the delivery fees: each is answered from the playbook, in the customer's form,
 * without an offer to buy or a person called.
 */
class OwnedFaultsPickupAndRefundsTest {

  @Test
  void aFaultInWhatTheCustomerHasGetsTheWarrantyAndRepairsNotAnOffer() {
    for (String[] c :
        new String[][] {
          {"My Galaxy Buds FE stopped charging after 3 weeks, what can I do?", "six months"},
          {"السماعة البادز بتاعتي بطلت تشحن بعد ٣ أسابيع، أعمل إيه؟", "٦ شهور"},
          {"الموبايل اللي معايا وقف فجأة ومبيفتحش", "ضمان الوكيل"},
          {"el galaxy buds ba2alha esbo3 bas w fasla msh bteshe7n, a3mel eh?", "daman"},
          {
            "توقفت سماعة جالاكسي بادز الخاصة بي عن الشحن بعد ثلاثة أسابيع، ماذا أفعل؟",
            "بضمان ٦ أشهر"
          }
        }) {
      PersonaResult r = say(c[0]);
      assertThat(r.handoff()).as(r.summary()).isFalse();
      assertThat(r.topic()).as(r.summary()).isEqualTo("warranty");
      assertThat(r.intent()).as(r.summary()).isNotIn(Intents.ORDER, Intents.PRODUCT_INQUIRY);
      assertThat(r.reply().text()).as(r.summary()).contains(c[1]).doesNotContain("3,299");
      assertThat(r.reply().options())
          .extracting(ReplyOption::id)
          .containsExactly("menu_booking", "menu_human");
      assertThat(r.reply().complete()).isTrue(); // no product card from the sales flows
    }
  }

  @Test
  void aFaultInWhatWasBoughtStaysAComplaintAndARepairPriceStaysTheRepairs() {
    PersonaResult bought = say("the charger i bought from u stopped working after 1 week");
    assertThat(bought.intent()).isEqualTo(Intents.COMPLAINT);
    assertThat(bought.handoff()).isTrue();
    PersonaResult price = say("my screen is broken, how much to fix it?");
    assertThat(price.topic()).isEqualTo("repairs");
    assertThat(price.reply().options()).isEmpty();
  }

  @Test
  void whenToPickUpIsAnOrderStatusQuestionAnsweredWithHowPickupWorks() {
    for (String[] c :
        new String[][] {
          {"when can i pick it up?", "message"},
          {"امتى اقدر استلمه من الفرع؟", "رسالة"},
          {"emta a2dar astelmo?", "message"},
          {"متى يمكنني استلام الطلب من الفرع؟", "رسالة"}
        }) {
      PersonaResult r = say(c[0]);
      assertThat(r.handoff()).as(r.summary()).isFalse();
      assertThat(r.intent()).as(r.summary()).isEqualTo(Intents.ORDER_STATUS);
      assertThat(r.topic()).as(r.summary()).isEqualTo("pickup");
      assertThat(r.reply().text()).as(r.summary()).contains(c[1]);
    }
    // an order that says it will be picked up stays an order
    assertThat(say("ok yalla reserve me the smart band 8, ill pick it up from smouha").intent())
        .isEqualTo(Intents.ORDER);
  }

  @Test
  void whenTheMoneyComesBackIsTheReturnsPassage() {
    for (String[] c :
        new String[][] {
          {"امتى الفلوس ترجعلي؟", "٧ أيام عمل"},
          {"el refund hayenzel emta?", "7 ayam"},
          {"how long does a refund take?", "7 working days"},
          {"استرجاع المبلغ", "٧ أيام عمل"}
        }) {
      PersonaResult r = say(c[0]);
      assertThat(r.handoff()).as(r.summary()).isFalse();
      assertThat(r.topic()).as(r.summary()).isEqualTo("returns");
      assertThat(r.reply().text()).as(r.summary()).contains(c[1]).doesNotContain("01012345678");
    }
  }

  @Test
  void aBareCityAfterTheDeliveryFeesGetsItsFeeAndAfterTheBranchesItsBranch() {
    for (String[] c :
        new String[][] {
          {"w Alex?", "70"}, {"وإسكندرية؟", "٧٠"}, {"and Aswan?", "110"}, {"and Cairo?", "60"}
        }) {
      PersonaResult r = after("delivery_fees", c[0]);
      assertThat(r.handoff()).as(r.summary()).isFalse();
      assertThat(r.topic()).as(r.summary()).isEqualTo("delivery_fees");
      assertThat(r.reply().text())
          .as(r.summary())
          .contains(c[1])
          .doesNotContain("Fawzy Moaz")
          .doesNotContain("فوزي معاذ");
    }
    PersonaResult branch = after("branches", "w Alex?");
    assertThat(branch.reply().text()).contains("Fawzy Moaz");
    // a city without a branch after the branches: none there, the nearest, and the delivery
    PersonaResult tanta = after("branches", "and Tanta?");
    assertThat(tanta.topic()).isEqualTo("branches");
    assertThat(tanta.reply().text()).contains("Tanta").contains("Abbas El Akkad").contains("85");
  }
}
