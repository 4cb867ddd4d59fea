package app.wasla.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.support.WaslaNode;
import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Images, documents and locations from the shop go through the outbox as any reply: queued in the
 * caller's transaction, kept as JSON, read back and sent after the commit with the Cloud API's
 * payload, once per idempotency key, and shown in the transcript.
 */
class OutboundMediaTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> databases() {
    return WaslaNode.databases("outbound-media");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void mediaAndLocationsLeaveThroughTheOutboxOnceWithTheCloudApiPayload(
      String name, Map<String, String> database) throws Exception {
    WhatsAppMock meta = new WhatsAppMock();
    Map<String, String> props = new HashMap<>(database);
    props.put("wasla.outbox.sweep-interval", "200ms");
    try (ConfigurableApplicationContext node = WaslaNode.start(meta, props)) {
      Webhooks webhooks = new Webhooks(WaslaNode.port(node));
      JdbcClient jdbc = node.getBean(JdbcClient.class);
      Outbox outbox = node.getBean(Outbox.class);
      TransactionTemplate transactions = node.getBean(TransactionTemplate.class);
      String waId = MailboxScenarios.newCustomer();
      ConversationKey key = ConversationKey.parse(MailboxScenarios.key(waId));
      // the customer writes first: the 24-hour window is open
      assertThat(
              webhooks.post(Webhooks.text(waId, "wamid.o1." + waId, "السلام عليكم", Instant.now())))
          .isEqualTo(200);
      await().atMost(Duration.ofSeconds(30)).until(() -> !meta.sentTo(waId).isEmpty());
      int before = meta.sentTo(waId).size();

      List<OutboundMessage> media =
          List.of(
              OutboundMessage.Image.ofLink("https://shop.example/p/a15.jpg", "Galaxy A15"),
              new OutboundMessage.Document(null, "8812", "prices.pdf", "الأسعار"),
              new OutboundMessage.Location(30.0444, 31.2357, "Wasla Downtown", "Talaat Harb"));
      for (int round = 0; round < 2; round++) {
        // the second round is a retried caller: the same keys queue nothing new
        transactions.executeWithoutResult(
            tx -> {
              for (int i = 0; i < media.size(); i++) {
                outbox.queue(key, media.get(i), "media-test:" + waId + ":" + i, null);
              }
            });
      }

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> meta.sentTo(waId).size() >= before + 3 && allSent(jdbc, key));
      List<WhatsAppMock.Sent> sent = meta.sentTo(waId).subList(before, meta.sentTo(waId).size());
      assertThat(sent)
          .extracting(WhatsAppMock.Sent::type)
          .containsExactly("image", "document", "location");
      assertThat(sent.get(0).body())
          .isEqualTo(
              payload(
                  waId,
                  "image",
                  "{\"link\":\"https://shop.example/p/a15.jpg\",\"caption\":\"Galaxy A15\"}"));
      assertThat(sent.get(1).body())
          .isEqualTo(
              payload(
                  waId,
                  "document",
                  "{\"id\":\"8812\",\"caption\":\"الأسعار\",\"filename\":\"prices.pdf\"}"));
      assertThat(sent.get(2).body())
          .isEqualTo(
              payload(
                  waId,
                  "location",
                  "{\"latitude\":30.0444,\"longitude\":31.2357,\"name\":\"Wasla Downtown\","
                      + "\"address\":\"Talaat Harb\"}"));

      // the transcript shows what went out, with the message as JSON for the pages to render
      List<Transcript.Line> lines = node.getBean(Transcript.class).latest(key.value(), 20);
      Transcript.Line image =
          lines.stream().filter(l -> "image".equals(l.type())).findFirst().orElseThrow();
      assertThat(image.direction()).isEqualTo("out");
      assertThat(image.text()).isEqualTo("Galaxy A15");
      assertThat(JSON.readTree(image.body()).path("link").asText())
          .isEqualTo("https://shop.example/p/a15.jpg");
      Transcript.Line location =
          lines.stream().filter(l -> "location".equals(l.type())).findFirst().orElseThrow();
      assertThat(location.text())
          .isEqualTo(
              "[location: Wasla Downtown, Talaat Harb] https://maps.google.com/?q=30.0444,31.2357");
    }
  }

  private static boolean allSent(JdbcClient jdbc, ConversationKey key) {
    return jdbc.sql(
                "SELECT COUNT(*) FROM outbound_message WHERE conversation_key = ? AND status = 'QUEUED'")
            .param(key.value())
            .query(Long.class)
            .single()
        == 0;
  }

  private static JsonNode payload(String to, String type, String object) throws Exception {
    return JSON.readTree(
        "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\""
            + to
            + "\",\"type\":\""
            + type
            + "\",\""
            + type
            + "\":"
            + object
            + "}");
  }
}
