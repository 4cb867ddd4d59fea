package app.wasla.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.wasla.dialogue.DialogueFile.DialogueError;
import app.wasla.dialogue.DialogueFile.Kind;
import app.wasla.dialogue.DialogueFile.Location;
import app.wasla.dialogue.DialogueFile.Tap;
import app.wasla.dialogue.DialogueFile.Text;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dialogue format's parser and its forgiving comparison (docs/dialogues.md). */
class DialogueFileTest {

  @Test
  void readsACampaignTemplateWithItsQuickReplies() {
    DialogueFile d =
        DialogueFile.parse(
            "consent/sample",
            """
        > campaign: new_arrivals [Show me | Stop promotions]
        > [Show me]
        < no handoff
        > campaign: new_arrivals
        """);
    assertThat(d.turns().get(0).action())
        .isEqualTo(
            new DialogueFile.Campaign("new_arrivals", List.of("Show me", "Stop promotions")));
    assertThat(d.turns().get(1).action()).isEqualTo(new Tap("Show me", null));
    assertThat(d.turns().get(2).action())
        .isEqualTo(new DialogueFile.Campaign("new_arrivals", List.of()));
    assertThatThrownBy(() -> DialogueFile.parse("consent/bad", "> campaign: New Arrivals!\n"))
        .isInstanceOf(DialogueError.class)
        .hasMessageContaining("campaign");
  }

  @Test
  void readsHeadersTurnsTapsLocationsAndEveryKindOfExpectation() {
    DialogueFile d =
        DialogueFile.parse(
            "checkout/sample",
            """
        # a comment line
        form: ar-EG                 # a comment after a value
        topic: delivery-fee, checkout
        customer: +201001234567

        > التوصيل لمدينة نصر بكام؟
        < contains: 60
        < contains any: الكمية | كام قطعة
        < not contains: عايز
        < buttons: اطلب دلوقتي | منتج تاني
        < link
        < no handoff
        > [اطلب دلوقتي]
        < handoff
        < waits at: userTask_handoff
        < intent: order
        > [منتج تاني] @1
        > location: 30.0561, 31.3300 "Nasr City"
        > order \\#12001 please
        """);
    assertThat(d.form()).isEqualTo("ar-EG");
    assertThat(d.topics()).containsExactly("delivery-fee", "checkout");
    assertThat(d.customer()).isEqualTo("201001234567");
    assertThat(d.turns()).hasSize(5);
    assertThat(d.turns().get(0).action()).isEqualTo(new Text("التوصيل لمدينة نصر بكام؟"));
    assertThat(d.turns().get(0).line()).isEqualTo(6);
    assertThat(d.turns().get(0).expectations())
        .extracting(DialogueFile.Expectation::kind)
        .containsExactly(
            Kind.CONTAINS,
            Kind.CONTAINS_ANY,
            Kind.NOT_CONTAINS,
            Kind.BUTTONS,
            Kind.LINK,
            Kind.NO_HANDOFF);
    assertThat(d.turns().get(0).expectations().get(1).values())
        .containsExactly("الكمية", "كام قطعة");
    assertThat(d.turns().get(0).expectations().get(1).line()).isEqualTo(8);
    assertThat(d.turns().get(1).action()).isEqualTo(new Tap("اطلب دلوقتي", null));
    assertThat(d.turns().get(1).expectations())
        .extracting(DialogueFile.Expectation::kind)
        .containsExactly(Kind.HANDOFF, Kind.WAITS_AT, Kind.INTENT);
    assertThat(d.turns().get(2).action()).isEqualTo(new Tap("منتج تاني", 1));
    assertThat(d.turns().get(3).action()).isEqualTo(new Location(30.0561, 31.33, "Nasr City"));
    assertThat(d.turns().get(4).action()).isEqualTo(new Text("order #12001 please"));
  }

  @Test
  void aFileWithoutHeadersIsANewCustomerOfNoForm() {
    DialogueFile d = DialogueFile.parse("x", "> hi\n< contains: Nour\n");
    assertThat(d.customer()).isNull();
    assertThat(d.form()).isNull();
    assertThat(d.pending()).isNull();
    assertThat(DialogueFile.parse("x", "pending: sarcasm is not read yet\n> hi\n").pending())
        .isEqualTo("sarcasm is not read yet");
    assertThat(d.turns()).singleElement().satisfies(t -> assertThat(t.expectations()).hasSize(1));
  }

