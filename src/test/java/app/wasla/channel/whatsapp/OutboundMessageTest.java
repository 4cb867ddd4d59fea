package app.wasla.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.wasla.channel.whatsapp.OutboundMessage.ListMessage;
import app.wasla.channel.whatsapp.OutboundMessage.ListMessage.Row;
import app.wasla.channel.whatsapp.OutboundMessage.ListMessage.Section;
import app.wasla.channel.whatsapp.OutboundMessage.Reaction;
import app.wasla.channel.whatsapp.OutboundMessage.ReplyButtons;
import app.wasla.channel.whatsapp.OutboundMessage.ReplyButtons.Button;
import app.wasla.channel.whatsapp.OutboundMessage.Template;
import app.wasla.channel.whatsapp.OutboundMessage.Text;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutboundMessageTest {

  @Test
  void textBodyMustBe1To4096Characters() {
    assertThatCode(() -> new Text("x".repeat(4096), false)).doesNotThrowAnyException();
    assertThatThrownBy(() -> new Text("x".repeat(4097), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("text body")
        .hasMessageContaining("4096")
        .hasMessageContaining("4097");
    assertThatThrownBy(() -> new Text("", false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Text("  \n ", false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Text(null, true)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lengthsCountCharactersNotUtf16Units() {
    // 4096 emoji are 8192 UTF-16 units but 4096 characters.
    assertThatCode(() -> Text.of("😀".repeat(4096))).doesNotThrowAnyException();
    assertThatCode(() -> new Button("b", "😀".repeat(20))).doesNotThrowAnyException();
    assertThatThrownBy(() -> new Button("b", "😀".repeat(21)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void textTypeAndTranscript() {
    Text text = new Text("أهلا بيك! تحب تطلب إيه؟ 😊", true);

    assertThat(text.type()).isEqualTo("text");
    assertThat(text.transcriptText()).isEqualTo("أهلا بيك! تحب تطلب إيه؟ 😊");
  }

  @Test
  void replyButtonsAllowOneToThreeButtons() {
    assertThatCode(() -> ReplyButtons.of("?", button(1))).doesNotThrowAnyException();
    assertThatCode(() -> ReplyButtons.of("?", button(1), button(2), button(3)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> ReplyButtons.of("?"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 3 buttons");
    assertThatThrownBy(() -> ReplyButtons.of("?", button(1), button(2), button(3), button(4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 4");
    assertThatThrownBy(() -> new ReplyButtons("?", null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void buttonTitleAtMost20AndIdAtMost256() {
    assertThatCode(() -> new Button("x".repeat(256), "x".repeat(20))).doesNotThrowAnyException();
    assertThatThrownBy(() -> new Button("id", "x".repeat(21)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("button title");
    assertThatThrownBy(() -> new Button("x".repeat(257), "ok"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("button id");
    assertThatThrownBy(() -> new Button("id", " ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void buttonIdsAndTitlesMustBeUnique() {
    assertThatThrownBy(() -> ReplyButtons.of("?", new Button("a", "One"), new Button("a", "Two")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("button id 'a'");
    assertThatThrownBy(() -> ReplyButtons.of("?", new Button("a", "Same"), new Button("b", "Same")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("button title");
  }

  @Test
  void interactiveBodyAtMost1024AndHeaderFooterAtMost60() {
    assertThatCode(() -> ReplyButtons.of("x".repeat(1024), button(1))).doesNotThrowAnyException();
    assertThatThrownBy(() -> ReplyButtons.of("x".repeat(1025), button(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interactive body");
    assertThatThrownBy(() -> new ReplyButtons("?", List.of(button(1)), "h".repeat(61), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("header");
    assertThatThrownBy(() -> new ReplyButtons("?", List.of(button(1)), null, "f".repeat(61)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("footer");
    assertThat(new ReplyButtons("?", List.of(button(1)), " ", "").header()).isNull();
  }

  @Test
  void buttonListIsCopied() {
    List<Button> buttons = new ArrayList<>(List.of(button(1)));
    ReplyButtons message = new ReplyButtons("?", buttons, null, null);
    buttons.add(button(2));

    assertThat(message.buttons()).hasSize(1);
  }

  @Test
  void replyButtonsTypeAndTranscript() {
    ReplyButtons message =
        ReplyButtons.of(
            "تحب تعمل إيه؟", new Button("order", "Order"), new Button("other", "Other product"));

    assertThat(message.type()).isEqualTo("interactive");
    assertThat(message.transcriptText()).isEqualTo("تحب تعمل إيه؟\n[Order] [Other product]");
  }

  @Test
  void listAllowsOneToTenRowsInTotal() {
    assertThatCode(() -> list(section("A", 5), section("B", 5))).doesNotThrowAnyException();
    assertThatThrownBy(() -> list(section("A", 6), section("B", 5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 10 rows");
    assertThatThrownBy(() -> section("A", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1 row");
    assertThatThrownBy(() -> new ListMessage("?", "Choose", List.of(), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sections");
  }

  @Test
  void listRowAndSectionLimits() {
    assertThatCode(() -> new Row("r", "t".repeat(24), "d".repeat(72))).doesNotThrowAnyException();
    assertThatThrownBy(() -> new Row("r", "t".repeat(25), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row title");
    assertThatThrownBy(() -> new Row("r", "t", "d".repeat(73)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row description");
    assertThatThrownBy(() -> section("s".repeat(25), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("section title");
    assertThat(new Row("r", "t", null).description()).isNull();
  }

  @Test
  void listButtonTextAtMost20() {
    assertThatThrownBy(
            () -> new ListMessage("?", "b".repeat(21), List.of(section("A", 1)), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("list button text");
  }

  @Test
  void listRowIdsMustBeUniqueAcrossSections() {
    Section a = new Section("A", List.of(new Row("same", "One", null)));
    Section b = new Section("B", List.of(new Row("same", "Two", null)));

    assertThatThrownBy(() -> list(a, b))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row id 'same'");
  }

  @Test
  void severalSectionsNeedTitles() {
    assertThatCode(() -> list(section(null, 2))).doesNotThrowAnyException();
    assertThatThrownBy(() -> list(section(null, 2), section("B", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("title");
  }

  @Test
  void listInteractiveBodyAtMost1024() {
    assertThatThrownBy(
            () -> new ListMessage("x".repeat(1025), "Choose", List.of(section("A", 1)), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interactive body");
  }

  @Test
  void listTypeAndTranscript() {
    ListMessage message =
        new ListMessage(
            "اختار طريقة الشحن",
            "اختيارات",
            List.of(
                new Section(
                    "الشحن",
                    List.of(new Row("std", "عادي", "3-5 أيام"), new Row("exp", "سريع", null)))),
            null,
            null);

    assertThat(message.type()).isEqualTo("interactive");
    assertThat(message.transcriptText()).isEqualTo("اختار طريقة الشحن\n[اختيارات: عادي, سريع]");
  }

  @Test
  void templateTranscriptAndParameters() {
    Template template = new Template("order_update", "ar", List.of("محمد", "#1042"));

    assertThat(template.type()).isEqualTo("template");
    assertThat(template.transcriptText()).isEqualTo("[template order_update: محمد, #1042]");
    assertThat(new Template("hello_world", "en_US", null).transcriptText())
        .isEqualTo("[template hello_world]");
    assertThat(new Template("hello_world", "en_US", null).bodyParameters()).isEmpty();
  }

  @Test
  void templateNeedsNameLanguageAndCleanParameters() {
    assertThatThrownBy(() -> new Template(" ", "ar", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("template name");
    assertThatThrownBy(() -> new Template("t", null, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("language");
    assertThatThrownBy(() -> new Template("t", "ar", List.of("line\nbreak")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line breaks");
    assertThatThrownBy(() -> new Template("t", "ar", List.of("")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Template("t", "ar", Arrays.asList("a", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
  }

  @Test
  void templateHeaderAndButtonParametersAreCheckedAsMetaRefusesThem() {
    assertThatThrownBy(() -> Template.Header.media("image", "ftp://cdn.example/p.jpg"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("template header image link must be an http(s) URL");
    assertThatThrownBy(() -> Template.Header.media("image", "/p.jpg"))
        .hasMessageContaining("http(s)");
    assertThatThrownBy(() -> Template.Header.media("sticker", "https://cdn.example/s.webp"))
        .hasMessageContaining("text, image, video, document, location");
    assertThatThrownBy(
            () ->
                new Template.Header(
                    "image",
                    null,
                    null,
                    "https://x.example/a.jpg",
                    "123",
                    null,
                    null,
                    null,
                    null,
                    null))
        .hasMessageContaining("exactly one of a link and a media id, got both");
    assertThatThrownBy(() -> Template.Header.text("two\nlines"))
        .hasMessageContaining("template header text");
    assertThatThrownBy(() -> Template.Header.location(91, 0, null, null))
        .hasMessageContaining("latitude");
    assertThatThrownBy(() -> new Template.Button(10, "url", "x")).hasMessageContaining("0 to 9");
    assertThatThrownBy(() -> new Template.Button(0, "phone_number", "x"))
        .hasMessageContaining("url, quick_reply, copy_code");
    assertThatThrownBy(() -> new Template.Button(0, "copy_code", "A-CODE-LONGER-THAN-15"))
        .hasMessageContaining("coupon code");
    assertThatThrownBy(() -> new Template.Button(0, "url", " ")).hasMessageContaining("button 0");
    assertThatThrownBy(
            () ->
                new Template(
                    "t",
                    "en",
                    List.of(),
                    null,
                    null,
                    List.of(
                        new Template.Button(0, "url", "a"), new Template.Button(0, "url", "b"))))
        .hasMessageContaining("template button index");
    assertThatThrownBy(
            () -> new Template("t", "en", List.of("a"), java.util.Map.of("name", "b"), null, null))
        .hasMessageContaining("either positional or named");
    assertThatThrownBy(
            () ->
                new Template(
                    "t", "en", List.of(), java.util.Map.of("Order-Number", "b"), null, null))
        .hasMessageContaining("lowercase letters, digits and underscores");
  }

  @Test
  void templateTranscriptShowsHeaderAndButtons() {
    Template template =
        new Template(
            "order_shipped",
            "en",
            List.of(),
            java.util.Map.of("order_number", "ORD-1"),
            Template.Header.media("image", "https://cdn.example/p.jpg"),
            List.of(new Template.Button(0, "url", "ORD-1")));
    assertThat(template.transcriptText())
        .isEqualTo(
            "[template order_shipped: order_number=ORD-1; header image https://cdn.example/p.jpg;"
                + " button 0 ORD-1]");
  }

  @Test
  void aTemplateQueuedBeforeHeadersAndButtonsReadsBackAndANewOneRoundTrips() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    Template old =
        json.readValue(
            "{\"name\":\"order_placed\",\"languageCode\":\"ar\",\"bodyParameters\":[\"ORD-1\"]}",
            Template.class);
    assertThat(old).isEqualTo(new Template("order_placed", "ar", List.of("ORD-1")));
    assertThat(old.namedParameters()).isEmpty();
    assertThat(old.header()).isNull();
    assertThat(old.buttons()).isEmpty();

    Template full =
        new Template(
            "invoice_ready",
            "en",
            List.of(),
            java.util.Map.of("order_number", "ORD-1"),
            Template.Header.document("https://shop.example/i.pdf", "i.pdf"),
            List.of(new Template.Button(0, "url", "ORD-1")));
    assertThat(json.readValue(json.writeValueAsString(full), Template.class)).isEqualTo(full);
  }

  @Test
  void reactionTranscriptAndRemoval() {
    assertThat(new Reaction("wamid.X", "👍").type()).isEqualTo("reaction");
    assertThat(new Reaction("wamid.X", "👍").transcriptText()).isEqualTo("reacted 👍");
    assertThat(new Reaction("wamid.X", "").transcriptText()).isEqualTo("removed reaction");
    assertThatThrownBy(() -> new Reaction("", "👍")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Reaction("wamid.X", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Button button(int n) {
    return new Button("b" + n, "Button " + n);
  }

  private static Section section(String title, int rows) {
    return new Section(
        title,
        IntStream.range(0, rows)
            .mapToObj(i -> new Row(title + "-" + i, "Row " + i, null))
            .toList());
  }

  private static ListMessage list(Section... sections) {
    return new ListMessage("Pick one", "Choose", List.of(sections), null, null);
  }
}
