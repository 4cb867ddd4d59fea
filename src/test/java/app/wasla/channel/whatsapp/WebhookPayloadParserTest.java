package app.wasla.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookPayloadParserTest {

  private static final String PNID = "106540352242922";
  private static final String CUSTOMER = "201012345678";

  private final ObjectMapper mapper = new ObjectMapper();
  private final WebhookPayloadParser parser = new WebhookPayloadParser(mapper);

  @Test
  void egyptianArabicTextWithEmoji() {
    InboundMessage m = single("text_arabic.json");

    assertThat(m.wamid()).isEqualTo("wamid.HBgMMjAxMDEyMzQ1Njc4FQIAEhggTEXT01AA==");
    assertThat(m.phoneNumberId()).isEqualTo(PNID);
    assertThat(m.displayPhoneNumber()).isEqualTo("201001234567");
    assertThat(m.waId()).isEqualTo(CUSTOMER);
    assertThat(m.profileName()).isEqualTo("محمد علي");
    assertThat(m.timestamp()).isEqualTo(Instant.ofEpochSecond(1739321024));
    assertThat(m.type()).isEqualTo("text");
    assertThat(m.text()).isEqualTo("ازيك؟ عايز أعرف سعر الموبايل ده لو سمحت 😍📱");
    assertThat(m.replyId()).isNull();
    assertThat(m.contextWamid()).isNull();
    assertThat(m.mediaId()).isNull();
    assertThat(m.conversationKey()).isEqualTo(PNID + ":" + CUSTOMER);
  }

  @Test
  void rawJsonIsTheCompactMessageObject() throws IOException {
    InboundMessage m = single("text_arabic.json");

    assertThat(m.rawJson()).doesNotContain("\n").doesNotContain("  ").contains("😍📱");
    JsonNode expected =
        mapper.readTree(resource("text_arabic.json")).at("/entry/0/changes/0/value/messages/0");
    assertThat(mapper.readTree(m.rawJson())).isEqualTo(expected);
  }

  @Test
  void toStringMasksTheCustomerNumberAndLeavesOutTheText() {
    InboundMessage m = single("text_arabic.json");

    assertThat(m.toString()).doesNotContain(CUSTOMER).contains("5678").doesNotContain("الموبايل");
  }

  @Test
  void aReplyToAnEarlierMessageCarriesItsWamid() {
    InboundMessage m = single("text_context_reply.json");

    assertThat(m.text()).isEqualTo("أيوه، ده بالظبط اللي عايزه 👌");
    assertThat(m.contextWamid()).isEqualTo("wamid.HBgMMjAxMDEyMzQ1Njc4FQIAEhggBOT001AA==");
  }

  @Test
  void interactiveButtonReply() {
    InboundMessage m = single("interactive_button_reply.json");

    assertThat(m.type()).isEqualTo("interactive");
    assertThat(m.text()).isEqualTo("اطلب دلوقتي");
    assertThat(m.replyId()).isEqualTo("order-now");
    assertThat(m.contextWamid()).isEqualTo("wamid.HBgMMjAxMDEyMzQ1Njc4FQIAEhggBOT002AA==");
  }

  @Test
  void interactiveListReplyShowsTitleAndDescription() {
    InboundMessage m = single("interactive_list_reply.json");

    assertThat(m.text()).isEqualTo("شحن سريع — خلال يوم أو يومين");
    assertThat(m.replyId()).isEqualTo("delivery-express");
  }

  @Test
  void flowReplyShowsItsBodyAndKeepsTheAnswersInRawJson() {
    InboundMessage m = single("interactive_nfm_reply.json");

    assertThat(m.text()).isEqualTo("Sent");
    assertThat(m.replyId()).isNull();
    assertThat(m.rawJson()).contains("response_json").contains("flow_token");
  }

  @Test
  void templateQuickReplyButton() {
    InboundMessage m = single("button_template_reply.json");

    assertThat(m.type()).isEqualTo("button");
    assertThat(m.text()).isEqualTo("أيوه، اطلبه تاني");
    assertThat(m.replyId()).isEqualTo("reorder-yes");
    assertThat(m.contextWamid()).isEqualTo("wamid.HBgMMjAxMDEyMzQ1Njc4FQIAEhggBOT005AA==");
  }

  @Test
  void imageWithCaption() {
    InboundMessage m = single("image_caption.json");

    assertThat(m.type()).isEqualTo("image");
    assertThat(m.text()).isEqualTo("عندكم اللون ده؟");
    assertThat(m.mediaId()).isEqualTo("1003383421387256");
    assertThat(m.mimeType()).isEqualTo("image/jpeg");
  }

  @Test
  void voiceNote() {
    InboundMessage m = single("audio_voice.json");

    assertThat(m.type()).isEqualTo("audio");
    assertThat(m.text()).isEqualTo("[voice note]");
    assertThat(m.mediaId()).isEqualTo("1016593846865387");
    assertThat(m.mimeType()).isEqualTo("audio/ogg; codecs=opus");
  }

  @Test
  void audioThatIsNotAVoiceNote() {
    String json =
        envelope(
            "{\"from\":\"1\",\"id\":\"wamid.A\",\"timestamp\":\"1\",\"type\":\"audio\","
                + "\"audio\":{\"mime_type\":\"audio/mpeg\",\"id\":\"55\"}}");

    assertThat(parse(json).messages().get(0).text()).isEqualTo("[audio]");
  }

  @Test
  void videoWithoutCaption() {
    InboundMessage m = single("video.json");

    assertThat(m.text()).isEqualTo("[video]");
    assertThat(m.mediaId()).isEqualTo("1166846181421424");
    assertThat(m.mimeType()).isEqualTo("video/mp4");
  }

  @Test
  void documentShowsItsFilename() {
    InboundMessage m = single("document.json");

    assertThat(m.text()).isEqualTo("[document: فاتورة-1042.pdf]");
    assertThat(m.mediaId()).isEqualTo("1241237070318767");
    assertThat(m.mimeType()).isEqualTo("application/pdf");
  }

  @Test
  void sticker() {
    InboundMessage m = single("sticker.json");

    assertThat(m.text()).isEqualTo("[sticker]");
    assertThat(m.mediaId()).isEqualTo("1228101495111542");
    assertThat(m.mimeType()).isEqualTo("image/webp");
  }

  @Test
  void location() {
    assertThat(single("location.json").text())
        .isEqualTo("📍 ميدان التحرير, وسط البلد، القاهرة (30.0444196, 31.2357116)");
  }

  @Test
  void locationWithOnlyCoordinatesLeavesOutTheMissingParts() {
    String json =
        envelope(
            "{\"from\":\"1\",\"id\":\"wamid.A\",\"timestamp\":\"1\",\"type\":\"location\","
                + "\"location\":{\"latitude\":30.1,\"longitude\":31.2}}");

    assertThat(parse(json).messages().get(0).text()).isEqualTo("📍 (30.1, 31.2)");
  }

  @Test
  void sharedContacts() {
    assertThat(single("contacts.json").text())
        .isEqualTo("[contact: أحمد حسن, +20 100 555 1234] [contact: Sara Adel, +20 122 555 9876]");
  }

  @Test
  void reactionPointsAtTheReactedMessage() {
    InboundMessage m = single("reaction.json");

    assertThat(m.text()).isEqualTo("reacted ❤️");
    assertThat(m.contextWamid()).isEqualTo("wamid.HBgMMjAxMDEyMzQ1Njc4FQIAEhggBOT006AA==");
    assertThat(m.replyId()).isNull();
  }

  @Test
  void removedReaction() {
    String json =
        envelope(
            "{\"from\":\"1\",\"id\":\"wamid.A\",\"timestamp\":\"1\",\"type\":\"reaction\","
                + "\"reaction\":{\"message_id\":\"wamid.B\",\"emoji\":\"\"}}");

    InboundMessage m = parse(json).messages().get(0);
    assertThat(m.text()).isEqualTo("removed reaction");
    assertThat(m.contextWamid()).isEqualTo("wamid.B");
  }

  @Test
  void orderSumsPriceTimesQuantity() {
    // 2 × 249.5 + 1 × 150 = 649 EGP, 3 items; the customer's note follows.
    assertThat(single("order.json").text())
        .isEqualTo("[order: 3 items, total 649 EGP] — لو ينفع التوصيل بكرة");
  }

  @Test
  void systemMessageHasNoContactsSoNoProfileName() {
    InboundMessage m = single("system.json");

    assertThat(m.type()).isEqualTo("system");
    assertThat(m.text()).isEqualTo("User محمد علي changed from 201012345678 to 201098765432");
    assertThat(m.profileName()).isNull();
  }

  @Test
  void unsupportedUsesTheErrorTitle() {
    InboundMessage m = single("unsupported.json");

    assertThat(m.type()).isEqualTo("unsupported");
    assertThat(m.text()).isEqualTo("[unsupported message: Message type unknown]");
    assertThat(m.rawJson()).contains("131051");
  }

  @Test
  void aFutureTypeIsKeptWithItsRawJson() {
    InboundMessage m = single("unknown_poll.json");

    assertThat(m.type()).isEqualTo("poll");
    assertThat(m.text()).isEqualTo("[unsupported message: poll]");
    assertThat(m.rawJson()).contains("\"poll\":{").contains("أنهي لون أحسن؟");
  }

  @Test
  void batchWithTwoEntriesKeepsOrderNumbersAndNames() {
    WebhookPayload payload = parse("batch.json");

    assertThat(payload.statuses()).isEmpty();
    assertThat(payload.messages())
        .extracting(
            InboundMessage::phoneNumberId,
            InboundMessage::waId,
            InboundMessage::profileName,
            InboundMessage::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(PNID, "201222222222", "منى سمير", "السلام عليكم"),
            org.assertj.core.groups.Tuple.tuple(
                PNID, "201111111111", "Omar Khaled", "3ayez a3raf el as3ar"),
            org.assertj.core.groups.Tuple.tuple(
                PNID, "201222222222", "منى سمير", "لو سمحت رد عليا 🙏"),
            org.assertj.core.groups.Tuple.tuple(
                "106540352242999", "201333333333", "Youssef", "Hi, is the store open today?"),
            org.assertj.core.groups.Tuple.tuple(
                "106540352242999", "201333333333", "Youssef", "[image]"));
    assertThat(payload.messages().get(4).displayPhoneNumber()).isEqualTo("201009999999");
    assertThat(payload.messages().get(4).mediaId()).isEqualTo("900000000000001");
  }

  @Test
  void statusesIncludingAFailureWithItsErrors() {
    WebhookPayload payload = parse("statuses.json");

    assertThat(payload.messages()).isEmpty();
    assertThat(payload.statuses())
        .extracting(StatusUpdate::status)
        .containsExactly("sent", "delivered", "read", "failed");
    StatusUpdate sent = payload.statuses().get(0);
    assertThat(sent.wamid()).isEqualTo("wamid.HBgMMjAxMDEyMzQ1Njc4FQIAEhggOUT001AA==");
    assertThat(sent.phoneNumberId()).isEqualTo(PNID);
    assertThat(sent.recipientWaId()).isEqualTo(CUSTOMER);
    assertThat(sent.timestamp()).isEqualTo(Instant.ofEpochSecond(1739321100));
    assertThat(sent.errorCode()).isNull();
    assertThat(sent.errorsJson()).isNull();
    assertThat(sent.failed()).isFalse();

    StatusUpdate failed = payload.statuses().get(3);
    assertThat(failed.failed()).isTrue();
    assertThat(failed.errorCode()).isEqualTo(131047);
    assertThat(failed.errorTitle())
        .isEqualTo(
            "Re-engagement message: Message failed to send because more than "
                + "24 hours have passed since the customer last replied to this number.");
    assertThat(failed.errorsJson()).startsWith("[{\"code\":131047").doesNotContain("\n");
    assertThat(failed.toString()).doesNotContain(CUSTOMER);
  }

  @Test
  void anUnknownStatusIsKeptAsGiven() {
    String json =
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":"
            + "\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"9\"},\"statuses\":[{\"id\":\"wamid.S\","
            + "\"status\":\"played\",\"timestamp\":\"5\",\"recipient_id\":\"2\"}]}}]}]}";

    assertThat(parse(json).statuses().get(0).status()).isEqualTo("played");
  }

  @Test
  void changesOfOtherFieldsAreIgnored() {
    WebhookPayload payload = parse("other_field.json");

    assertThat(payload.messages()).extracting(InboundMessage::text).containsExactly("تمام شكرا");
  }

  @Test
  void onlyOtherFieldsGiveAnEmptyPayload() {
    String json =
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":"
            + "\"account_update\",\"value\":{\"event\":\"VERIFIED_ACCOUNT\"}}]}]}";

    assertThat(parse(json).isEmpty()).isTrue();
  }

  @Test
  void profileNameFallsBackToTheFirstContact() {
    String json =
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":"
            + "\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"9\"},\"contacts\":[{\"profile\":"
            + "{\"name\":\"Hoda\"},\"wa_id\":\"201000000000\"}],\"messages\":[{\"from\":\"201000000009\","
            + "\"id\":\"wamid.A\",\"timestamp\":\"1\",\"type\":\"text\",\"text\":{\"body\":\"hi\"},"
            + "\"some_future_field\":{\"x\":1}}]}}]}],\"extra\":true}";

    assertThat(parse(json).messages().get(0).profileName()).isEqualTo("Hoda");
  }

  @Test
  void malformedJsonIsRejected() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    "{\"object\": \"whatsapp_business_account\", \"entry\": ["
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void trailingGarbageIsRejected() {
    assertThatThrownBy(() -> parse("{\"object\":\"whatsapp_business_account\"} {}"))
        .isInstanceOf(MalformedWebhookException.class);
  }

  @Test
  void emptyBodyAndNonObjectRootsAreRejected() {
    assertThatThrownBy(() -> parser.parse(new byte[0]))
        .isInstanceOf(MalformedWebhookException.class);
    assertThatThrownBy(() -> parse("[]"))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("JSON object");
    assertThatThrownBy(() -> parse("\"whatsapp_business_account\""))
        .isInstanceOf(MalformedWebhookException.class);
  }

  @Test
  void anotherObjectIsRejected() {
    assertThatThrownBy(() -> parse("{\"object\":\"page\",\"entry\":[]}"))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("'page'");
  }

  @Test
  void aMessageWithoutIdIsRejectedWithItsPath() {
    String json =
        envelope(
            "{\"from\":\"1\",\"timestamp\":\"1\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}");

    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("entry[0].changes[0].value.messages[0]")
        .hasMessageContaining("'id'");
  }

  @Test
  void aMessageWithoutFromTypeOrAValidTimestampIsRejected() {
    assertThatThrownBy(
            () -> parse(envelope("{\"id\":\"w\",\"timestamp\":\"1\",\"type\":\"text\"}")))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("'from'");
    assertThatThrownBy(() -> parse(envelope("{\"id\":\"w\",\"from\":\"1\",\"timestamp\":\"1\"}")))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("'type'");
    assertThatThrownBy(() -> parse(envelope("{\"id\":\"w\",\"from\":\"1\",\"type\":\"text\"}")))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("'timestamp'");
    assertThatThrownBy(
            () ->
                parse(
                    envelope(
                        "{\"id\":\"w\",\"from\":\"1\",\"timestamp\":\"yesterday\","
                            + "\"type\":\"text\"}")))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("epoch seconds");
  }

  @Test
  void messagesWithoutPhoneNumberIdAreRejected() {
    String json =
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\","
            + "\"value\":{\"messages\":[{\"from\":\"1\",\"id\":\"w\",\"timestamp\":\"1\",\"type\":\"text\"}]}}]}]}";

    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("phone_number_id");
  }

  private InboundMessage single(String file) {
    WebhookPayload payload = parse(file);
    assertThat(payload.messages()).hasSize(1);
    assertThat(payload.statuses()).isEmpty();
    return payload.messages().get(0);
  }

  /** A resource name (ending in .json) or an inline JSON document. */
  private WebhookPayload parse(String fileOrJson) {
    byte[] body =
        fileOrJson.endsWith(".json")
            ? resource(fileOrJson)
            : fileOrJson.getBytes(StandardCharsets.UTF_8);
    return parser.parse(body);
  }

  private static String envelope(String messageJson) {
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\","
        + "\"value\":{\"metadata\":{\"phone_number_id\":\"9\",\"display_phone_number\":\"20100\"},"
        + "\"messages\":["
        + messageJson
        + "]}}]}]}";
  }

  private static byte[] resource(String name) {
    try (InputStream in = WebhookPayloadParserTest.class.getResourceAsStream("/whatsapp/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("No test resource /whatsapp/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
