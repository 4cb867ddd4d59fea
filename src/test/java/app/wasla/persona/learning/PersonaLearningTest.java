package app.wasla.persona.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.handoff.AgentPresence;
import app.wasla.persona.PersonaVariables;
import app.wasla.support.CloudMode;
import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import app.wasla.system.AgentAuthorizations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The persona learns from the business while it runs, in cloud mode, over real HTTP: customers
 * write through signed webhooks, the flow hands over to an agent, the agent says in the handoff
 * form's endpoint what the customer wanted, and the next reading (a process variable the flow
 * branches on) of the same and of a similar message changes within seconds, without a restart. The
 * playbook is a folder on disk with its examples.tsv: a change to it is picked up, a bad one is
 * refused with its lines named (in the evaluation endpoint and by a reload) while the running model
 * keeps answering. The admin endpoints need a Camunda admin or an API key with persona:manage.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:persona-learning;DB_CLOSE_DELAY=-1",
      "wasla.handoff.first-response=PT1H",
      "wasla.handoff.max-open-per-agent=50",
      "wasla.persona.learning.poll-interval=200ms",
      "wasla.persona.learning.debounce=200ms"
    })
class PersonaLearningTest {

  static final WhatsAppMock META = new WhatsAppMock();
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path PLAYBOOK = copyOfTheShippedPlaybook();
  // a retraining takes seconds alone and much longer on a loaded machine
  static final Duration PATIENCE = Duration.ofSeconds(90);
  static final String AGENT = "nadia";
  static final String OTHER_AGENT = "karim";
  static final AtomicLong CUSTOMERS = new AtomicLong(System.nanoTime() % 100_000);

