package app.wasla.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.conversation.ConversationVariables;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Agents over HTTP, as Tasklist calls the engine: authentication required, each team sees its own
 * handoffs, agents may use Tasklist but not Cockpit or Admin, and one agent cannot take another's handoff.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.datasource.url=jdbc:h2:mem:handoff-authz;DB_CLOSE_DELAY=-1",
        "wasla.whatsapp.app-secret=" + app.wasla.support.Webhooks.APP_SECRET})
class HandoffAuthorizationTest {

  static final ObjectMapper JSON = new ObjectMapper();
  final OkHttpClient http = new OkHttpClient();

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired AuthorizationService authorizations;

  private Response call(String method, String path, String user, String body) throws Exception {
    Request.Builder request = new Request.Builder().url("http://127.0.0.1:" + port + path)
        .method(method, body == null ? null : RequestBody.create(body, MediaType.get("application/json")));
    if (user != null) {
      request.header("Authorization", Credentials.basic(user, user));
    }
    return http.newCall(request.build()).execute();
  }

  private Task handoff(String text) {
    String waId = "20133" + (100_000 + System.nanoTime() % 900_000);
    String key = app.wasla.support.Webhooks.PHONE_NUMBER_ID + ":" + waId;
    // through the real path: a signed webhook, the mailbox, the flow and the persona
    new app.wasla.support.Webhooks(port).post(app.wasla.support.Webhooks.text(waId, "wamid.a." + waId, text,
        java.time.Instant.now()));
    await().atMost(Duration.ofSeconds(30)).until(() ->
        tasks.createTaskQuery().processInstanceBusinessKey(key).count() == 1);
    return tasks.createTaskQuery().processInstanceBusinessKey(key).singleResult();
  }

  private List<String> visibleTaskIds(String user) throws Exception {
    try (Response response = call("GET", "/engine-rest/task", user, null)) {
      assertThat(response.code()).isEqualTo(200);
      JsonNode list = JSON.readTree(response.body().string());
      return java.util.stream.StreamSupport.stream(list.spliterator(), false).map(t -> t.path("id").asText()).toList();
    }
  }

  @Test
  void theEngineRestApiNeedsALogin() throws Exception {
    try (Response response = call("GET", "/engine-rest/task", null, null)) {
      assertThat(response.code()).isEqualTo(401);
    }
    try (Response response = call("GET", "/engine-rest/task", "sara", null)) {
      assertThat(response.code()).isEqualTo(200);
    }
  }

  @Test
  void eachTeamSeesItsOwnHandoffs() throws Exception {
    Task sales = handoff("I want to talk to a human please");
    Task support = handoff("انا زعلان جدا الطلب اتأخر اسبوع ومحدش بيرد");

    assertThat(visibleTaskIds("sara")).contains(sales.getId()).doesNotContain(support.getId());
    assertThat(visibleTaskIds("mona")).contains(support.getId()).doesNotContain(sales.getId());
  }

  @Test
  void agentsMayUseTasklistButNotCockpitOrAdmin() {
    for (String agent : List.of("sara", "omar", "mona")) {
      List<String> groups = agent.equals("mona") ? List.of("support") : List.of("sales");
      assertThat(authorizations.isUserAuthorized(agent, groups, Permissions.ACCESS, Resources.APPLICATION, "tasklist"))
          .isTrue();
      assertThat(authorizations.isUserAuthorized(agent, groups, Permissions.ACCESS, Resources.APPLICATION, "cockpit"))
          .isFalse();
      assertThat(authorizations.isUserAuthorized(agent, groups, Permissions.ACCESS, Resources.APPLICATION, "admin"))
          .isFalse();
    }
  }

  @Test
  void aSecondAgentsTakeoverIsRefusedWithAClearMessage() throws Exception {
    Task task = handoff("talk to a human");
    String owner = task.getAssignee();
    String other = owner.equals("sara") ? "omar" : "sara";

    try (Response claim = call("POST", "/engine-rest/task/" + task.getId() + "/claim", other,
        "{\"userId\":\"" + other + "\"}")) {
      assertThat(claim.code()).isGreaterThanOrEqualTo(400);
      assertThat(claim.body().string()).contains("already claimed");
    }
    try (Response reassign = call("POST", "/engine-rest/task/" + task.getId() + "/assignee", other,
        "{\"userId\":\"" + other + "\"}")) {
      assertThat(reassign.code()).isGreaterThanOrEqualTo(400);
      assertThat(reassign.body().string()).contains("belongs to " + owner);
    }
    try (Response complete = call("POST", "/engine-rest/task/" + task.getId() + "/submit-form", other,
        "{\"variables\":{\"agentReply\":{\"value\":\"mine now\"},\"agentDecision\":{\"value\":\"send_return\"}}}")) {
      assertThat(complete.code()).isGreaterThanOrEqualTo(400);
      assertThat(complete.body().string()).contains("belongs to " + owner);
    }
    assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isEqualTo(owner);
  }

  @Test
  void anAgentCanSetHerselfAwayAndBack() throws Exception {
    try (Response away = call("PUT", "/handoff/agents/me/availability", "omar", "{\"available\":false}")) {
      assertThat(away.code()).isEqualTo(200);
    }
    try (Response now = call("GET", "/handoff/agents/me/availability", "omar", null)) {
      assertThat(JSON.readTree(now.body().string()).path("available").asBoolean()).isFalse();
    }
    try (Response wrong = call("GET", "/handoff/agents/me/availability", null, null)) {
      assertThat(wrong.code()).isEqualTo(401);
    }
    try (Response back = call("PUT", "/handoff/agents/me/availability", "omar", "{\"available\":true}")) {
      assertThat(back.code()).isEqualTo(200);
    }
  }
}