  @Test
  void readsPhotosWithAndWithoutCaptionAndVoiceNotes() {
    DialogueFile d =
        DialogueFile.parse("x", "> photo: الشاشة مكسورة\n> photo\n> Photo:\n> voice note\n");
    assertThat(d.turns())
        .extracting(DialogueFile.Turn::action)
        .containsExactly(
            new DialogueFile.Media("image", "الشاشة مكسورة"),
            new DialogueFile.Media("image", null),
            new DialogueFile.Media("image", null),
            new DialogueFile.Media("audio", null));
  }

  @Test
  void linesItCannotReadFailWithTheFileAndLine() {
    assertError("> hi\nsays hello\n", "bad.dialogue:2: unknown line kind");
    assertError("> hi\n< mentions: 60\n", "bad.dialogue:2: unknown expectation");
    assertError("< contains: 60\n> hi\n", "bad.dialogue:1: an expectation (<) before");
    assertError("> hi\n< contains:\n", "bad.dialogue:2: 'contains:' needs a value");
    assertError("> hi\n< buttons: | \n", "bad.dialogue:2: 'buttons:' needs a value");
    assertError("form: egyptian\n> hi\n", "bad.dialogue:1: form 'egyptian' is none of");
    assertError("customer: someone\n> hi\n", "bad.dialogue:1: customer 'someone'");
    assertError("> hi\nform: en\n", "bad.dialogue:2: header 'form:' after the first customer line");
    assertError("colour: red\n> hi\n", "bad.dialogue:1: unknown line kind");
    assertError("> [Order now]\n", "bad.dialogue:1: tap [Order now] in the first turn");
    assertError("> hi\n> [Order now] @2\n", "bad.dialogue:2: tap '@2' names no earlier turn");
    assertError("> hi\n> [Order now\n", "bad.dialogue:2: a tap is written");
    assertError("> hi\n> location: here\n", "bad.dialogue:2: a location is written");
    assertError("# only a comment\n", "bad.dialogue:2: no customer line");
    assertError("pending:\n> hi\n", "bad.dialogue:1: 'pending:' needs the reason");
  }

  private static void assertError(String text, String message) {
    assertThatThrownBy(() -> DialogueFile.parse("bad", text))
        .isInstanceOf(DialogueError.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void theComparisonForgivesDigitsSeparatorsCaseAndLetterVariants() {
    assertThat(Forgiving.contains("التوصيل ٦٠ جنيه", "60")).isTrue();
    assertThat(Forgiving.contains("سعره 72,999 جنيه", "72999")).isTrue();
    assertThat(Forgiving.contains("سعره ٧٢٬٩٩٩ جنيه", "72,999")).isTrue();
    assertThat(Forgiving.contains("over 1,000,000 EGP", "1000000")).isTrue();
    assertThat(Forgiving.contains("إيربودز برو ٢", "ايربودز برو 2")).isTrue();
    assertThat(Forgiving.contains("مدينة نصر", "مدينه نصر")).isTrue();
    assertThat(Forgiving.contains("على", "علي")).isTrue();
    assertThat(Forgiving.contains("آيفون", "ايفون")).isTrue();
    assertThat(Forgiving.contains("جـــنيه", "جنيه")).isTrue();
    assertThat(Forgiving.contains("مُتَوفِّر", "متوفر")).isTrue();
    assertThat(Forgiving.contains("Free Delivery", "free delivery")).isTrue();
    assertThat(Forgiving.contains("two\n  lines", "two lines")).isTrue();
    assertThat(Forgiving.same("كلّم حد", "كلم حد")).isTrue();
    // forgiving, not blind: other numbers, other words
    assertThat(Forgiving.contains("التوصيل ٦٥ جنيه", "60")).isFalse();
    assertThat(Forgiving.contains("72,999", "72,998")).isFalse();
    assertThat(Forgiving.contains("مدينة نصر", "مدينة السلام")).isFalse();
    assertThat(Forgiving.same("Order now", "Order")).isFalse();
  }

  @Test
  void commentsNeedWhiteSpaceBeforeTheHashAndAnEscapedHashStays() {
    assertThat(DialogueFile.stripComment("> order#5 # note")).isEqualTo("> order#5 ");
    assertThat(DialogueFile.stripComment("# all comment")).isEmpty();
    assertThat(DialogueFile.stripComment("> \\# hash")).isEqualTo("> # hash");
    assertThat(List.of(DialogueFile.stripComment("> plain"))).containsExactly("> plain");
  }
}