  @DynamicPropertySource
  static void cloudModeWithThePlaybookOnDisk(DynamicPropertyRegistry registry) {
    META.registerCloudMode(registry);
    registry.add("wasla.persona.playbook-path", () -> "file:" + PLAYBOOK);
  }

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired AgentPresence presence;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
  final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).build();

  @BeforeEach
  void salesAgents() {
    group(Groups.CAMUNDA_ADMIN, Groups.GROUP_TYPE_SYSTEM);
    group("sales", Groups.GROUP_TYPE_WORKFLOW);
    for (String id : new String[] {AGENT, OTHER_AGENT}) {
      if (identity.createUserQuery().userId(id).count() == 0) {
        User user = identity.newUser(id);
        user.setFirstName(id);
        user.setPassword(CloudMode.AGENT_PASSWORD);
        identity.saveUser(user);
        identity.createMembership(id, "sales");
      }
    }
    // every handoff goes to the same agent: the other one only tries to correct it
    presence.setAvailable(AGENT, true);
    presence.setAvailable(OTHER_AGENT, false);
    AgentAuthorizations.grantTasklist(authorizations, "sales");
  }

  @Test
  void anAgentsCorrectionChangesTheNextReadingOfTheSameAndOfASimilarMessage() throws Exception {
    // "can someone gift-wrap it?": read as asking for a person, handed over
    String misread = "ممكن حد يغلفهولي هدية لو سمحت؟";
    String similar = "ممكن حد يغلفهالي هدية لو سمحت؟";
    assertThat(reading(similar))
        .as("the similar message before the correction")
        .isNotEqualTo("other");

    String waId = customer();
    send(waId, misread);
    Task task = handoffOf(waId);
    assertThat(task.getAssignee()).isEqualTo(AGENT);
    assertThat(intentOf(waId)).as("the reading that handed over").isEqualTo("human_request");
    int before = status().path("current").path("version").asInt();

    // the form's view: the turn that handed over and how it was read, only for the owner
    JsonNode view =
        json(
            call("GET", "/handoff/tasks/" + task.getId() + "/correction", basic(AGENT), null), 200);
    assertThat(view.path("text").asText()).isEqualTo(misread);
    assertThat(view.path("readAs").asText()).isEqualTo("human_request");
    assertThat(view.path("intents")).hasSize(13);
    // another agent of the team cannot correct it; a nonsense intent is refused; nothing was saved
    // by either
    json(
        call(
            "POST",
            "/handoff/tasks/" + task.getId() + "/correction",
            basic(OTHER_AGENT),
            "{\"intent\":\"other\"}"),
        403);
    json(
        call(
            "POST",
            "/handoff/tasks/" + task.getId() + "/correction",
            basic(AGENT),
            "{\"intent\":\"refund\"}"),
        400);
    json(
        call(
            "POST",
            "/handoff/tasks/" + task.getId() + "/correction",
            null,
            "{\"intent\":\"other\"}"),
        401);

    JsonNode saved =
        json(
            call(
                "POST",
                "/handoff/tasks/" + task.getId() + "/correction",
                basic(AGENT),
                "{\"intent\":\"other\"}"),
            200);
    assertThat(saved.path("choice").path("intent").asText()).isEqualTo("other");
    assertThat(saved.path("choice").path("agent").asText()).isEqualTo(AGENT);

    // retrained in the running application within seconds, from the correction in the database
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                status().path("current").path("version").asInt() > before
                    && status().path("current").path("examples").path("corrections").asInt() >= 1);
    JsonNode status = status();
    assertThat(status.path("current").path("trigger").asText()).contains("correction");
    // another retraining (a reload still running from the start) may land in between
    assertThat(status.path("previous").path("version").asInt()).isGreaterThanOrEqualTo(before);
    assertThat(status.path("current").path("evaluation").path("accuracy").asDouble())
        .isBetween(0.5, 1.0);
    assertThat(status.path("previous").path("evaluation").path("macroF1").asDouble())
        .isBetween(0.5, 1.0);
    assertThat(status.path("current").path("evaluation").path("perForm").has("en")).isTrue();

    assertThat(reading(misread)).as("the same message after the correction").isEqualTo("other");
    assertThat(reading(similar)).as("a similar message after the correction").isEqualTo("other");
  }

  @Test
  void theExamplesFileIsReadAgainWhenItChangesAndABadOneIsRefusedWhileTheRunningModelAnswers()
      throws Exception {
    String message = "momken abadel el mobile el adim";
    assertThat(reading(message)).as("before the analyst's example").isNotEqualTo("product_inquiry");
    Path file = PLAYBOOK.resolve(ExamplesFile.NAME);
    String good = Files.readString(file);
    int shipped = status().path("current").path("examples").path("examplesFile").asInt();
    assertThat(shipped).isGreaterThan(0);

    Files.writeString(file, good + "product_inquiry\t" + message + "\tarabizi\n");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                status().path("current").path("examples").path("examplesFile").asInt()
                    == shipped + 1);
    assertThat(reading(message))
        .as("after the analyst's example, without a restart")
        .isEqualTo("product_inquiry");
    int version = status().path("current").path("version").asInt();

    try {
      int lines = good.split("\n", -1).length;
      Files.writeString(
          file,
          good
              + "product_inquiry\t"
              + message
              + "\tarabizi\n"
              + "refund\tI want my money back\n"
              + "order\t   \n"
              + "order\ttoo\tmany\tcolumns\n");
      await().atMost(PATIENCE).until(() -> !absent(status().path("lastFailure")));
      JsonNode failure = status().path("lastFailure");
      assertThat(failure.path("problems").toString())
          .as(failure.toString())
          .contains(file + ":" + (lines + 1) + ": unknown intent 'refund'")
          .contains(file + ":" + (lines + 2) + ": empty text")
          .contains(file + ":" + (lines + 3) + ": 4 columns");
      assertThat(status().path("current").path("version").asInt())
          .as("the running model")
          .isEqualTo(version);
      assertThat(reading(message))
          .as("the running model keeps answering")
          .isEqualTo("product_inquiry");

      JsonNode refused = json(call("POST", "/api/persona/reload", admin(), ""), 422);
      assertThat(refused.path("detail").asText())
          .contains("unknown intent 'refund'")
          .contains("keeps answering");
      assertThat(refused.path("problems")).hasSize(3);
      assertThat(status().path("current").path("version").asInt()).isEqualTo(version);
    } finally {
      Files.writeString(file, good);
    }
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                absent(status().path("lastFailure"))
                    && status().path("current").path("examples").path("examplesFile").asInt()
                        == shipped);
  }

  @Test
  void aCorrectionSavedByAnotherNodeIsLearnedFromTheDatabase() throws Exception {
    String message = "can I trade in my old phone";
    assertThat(reading(message)).isNotEqualTo("product_inquiry");
    int version = status().path("current").path("version").asInt();
    // what another node's handoff form wrote to the shared database: this node's learner was not
    // told
    jdbc.sql(
            """
            INSERT INTO persona_correction (task_id, conversation_key, message_text, read_as, intent, kind, language,
                                            agent_id, created_at)
            VALUES ('other-node-task', '109876543210001:201299999999', ?, 'booking_new', 'product_inquiry', 'INTENT',
                    'en', 'sara', CURRENT_TIMESTAMP)""")
        .param(message)
        .update();
    await()
        .atMost(PATIENCE)
        .until(() -> status().path("current").path("version").asInt() > version);
    assertThat(status().path("current").path("trigger").asText())
        .isEqualTo("corrections changed in the database");
    assertThat(reading(message)).isEqualTo("product_inquiry");
  }

  @Test
  void thePlaybookIsReloadedByTheAdminCall() throws Exception {
    int version = status().path("current").path("version").asInt();
    JsonNode reloaded = json(call("POST", "/api/persona/reload", admin(), ""), 200);
    assertThat(reloaded.path("current").path("version").asInt()).isGreaterThan(version);
    assertThat(reloaded.path("current").path("trigger").asText())
        .isEqualTo("POST /api/persona/reload");
    assertThat(reloaded.path("current").path("playbookPassages").asInt()).isGreaterThan(5);
  }

  @Test
  void theAdminEndpointsNeedTheAdminCredentialInCloudMode() throws Exception {
    json(call("GET", "/api/persona/evaluation", null, null), 401);
    json(call("POST", "/api/persona/reload", null, ""), 401);
    // an agent's Camunda login is no admin's: refused (403), and not counted as a failed login
    json(call("GET", "/api/persona/evaluation", basic(AGENT), null), 403);
    JsonNode narrow =
        json(
            call(
                "POST",
                "/api/keys",
                admin(),
                "{\"name\":\"crm-reader\",\"scopes\":[\"conversations:read\"]}"),
            201);
    json(
        call("GET", "/api/persona/evaluation", "Bearer " + narrow.path("key").asText(), null), 403);
    json(call("POST", "/api/persona/reload", "Bearer " + narrow.path("key").asText(), ""), 403);
    JsonNode persona =
        json(
            call(
                "POST",
                "/api/keys",
                admin(),
                "{\"name\":\"model-ops\",\"scopes\":[\"persona:manage\"]}"),
            201);
    JsonNode evaluation =
        json(
            call("GET", "/api/persona/evaluation", "Bearer " + persona.path("key").asText(), null),
            200);
    assertThat(evaluation.path("current").path("examples").path("shipped").asInt())
        .isGreaterThan(100);
  }

  // --- helpers ---

  /**
   * How the persona reads a message now: a new customer writes it, and the flow's variable says.
   */
  private String reading(String text) {
    String waId = customer();
    send(waId, text);
    return await().atMost(PATIENCE).until(() -> intentOf(waId), java.util.Objects::nonNull);
  }

  private String intentOf(String waId) {
    // the conversation, not a sales flow it called (same business key)
    ProcessInstance instance =
        runtime
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(Webhooks.PHONE_NUMBER_ID + ":" + waId)
            .list()
            .stream()
            .filter(p -> p.getId().equals(p.getRootProcessInstanceId()))
            .findFirst()
            .orElse(null);
    return instance == null
        ? null
        : (String) runtime.getVariable(instance.getId(), PersonaVariables.INTENT);
  }

  private String customer() {
    return "2012" + String.format("%08d", CUSTOMERS.incrementAndGet() % 100_000_000);
  }

  private void send(String waId, String text) {
    assertThat(
            new Webhooks(port)
                .post(Webhooks.text(waId, "wamid.learn." + waId, text, Instant.now())))
        .isEqualTo(200);
  }

  private Task handoffOf(String waId) {
    String key = Webhooks.PHONE_NUMBER_ID + ":" + waId;
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                tasks.createTaskQuery().processInstanceBusinessKey(key).taskAssigned().count()
                    == 1);
    return tasks.createTaskQuery().processInstanceBusinessKey(key).singleResult();
  }

  private static boolean absent(JsonNode node) {
    return node.isMissingNode() || node.isNull();
  }

  private JsonNode status() throws IOException {
    return json(call("GET", "/api/persona/evaluation", admin(), null), 200);
  }

  private static String admin() {
    return Credentials.basic(CloudMode.ADMIN_ID, CloudMode.ADMIN_PASSWORD);
  }

  private static String basic(String agent) {
    return Credentials.basic(agent, CloudMode.AGENT_PASSWORD);
  }

  private Response call(String method, String path, String authorization, String body)
      throws IOException {
    Request.Builder request =
        new Request.Builder()
            .url("http://127.0.0.1:" + port + path)
            .method(
                method,
                body == null ? null : RequestBody.create(body, MediaType.get("application/json")));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.newCall(request.build()).execute();
  }

  private static JsonNode json(Response response, int expected) throws IOException {
    try (response) {
      String body = response.body() == null ? "" : response.body().string();
      assertThat(response.code()).as(body).isEqualTo(expected);
      return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
    }
  }

  private void group(String id, String type) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(id);
      group.setType(type);
      identity.saveGroup(group);
    }
  }

  /**
   * The shipped playbook and examples file in a folder of their own, as an operator deploys them.
   */
  private static Path copyOfTheShippedPlaybook() {
    try {
      Path dir = Files.createTempDirectory("wasla-playbook");
      dir.toFile().deleteOnExit();
      for (Resource r :
          new PathMatchingResourcePatternResolver().getResources("classpath*:persona/playbook/*")) {
        if (r.getFilename() == null
            || !(r.getFilename().endsWith(".md") || r.getFilename().endsWith(".tsv"))) {
          continue;
        }
        try (InputStream in = r.getInputStream()) {
          Files.writeString(
              dir.resolve(r.getFilename()), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
