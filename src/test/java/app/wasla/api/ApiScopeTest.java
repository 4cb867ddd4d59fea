package app.wasla.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.support.CloudMode;
import app.wasla.support.WhatsAppMock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The scope of an /api call is the scope of the handler Spring routes it to, however the path is
 * spelled: encoded letters and ';' path parameters neither reach another handler nor slip past the
 * body limit. Cloud mode, real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ApiScopeTest.Unscoped.class)
class ApiScopeTest {

  static final WhatsAppMock META = new WhatsAppMock();
  static final String BOOTSTRAP_KEY = "test-bootstrap-key-scopes-0123456789abcdefgh";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void cloudMode(DynamicPropertyRegistry registry) {
    META.registerCloudMode(registry);
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:api-scopes;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    registry.add("wasla.api.bootstrap-key", () -> BOOTSTRAP_KEY);
    // the failing send's template is a notice (no marketing consent in play)
    registry.add("wasla.whatsapp.templates.order_update.category", () -> "UTILITY");
    registry.add("wasla.api.rate-limit", () -> "1000");
  }

  /** A handler under /api that declares no scope: refused for every caller. */
  @TestConfiguration
  @RestController
  static class Unscoped {
    @GetMapping("/api/test-unscoped")
    String unscoped() {
      return "reached";
    }
  }

  record Answer(int status, JsonNode body) {}

  @LocalServerPort int port;
  String eventsWriter;

  @BeforeEach
  void setUp() {
    eventsWriter = key("events-writer", Set.of("events:write"));
  }

  Answer call(String method, String path, String authorization, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      request.header(
          "Authorization",
          authorization.startsWith("Basic ") ? authorization : "Bearer " + authorization);
    }
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      // Tomcat answers some malformed paths itself, in HTML
      boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
      return new Answer(
          response.statusCode(), json ? JSON.readTree(response.body()) : JSON.missingNode());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Answer call(String method, String path, String authorization, Object body) {
    try {
      return call(method, path, authorization, body == null ? null : JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  String key(String name, Set<String> scopes) {
    Answer created =
        call("POST", "/api/keys", BOOTSTRAP_KEY, Map.of("name", name, "scopes", scopes));
    assertThat(created.status()).isEqualTo(201);
    return created.body().path("key").asText();
  }

  int keyCount() {
    Answer keys = call("GET", "/api/keys", BOOTSTRAP_KEY, (Object) null);
    assertThat(keys.status()).isEqualTo(200);
    return keys.body().size();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/k%65ys",
        "/api;x=1/keys",
        "/api/%63ustomers",
        "/api/%77ebhooks",
        "/api/keys;x=1",
        "/api/keys/;",
        "/api/%6b%65%79%73",
        "/api/keys%2F",
        "/api/conversations;/x:y"
      })
  void oddSpellingsOfAPathAreRefused(String path) {
    Answer answer = call("GET", path, eventsWriter, (Object) null);
    assertThat(answer.status()).isIn(400, 403);
  }

  @Test
  void anEncodedPathCannotCreateAKey() {
    int before = keyCount();
    List<String> all =
        List.of(
            "events:write",
            "conversations:read",
            "messages:send",
            "webhooks:manage",
            "keys:manage",
            "customers:read",
            "customers:write");
    for (String path : List.of("/api/k%65ys", "/api;x=1/keys", "/api/keys;x=1", "/%61pi/keys")) {
      Answer answer = call("POST", path, eventsWriter, Map.of("name", "escalated", "scopes", all));
      assertThat(answer.status()).as(path).isIn(400, 403);
      assertThat(answer.body().path("type").asText())
          .as(path)
          .startsWith("https://wasla.app/problems/");
    }
    assertThat(keyCount()).isEqualTo(before);
  }

  @Test
  void thePlainPathNeedsTheHandlersScope() {
    Answer refused = call("GET", "/api/keys", eventsWriter, (Object) null);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body().path("detail").asText()).contains("keys:manage");
    assertThat(call("GET", "/api/customers", eventsWriter, (Object) null).status()).isEqualTo(403);
    assertThat(call("GET", "/api/webhooks", eventsWriter, (Object) null).status()).isEqualTo(403);
  }

  @Test
  void legitimateCallsWithTheRightScopeStillWork() {
    // events:write reaches the handler (404: a conversation never seen), not the scope check
    Answer event =
        call(
            "POST",
            "/api/conversations/109876543210:201000000001/events",
            eventsWriter,
            Map.of("name", "Nothing"));
    assertThat(event.status()).isEqualTo(404);
    String reader = key("customers-reader", Set.of("customers:read"));
    assertThat(call("GET", "/api/customers", reader, (Object) null).status()).isEqualTo(200);
    assertThat(call("PATCH", "/api/customers/1:2", reader, Map.of("name", "x")).status())
        .isEqualTo(403);
    // percent-encoded non-ASCII (a number in Arabic-Indic digits) is not an odd spelling: it
    // reaches the handler
    Answer arabic = call("GET", "/api/customers/1:%D9%A2%D9%A0%D9%A1", reader, (Object) null);
    assertThat(arabic.status()).isEqualTo(404);
    assertThat(arabic.body().path("type").asText())
        .isEqualTo("https://wasla.app/problems/customer-not-found");
    String webhooks = key("webhooks-manager", Set.of("webhooks:manage"));
    assertThat(call("GET", "/api/webhooks", webhooks, (Object) null).status()).isEqualTo(200);
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (CloudMode.ADMIN_ID + ":" + CloudMode.ADMIN_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8));
    assertThat(call("GET", "/api/keys", basic, (Object) null).status()).isEqualTo(200);
  }

