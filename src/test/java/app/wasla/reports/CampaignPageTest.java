package app.wasla.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.BrowserScript;
import app.wasla.support.Webhooks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * The campaigns page end to end on the embedded H2 in sandbox mode: customers with consent made
 * through the CRM's API, a campaign created and run through {@code /api/campaigns} (the engine's
 * process and sender), Meta's statuses (delivered, read, failed with its error) and a reply through
 * the signed webhook; then e2e/campaigns.spec.mjs drives Chromium: a visitor and agent sara are
 * refused, supervisor demo sees the figures the results API gives, filters the recipients, pauses,
 * resumes and cancels a slow campaign from the page, creates a draft with a live audience preview,
 * and reads it all in Arabic. Its screenshots land in target/e2e/ (docs/campaigns.png from there).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:campaign-page;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
      "wasla.whatsapp.app-secret=" + Webhooks.APP_SECRET,
      "wasla.api.bootstrap-key=" + CampaignPageTest.KEY,
      "wasla.api.rate-limit=100000",
      "wasla.campaigns.phone-number-id=" + Webhooks.PHONE_NUMBER_ID,
      "wasla.campaigns.max-marketing-per-week=0",
      "wasla.campaigns.poll-interval=100ms"
    })
class CampaignPageTest {

  static final String KEY = "wasla_campaign_page_test_key_7f3a9c1e5b";
  static final Duration PATIENCE = Duration.ofSeconds(90);
  static final ObjectMapper JSON = new ObjectMapper();
  static final OkHttpClient HTTP = new OkHttpClient.Builder().followRedirects(false).build();
  static final Path SCREENSHOTS = BrowserScript.PROJECT.resolve("target/e2e");

  @LocalServerPort int port;

  record Answer(int status, JsonNode body) {}

  Answer call(String method, String path, Object body, String authorization) {
    Request.Builder request = new Request.Builder().url("http://127.0.0.1:" + port + path);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      if (body == null && method.equals("GET")) {
        request.get();
      } else {
        request.method(
            method,
            RequestBody.create(
                body == null ? new byte[0] : JSON.writeValueAsBytes(body),
                MediaType.get("application/json")));
      }
      try (Response response = HTTP.newCall(request.build()).execute()) {
        String text = response.body().string();
        JsonNode json = null;
        String trimmed = text.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
          json = JSON.readTree(text);
        }
        return new Answer(response.code(), json);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode api(String method, String path, Object body) {
    Answer a = call(method, path, body, "Bearer " + KEY);
    assertThat(a.status()).as("%s %s: %s", method, path, a.body()).isLessThan(300);
    return a.body();
  }

  /** Customers who agreed to marketing, named and in {@code city}; their wa_ids. */
  List<String> customers(int count, String city) {
    List<String> waIds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String waId = "2010" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
      String key = Webhooks.PHONE_NUMBER_ID + ":" + waId;
      api("PUT", "/api/customers/" + key + "/consent", Map.of("optIn", true, "source", "checkout"));
      api(
          "PATCH",
          "/api/customers/" + key,
          Map.of("name", "Layla" + i + " Mostafa", "attributes", Map.of("city", city)));
      waIds.add(waId);
    }
    return waIds;
  }

