package app.wasla.api;

import static org.awaitility.Awaitility.await;

import app.wasla.support.Webhooks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedded default (H2, sandbox WhatsApp, demo store, sandbox gateway) with an API key, shared
 * by the tests of what external systems may do through /api: one Spring context for all of them.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:api-safety;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
      "wasla.whatsapp.app-secret=" + Webhooks.APP_SECRET,
      "wasla.api.bootstrap-key=" + SandboxApiNode.KEY,
      // the classes sharing this node call with one key, on a quiet machine faster than the
      // default 20 a second; the limit itself is tested in WebhookScenarios
      "wasla.api.rate-limit=1000",
      "wasla.whatsapp.reopen-template=" + SandboxApiNode.REOPEN_TEMPLATE,
      "wasla.whatsapp.templates." + SandboxApiNode.UTILITY_TEMPLATE + ".category=UTILITY"
    })
abstract class SandboxApiNode {

  static final String KEY = "api-safety-test-key-0123456789abcdefghij";

  /**
   * Sent instead of text outside the 24-hour window; its category is left at the default,
   * MARKETING.
   */
  static final String REOPEN_TEMPLATE = "hello_again";

  /** The one template the operator declared UTILITY; every other one is marketing. */
  static final String UTILITY_TEMPLATE = "order_shipped";

  static final Duration PATIENCE = Duration.ofSeconds(40);
  static final ObjectMapper JSON = new ObjectMapper();
  static final OkHttpClient HTTP = new OkHttpClient();

  record Answer(int status, String contentType, JsonNode body) {}

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  Webhooks webhooks() {
    return new Webhooks(port);
  }

  static String newCustomer() {
    return "2013" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
  }

  static String conversation(String waId) {
    return Webhooks.PHONE_NUMBER_ID + ":" + waId;
  }

  Answer post(String path, Object body, String idempotencyKey) throws IOException {
    return send("POST", path, body, idempotencyKey);
  }

  Answer put(String path, Object body) throws IOException {
    return send("PUT", path, body, null);
  }

  private Answer send(String method, String path, Object body, String idempotencyKey)
      throws IOException {
    Request.Builder request =
        new Request.Builder()
            .url("http://127.0.0.1:" + port + path)
            .header("Authorization", "Bearer " + KEY)
            .method(
                method,
                RequestBody.create(
                    JSON.writeValueAsBytes(body), MediaType.get("application/json")));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    try (Response response = HTTP.newCall(request.build()).execute()) {
      String text = response.body().string();
      return new Answer(
          response.code(),
          response.header("Content-Type"),
          text.isBlank() ? null : JSON.readTree(text));
    }
  }

  Answer get(String path) throws IOException {
    Request request =
        new Request.Builder()
            .url("http://127.0.0.1:" + port + path)
            .header("Authorization", "Bearer " + KEY)
            .get()
            .build();
    try (Response response = HTTP.newCall(request).execute()) {
      String text = response.body().string();
      return new Answer(
          response.code(),
          response.header("Content-Type"),
          text.isBlank() ? null : JSON.readTree(text));
    }
  }

  /** The texts Wasla sent to the conversation, oldest first. */
  List<String> sent(String key) {
    return jdbc.sql("SELECT text FROM outbound_message WHERE conversation_key = ? ORDER BY id")
        .param(key)
        .query(String.class)
        .list();
  }

  List<String> awaitSent(String key, int count) {
    await().atMost(PATIENCE).until(() -> sent(key).size() >= count);
    return sent(key);
  }
}
