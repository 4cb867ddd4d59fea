package app.wasla.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A template in the simulator looks as it does on the customer's phone: the body with its
 * parameters filled in, the buttons; a tap on a quick reply goes back as WhatsApp sends it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:simulator-templates;DB_CLOSE_DELAY=-1",
      "wasla.api.bootstrap-key=" + SimulatorTemplateTest.KEY
    })
class SimulatorTemplateTest {

  static final String KEY = "simulator-templates-key-0123456789abcdef";
  private static final String SANDBOX_NUMBER = "100000000000001";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OkHttpClient HTTP = new OkHttpClient();

  @LocalServerPort int port;

  private JsonNode call(String method, String path, Object body, String idempotencyKey)
      throws IOException {
    Request.Builder request =
        new Request.Builder()
            .url("http://127.0.0.1:" + port + path)
            .header("Authorization", "Bearer " + KEY);
    if (body == null) {
      request.get();
    } else {
      request.method(
          method,
          RequestBody.create(JSON.writeValueAsBytes(body), MediaType.get("application/json")));
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    try (Response response = HTTP.newCall(request.build()).execute()) {
      String text = response.body().string();
      assertThat(response.code()).as(method + " " + path + ": " + text).isLessThan(300);
      return text.isBlank() ? null : JSON.readTree(text);
    }
  }

  /** The simulator's lines for a customer that are templates. */
  private JsonNode templates(String waId) throws IOException {
    JsonNode lines = call("GET", "/simulator/api/messages?waId=" + waId, null, null);
    com.fasterxml.jackson.databind.node.ArrayNode found = JSON.createArrayNode();
    lines.forEach(
        l -> {
          if (l.has("template")) {
            found.add(l);
          }
        });
    return found;
  }

  @Test
  void aTemplateShowsItsFilledBodyAndButtonsAndAQuickReplyTapComesBack() throws Exception {
    String waId = "2015" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    String key = SANDBOX_NUMBER + ":" + waId;
    call(
        "POST",
        "/api/messages",
        Map.of(
            "to",
            key,
            "template",
            Map.of(
                "name",
                "order_shipped",
                "language",
                "en",
                "parameters",
                java.util.List.of("ORD-12001", "https://track.example/ORD-12001"),
                "buttons",
                java.util.List.of(Map.of("index", 0, "text", "ORD-12001")))),
        "sim-shipped-" + waId);

    JsonNode shipped = templates(waId).get(0);
    // the line keeps its fields (the transcript's short form among them)
    assertThat(shipped.path("direction").asText()).isEqualTo("out");
    assertThat(shipped.path("text").asText()).contains("order_shipped");
    JsonNode preview = shipped.path("template");
    assertThat(preview.path("known").asBoolean()).isTrue();
    assertThat(preview.path("body").asText())
        .isEqualTo(
            "Your order ORD-12001 is on its way: track it at https://track.example/ORD-12001");
    assertThat(preview.path("buttons")).hasSize(1);
    assertThat(preview.path("buttons").get(0).path("type").asText()).isEqualTo("url");
    assertThat(preview.path("buttons").get(0).path("text").asText()).isEqualTo("Track");
    assertThat(preview.path("buttons").get(0).path("url").asText())
        .isEqualTo("https://track.example/ORD-12001");

    // a marketing template with quick replies, to a customer who agreed
    call(
        "PUT",
        "/api/customers/" + key + "/consent",
        Map.of("optIn", true, "source", "checkout"),
        null);
    call(
        "POST",
        "/api/messages",
        Map.of("to", key, "template", Map.of("name", "new_arrivals", "language", "ar")),
        "sim-arrivals-" + waId);
    JsonNode arrivals = templates(waId).get(1).path("template");
    assertThat(arrivals.path("body").asText()).contains("وصلتنا منتجات جديدة");
    assertThat(arrivals.path("buttons"))
        .extracting(
            b ->
                b.path("type").asText()
                    + ":"
                    + b.path("text").asText()
                    + ":"
                    + b.path("payload").asText())
        .containsExactly(
            "quick_reply:Show me:Show me", "quick_reply:Stop promotions:Stop promotions");

    // the page taps "Stop promotions": WhatsApp sends the quick reply back, and it opts out
    call(
        "POST",
        "/simulator/api/messages",
        Map.of(
            "waId",
            waId,
            "replyId",
            "Stop promotions",
            "replyTitle",
            "Stop promotions",
            "replyKind",
            "template"),
        null);
    await()
        .atMost(Duration.ofSeconds(40))
        .until(
            () ->
                call("GET", "/api/customers/" + key, null, null)
                    .path("marketingOptOut")
                    .asBoolean());
    JsonNode lines = call("GET", "/simulator/api/messages?waId=" + waId, null, null);
    JsonNode tap = null;
    for (JsonNode l : lines) {
      if ("in".equals(l.path("direction").asText())) {
        tap = l;
      }
    }
    assertThat(tap.path("type").asText()).isEqualTo("button");
    assertThat(tap.path("text").asText()).isEqualTo("Stop promotions");
  }
}
