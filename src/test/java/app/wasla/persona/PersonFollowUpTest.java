package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * After a person answered the customer, a message that refers back to what she said or promised
 * goes back to her (reason "agent follow-up", her name in the customer's script) instead of being
 * answered from the playbook, which could contradict her; a message that merely goes on shopping,
 * and the same words with no person's line, are answered as usual.
 */
class PersonFollowUpTest {

  private static final EmbeddedPersona PERSONA = EmbeddedPersona.createDefault();

  private static final TranscriptLine.Person SARA =
      new TranscriptLine.Person("sara", "Sara Hassan", "سارة", "sales");

  private static PersonaResult after(String agentSaid, Duration ago, String customer) {
    Instant now = Instant.now();
    List<TranscriptLine> lines =
        List.of(
            new TranscriptLine(true, "عايز اكلم حد", now.minus(ago).minusSeconds(120)),
            new TranscriptLine(false, "حاضر، هحولك لزميل", now.minus(ago).minusSeconds(110)),
            TranscriptLine.byPerson(agentSaid, now.minus(ago), SARA));
    return PERSONA.respond(
        new PersonaTurn("201000000001", List.of(customer), null, lines, null, 0));
  }

  private static void handedBack(String agentSaid, String customer, String replyHas) {
    PersonaResult r = after(agentSaid, Duration.ofHours(2), customer);
    assertThat(r.handoff()).as(customer + " → " + r.summary()).isTrue();
    assertThat(r.handoffReason()).as(customer + " → " + r.summary()).isEqualTo("agent follow-up");
    assertThat(r.reply().text()).as(customer).contains(replyHas);
    assertThat(HandoffReasons.category(r.handoffReason())).isEqualTo("agent_follow_up");
  }

  private static void notAFollowUp(PersonaResult r, String customer) {
    assertThat(r.handoffReason())
        .as(customer + " → " + r.summary())
        .isNotEqualTo("agent follow-up");
  }

  @Test
  void egyptianArabicAboutTheCodeSheSaid() {
    handedBack("خليني أبعتلك كود خصم ١٠٪ بكرة", "فين الكود اللي قالتلي عليه؟", "سارة");
    handedBack("خليني أبعتلك كود خصم ١٠٪ بكرة", "لسه موصلنيش الكود", "هبلّغ سارة");
    handedBack("هنكلمك بكرة الصبح نأكد الميعاد", "محدش كلمني لحد دلوقتي", "سارة");
    // her name alone
    handedBack("تمام هشوفلك الموضوع", "هي سارة فين؟ عايز اكمل معاها", "سارة");
  }

  @Test
  void aWomanIsAddressedAsOne() {
    PersonaResult r =
        after("خليني أبعتلك كود خصم ١٠٪", Duration.ofHours(1), "انا مستنية الكود اللي قالتلي عليه");
    assertThat(r.handoffReason()).isEqualTo("agent follow-up");
    assertThat(r.reply().text()).contains("سارة").contains("معاكي");
  }

  @Test
  void arabiziAboutTheCallBack() {
    handedBack("hnkallemak bokra el sob7", "mafeesh 7ad kallemny zay ma otolty", "Sara");
    handedBack("hab3atlak kod 5asm 10% ba3d shwaya", "fen el kod?", "Sara");
  }

  @Test
  void englishAboutTheCouponSaraPromised() {
    handedBack("I'll send you a 10% coupon", "where's the coupon sara promised?", "Sara");
    handedBack("We'll call you tomorrow to arrange it", "nobody called me yet", "Sara");
    handedBack("The replacement ships Sunday", "any news on the replacement?", "Sara");
    handedBack("Your refund goes out today", "you said I'd get my money back", "Sara");
  }

  @Test
  void modernStandardArabicAboutTheReplacement() {
    handedBack("سيتم شحن الجهاز البديل يوم الأحد", "متى سيصل الجهاز البديل؟", "سأبلغ سارة");
    handedBack("سنتصل بك غداً لتأكيد الموعد", "لم يتصل بي أحد كما وعدتني", "سارة");
  }

  @Test
  void aNewProductQuestionAfterSheAnsweredIsAnsweredAsUsual() {
    for (String question :
        List.of("بكام ايفون 15؟", "do you have airpods pro 2?", "3andko samsung a55?")) {
      PersonaResult r = after("خليني أبعتلك كود خصم ١٠٪ بكرة", Duration.ofHours(2), question);
      notAFollowUp(r, question);
      assertThat(r.handoff()).as(question + " → " + r.summary()).isFalse();
    }
    // thanks to her by name is not a request
    notAFollowUp(
        after("خليني أبعتلك كود خصم ١٠٪ بكرة", Duration.ofHours(2), "شكرا يا سارة"),
        "شكرا يا سارة");
  }

  @Test
  void theSameWordsWithoutAPersonsLineAreNotAFollowUp() {
    Instant now = Instant.now();
    for (String customer :
        List.of(
            "where's the coupon sara promised?",
            "فين الكود اللي قالتلي عليه؟",
            "mafeesh 7ad kallemny zay ma otolty")) {
      // nothing in the transcript
      notAFollowUp(PERSONA.respond(PersonaTurn.of("201000000002", customer)), customer);
      // only the bot spoke, the same words
      notAFollowUp(
          PERSONA.respond(
              new PersonaTurn(
                  "201000000002",
                  List.of(customer),
                  null,
                  List.of(new TranscriptLine(false, "I'll send you a 10% coupon", now)),
                  null,
                  0)),
          customer);
    }
  }

  @Test
  void aPersonsLineOlderThanTheWindowIsNotFollowedUp() {
    PersonaResult r =
        after("I'll send you a 10% coupon", Duration.ofHours(80), "where's the coupon?");
    notAFollowUp(r, "where's the coupon?");
  }

  @Test
  void withoutHerArabicNameAnArabicReplyNamesNoOne() {
    Instant now = Instant.now();
    TranscriptLine.Person latin = new TranscriptLine.Person("sara", "Sara Hassan", null, "sales");
    PersonaResult r =
        PERSONA.respond(
            new PersonaTurn(
                "201000000003",
                List.of("فين الكود اللي قالتلي عليه؟"),
                null,
                List.of(TranscriptLine.byPerson("هبعتلك كود خصم", now.minusSeconds(600), latin)),
                null,
                0));
    assertThat(r.handoffReason()).isEqualTo("agent follow-up");
    assertThat(r.reply().text()).contains("الزميل اللي رد عليك").doesNotContain("Sara");
  }
}