  @Test
  void aHandlerWithoutADeclaredScopeIsRefusedEvenToAnAllScopesKey() {
    Answer answer = call("GET", "/api/test-unscoped", BOOTSTRAP_KEY, (Object) null);
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.body().path("type").asText())
        .isEqualTo("https://wasla.app/problems/insufficient-scope");
  }

  @Test
  void thePathParameterSpellingKeepsTheApiBodyLimit() {
    byte[] big = new byte[300 * 1024];
    java.util.Arrays.fill(big, (byte) 'a');
    for (String path : List.of("/api;x/messages", "/api/messages;x", "/api;x/keys")) {
      Answer answer = call("POST", path, BOOTSTRAP_KEY, big);
      assertThat(answer.status()).as(path).isEqualTo(413);
    }
  }

  /**
   * The paths that carry a file take the documented media sizes (16 MB), not the 5 MB of other
   * paths: a 6 MB PDF or an 8 MB video reaches the handler (here refused for want of a login, or
   * not in sandbox mode), a file over 16 MB is refused with the sentence the sender reads.
   */
  @Test
  void filePathsTakeTheDocumentedMediaSizes() throws Exception {
    for (String path : List.of("/handoff/tasks/none/attachments", "/simulator/api/media")) {
      HttpResponse<String> fits = upload(path, 8 * 1024 * 1024);
      assertThat(fits.statusCode()).as(path + " " + fits.body()).isNotEqualTo(413);
      HttpResponse<String> over = upload(path, 17 * 1024 * 1024);
      assertThat(over.statusCode()).as(path).isEqualTo(413);
      assertThat(JSON.readTree(over.body()).path("detail").asText())
          .isEqualTo("The file is too large: at most 16 MB");
    }
    // other paths keep their cap
    HttpResponse<String> webapp = upload("/inbox/api/anything", 6 * 1024 * 1024);
    assertThat(webapp.statusCode()).isEqualTo(413);
  }

  private HttpResponse<String> upload(String path, int size) throws Exception {
    byte[] body = new byte[size];
    java.util.Arrays.fill(body, (byte) 'a');
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "multipart/form-data; boundary=x")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static final List<String> ALL_SCOPES =
      List.of(
          "events:write",
          "conversations:read",
          "messages:send",
          "webhooks:manage",
          "keys:manage",
          "customers:read",
          "customers:write");

  String basicAdmin() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(
                (CloudMode.ADMIN_ID + ":" + CloudMode.ADMIN_PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
  }

  String idOf(String name) {
    for (JsonNode k : call("GET", "/api/keys", BOOTSTRAP_KEY, (Object) null).body()) {
      if (k.path("name").asText().equals(name) && !k.hasNonNull("revokedAt")) {
        return k.path("id").asText();
      }
    }
    throw new AssertionError("no live key " + name);
  }

  @Test
  void aKeyManagerGrantsAndRevokesOnlyWithinItsOwnScopes() {
    String manager = key("manager-" + System.nanoTime(), Set.of("keys:manage", "events:write"));
    int before = keyCount();

    Answer escalated =
        call("POST", "/api/keys", manager, Map.of("name", "escalated", "scopes", ALL_SCOPES));
    assertThat(escalated.status()).isEqualTo(403);
    assertThat(escalated.body().path("type").asText())
        .isEqualTo("https://wasla.app/problems/insufficient-scope");
    assertThat(escalated.body().path("detail").asText())
        .contains(
            "conversations:read",
            "customers:read",
            "customers:write",
            "messages:send",
            "webhooks:manage")
        .doesNotContain("events:write,");
    assertThat(
            call(
                    "POST",
                    "/api/keys",
                    manager,
                    Map.of("name", "one-more", "scopes", List.of("customers:read")))
                .status())
        .isEqualTo(403);
    assertThat(keyCount()).isEqualTo(before);

    // a subset of its own scopes is fine, and so is revoking such a key
    Answer subset =
        call(
            "POST",
            "/api/keys",
            manager,
            Map.of("name", "sub-" + System.nanoTime(), "scopes", List.of("events:write")));
    assertThat(subset.status()).isEqualTo(201);
    assertThat(
            call(
                    "DELETE",
                    "/api/keys/" + subset.body().path("apiKey").path("id").asText(),
                    manager,
                    (Object) null)
                .status())
        .isEqualTo(204);

    // the bootstrap key holds scopes the manager lacks: it stays
    Answer revoke = call("DELETE", "/api/keys/" + idOf("bootstrap"), manager, (Object) null);
    assertThat(revoke.status()).isEqualTo(403);
    assertThat(revoke.body().path("detail").asText()).contains("customers:read");
    assertThat(call("GET", "/api/keys", BOOTSTRAP_KEY, (Object) null).status()).isEqualTo(200);

    // a Camunda admin over Basic may grant every scope
    Answer byAdmin =
        call(
            "POST",
            "/api/keys",
            basicAdmin(),
            Map.of("name", "admin-made-" + System.nanoTime(), "scopes", ALL_SCOPES));
    assertThat(byAdmin.status()).isEqualTo(201);
    assertThat(byAdmin.body().path("apiKey").path("scopes").size()).isEqualTo(ALL_SCOPES.size());
  }

  @Test
  void theKeyListShowsNothingOfTheBootstrapKeyAndFourCharactersOfAGeneratedOne() {
    String generated = key("listed-" + System.nanoTime(), Set.of("events:write"));
    JsonNode list = call("GET", "/api/keys", BOOTSTRAP_KEY, (Object) null).body();
    assertThat(list.toString())
        .doesNotContain(BOOTSTRAP_KEY.substring(0, 6))
        .doesNotContain(generated.substring(0, 9));
    for (JsonNode k : list) {
      String prefix = k.path("prefix").asText();
      if (k.path("name").asText().equals("bootstrap")) {
        assertThat(prefix).isEmpty();
      } else {
        assertThat(prefix).hasSizeLessThanOrEqualTo(8);
      }
    }
    assertThat(list.findValuesAsText("prefix")).contains(generated.substring(0, 8));
  }

  @Test
  void aFailedSendShowsNeitherTheCloudApisAddressNorJavaExceptions() throws Exception {
    String sender = key("failing-sender", Set.of("messages:send"));
    String waId = "2012" + System.nanoTime() % 100_000_000;
    // Meta hangs up without an answer, every time
    META.failNextSends(
        waId,
        100,
        new okhttp3.mockwebserver.MockResponse()
            .setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.DISCONNECT_AFTER_REQUEST));
    HttpResponse<String> failed =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + sender)
                .header("Idempotency-Key", "fails-" + waId)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(
                            Map.of(
                                "to",
                                app.wasla.support.Webhooks.PHONE_NUMBER_ID + ":" + waId,
                                "template",
                                Map.of("name", "order_update")))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(failed.statusCode()).as(failed.body()).isEqualTo(502);
    JsonNode problem = JSON.readTree(failed.body());
    assertThat(problem.path("detail").asText())
        .startsWith("WhatsApp could not be reached")
        .doesNotContain("Cloud API")
        .doesNotContain(app.wasla.support.Webhooks.PHONE_NUMBER_ID)
        .doesNotContain("127.0.0.1")
        .doesNotContain("localhost")
        .doesNotContain("/messages")
        .doesNotContain("Exception")
        .doesNotContain(waId);
    assertThat(problem.path("reference").asText()).matches("[0-9a-f]{8}");
    assertThat(problem.path("detail").asText()).contains(problem.path("reference").asText());
  }
}
