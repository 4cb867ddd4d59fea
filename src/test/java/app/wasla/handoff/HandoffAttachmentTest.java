package app.wasla.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An agent sends a photo or a PDF from the handoff form: checked, uploaded to Meta's media endpoint
 * (MockWebServer as Meta: the multipart request checked), sent as an image or document with the
 * media id Meta gave, once per clientMessageId; only the owner sends; a wrong type, a fake or a too
 * large file is refused before anything reaches Meta; an upload Meta refuses is a clear error and
 * sends nothing, and the same click again sends it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:handoff-attachments;DB_CLOSE_DELAY=-1",
      "wasla.media.send-max-size=1MB",
      "wasla.handoff.first-response=PT1H",
      "wasla.handoff.max-open-per-agent=50"
    })
class HandoffAttachmentTest {

  static final WhatsAppMock META = new WhatsAppMock();
  static final ObjectMapper JSON = new ObjectMapper();

  /** The smallest PNG: a 1x1 pixel. */
  static final byte[] PNG =
      java.util.Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

  static final byte[] PDF = "%PDF-1.4\n% price list\n%%EOF".getBytes(StandardCharsets.US_ASCII);

  @DynamicPropertySource
  static void cloudMode(DynamicPropertyRegistry registry) {
    META.registerCloudMode(registry);
  }

  /** Cloud mode has no demo users: one sales agent takes every handoff, the other is away. */
  static final String AGENT = "hala";

  static final String OTHER_AGENT = "tarek";

  final OkHttpClient http = new OkHttpClient();

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired JdbcClient jdbc;
  @Autowired org.camunda.bpm.engine.IdentityService identity;
  @Autowired org.camunda.bpm.engine.AuthorizationService authorizations;
  @Autowired AgentPresence presence;

  @org.junit.jupiter.api.BeforeEach
  void salesAgents() {
    if (identity.createGroupQuery().groupId("sales").count() == 0) {
      org.camunda.bpm.engine.identity.Group group = identity.newGroup("sales");
      group.setName("sales");
      group.setType(org.camunda.bpm.engine.authorization.Groups.GROUP_TYPE_WORKFLOW);
      identity.saveGroup(group);
    }
    for (String id : new String[] {AGENT, OTHER_AGENT}) {
      if (identity.createUserQuery().userId(id).count() == 0) {
        org.camunda.bpm.engine.identity.User user = identity.newUser(id);
        user.setFirstName(id);
        user.setPassword(app.wasla.support.CloudMode.AGENT_PASSWORD);
        identity.saveUser(user);
        identity.createMembership(id, "sales");
      }
    }
    presence.setAvailable(AGENT, true);
    presence.setAvailable(OTHER_AGENT, false);
    app.wasla.system.AgentAuthorizations.grantTasklist(authorizations, "sales");
  }

  @Test
  void theOwnerSendsAPhotoAndAPdfUploadedToMetaOnceEach() throws Exception {
    Handoff handoff = handoff();
    String owner = handoff.task().getAssignee();
    int uploadsBefore = META.uploads().size();

    try (Response sent =
        attach(handoff, owner, "screen.png", "image/png", PNG, "الشاشة الجديدة", "a1")) {
      assertThat(sent.code()).as(sent.peekBody(2000).string()).isEqualTo(200);
    }
    try (Response sent = attach(handoff, owner, "prices.pdf", "application/pdf", PDF, null, "a2")) {
      assertThat(sent.code()).isEqualTo(200);
    }
    // a retried click: neither uploaded nor sent again
    try (Response again =
        attach(handoff, owner, "screen.png", "image/png", PNG, "الشاشة الجديدة", "a1")) {
      assertThat(again.code()).isEqualTo(200);
    }

    List<WhatsAppMock.Upload> uploads =
        META.uploads().subList(uploadsBefore, META.uploads().size());
    assertThat(uploads).hasSize(2);
    WhatsAppMock.Upload photo = uploads.get(0);
    assertThat(photo.phoneNumberId()).isEqualTo(Webhooks.PHONE_NUMBER_ID);
    assertThat(photo.contentType()).startsWith("multipart/form-data; boundary=");
    assertThat(photo.multipart())
        .contains("name=\"messaging_product\"\r\nContent-Length: 8\r\n\r\nwhatsapp")
        .contains("name=\"type\"\r\nContent-Length: 9\r\n\r\nimage/png")
        .contains("name=\"file\"; filename=\"screen.png\"\r\nContent-Type: image/png");
    assertThat(indexOf(photo.raw(), PNG)).isPositive();
    assertThat(uploads.get(1).multipart())
        .contains("name=\"file\"; filename=\"prices.pdf\"\r\nContent-Type: application/pdf")
        .contains("%PDF-1.4");

    await().atMost(Duration.ofSeconds(10)).until(() -> sentMedia(handoff).size() == 2);
    List<WhatsAppMock.Sent> sent = sentMedia(handoff);
    assertThat(sent.get(0).body().path("image"))
        .isEqualTo(
            JSON.readTree("{\"id\":\"" + photo.mediaId() + "\",\"caption\":\"الشاشة الجديدة\"}"));
    assertThat(sent.get(1).body().path("document"))
        .isEqualTo(
            JSON.readTree(
                "{\"id\":\"" + uploads.get(1).mediaId() + "\",\"filename\":\"prices.pdf\"}"));
    assertThat(
            jdbc.sql(
                    "SELECT message_type FROM outbound_message WHERE idempotency_key LIKE ? ORDER BY id")
                .param("handoff:" + handoff.task().getId() + ":%")
                .query(String.class)
                .list())
        .containsExactly("image", "document");
  }

