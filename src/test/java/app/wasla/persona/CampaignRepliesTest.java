package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replies to a campaign message: its quick-reply button and questions about what is new or what it
 * offered are interest (the products with their prices), never a complaint or a person; a
 * subscriber asking about offers is not asked to subscribe.
 */
class CampaignRepliesTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static CustomerContext customer(boolean subscribed, Instant lastCampaign) {
    return new CustomerContext("Mona", null, List.of(), null, 0, null)
        .withMarketing(subscribed, lastCampaign);
  }

  private static PersonaResult say(String text, String replyId, CustomerContext customer) {
    return PERSONA.respond(new PersonaTurn("t", List.of(text), replyId, List.of(), customer, 0));
  }

  @Test
  void theTemplatesShowMeButtonShowsTheProductsWithTheirPrices() {
    PersonaResult r =
        say("Show me", "Show me", customer(true, Instant.now().minus(Duration.ofHours(3))));
    assertThat(r.handoff()).isFalse();
    assertThat(r.intent()).isEqualTo(Intents.PRODUCT_INQUIRY);
    assertThat(r.reply().text())
        .startsWith("Here's what we have right now")
        .contains("EGP")
        .doesNotContain("sorry");
    // a week later the tap is still interest in what the campaign showed
    assertThat(
            say("Show me", "Show me", customer(true, Instant.now().minus(Duration.ofDays(7))))
                .handoff())
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "شفت رسالتكم، ايه المنتجات الجديدة اللي نزلت؟",
        "ايه العروض دي؟ في خصم؟",
        "what's new?",
        "which offers did you send?",
        "eh el gedid?",
        "وريني",
      })
  void aQuestionAboutWhatIsNewWithinADayOfACampaignIsInterest(String text) {
    PersonaResult r = say(text, null, customer(true, Instant.now().minus(Duration.ofHours(2))));
    assertThat(r.handoff()).as(r.summary()).isFalse();
    assertThat(r.intent()).isEqualTo(Intents.PRODUCT_INQUIRY);
    assertThat(r.reply().text()).doesNotContain("اشتراك", "START", "مفيش عندي عروض");
  }

  @Test
  void aDayLaterOrWithoutACampaignTheQuestionIsReadAsBefore() {
    PersonaResult before = say("what's new?", null, customer(false, null));
    PersonaResult later =
        say("what's new?", null, customer(false, Instant.now().minus(Duration.ofDays(2))));
    assertThat(later.intent()).isEqualTo(before.intent());
  }

  @Test
  void aQuestionAboutTheirOwnOrderTheDayOfACampaignIsAboutTheOrder() {
    PersonaResult r =
        say(
            "الاوردر بتاعي ORD-12001 نزل؟",
            null,
            customer(true, Instant.now().minus(Duration.ofHours(1))));
    assertThat(r.intent()).isEqualTo(Intents.ORDER_STATUS);
    assertThat(r.reply().text()).doesNotStartWith("ده اللي عندنا دلوقتي");
  }

  @Test
  void anAngryReplyToACampaignIsNotTakenForInterest() {
    PersonaResult r =
        say(
            "انتو بتبعتوا عروض وانا الاوردر بتاعي متأخر اسبوعين ومحدش بيرد!! مهزلة",
            null,
            customer(true, Instant.now().minus(Duration.ofHours(1))));
    assertThat(r.reply().text()).doesNotStartWith("ده اللي عندنا دلوقتي");
  }

  @Test
  void aSubscriberAskingAboutOffersIsNotAskedToSubscribe() {
    PersonaResult subscribed = say("ايه العروض اللي عندكم؟ في خصم؟", null, customer(true, null));
    assertThat(subscribed.handoff()).isFalse();
    assertThat(subscribed.reply().text())
        .contains("مشترك")
        .doesNotContain("«اشتراك»")
        .doesNotContain("ابعتلي كلمة");
    PersonaResult en = say("any offers or discounts?", null, customer(true, null));
    assertThat(en.reply().text()).contains("You're subscribed").doesNotContain("send START");
    // one who is not subscribed is still told how
    assertThat(say("ايه العروض اللي عندكم؟ في خصم؟", null, customer(false, null)).reply().text())
        .contains("«اشتراك»");
  }
}
