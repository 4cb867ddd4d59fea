package app.wasla.conversation.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.api.ApiKeys;
import app.wasla.security.Scope;
import app.wasla.support.CloudMode;
import app.wasla.support.PostgresTestDatabase;
import app.wasla.support.WaslaNode;
import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Customers' media through the real webhook path on PostgreSQL, with MockWebServer standing in for
 * Meta's media endpoints ({@code GET /{media-id}}, the download) and for an OpenAI-compatible
 * transcription endpoint: a file is fetched and kept, an expired URL is looked up again, a file too
 * large or of a type not taken is refused without losing the message, a server error is retried by
 * the sweep; the files are served to agents and API keys only; captions, photos without words,
 * voice notes (transcribed) and locations get the replies they should.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboundMediaTest {

  static final byte[] JPEG = jpeg();
  static final byte[] PDF_BYTES = "%PDF-1.4\n%test\n".getBytes(StandardCharsets.UTF_8);
  static final String AGENT = "mediaagent";
  static final String OUTSIDER = "mediaoutsider";
  static final String SUPERVISOR = "mediasupervisor";

  WhatsAppMock meta;
  MetaMedia media;
  MockWebServer transcription;
  MockWebServer vision;
  final List<String> transcriptionRequests = new java.util.concurrent.CopyOnWriteArrayList<>();
  final List<String> visionRequests = new java.util.concurrent.CopyOnWriteArrayList<>();
  ConfigurableApplicationContext node;
  Webhooks webhooks;
  JdbcClient jdbc;
  Path folder;
  int port;
  final OkHttpClient http = new OkHttpClient();
  final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  void start() throws IOException {
    meta = new WhatsAppMock();
    media = new MetaMedia(meta);
    meta.serveMedia(media);
    transcription = new MockWebServer();
    // answers by the audio's content, so that each test's voice note gets its own answer
    transcription.setDispatcher(
        new okhttp3.mockwebserver.Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String form = request.getBody().readUtf8();
            transcriptionRequests.add(
                request.getPath()
                    + " "
                    + request.getHeader("Authorization")
                    + " "
                    + request.getHeader("Content-Type")
                    + " "
                    + form);
            if (form.contains("OggS-voice-unclear")) {
              return new MockResponse().setResponseCode(400).setBody("{\"error\":\"bad audio\"}");
            }
            return new MockResponse()
                .setHeader("Content-Type", "application/json")
                .setBody("{\"text\":\"مواعيد العمل ايه؟\"}");
          }
        });
    transcription.start();
    vision = new MockWebServer();
    vision.setDispatcher(
        new okhttp3.mockwebserver.Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            visionRequests.add(
                request.getPath()
                    + " "
                    + request.getHeader("Authorization")
                    + " "
                    + request.getBody().readUtf8());
            return new MockResponse()
                .setHeader("Content-Type", "application/json")
                .setBody(
                    "{\"choices\":[{\"message\":{\"role\":\"assistant\","
                        + "\"content\":\"A phone with a cracked screen.\"}}]}");
          }
        });
    vision.start();
    folder = Files.createTempDirectory("wasla-media-test");
    Map<String, String> props = new HashMap<>();
    props.put("spring.datasource.url", PostgresTestDatabase.url("wasla_inbound_media", true));
    props.put("spring.datasource.username", PostgresTestDatabase.USER);
    props.put("spring.datasource.password", "");
    props.put("wasla.media.folder", folder.toString());
    props.put("wasla.media.max-size", "1MB");
    props.put("wasla.media.backoff", "200ms");
    props.put("wasla.media.sweep-interval", "100ms");
    props.put("wasla.media.transcription.base-url", transcription.url("/v1").toString());
    props.put("wasla.media.transcription.api-key", "transcription-key");
    props.put("wasla.media.transcription.model", "whisper-test");
    props.put("wasla.media.vision.base-url", vision.url("/v1").toString());
    props.put("wasla.media.vision.api-key", "vision-key");
    props.put("wasla.media.vision.model", "vision-test");
    node = WaslaNode.start(meta, props);
    port = WaslaNode.port(node);
    webhooks = new Webhooks(port);
    jdbc = node.getBean(JdbcClient.class);
    IdentityService identity = node.getBean(IdentityService.class);
    for (String id : List.of(AGENT, OUTSIDER, SUPERVISOR)) {
      User user = identity.newUser(id);
      user.setPassword(CloudMode.AGENT_PASSWORD);
      identity.saveUser(user);
    }
    if (identity.createGroupQuery().groupId("mediasales").count() == 0) {
      Group group = identity.newGroup("mediasales");
      group.setName("Sales");
      identity.saveGroup(group);
    }
    identity.createMembership(AGENT, "mediasales");
    if (identity.createGroupQuery().groupId("supervisors").count() == 0) {
      Group group = identity.newGroup("supervisors");
      group.setName("Supervisors");
      identity.saveGroup(group);
    }
    identity.createMembership(SUPERVISOR, "supervisors");
  }

  @AfterAll
  void stop() throws IOException {
    if (node != null) {
      node.close();
    }
    transcription.shutdown();
    vision.shutdown();
  }

  @Test
  void aPhotoIsFetchedKeptAndServedToAgentsAndReadScopedKeysOnly() throws Exception {
    String waId = newCustomer();
    media.files.put("1001", new MetaMedia.File(JPEG, "image/jpeg", null));
    post(
        Webhooks.media(
            waId,
            "wamid.photo." + waId,
            "image",
            "1001",
            "image/jpeg",
            null,
            false,
            Instant.now()));

    long id = awaitStatus("wamid.photo." + waId, "STORED");
    Map<String, Object> row = row("wamid.photo." + waId);
    assertThat(((Number) row.get("size_bytes")).longValue()).isEqualTo(JPEG.length);
    assertThat(media.lookups("1001")).isEqualTo(1);
    assertThat(media.bearers).containsOnly("Bearer test-token");
    // the file is in the folder, under a name that says nothing of the customer
    String key = (String) row.get("storage_key");
    assertThat(key).doesNotContain(waId);
    assertThat(Files.readAllBytes(folder.resolve(key))).isEqualTo(JPEG);

    // a vision model described it for the agents: the photo went to it as a data URL
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> row("wamid.photo." + waId).get("description") != null);
    assertThat(row("wamid.photo." + waId).get("description"))
        .isEqualTo("A phone with a cracked screen.");
    String expectedData = "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(JPEG);
    assertThat(visionRequests)
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith("/v1/chat/completions Bearer vision-key ")
                    .contains("\"model\":\"vision-test\"")
                    .contains(expectedData));
    app.wasla.conversation.Transcript.Media shown =
        node.getBean(app.wasla.conversation.Transcript.class)
            .latest(Webhooks.PHONE_NUMBER_ID + ":" + waId, 10)
            .get(0)
            .media();
    assertThat(shown.url()).isEqualTo("/media/" + id);
    assertThat(shown.description()).isEqualTo("A phone with a cracked screen.");

    // a supervisor gets it; an agent who may not see the conversation in the inbox (it never
    // went to her team) gets a 404, as for an id that does not exist; no login, a user in no
    // agent group, a key without the read scope do not get it either
    try (Response r = get("/media/" + id, basic(SUPERVISOR))) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Content-Type")).startsWith("image/jpeg");
      assertThat(r.body().bytes()).isEqualTo(JPEG);
    }
    try (Response r = get("/media/" + id, basic(AGENT))) {
      assertThat(r.code()).isEqualTo(404);
    }
    try (Response r = get("/media/" + (id + 1_000_000), basic(AGENT))) {
      assertThat(r.code()).isEqualTo(404);
    }
    try (Response r = get("/media/" + id, null)) {
      assertThat(r.code()).isEqualTo(401);
    }
    try (Response r = get("/media/" + id, basic(OUTSIDER))) {
      assertThat(r.code()).isEqualTo(403);
    }
    ApiKeys keys = node.getBean(ApiKeys.class);
    String reader = keys.create("media-reader", Set.of(Scope.CONVERSATIONS_READ), "test").key();
    String sender = keys.create("media-sender", Set.of(Scope.MESSAGES_SEND), "test").key();
    try (Response r = get("/api/media/" + id, "Bearer " + reader)) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body().bytes()).isEqualTo(JPEG);
    }
    try (Response r = get("/api/media/" + id, "Bearer " + sender)) {
      assertThat(r.code()).isEqualTo(403);
    }
    try (Response r = get("/api/media/" + id, null)) {
      assertThat(r.code()).isEqualTo(401);
    }

    // the customer is asked what the photo is about, in Egyptian Arabic (no other words yet)
    assertThat(awaitReply(waId, 1)).contains("الصورة");
  }

  @Test
  void anExpiredUrlIsLookedUpAgain() {
    String waId = newCustomer();
    media.files.put("1002", new MetaMedia.File(JPEG, "image/jpeg", (long) JPEG.length));
    media.expireFirstDownload.add("1002");
    post(
        Webhooks.media(
            waId,
            "wamid.expired." + waId,
            "image",
            "1002",
            "image/jpeg",
            "ده الموبايل",
            false,
            Instant.now()));
    awaitStatus("wamid.expired." + waId, "STORED");
    assertThat(media.lookups("1002")).isEqualTo(2);
    assertThat(media.downloads("1002")).isEqualTo(2);
  }

  @Test
  void tooLargeOrWrongTypeIsRefusedAndTheMessageStaysAnswered() {
    String waId = newCustomer();
    // Meta's limit for images is 5 MB, said by the lookup: refused without a download
    media.files.put("1003", new MetaMedia.File(JPEG, "image/jpeg", 6L * 1024 * 1024));
    // Wasla's cap (1 MB here), found while downloading a file whose size the lookup did not give
    media.files.put("1004", new MetaMedia.File(new byte[1536 * 1024], "audio/ogg", null));
    // a type Meta does not send as an image
    media.files.put("1005", new MetaMedia.File(JPEG, "image/gif", null));
    // declared a JPEG, is not one
    media.files.put(
        "1006",
        new MetaMedia.File("<html>hi</html>".getBytes(StandardCharsets.UTF_8), "image/jpeg", null));
    post(
        Webhooks.media(
            waId, "wamid.big." + waId, "image", "1003", "image/jpeg", null, false, Instant.now()));
    post(
        Webhooks.media(
            waId, "wamid.long." + waId, "audio", "1004", "audio/ogg", null, false, Instant.now()));
    post(
        Webhooks.media(
            waId, "wamid.gif." + waId, "image", "1005", "image/gif", null, false, Instant.now()));
    post(
        Webhooks.media(
            waId, "wamid.fake." + waId, "image", "1006", "image/jpeg", null, false, Instant.now()));

    awaitStatus("wamid.big." + waId, "REJECTED");
    assertThat(media.downloads("1003")).isZero();
    assertThat((String) row("wamid.big." + waId).get("last_error")).contains("more than");
    awaitStatus("wamid.long." + waId, "REJECTED");
    assertThat(media.downloads("1004")).isEqualTo(1);
    awaitStatus("wamid.gif." + waId, "REJECTED");
    assertThat((String) row("wamid.gif." + waId).get("last_error")).contains("image/gif");
    awaitStatus("wamid.fake." + waId, "REJECTED");
    assertThat((String) row("wamid.fake." + waId).get("storage_key")).isNull();
    assertThat(folderFiles()).noneMatch(p -> p.getFileName().toString().startsWith(".part-"));
    // every message is in the inbox and is delivered to the flow (a refused file delays nothing,
    // but the flow takes the four turns one after the other)
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.sql(
                                "SELECT COUNT(*) FROM inbox_message WHERE conversation_key LIKE :key AND status = 'DELIVERED'")
                            .param("key", "%:" + waId)
                            .query(Integer.class)
                            .single())
                    .isGreaterThanOrEqualTo(4));
  }

  @Test
  void anM4aAudioIsKeptUnderEachTypePhonesGiveIt() {
    String waId = newCustomer();
    // an MP4 container's first bytes: the "ftyp" box of an M4A
    byte[] m4a = new byte[2048];
    byte[] head = {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'M', '4', 'A', ' '};
    System.arraycopy(head, 0, m4a, 0, head.length);
    List<String> types = List.of("audio/x-m4a", "audio/m4a", "audio/mp4");
    for (int i = 0; i < types.size(); i++) {
      media.files.put("m4a-" + i, new MetaMedia.File(m4a, types.get(i), (long) m4a.length));
      post(
          Webhooks.media(
              waId,
              "wamid.m4a" + i + "." + waId,
              "audio",
              "m4a-" + i,
              types.get(i),
              null,
              false,
              Instant.now()));
    }
    for (int i = 0; i < types.size(); i++) {
      awaitStatus("wamid.m4a" + i + "." + waId, "STORED");
    }
  }

  @Test
  void aFileOfATypeNotOpenedIsAnsweredWithTheTypesThatAre() {
    String waId = newCustomer();
    post(Webhooks.text(waId, "wamid.hi2." + waId, "Hi, when do you open?", Instant.now()));
    awaitReply(waId, 1);
    media.files.put("1031", new MetaMedia.File(new byte[64], "application/zip", null));
    post(
        Webhooks.media(
            waId,
            "wamid.zip." + waId,
            "document",
            "1031",
            "application/zip",
            null,
            false,
            Instant.now()));
    assertThat(awaitReply(waId, 2))
        .isEqualTo(
            "Sorry, I can't open this kind of file 🙏 Please send it as a photo or a PDF and I'll"
                + " take a look.");
    awaitStatus("wamid.zip." + waId, "REJECTED");
    // a file Wasla opens is still asked about
    media.files.put("1032", new MetaMedia.File(PDF_BYTES, "application/pdf", null));
    post(
        Webhooks.media(
            waId,
            "wamid.pdf." + waId,
            "document",
            "1032",
            "application/pdf",
            null,
            false,
            Instant.now()));
    assertThat(awaitReply(waId, 3))
        .isEqualTo("Got your file 👍 What can I help you with about it?");
  }

  @Test
  void aServerErrorIsRetriedBySweepUntilTheFileIsKept() {
    String waId = newCustomer();
    media.files.put("1007", new MetaMedia.File(JPEG, "image/jpeg", null));
    io.micrometer.core.instrument.MeterRegistry metrics =
        node.getBean(io.micrometer.core.instrument.MeterRegistry.class);
    double retriesBefore = metrics.counter("wasla.media.files", "result", "retry").count();
    media.lookupErrors.put("1007", new AtomicInteger(2));
    post(
        Webhooks.media(
            waId,
            "wamid.retry." + waId,
            "image",
            "1007",
            "image/jpeg",
            null,
            false,
            Instant.now()));
    awaitStatus("wamid.retry." + waId, "STORED");
    assertThat(media.lookups("1007")).isEqualTo(3);
    assertThat(((Number) row("wamid.retry." + waId).get("attempts")).intValue()).isEqualTo(2);
    // the operator sees the retries and the file kept
    assertThat(metrics.counter("wasla.media.files", "result", "retry").count() - retriesBefore)
        .isGreaterThanOrEqualTo(2);
    assertThat(metrics.counter("wasla.media.files", "result", "stored").count()).isPositive();
  }

  @Test
  void anUnknownMediaIdFailsForGoodWithoutRetries() {
    String waId = newCustomer();
    post(
        Webhooks.media(
            waId,
            "wamid.unknown." + waId,
            "image",
            "1999",
            "image/jpeg",
            null,
            false,
            Instant.now()));
    awaitStatus("wamid.unknown." + waId, "FAILED");
    assertThat(media.lookups("1999")).isEqualTo(1);
  }

  @Test
  void aCaptionIsReadAsTheCustomersWords() {
    String waId = newCustomer();
    media.files.put("1010", new MetaMedia.File(JPEG, "image/jpeg", null));
    post(
        Webhooks.media(
            waId,
            "wamid.caption." + waId,
            "image",
            "1010",
            "image/jpeg",
            "الشاشة مكسورة كده، تصليحها بكام؟",
            false,
            Instant.now()));
    String reply = awaitReply(waId, 1);
    // a repair price question: the repairs answer, not a complaint's apology and a person
    assertThat(reply).contains("الصيانة").contains("شاشة");
    assertThat(reply).doesNotContain("آسف").doesNotContain("زميل");
    assertThat(variable(waId, "handoff")).isEqualTo(false);
  }

  @Test
  void aPhotoWithoutWordsIsAskedAboutInTheCustomersLanguage() {
    String waId = newCustomer();
    post(Webhooks.text(waId, "wamid.hi." + waId, "Hi, when do you open?", Instant.now()));
    awaitReply(waId, 1);
    media.files.put("1011", new MetaMedia.File(JPEG, "image/jpeg", null));
    post(
        Webhooks.media(
            waId,
            "wamid.nocap." + waId,
            "image",
            "1011",
            "image/jpeg",
            null,
            false,
            Instant.now()));
    assertThat(awaitReply(waId, 2))
        .isEqualTo("Got your photo 👍 What can I help you with about it?");
  }

  @Test
  void aVoiceNoteIsTranscribedAndItsWordsAreAnswered() throws Exception {
    String waId = newCustomer();
    media.files.put(
        "1020",
        new MetaMedia.File(
            "OggS-voice-clear".getBytes(StandardCharsets.UTF_8), "audio/ogg; codecs=opus", null));
    post(
        Webhooks.media(
            waId,
            "wamid.voice." + waId,
            "audio",
            "1020",
            "audio/ogg; codecs=opus",
            null,
            true,
            Instant.now()));

    String reply = awaitReply(waId, 1);
    // the transcript is read as text: the opening hours, not "please type"
    assertThat(reply).doesNotContain("الرسايل الصوتية");
    assertThat(reply).containsAnyOf("١٠", "10", "الساعة", "مواعيد");
    Map<String, Object> row = row("wamid.voice." + waId);
    assertThat(row.get("transcript")).isEqualTo("مواعيد العمل ايه؟");
    assertThat(row.get("transcript_status")).isEqualTo("DONE");
    // one reply only: the voice note itself waited for its words
    assertThat(meta.sentTo(waId)).hasSize(1);
    // the endpoint got the file and the model, multipart, with its key
    assertThat(transcriptionRequests)
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith(
                        "/v1/audio/transcriptions Bearer transcription-key multipart/form-data")
                    .contains("whisper-test")
                    .contains("OggS-voice-clear")
                    .contains("name=\"file\""));
  }

  @Test
  void aVoiceNoteTheEndpointCannotTranscribeAsksTheCustomerToType() {
    String waId = newCustomer();
    media.files.put(
        "1021",
        new MetaMedia.File(
            "OggS-voice-unclear".getBytes(StandardCharsets.UTF_8), "audio/ogg", null));
    post(
        Webhooks.media(
            waId, "wamid.voice2." + waId, "audio", "1021", "audio/ogg", null, true, Instant.now()));
    assertThat(awaitReply(waId, 1)).contains("الرسايل الصوتية");
    assertThat(row("wamid.voice2." + waId).get("transcript_status")).isEqualTo("FAILED");
  }

  @Test
  void aLocationIsKeptWithItsMapLinkAndAnsweredOutsideCheckout() throws Exception {
    String waId = newCustomer();
    post(Webhooks.location(waId, "wamid.loc." + waId, 30.0561, 31.33, "Nasr City", Instant.now()));
    assertThat(awaitReply(waId, 1)).contains("اللوكيشن");
    Map<String, Object> row = row("wamid.loc." + waId);
    assertThat(row.get("status")).isEqualTo("STORED");
    assertThat(((Number) row.get("latitude")).doubleValue()).isEqualTo(30.0561);
    // the transcript as the API shows it: the location with its map link
    ApiKeys keys = node.getBean(ApiKeys.class);
    String reader = keys.create("media-reader-2", Set.of(Scope.CONVERSATIONS_READ), "test").key();
    app.wasla.conversation.Transcript transcript =
        node.getBean(app.wasla.conversation.Transcript.class);
    app.wasla.conversation.Transcript.Line line =
        transcript.latest(Webhooks.PHONE_NUMBER_ID + ":" + waId, 10).get(0);
    assertThat(line.media().kind()).isEqualTo("location");
    assertThat(line.media().mapUrl()).isEqualTo("https://maps.google.com/?q=30.0561,31.33");
    JsonNode serialised = json.readTree(node.getBean(ObjectMapper.class).writeValueAsString(line));
    assertThat(serialised.path("media").path("place").asText()).isEqualTo("Nasr City");
    assertThat(reader).isNotBlank();
  }

  @Test
  void erasingTheCustomerRemovesTheirMediaRowsAndFiles() throws Exception {
    String waId = newCustomer();
    media.files.put("1030", new MetaMedia.File(JPEG, "image/jpeg", null));
    post(
        Webhooks.media(
            waId,
            "wamid.erase." + waId,
            "image",
            "1030",
            "image/jpeg",
            null,
            false,
            Instant.now()));
    long id = awaitStatus("wamid.erase." + waId, "STORED");
    Path file = folder.resolve((String) row("wamid.erase." + waId).get("storage_key"));
    assertThat(file).exists();
    awaitReply(waId, 1);

    String eraser =
        node.getBean(ApiKeys.class)
            .create("media-eraser", Set.of(Scope.CUSTOMERS_WRITE), "test")
            .key();
    Request delete =
        new Request.Builder()
            .url(
                "http://127.0.0.1:"
                    + port
                    + "/api/customers/"
                    + Webhooks.PHONE_NUMBER_ID
                    + ":"
                    + waId)
            .header("Authorization", "Bearer " + eraser)
            .delete()
            .build();
    try (Response r = http.newCall(delete).execute()) {
      assertThat(r.code()).isEqualTo(200);
    }
    assertThat(row("wamid.erase." + waId)).isEmpty();
    await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(file));
    try (Response r = get("/media/" + id, basic(SUPERVISOR))) {
      assertThat(r.code()).isEqualTo(404);
    }
  }

  // --- helpers

  private static String newCustomer() {
    return "2012"
        + java.util.concurrent.ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
  }

  private void post(byte[] body) {
    assertThat(webhooks.post(body)).isEqualTo(200);
  }

  private long awaitStatus(String wamid, String status) {
    await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(row(wamid).get("status")));
    return ((Number) row(wamid).get("id")).longValue();
  }

  private Map<String, Object> row(String wamid) {
    return jdbc
        .sql("SELECT * FROM inbox_media WHERE wamid = :wamid")
        .param("wamid", wamid)
        .query()
        .listOfRows()
        .stream()
        .findFirst()
        .orElse(Map.of());
  }

  private String awaitReply(String waId, int count) {
    await().atMost(Duration.ofSeconds(30)).until(() -> meta.sentTo(waId).size() >= count);
    JsonNode body = meta.sentTo(waId).get(count - 1).body();
    JsonNode text = body.path("text").path("body");
    return text.isMissingNode()
        ? body.path("interactive").path("body").path("text").asText()
        : text.asText();
  }

  private Object variable(String waId, String name) {
    org.camunda.bpm.engine.RuntimeService runtime =
        node.getBean(org.camunda.bpm.engine.RuntimeService.class);
    var instance =
        runtime
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(Webhooks.PHONE_NUMBER_ID + ":" + waId)
            .singleResult();
    return runtime.getVariable(instance.getId(), name);
  }

  private Response get(String path, String authorization) throws IOException {
    Request.Builder request = new Request.Builder().url("http://127.0.0.1:" + port + path);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.newCall(request.build()).execute();
  }

  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(
                (user + ":" + CloudMode.AGENT_PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  private List<Path> folderFiles() {
    try (var files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] jpeg() {
    byte[] bytes = new byte[2048];
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xD8;
    bytes[2] = (byte) 0xFF;
    for (int i = 3; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31);
    }
    return bytes;
  }

  /** Meta's media endpoints: the lookup gives a URL on the mock, the download serves the file. */
  static final class MetaMedia implements Function<RecordedRequest, MockResponse> {
    record File(byte[] bytes, String mimeType, Long declaredSize) {}

    final Map<String, File> files = new ConcurrentHashMap<>();
    final Set<String> expireFirstDownload = ConcurrentHashMap.newKeySet();
    final Map<String, AtomicInteger> lookupErrors = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> lookupCount = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> downloadCount = new ConcurrentHashMap<>();
    final Set<String> bearers = ConcurrentHashMap.newKeySet();
    private final WhatsAppMock meta;

    MetaMedia(WhatsAppMock meta) {
      this.meta = meta;
    }

    int lookups(String id) {
      return lookupCount.getOrDefault(id, new AtomicInteger()).get();
    }

    int downloads(String id) {
      return downloadCount.getOrDefault(id, new AtomicInteger()).get();
    }

    @Override
    public MockResponse apply(RecordedRequest request) {
      bearers.add(String.valueOf(request.getHeader("Authorization")));
      if (!"Bearer test-token".equals(request.getHeader("Authorization"))) {
        return new MockResponse().setResponseCode(401);
      }
      String path = request.getRequestUrl().encodedPath();
      if (path.startsWith("/files/")) {
        String id = path.substring("/files/".length());
        downloadCount.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        if (expireFirstDownload.contains(id)
            && "1".equals(request.getRequestUrl().queryParameter("g"))) {
          return new MockResponse().setResponseCode(404);
        }
        File file = files.get(id);
        return new MockResponse()
            .setHeader("Content-Type", file.mimeType())
            .setBody(new Buffer().write(file.bytes()));
      }
      String id = path.substring(path.lastIndexOf('/') + 1);
      int n = lookupCount.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
      AtomicInteger errors = lookupErrors.get(id);
      if (errors != null && errors.getAndDecrement() > 0) {
        return new MockResponse().setResponseCode(500).setBody("{\"error\":{\"code\":2}}");
      }
      File file = files.get(id);
      if (file == null) {
        return new MockResponse()
            .setResponseCode(400)
            .setBody("{\"error\":{\"message\":\"Unsupported get request\",\"code\":100}}");
      }
      String size = file.declaredSize() == null ? "" : ",\"file_size\":" + file.declaredSize();
      return new MockResponse()
          .setHeader("Content-Type", "application/json")
          .setBody(
              "{\"messaging_product\":\"whatsapp\",\"url\":\""
                  + meta.url("/files/" + id + "?g=" + n)
                  + "\",\"mime_type\":\""
                  + file.mimeType()
                  + "\",\"sha256\":\"x\""
                  + size
                  + ",\"id\":\""
                  + id
                  + "\"}");
    }
  }
}