  String campaign(String name, String city, Integer rate) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("template", Map.of("name", "new_arrivals", "language", "en"));
    body.put("audience", Map.of("cities", List.of(city)));
    if (rate != null) {
      body.put("ratePerSecond", rate);
    }
    String id = api("POST", "/api/campaigns", body).path("id").asText();
    api("POST", "/api/campaigns/" + id + "/start", null);
    return id;
  }

  String status(String id) {
    return api("GET", "/api/campaigns/" + id, null).path("status").asText();
  }

  int webhook(byte[] payload) {
    return new Webhooks(port).post(payload);
  }

  /** Meta's failed status with its error, as the Cloud API sends it. */
  static byte[] failed(String waId, String wamid) throws IOException {
    ObjectNode root =
        (ObjectNode) JSON.readTree(Webhooks.status(waId, wamid, "failed", Instant.now()));
    ObjectNode status =
        (ObjectNode)
            root.path("entry")
                .path(0)
                .path("changes")
                .path(0)
                .path("value")
                .path("statuses")
                .path(0);
    status
        .putArray("errors")
        .addObject()
        .put("code", 131049)
        .put("title", "This message was not delivered to maintain healthy ecosystem engagement.");
    return JSON.writeValueAsBytes(root);
  }

  @Test
  void theOwnerFollowsPausesAndCreatesCampaignsFromThePage() throws Exception {
    BrowserScript.requireBrowser();
    // a campaign of five that runs to its end, then Meta's statuses and a reply move its figures
    String cityA = "city-" + UUID.randomUUID().toString().substring(0, 8);
    customers(5, cityA);
    String done = campaign("Eid collection", cityA, null);
    await().atMost(PATIENCE).until(() -> status(done).equals("COMPLETED"));
    JsonNode items =
        api("GET", "/api/campaigns/" + done + "/recipients?size=10", null).path("items");
    assertThat(items).hasSize(5);
    JsonNode read = items.path(0);
    JsonNode replied = items.path(1);
    JsonNode refused = items.path(2);
    assertThat(
            webhook(
                Webhooks.status(
                    read.path("waId").asText(),
                    read.path("wamid").asText(),
                    "delivered",
                    Instant.now())))
        .isEqualTo(200);
    assertThat(
            webhook(
                Webhooks.status(
                    read.path("waId").asText(),
                    read.path("wamid").asText(),
                    "read",
                    Instant.now())))
        .isEqualTo(200);
    assertThat(
            webhook(
                Webhooks.status(
                    replied.path("waId").asText(),
                    replied.path("wamid").asText(),
                    "delivered",
                    Instant.now())))
        .isEqualTo(200);
    assertThat(
            webhook(
                Webhooks.text(
                    replied.path("waId").asText(),
                    "wamid.page.reply." + UUID.randomUUID(),
                    "is the abaya available in black?",
                    Instant.now().plusSeconds(1))))
        .isEqualTo(200);
    assertThat(webhook(failed(refused.path("waId").asText(), refused.path("wamid").asText())))
        .isEqualTo(200);
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              JsonNode r = api("GET", "/api/campaigns/" + done + "/results", null);
              assertThat(r.path("read").asLong()).isEqualTo(1);
              assertThat(r.path("failed").asLong()).isEqualTo(1);
              assertThat(r.path("initial").path("replied").asLong()).isEqualTo(1);
            });
    JsonNode results = api("GET", "/api/campaigns/" + done + "/results", null);

    // a slow one, still sending while the browser pauses, resumes and cancels it
    String cityB = "city-" + UUID.randomUUID().toString().substring(0, 8);
    // (paused through the API at once, so that a loaded machine's browser still finds it sending)
    customers(120, cityB);
    String slow = campaign("Slow weekend offer", cityB, 1);
    await().atMost(PATIENCE).until(() -> status(slow).equals("SENDING"));
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                call("POST", "/api/campaigns/" + slow + "/pause", null, "Bearer " + KEY).status()
                    == 200);

    // the audience the page's form previews and drafts a campaign for
    String cityC = "city-" + UUID.randomUUID().toString().substring(0, 8);
    customers(3, cityC);

    // refusals without a browser: no credential, an API key is not a session, an agent
    assertThat(call("GET", "/campaigns/api/campaigns", null, null).status()).isEqualTo(401);
    assertThat(call("GET", "/campaigns", null, null).status()).isEqualTo(401);
    assertThat(call("POST", "/campaigns/api/campaigns/" + slow + "/pause", null, null).status())
        .isEqualTo(401);
    assertThat(
            call("POST", "/campaigns/api/campaigns/" + slow + "/pause", null, "Bearer " + KEY)
                .status())
        .isEqualTo(401);
    assertThat(call("GET", "/campaigns/api/campaigns", null, basic("sara")).status())
        .isEqualTo(403);
    assertThat(
            call("POST", "/campaigns/api/campaigns/" + slow + "/pause", null, basic("sara"))
                .status())
        .isEqualTo(403);
    Answer badState =
        call(
            "GET",
            "/campaigns/api/campaigns/" + done + "/recipients?state=lost",
            null,
            basic("demo"));
    assertThat(badState.status()).isEqualTo(400);
    assertThat(badState.body().path("detail").asText()).contains("state: one of");
    assertThat(status(slow)).isEqualTo("PAUSED");

    Files.createDirectories(SCREENSHOTS);
    Files.deleteIfExists(SCREENSHOTS.resolve("campaigns.png"));
    Path expected = SCREENSHOTS.resolve("campaigns-expected.json");
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("done", done);
    facts.put("results", results);
    facts.put("slow", slow);
    facts.put("city", cityC);
    facts.put("draftName", "Ramadan preview " + cityC);
    Files.writeString(expected, JSON.writeValueAsString(facts));
    BrowserScript.run(
        "campaigns.spec.mjs", 240, base(), SCREENSHOTS.toString(), expected.toString());
    assertThat(SCREENSHOTS.resolve("campaigns.png")).exists().isNotEmptyFile();

    // what the page did, as the engine's API sees it
    assertThat(status(slow)).isEqualTo("CANCELLED");
    JsonNode drafts = api("GET", "/api/campaigns?size=50", null);
    JsonNode draft = null;
    for (JsonNode c : drafts) {
      if (c.path("name").asText().equals("Ramadan preview " + cityC)) {
        draft = c;
      }
    }
    assertThat(draft).as("the page's campaign").isNotNull();
    assertThat(draft.path("status").asText()).isEqualTo("DRAFT");
    assertThat(draft.path("audience").path("cities")).hasSize(1);
    assertThat(
            api("GET", "/api/campaigns/" + draft.path("id").asText() + "/audience", null)
                .path("reachable")
                .asLong())
        .isEqualTo(3);
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  static String basic(String user) {
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString((user + ":" + user).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
