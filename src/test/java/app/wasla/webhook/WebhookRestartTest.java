package app.wasla.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.WaslaNode;
import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
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

/**
 * The outbox survives a stop: events committed by a node that never delivered them (delivery off,
 * as if it died right after the commit) are delivered, signed, by the next node on the same
 * database.
 */
class WebhookRestartTest {

  static Stream<Arguments> databases() {
    return WaslaNode.databases("webhooks-restart-it");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void eventsCommittedBeforeAStopAreDeliveredAfterRestart(String name, Map<String, String> database)
      throws Exception {
    WhatsAppMock meta = new WhatsAppMock();
    String waId = WebhookScenarios.newCustomer();
    String conversation = Webhooks.PHONE_NUMBER_ID + ":" + waId;
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      String secret;
      try (ConfigurableApplicationContext first = start(meta, database, false)) {
        Api api = new Api(port(first));
        secret =
            api.post(
                    "/api/webhooks",
                    WebhookScenarios.BOOTSTRAP_KEY,
                    Map.of("url", receiver.url(), "eventTypes", List.of("message.received")))
                .body()
                .path("secret")
                .asText();
        assertThat(
                new Webhooks(port(first))
                    .post(Webhooks.text(waId, "wamid.rs." + waId, "hi", Instant.now())))
            .isEqualTo(200);
        // the event is committed with the message, its delivery waiting
        assertThat(pendingDeliveries(first, conversation)).isEqualTo(1);
      }
      // the first node is stopped: it delivered nothing
      assertThat(receiver.all()).isEmpty();

      try (ConfigurableApplicationContext second = start(meta, database, true)) {
        // delivered, and nothing of the conversation left to deliver: a wrong second delivery would
        // have been by now
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    !receiver.accepted(conversation, "message.received").isEmpty()
                        && pendingDeliveries(second, conversation) == 0);
        List<WebhookReceiver.Received> got = receiver.accepted(conversation, "message.received");
        assertThat(got).hasSize(1);
        assertThat(
                WebhookSignature.verify(
                    got.get(0).body(), got.get(0).signature(), secret, WebhookReceiver.now(), 300))
            .isTrue();
        assertThat(got.get(0).envelope().path("data").path("wamid").asText())
            .isEqualTo("wamid.rs." + waId);
      }
    }
  }

  private static long pendingDeliveries(ConfigurableApplicationContext node, String conversation) {
    return node.getBean(JdbcClient.class)
        .sql("SELECT COUNT(*) FROM webhook_delivery WHERE order_key = ? AND status = 'PENDING'")
        .param(conversation)
        .query(Long.class)
        .single();
  }

  private static ConfigurableApplicationContext start(
      WhatsAppMock meta, Map<String, String> database, boolean deliver) {
    Map<String, String> props = new HashMap<>(database);
    props.put("wasla.api.bootstrap-key", WebhookScenarios.BOOTSTRAP_KEY);
    props.put("wasla.webhooks.enabled", String.valueOf(deliver));
    props.put("wasla.webhooks.poll-interval", "200ms");
    // the receiver is a MockWebServer on loopback, over plain http
    props.put("wasla.webhooks.allowed-hosts", "127.0.0.1,localhost");
    props.put("wasla.webhooks.allow-http", "true");
    // the conversation flow itself is not under test here
    props.put("wasla.mailbox.enabled", "false");
    return WaslaNode.start(meta, props);
  }

  private static int port(ConfigurableApplicationContext context) {
    return WaslaNode.port(context);
  }
}
