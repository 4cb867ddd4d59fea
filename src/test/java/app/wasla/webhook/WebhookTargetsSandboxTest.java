package app.wasla.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In sandbox mode a developer's receiver on loopback over plain http works without an allow-list;
 * the rest of the inside (metadata, private networks) stays refused. Real HTTP, H2.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:webhook-targets-sandbox;DB_CLOSE_DELAY=-1",
      "wasla.api.bootstrap-key=" + WebhookScenarios.BOOTSTRAP_KEY,
      "wasla.webhooks.poll-interval=100ms",
      "wasla.mailbox.enabled=false"
    })
class WebhookTargetsSandboxTest {

  @LocalServerPort int port;
  @Autowired WebhookEvents events;

  @Test
  void aLoopbackReceiverOverHttpIsReachedAndTheRestOfTheInsideIsNot() throws Exception {
    Api api = new Api(port);
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      Api.Answer created =
          api.post(
              "/api/webhooks",
              WebhookScenarios.BOOTSTRAP_KEY,
              Map.of("url", receiver.url(), "eventTypes", List.of("message.received")));
      assertThat(created.status()).isEqualTo(201);
      for (String inside :
          List.of(
              "http://169.254.169.254/latest/",
              "http://metadata.google.internal/",
              "http://10.1.2.3/hook")) {
        assertThat(
                api.post(
                        "/api/webhooks",
                        WebhookScenarios.BOOTSTRAP_KEY,
                        Map.of("url", inside, "eventTypes", List.of("message.received")))
                    .status())
            .as(inside)
            .isEqualTo(400);
      }
      events.publish("message.received", null, Map.of("text", "hi"));
      await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.accepted().isEmpty());
    }
  }
}
