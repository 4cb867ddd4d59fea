package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Short follow-ups read with the conversation's product or topic, accessories asked "for" a phone
 * read as the accessory, and a customer's own order of a few pieces never a deal for the sales
 * team.
 */
class FollowUpsAndAccessoriesTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static PersonaResult say(String text) {
    return PERSONA.respond(PersonaTurn.of("fresh", text));
  }

  private static PersonaResult after(String sku, String topic, String text) {
    return PERSONA.respond(
        new PersonaTurn("fresh", List.of(text), null, List.of(), null, 0, sku, topic));
  }

  @Test
  void anAccessoryForAPhoneIsTheAccessory() {
    for (String text : List.of("هل لديكم شاحن سريع لهاتف آيفون؟", "محتاج charger سريع للـ S24")) {
      PersonaResult r = say(text);
      assertThat(r.entities().products()).as(r.summary()).isEmpty();
      assertThat(r.reply().text()).as(r.summary()).doesNotContain("47,999", "42,999");
      assertThat(r.handoff()).as(r.summary()).isFalse();
    }
    PersonaResult band = say("ال band 8 بتشتغل مع iPhone؟");
    assertThat(band.entities().products().get(0))
        .as(band.summary())
        .isEqualTo("Xiaomi Smart Band 8");
  }

  @Test
  void aModelNumberIsNoQuantity() {
    for (String text :
        List.of(
            "تمام عايز اطلب واحد ايفون ١٥",
            "I want to order an iPhone 15",
            "tmam 3ayez a3mel order 1 iphone 15",
            "عايز اطلب ايفون 15 برو ماكس")) {
      PersonaResult r = say(text);
      assertThat(r.entities().quantity()).as(r.summary()).isIn(null, 1);
    }
    assertThat(say("وعايز اتنين ايربودز برو ٢ كمان").entities().quantity()).isEqualTo(2);
  }

  @Test
  void aFollowUpWithoutASubjectIsAboutThePreviousTurns() {
    PersonaResult days = after(null, "delivery_fees", "وبياخد كام يوم");
    assertThat(days.handoff()).as(days.summary()).isFalse();
    assertThat(days.reply().text()).contains("٢-٣");
    assertThat(days.topic()).isEqualTo("delivery_fees");
    PersonaResult free = after(null, "delivery_fees", "w lw el order fo2 3000?");
    assertThat(free.handoff()).as(free.summary()).isFalse();
    assertThat(free.reply().text()).contains("3000");
    PersonaResult repair =
        after("IP15-128", "repairs", "how much does it cost and how long does it take?");
    assertThat(repair.reply().text()).as(repair.summary()).contains("9,500");
    PersonaResult price = after("IP15-128", null, "bkam");
    assertThat(price.entities().products()).as(price.summary()).containsExactly("iPhone 15 128GB");
    assertThat(price.handoff()).isFalse();
    PersonaResult held = after("OPR11", null, "أريد حجزه لأستلمه من الفرع غداً");
    assertThat(held.intent()).as(held.summary()).isEqualTo("order");
    PersonaResult who = say("meen m3aya? enta bot wala 7ad 7a2e2y 😅");
    assertThat(who.handoff()).as(who.summary()).isFalse();
    assertThat(say("enta bot? 3ayez akalem 7ad 7a2e2y").handoff()).isTrue();
    PersonaResult regular = after("IP15PM-256", null, "طب والعادي ١٥ ؟");
    assertThat(regular.entities().products())
        .as(regular.summary())
        .containsExactly("iPhone 15 128GB");
    assertThat(regular.entities().quantity()).as(regular.summary()).isNull();
    assertThat(regular.handoff()).as(regular.summary()).isFalse();
    // without a product or topic in context the same words are not guessed at
    assertThat(after(null, null, "وبياخد كام يوم").reply().text()).doesNotContain("٢-٣");
  }

  @Test
  void aRequestOfItsOwnAfterAStoreAnswerIsReadOnItsOwn() {
    String[][] own = {
      {"hours", "عايز اكلم حد", "human_request"},
      {"hours", "كلم موظف", "human_request"},
      {"hours", "I want to speak to a person", "human_request"},
      {"returns", "let me talk to a human please", "human_request"},
      {"returns", "أرجو التكرم بتحويلي إلى أحد ممثلي خدمة العملاء.", "human_request"},
      {"returns", "طب خلاص وصلوني بحد من خدمة العملاء", "human_request"},
      {"warranty", "3ayez akalem 7ad ba2a", "human_request"},
      {"warranty", "mmkn ad5ol 3ala customer service?", "human_request"},
      {"returns", "where's my order now? when will it arrive", "order_status"},
      {"returns", "where is ORD-12006", "order_status"},
      {"returns", "el order bta3y wesel le fen?", "order_status"},
      {"warranty", "معلش ممكن اغير الميعاد ليوم الاربع بدل الاتنين؟", "booking_change"},
      {"warranty", "عايز اغير ميعاد الحجز BK-5002", "booking_change"},
      {"warranty", "طيب الغي الحجز خالص", "booking_cancel"},
      {"returns", "ما هي طرق الدفع المتاحة؟", "payment"},
      {"returns", "hi", "greeting"},
      {"hours", "مرحبا", "greeting"},
      {"hours", "تمام تسلم", "thanks_goodbye"},
      {"returns", "thanks", "thanks_goodbye"},
    };
    for (String[] c : own) {
      PersonaResult r = after(null, c[0], c[1]);
      assertThat(r.intent()).as(c[1] + " after " + c[0] + ": " + r.summary()).isEqualTo(c[2]);
      assertThat(r.topic()).as(c[1] + " after " + c[0]).isNotEqualTo(c[0]);
    }
    // what is a follow-up still is
    String[][] followUps = {
      {"hours", "طب والجمعة؟"},
      {"hours", "w el gom3a?"},
      {"warranty", "والكسر؟"},
      {"returns", "and if i opened it?"},
      {"returns", "when do i get my money back?"},
      {"instalments", "how many months?"},
      {"delivery_fees", "w lw el order fo2 3000?"},
    };
    for (String[] c : followUps) {
      PersonaResult r = after(null, c[0], c[1]);
      assertThat(r.topic()).as(c[1] + " after " + c[0] + ": " + r.summary()).isEqualTo(c[0]);
      assertThat(r.handoff()).as(c[1]).isFalse();
    }
  }
}
