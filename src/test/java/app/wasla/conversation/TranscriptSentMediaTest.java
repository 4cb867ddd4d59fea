package app.wasla.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.channel.whatsapp.OutboundMessage;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What the shop sent, as the agents' pages show it, read from the outbound line's body as the
 * outbox stores it (the message serialized by Jackson).
 */
class TranscriptSentMediaTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Transcript.Line out(OutboundMessage message) throws Exception {
    Instant now = Instant.now();
    return new Transcript.Line(
        "out",
        "out-1",
        "wamid.1",
        message.type(),
        message.transcriptText(),
        now,
        "SENT",
        null,
        JSON.writeValueAsString(message),
        now,
        null,
        "bot",
        null,
        null,
        null);
  }

  @Test
  void anUploadedPhotoIsAMarkerWithItsCaption() throws Exception {
    Transcript.Media media = Transcript.sent(out(OutboundMessage.Image.ofMediaId("123", "جراب")));
    assertThat(media.kind()).isEqualTo("image");
    assertThat(media.url()).isNull();
    assertThat(media.status()).isEqualTo("SENT");
    assertThat(media.caption()).isEqualTo("جراب");
  }

  @Test
  void aPhotoByLinkIsShownByWaslasOwnPathOrItsHttpsLink() throws Exception {
    assertThat(
            Transcript.sent(
                    out(
                        OutboundMessage.Image.ofLink(
                            "http://localhost:8080/store/products/jblf6.png", "JBL Flip 6")))
                .url())
        .isEqualTo("/store/products/jblf6.png");
    assertThat(
            Transcript.sent(out(OutboundMessage.Image.ofLink("https://cdn.example/p.jpg", null)))
                .url())
        .isEqualTo("https://cdn.example/p.jpg");
    assertThat(
            Transcript.sent(out(OutboundMessage.Image.ofLink("http://elsewhere/p.jpg", null)))
                .url())
        .isNull();
  }

  @Test
  void aDocumentIsAFileLinkAndAPinAMapLink() throws Exception {
    Transcript.Media invoice =
        Transcript.sent(
            out(
                new OutboundMessage.Document(
                    "https://shop.example/store/invoices/ORD-12003?t=abc",
                    null,
                    "invoice-ORD-12003.pdf",
                    null)));
    assertThat(invoice.kind()).isEqualTo("document");
    assertThat(invoice.url()).isEqualTo("/store/invoices/ORD-12003?t=abc");
    assertThat(invoice.filename()).isEqualTo("invoice-ORD-12003.pdf");

    Transcript.Media pin =
        Transcript.sent(
            out(new OutboundMessage.Location(30.05, 31.24, "Courier's location", null)));
    assertThat(pin.kind()).isEqualTo("location");
    assertThat(pin.mapUrl()).isEqualTo("https://maps.google.com/?q=30.05,31.24");
    assertThat(pin.place()).isEqualTo("Courier's location");
  }

  @Test
  void textAndInboundLinesCarryNothing() throws Exception {
    assertThat(Transcript.sent(out(OutboundMessage.Text.of("hello")))).isNull();
  }
}
