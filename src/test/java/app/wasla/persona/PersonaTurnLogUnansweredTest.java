package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which turns the reports list as unanswered questions (docs/reports.md): the persona's own reading
 * of a turn, as {@link PersonaReplyDelegate} records it.
 */
class PersonaTurnLogUnansweredTest {

  private static PersonaResult read(String intent, double confidence, String handoffReason) {
    return new PersonaResult(
        Language.EN,
        intent,
        confidence,
        new Sentiment(Sentiment.NEUTRAL, 0.0),
        Entities.NONE,
        new PersonaReply("a reply", java.util.List.of(), null),
        handoffReason != null,
        handoffReason,
        "summary");
  }

  @Test
  void aQuestionHandedOnAsUnansweredIsUnanswered() {
    assertThat(
            PersonaTurnLog.unanswered(
                read(Intents.OTHER, 0.9, "unanswered question"), "is there a student discount?"))
        .isTrue();
  }

  @Test
  void aTurnReadAsOtherOrWithLowConfidenceGotAGenericAnswer() {
    assertThat(
            PersonaTurnLog.unanswered(
                read(Intents.OTHER, 0.8, null),
                "Do you sell PlayStation 5 controllers and do you ship to Saudi Arabia?"))
        .isTrue();
    assertThat(
            PersonaTurnLog.unanswered(
                read(Intents.PRODUCT_INQUIRY, 0.3, null), "عندكم حاجة للعربية؟"))
        .isTrue();
  }

  @Test
  void aCorrectionOfTheBotsReadingIsUnanswered() {
    assertThat(
            PersonaTurnLog.unanswered(
                read(Intents.PRODUCT_INQUIRY, 0.79, null), "لا انا بسأل على لابتوب ديل مش ايفون"))
        .isTrue();
    assertThat(
            PersonaTurnLog.unanswered(
                read(Intents.PRODUCT_INQUIRY, 0.9, null), "No, I asked about the PS5 controller"))
        .isTrue();
    assertThat(
            PersonaTurnLog.unanswered(
                read(Intents.PRODUCT_INQUIRY, 0.9, null), "مش ده اللي بسأل عليه"))
        .isTrue();
  }

  @Test
  void aSalesFlowsHandoffForACustomerWhoAskedForAPersonIsCustomerAsked() {
    assertThat(HandoffReasons.category("customer asked for a person about a product"))
        .isEqualTo("customer_asked");
    assertThat(HandoffReasons.category("taken over by demo")).isEqualTo(HandoffReasons.TAKEN_OVER);
  }

  @Test
  void aConfidentAnswerAHandoffForAnotherReasonAndAPhotoAloneAreNot() {
    assertThat(
            PersonaTurnLog.unanswered(
                read(Intents.PRODUCT_INQUIRY, 0.9, null), "how much is the jbl flip 6?"))
        .isFalse();
    assertThat(
            PersonaTurnLog.unanswered(
                read(Intents.OTHER, 0.2, "customer asked for a human"), "a person please"))
        .isFalse();
    assertThat(PersonaTurnLog.unanswered(read(Intents.OTHER, 0.2, null), "[image]")).isFalse();
    // "no" answering the bot's own question is not a correction
    assertThat(
            PersonaTurnLog.unanswered(read(Intents.ORDER, 0.9, null), "لا، عايز استلام من الفرع"))
        .isFalse();
  }
}