  @Test
  void theSentFileIsKeptAndShownInTheConversationLikeACustomersFile() throws Exception {
    Handoff handoff = handoff();
    String owner = handoff.task().getAssignee();
    try (Response sent = attach(handoff, owner, "box.png", "image/png", PNG, "العلبة", "k1")) {
      assertThat(sent.code()).as(sent.peekBody(2000).string()).isEqualTo(200);
    }
    try (Response sent = attach(handoff, owner, "offer.pdf", "application/pdf", PDF, null, "k2")) {
      assertThat(sent.code()).isEqualTo(200);
    }
    // the same click again keeps no second copy
    try (Response again = attach(handoff, owner, "box.png", "image/png", PNG, "العلبة", "k1")) {
      assertThat(again.code()).isEqualTo(200);
    }

    com.fasterxml.jackson.databind.JsonNode lines;
    try (Response transcript =
        get("/handoff/tasks/" + handoff.task().getId() + "/transcript", owner)) {
      assertThat(transcript.code()).isEqualTo(200);
      lines = JSON.readTree(transcript.body().string());
    }
    List<com.fasterxml.jackson.databind.JsonNode> files = new java.util.ArrayList<>();
    (lines.isArray() ? lines : lines.path("lines"))
        .forEach(
            l -> {
              if ("out".equals(l.path("direction").asText()) && l.path("media").isObject()) {
                files.add(l.path("media"));
              }
            });
    assertThat(files).hasSize(2);
    com.fasterxml.jackson.databind.JsonNode photo = files.get(0);
    assertThat(photo.path("kind").asText()).isEqualTo("image");
    assertThat(photo.path("caption").asText()).isEqualTo("العلبة");
    assertThat(photo.path("url").asText()).matches("/media/\\d+");
    com.fasterxml.jackson.databind.JsonNode pdf = files.get(1);
    assertThat(pdf.path("kind").asText()).isEqualTo("document");
    assertThat(pdf.path("filename").asText()).isEqualTo("offer.pdf");

    try (Response file = get(photo.path("url").asText(), owner)) {
      assertThat(file.code()).isEqualTo(200);
      assertThat(file.header("Content-Type")).startsWith("image/png");
      assertThat(file.body().bytes()).isEqualTo(PNG);
    }
    try (Response file = get(pdf.path("url").asText(), owner)) {
      assertThat(file.code()).isEqualTo(200);
      assertThat(file.body().bytes()).isEqualTo(PDF);
    }
    try (Response anonymous =
        http.newCall(
                new Request.Builder()
                    .url("http://127.0.0.1:" + port + photo.path("url").asText())
                    .build())
            .execute()) {
      assertThat(anonymous.code()).isEqualTo(401);
    }
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM inbox_media WHERE conversation_key = ? AND outbound")
                .param(Webhooks.PHONE_NUMBER_ID + ":" + handoff.waId())
                .query(Integer.class)
                .single())
        .isEqualTo(2);
  }

  private Response get(String path, String user) throws Exception {
    return http.newCall(
            new Request.Builder()
                .url("http://127.0.0.1:" + port + path)
                .header(
                    "Authorization",
                    Credentials.basic(user, app.wasla.support.CloudMode.AGENT_PASSWORD))
                .build())
        .execute();
  }

  @Test
  void whatMayNotBeSentIsRefusedClearlyBeforeAnythingReachesMeta() throws Exception {
    Handoff handoff = handoff();
    String owner = handoff.task().getAssignee();
    assertThat(owner).isEqualTo(AGENT);
    String other = OTHER_AGENT;
    int uploadsBefore = META.uploads().size();

    try (Response notOwner = attach(handoff, other, "a.png", "image/png", PNG, null, "r1")) {
      assertThat(notOwner.code()).isEqualTo(403);
      assertThat(notOwner.body().string()).contains("This handoff belongs to");
    }
    try (Response anonymous = attach(handoff, null, "a.png", "image/png", PNG, null, "r2")) {
      assertThat(anonymous.code()).isEqualTo(401);
    }
    try (Response wrongType =
        attach(handoff, owner, "notes.txt", "text/plain", "hello".getBytes(), null, "r3")) {
      assertThat(wrongType.code()).isEqualTo(415);
      assertThat(wrongType.body().string())
          .contains("Only a photo (JPEG, PNG) or a PDF can be sent, not text/plain");
    }
    try (Response fake =
        attach(handoff, owner, "fake.jpg", "image/jpeg", "not a jpeg".getBytes(), null, "r4")) {
      assertThat(fake.code()).isEqualTo(415);
      assertThat(fake.body().string())
          .contains("The file's content is not image/jpeg as its type says");
    }
    byte[] large = new byte[1024 * 1024 + 1];
    System.arraycopy(PDF, 0, large, 0, PDF.length);
    try (Response tooLarge =
        attach(handoff, owner, "big.pdf", "application/pdf", large, null, "r5")) {
      assertThat(tooLarge.code()).isEqualTo(413);
      assertThat(tooLarge.body().string()).contains("too large: at most 1 MB");
    }
    try (Response noId = attach(handoff, owner, "a.png", "image/png", PNG, null, null)) {
      assertThat(noId.code()).isEqualTo(400);
    }
    assertThat(META.uploads()).hasSize(uploadsBefore);
    assertThat(sentMedia(handoff)).isEmpty();
  }

  @Test
  void anUploadMetaRefusesSendsNothingAndTheSameClickSendsItLater() throws Exception {
    Handoff handoff = handoff();
    String owner = handoff.task().getAssignee();
    META.refuseUploads(
        new okhttp3.mockwebserver.MockResponse()
            .setResponseCode(400)
            .setHeader("Content-Type", "application/json")
            .setBody(
                "{\"error\":{\"message\":\"(#131053) Media upload error\",\"type\":\"OAuthException\","
                    + "\"code\":131053,\"fbtrace_id\":\"AbCd\"}}"));
    try {
      try (Response refused =
          attach(handoff, owner, "screen.png", "image/png", PNG, "caption", "u1")) {
        assertThat(refused.code()).isEqualTo(502);
        assertThat(refused.body().string())
            .contains("WhatsApp did not take the file")
            .contains("131053")
            .contains("Nothing was sent")
            // the Cloud API's address and the exception stay in the log, under the reference
            .contains("Reference")
            .doesNotContain("Cloud API POST");
      }
      assertThat(sentMedia(handoff)).isEmpty();
    } finally {
      META.refuseUploads(null);
    }
    try (Response sent = attach(handoff, owner, "screen.png", "image/png", PNG, "caption", "u1")) {
      assertThat(sent.code()).isEqualTo(200);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> sentMedia(handoff).size() == 1);
  }

  record Handoff(Task task, String waId) {}

  private Handoff handoff() {
    String waId = "20134" + (100_000 + System.nanoTime() % 900_000);
    String key = Webhooks.PHONE_NUMBER_ID + ":" + waId;
    new Webhooks(port)
        .post(Webhooks.text(waId, "wamid.h." + waId, "talk to a human", Instant.now()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> tasks.createTaskQuery().processInstanceBusinessKey(key).count() == 1);
    return new Handoff(
        tasks.createTaskQuery().processInstanceBusinessKey(key).singleResult(), waId);
  }

  private List<WhatsAppMock.Sent> sentMedia(Handoff handoff) {
    return META.sentTo(handoff.waId()).stream()
        .filter(s -> s.type().equals("image") || s.type().equals("document"))
        .toList();
  }

  private Response attach(
      Handoff handoff,
      String user,
      String filename,
      String type,
      byte[] content,
      String caption,
      String clientMessageId)
      throws Exception {
    MultipartBody.Builder body =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart("file", filename, RequestBody.create(content, MediaType.get(type)));
    if (caption != null) {
      body.addFormDataPart("caption", caption);
    }
    if (clientMessageId != null) {
      body.addFormDataPart("clientMessageId", clientMessageId);
    }
    Request.Builder request =
        new Request.Builder()
            .url(
                "http://127.0.0.1:"
                    + port
                    + "/handoff/tasks/"
                    + handoff.task().getId()
                    + "/attachments")
            .post(body.build());
    if (user != null) {
      request.header(
          "Authorization", Credentials.basic(user, app.wasla.support.CloudMode.AGENT_PASSWORD));
    }
    return http.newCall(request.build()).execute();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
