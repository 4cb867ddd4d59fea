package app.wasla.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.WhatsAppMock;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Webhook subscriptions cannot reach inside in cloud mode: internal literal addresses and metadata
 * names are refused when a subscription is made, every resolved address is checked again at
 * delivery time, and the delivery log says what failed without echoing hosts or ports. Cloud
 * defaults (https only), real HTTP, H2.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookTargetsTest {

  static final WhatsAppMock META = new WhatsAppMock();
  static final String KEY = WebhookScenarios.BOOTSTRAP_KEY;

  @DynamicPropertySource
  static void cloudMode(DynamicPropertyRegistry registry) {
    META.registerCloudMode(registry);
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:webhook-targets;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    registry.add("wasla.api.bootstrap-key", () -> KEY);
    registry.add("wasla.api.rate-limit", () -> "1000");
    registry.add("wasla.mailbox.enabled", () -> "false");
    registry.add("wasla.webhooks.poll-interval", () -> "100ms");
    registry.add("wasla.webhooks.connect-timeout", () -> "2s");
    // an operator's exception: one loopback address (nothing listens on port 1 there)
    registry.add("wasla.webhooks.allowed-hosts", () -> "127.0.0.2, 192.168.50.0/24");
  }

  @LocalServerPort int port;
  @Autowired Subscriptions subscriptions;
  @Autowired WebhookEvents events;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(port);
  }

  @AfterEach
  void tearDown() {
    subscriptions.list().forEach(s -> subscriptions.delete(s.id()));
  }

  Api.Answer subscribe(String url) {
    return api.post(
        "/api/webhooks", KEY, Map.of("url", url, "eventTypes", List.of("message.received")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://127.0.0.1:8080/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://metadata.google.internal/computeMetadata/v1/",
        "https://[::1]:8080/hook",
        "https://2130706433/hook",
        "https://0x7f.1/hook",
        "https://017700000001/hook",
        "https://10.0.0.5/hook",
        "https://172.16.3.4/hook",
        "https://192.168.1.1/hook",
        "https://100.64.0.1/hook",
        "https://0.0.0.0/hook",
        "https://[::]/hook",
        "https://[fe80::1]/hook",
        "https://[fd00:ec2::254]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://[::ffff:a9fe:a9fe]/hook",
        "https://224.0.0.1/hook",
        "https://255.255.255.255/hook",
        "https://METADATA.GOOGLE.INTERNAL./x",
        "http://example.com/hook",
        "https://localhost/",
        "https://LOCALHOST/hook",
        "https://localhost./hook",
        "https://sub.localhost/hook",
        "https://A.B.LocalHost./x",
        "https://[::ffff:0:7f00:1]:8443/",
        "https://[::ffff:0:a9fe:a9fe]/hook",
        "https://[::ffff:0:a00:5]/hook"
      })
  void internalTargetsAreRefusedWhenSubscribing(String url) {
    int before = subscriptions.list().size();
    Api.Answer answer = subscribe(url);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("type").asText())
        .isEqualTo("https://wasla.app/problems/invalid-request");
    assertThat(answer.body().path("detail").asText())
        .containsAnyOf("internal address", "metadata", "https");
    assertThat(subscriptions.list()).hasSize(before);
  }

  @Test
  void changingAUrlToAnInternalOneIsRefusedToo() {
    String id = subscribe("https://example.com/hook").body().path("id").asText();
    Api.Answer answer =
        api.call("PATCH", "/api/webhooks/" + id, KEY, Map.of("url", "https://[::1]/x"), Map.of());
    assertThat(answer.status()).isEqualTo(400);
    assertThat(subscriptions.find(id).orElseThrow().url()).isEqualTo("https://example.com/hook");
  }

  @Test
  void theAllowListAdmitsTheAddressesItNames() {
    assertThat(subscribe("https://127.0.0.2:8443/hook").status()).isEqualTo(201);
    assertThat(subscribe("https://192.168.50.7/hook").status()).isEqualTo(201);
    assertThat(subscribe("https://192.168.51.7/hook").status()).isEqualTo(400);
  }

  @Test
  void aNameThatResolvesInsideIsRefusedAtDelivery() {
    // a name passes at subscription time; what it resolves to is checked at each delivery (DNS
    // rebinding). This
    // machine's own name resolves to a loopback or private address (localhost itself is refused at
    // subscription).
    Api.Answer created = subscribe("https://" + ownHostName() + ":" + port + "/api/keys");
    assertThat(created.status()).isEqualTo(201);
    JsonNode entry = deliverOnce(created.body().path("id").asText());
    assertThat(entry.path("lastError").asText()).isEqualTo("address not allowed");
    assertThat(entry.path("lastStatusCode").asInt(0)).isZero();
  }

  @Test
  void aFailedDeliverySaysWhatFailedWithoutInternals() {
    Api.Answer created = subscribe("https://127.0.0.2:1/hook");
    assertThat(created.status()).isEqualTo(201);
    JsonNode entry = deliverOnce(created.body().path("id").asText());
    String error = entry.path("lastError").asText();
    assertThat(error).isIn("connection refused", "timeout", "connection failed");
    assertThat(error).doesNotContain("127.0.0.2").doesNotContain(":1").doesNotContain("Exception");
  }

  private static String ownHostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Publishes one event and waits until its delivery has been attempted; the log entry the API
   * shows.
   */
  private JsonNode deliverOnce(String subscriptionId) {
    events.publish("message.received", null, Map.of("text", "hi"));
    String path = "/api/webhooks/" + subscriptionId + "/deliveries";
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              JsonNode log = api.get(path, KEY).body();
              return log.size() == 1 && log.get(0).path("attempts").asInt() >= 1;
            });
    return api.get(path, KEY).body().get(0);
  }
}
