package app.wasla.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Over the real path (signed webhooks, the mailbox, the flow, the persona, the handoff form's
 * endpoint): an agent promises the customer a coupon in the handoff form and gives the conversation
 * back to the bot; the customer's "where's the coupon you promised?" is not answered from the
 * playbook but opens a new handoff, reason "agent follow-up", to the same agent, and the customer
 * hears that she will follow up. The transcripts name who wrote each outgoing line.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:agent-follow-up;DB_CLOSE_DELAY=-1",
      "wasla.whatsapp.app-secret=" + app.wasla.support.Webhooks.APP_SECRET,
      "wasla.api.bootstrap-key=" + AgentFollowUpHttpTest.BOOTSTRAP_KEY,
      // the agents' hours around the clock: the test runs at any time of day
      "wasla.handoff.staff-opens=00:00",
      "wasla.handoff.staff-closes=00:00"
    })
class AgentFollowUpHttpTest {

  static final String BOOTSTRAP_KEY = "follow-up-bootstrap-key-0123456789abcdefghij";
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration PATIENCE = Duration.ofSeconds(30);

  final OkHttpClient http = new OkHttpClient();

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  private JsonNode call(String method, String path, String authorization, Object body)
      throws Exception {
    Request.Builder request =
        new Request.Builder()
            .url("http://127.0.0.1:" + port + path)
            .header("Authorization", authorization)
            .method(
                method,
                body == null
                    ? null
                    : RequestBody.create(
                        JSON.writeValueAsString(body), MediaType.get("application/json")));
    try (Response response = http.newCall(request.build()).execute()) {
      String text = response.body().string();
      assertThat(response.code()).as(method + " " + path + ": " + text).isBetween(200, 299);
      return JSON.readTree(text);
    }
  }

  private void customerWrites(String waId, String wamid, String text) {
    assertThat(
            new app.wasla.support.Webhooks(port)
                .post(app.wasla.support.Webhooks.text(waId, wamid, text, Instant.now())))
        .isEqualTo(200);
  }

  private List<Task> openHandoffs(String key) {
    return tasks.createTaskQuery().processInstanceBusinessKey(key).list();
  }

  private List<String> sent(String key) {
    return jdbc.sql("SELECT text FROM outbound_message WHERE conversation_key = ? ORDER BY id")
        .param(key)
        .query(String.class)
        .list();
  }

  @Test
  void aFollowUpOnTheAgentsPromiseGoesBackToHerAndTheTranscriptNamesWhoWroteWhat()
      throws Exception {
    String waId = "20134" + (100_000 + System.nanoTime() % 900_000);
    String key = app.wasla.support.Webhooks.PHONE_NUMBER_ID + ":" + waId;
    customerWrites(waId, "wamid.f1." + waId, "I want to talk to a human please");
    await().atMost(PATIENCE).until(() -> openHandoffs(key).size() == 1);
    Task first = openHandoffs(key).get(0);
    String agent = first.getAssignee();
    assertThat(agent).isIn("sara", "omar");
    String name = agent.equals("sara") ? "Sara" : "Omar";

    // the agent promises a coupon from the form, then gives the conversation back to the bot
    call(
        "POST",
        "/handoff/tasks/" + first.getId() + "/messages",
        Credentials.basic(agent, agent),
        Map.of("text", "I'll send you a 10% coupon code tonight", "clientMessageId", "m1"));
    JsonNode form =
        call(
            "GET",
            "/handoff/tasks/" + first.getId() + "/transcript",
            Credentials.basic(agent, agent),
            null);
    JsonNode promise = null;
    List<String> authors = new ArrayList<>();
    for (JsonNode line : form.path("lines")) {
      authors.add(line.path("author").asText());
      if (line.path("text").asText().startsWith("I'll send you a 10% coupon")) {
        promise = line;
      }
    }
    assertThat(promise).as(form.toString()).isNotNull();
    assertThat(promise.path("author").asText()).isEqualTo("agent");
    assertThat(promise.path("authorId").asText()).isEqualTo(agent);
    assertThat(promise.path("authorName").asText()).startsWith(name + " ");
    assertThat(authors).contains("customer", "bot", "agent");

    identity.setAuthentication(agent, List.of("sales"));
    try {
      tasks.complete(first.getId(), Map.of("agentReply", "", "agentDecision", "send_return"));
    } finally {
      identity.clearAuthentication();
    }
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                openHandoffs(key).isEmpty()
                    && runtime
                            .createExecutionQuery()
                            .processInstanceBusinessKey(key)
                            .activityId("catchEvent_customerMessage")
                            .count()
                        == 1);
    int before = sent(key).size();

    // the customer asks about the coupon: a new handoff to the same agent, not the playbook's
    // "no offers right now"
    customerWrites(waId, "wamid.f2." + waId, "where's the coupon you promised?");
    await().atMost(PATIENCE).until(() -> openHandoffs(key).size() == 1);
    Task second = openHandoffs(key).get(0);
    assertThat(second.getId()).isNotEqualTo(first.getId());
    assertThat(runtime.getVariable(second.getProcessInstanceId(), "handoffReason"))
        .isEqualTo("agent follow-up");
    assertThat(second.getName()).endsWith("agent follow-up");
    assertThat(second.getAssignee()).isEqualTo(agent);
    assertThat(tasks.getIdentityLinksForTask(second.getId()))
        .extracting(IdentityLink::getGroupId)
        .contains("sales");
    await().atMost(PATIENCE).until(() -> sent(key).size() > before);
    assertThat(sent(key).subList(before, sent(key).size()))
        .anySatisfy(text -> assertThat(text).contains("I'm passing this to " + name));

    // the API's transcript says who wrote each outgoing line
    JsonNode created =
        call(
            "POST",
            "/api/keys",
            "Bearer " + BOOTSTRAP_KEY,
            Map.of("name", "follow-up", "scopes", List.of("conversations:read")));
    JsonNode conversation =
        call("GET", "/api/conversations/" + key, "Bearer " + created.path("key").asText(), null);
    JsonNode agentLine = null;
    JsonNode botLine = null;
    for (JsonNode line : conversation.path("transcript")) {
      if ("out".equals(line.path("direction").asText())) {
        if ("agent".equals(line.path("author").asText())) {
          agentLine = line;
        } else if ("bot".equals(line.path("author").asText())) {
          botLine = line;
        }
      } else {
        assertThat(line.path("author").asText()).isEqualTo("customer");
      }
    }
    assertThat(agentLine).as(conversation.toString()).isNotNull();
    assertThat(agentLine.path("text").asText()).startsWith("I'll send you a 10% coupon");
    assertThat(agentLine.path("authorId").asText()).isEqualTo(agent);
    assertThat(agentLine.path("authorName").asText()).startsWith(name + " ");
    assertThat(botLine).as(conversation.toString()).isNotNull();
    assertThat(botLine.has("authorId")).isFalse();
  }
}
