package app.wasla.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
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
 * handoffs, agents may use Tasklist but not Cockpit or Admin, and one agent cannot take another's
 * handoff.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:handoff-authz;DB_CLOSE_DELAY=-1",
      "wasla.whatsapp.app-secret=" + app.wasla.support.Webhooks.APP_SECRET
    })
class HandoffAuthorizationTest {

  static final ObjectMapper JSON = new ObjectMapper();
  final OkHttpClient http = new OkHttpClient();

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired AuthorizationService authorizations;
  @Autowired org.camunda.bpm.engine.FilterService filters;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  private Response call(String method, String path, String user, String body) throws Exception {
    Request.Builder request =
        new Request.Builder()
            .url("http://127.0.0.1:" + port + path)
            .method(
                method,
                body == null ? null : RequestBody.create(body, MediaType.get("application/json")));
    if (user != null) {
      request.header("Authorization", Credentials.basic(user, user));
    }
    return http.newCall(request.build()).execute();
  }

  private Task handoff(String text) {
    String waId = "20133" + (100_000 + System.nanoTime() % 900_000);
    String key = app.wasla.support.Webhooks.PHONE_NUMBER_ID + ":" + waId;
    // through the real path: a signed webhook, the mailbox, the flow and the persona
    new app.wasla.support.Webhooks(port)
        .post(
            app.wasla.support.Webhooks.text(
                waId, "wamid.a." + waId, text, java.time.Instant.now()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> tasks.createTaskQuery().processInstanceBusinessKey(key).count() == 1);
    return tasks.createTaskQuery().processInstanceBusinessKey(key).singleResult();
  }

  private List<String> visibleTaskIds(String user) throws Exception {
    try (Response response = call("GET", "/engine-rest/task", user, null)) {
      assertThat(response.code()).isEqualTo(200);
      JsonNode list = JSON.readTree(response.body().string());
      return java.util.stream.StreamSupport.stream(list.spliterator(), false)
          .map(t -> t.path("id").asText())
          .toList();
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
      assertThat(
              authorizations.isUserAuthorized(
                  agent, groups, Permissions.ACCESS, Resources.APPLICATION, "tasklist"))
          .isTrue();
      assertThat(
              authorizations.isUserAuthorized(
                  agent, groups, Permissions.ACCESS, Resources.APPLICATION, "cockpit"))
          .isFalse();
      assertThat(
              authorizations.isUserAuthorized(
                  agent, groups, Permissions.ACCESS, Resources.APPLICATION, "admin"))
          .isFalse();
    }
  }

  private static String fullName(String agent) {
    return agent.equals("sara") ? "Sara Hassan" : "Omar Khaled";
  }

  /** Asserts Camunda's REST error shape with a 403 and the sentence that names the owner. */
  private static void assertRefused(Response response, String owner) throws Exception {
    String body = response.body().string();
    assertThat(response.code())
        .as("status of %s: %s", response.request().url(), body)
        .isEqualTo(403);
    JsonNode error = JSON.readTree(body);
    assertThat(error.path("type").asText()).isEqualTo(TakeoverGuardFilter.ERROR_TYPE);
    assertThat(error.path("message").asText())
        .contains("This handoff belongs to " + fullName(owner) + " (" + owner + ")");
  }

  @Test
  void aSecondAgentsTakeoverIsRefusedWith403NamingTheOwnerOverEngineRest() throws Exception {
    Task task = handoff("talk to a human");
    String owner = task.getAssignee();
    String other = owner.equals("sara") ? "omar" : "sara";
    String asOther = "{\"userId\":\"" + other + "\"}";

    for (String action : List.of("claim", "assignee", "delegate")) {
      try (Response refused =
          call("POST", "/engine-rest/task/" + task.getId() + "/" + action, other, asOther)) {
        assertRefused(refused, owner);
      }
    }
    try (Response refused =
        call("POST", "/engine-rest/task/" + task.getId() + "/unclaim", other, "{}")) {
      assertRefused(refused, owner);
    }
    try (Response refused =
        call(
            "POST",
            "/engine-rest/task/" + task.getId() + "/submit-form",
            other,
            "{\"variables\":{\"agentReply\":{\"value\":\"mine now\"},\"agentDecision\":{\"value\":\"send_return\"}}}")) {
      assertRefused(refused, owner);
    }
    try (Response refused =
        call("POST", "/engine-rest/task/" + task.getId() + "/complete", other, "{}")) {
      assertRefused(refused, owner);
    }
    assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee())
        .isEqualTo(owner);

    // the guard lets the owner through, with her body intact (the engine reads it after the filter)
    try (Response own =
        call(
            "POST",
            "/engine-rest/task/" + task.getId() + "/assignee",
            owner,
            "{\"userId\":\"" + owner + "\"}")) {
      assertThat(own.code()).isEqualTo(204);
    }
    try (Response done =
        call(
            "POST",
            "/engine-rest/task/" + task.getId() + "/submit-form",
            owner,
            "{\"variables\":{\"agentReply\":{\"value\":\"\"},\"agentDecision\":{\"value\":\"send_return\"}}}")) {
      assertThat(done.code()).isEqualTo(204);
    }
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isZero();
  }

  @Test
  void aSecondAgentsTakeoverIsRefusedWith403NamingTheOwnerInTasklist() throws Exception {
    Task task = handoff("talk to a human");
    String owner = task.getAssignee();
    String other = owner.equals("sara") ? "omar" : "sara";
    TasklistSession tasklist = TasklistSession.login(port, other);

    String api = "/camunda/api/engine/engine/default/task/" + task.getId();
    try (Response refused = tasklist.post(api + "/assignee", "{\"userId\":\"" + other + "\"}")) {
      assertRefused(refused, owner);
    }
    try (Response refused = tasklist.post(api + "/claim", "{\"userId\":\"" + other + "\"}")) {
      assertRefused(refused, owner);
    }
    try (Response refused = tasklist.post(api + "/submit-form", "{\"variables\":{}}")) {
      assertRefused(refused, owner);
    }
    assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee())
        .isEqualTo(owner);
  }

  @Test
  void theOwnerSendsSeveralMessagesWithoutLeavingTheTask() throws Exception {
    Task task = handoff("talk to a human");
    String owner = task.getAssignee();
    String other = owner.equals("sara") ? "omar" : "sara";
    String path = "/handoff/tasks/" + task.getId() + "/messages";
    assertThat(task.getDueDate()).as("the first-response deadline").isNotNull();

    try (Response first =
        call(
            "POST",
            path,
            owner,
            "{\"text\":\"First, from the agent\",\"clientMessageId\":\"c1\"}")) {
      assertThat(first.code()).isEqualTo(200);
    }
    try (Response second =
        call(
            "POST",
            path,
            owner,
            "{\"text\":\"Second, from the agent\",\"clientMessageId\":\"c2\"}")) {
      assertThat(second.code()).isEqualTo(200);
    }
    // a retried click (same clientMessageId) is the same message, not a second one
    try (Response retry =
        call(
            "POST",
            path,
            owner,
            "{\"text\":\"First, from the agent\",\"clientMessageId\":\"c1\"}")) {
      assertThat(retry.code()).isEqualTo(200);
    }
    assertThat(
            jdbc.sql("SELECT text FROM outbound_message WHERE idempotency_key LIKE ? ORDER BY id")
                .param("handoff:" + task.getId() + ":%")
                .query(String.class)
                .list())
        .containsExactly("First, from the agent", "Second, from the agent");
    // the task is still open and still hers
    assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee())
        .isEqualTo(owner);
    assertThat(runtime.getVariable(task.getProcessInstanceId(), "agentResponded")).isEqualTo(true);
    // answered: no longer among the overdue handoffs, whose filter lists tasks past their due date
    assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getDueDate()).isNull();

    // both are in the transcript that the form shows, to any agent of the team
    try (Response view =
        call("GET", "/handoff/tasks/" + task.getId() + "/transcript", other, null)) {
      assertThat(view.code()).isEqualTo(200);
      JsonNode json = JSON.readTree(view.body().string());
      assertThat(json.path("ownerName").asText()).isEqualTo(fullName(owner));
      assertThat(json.path("lines").findValuesAsText("text"))
          .contains("talk to a human", "First, from the agent", "Second, from the agent");
    }

    // only the owner sends; bad input changes nothing
    try (Response refused =
        call("POST", path, other, "{\"text\":\"mine now\",\"clientMessageId\":\"x1\"}")) {
      assertThat(refused.code()).isEqualTo(403);
      assertThat(refused.body().string())
          .contains("This handoff belongs to " + fullName(owner) + " (" + owner + ")");
    }
    // another team's agent learns nothing: not the owner, not even that the handoff exists, before
    // or after the body's checks
    for (String foreign :
        List.of("{\"text\":\"mine now\",\"clientMessageId\":\"x5\"}", "{\"text\":\" \"}")) {
      try (Response hidden = call("POST", path, "mona", foreign)) {
        String text = hidden.body().string();
        assertThat(hidden.code()).as(text).isEqualTo(404);
        assertThat(text)
            .contains("that you may see")
            .doesNotContain(owner)
            .doesNotContain(fullName(owner));
      }
    }
    for (String method : List.of("GET", "POST")) {
      try (Response hidden =
          call(
              method,
              "/handoff/tasks/" + task.getId() + "/correction",
              "mona",
              method.equals("GET") ? null : "{\"intent\":\"order\"}")) {
        String text = hidden.body().string();
        assertThat(hidden.code()).as(text).isEqualTo(404);
        assertThat(text).doesNotContain(owner).doesNotContain(fullName(owner));
      }
    }
    try (Response anonymous =
        call("POST", path, null, "{\"text\":\"hi\",\"clientMessageId\":\"x2\"}")) {
      assertThat(anonymous.code()).isEqualTo(401);
    }
    try (Response blank =
        call("POST", path, owner, "{\"text\":\"  \",\"clientMessageId\":\"x3\"}")) {
      assertThat(blank.code()).isEqualTo(400);
    }
    try (Response noId = call("POST", path, owner, "{\"text\":\"hi\"}")) {
      assertThat(noId.code()).isEqualTo(400);
    }
    try (Response gone =
        call(
            "POST",
            "/handoff/tasks/no-such-task/messages",
            owner,
            "{\"text\":\"hi\",\"clientMessageId\":\"x4\"}")) {
      assertThat(gone.code()).isEqualTo(404);
    }
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE idempotency_key LIKE ?")
                .param("handoff:" + task.getId() + ":%")
                .query(Integer.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void outsideThe24HourWindowWithoutATemplateNothingIsSentAndTheAgentIsTold() throws Exception {
    Task task = handoff("talk to a human");
    String key =
        runtime
            .createProcessInstanceQuery()
            .processInstanceId(task.getProcessInstanceId())
            .singleResult()
            .getBusinessKey();
    jdbc.sql("UPDATE conversation SET last_inbound_at = ? WHERE conversation_key = ?")
        .params(java.time.OffsetDateTime.now().minusHours(25), key)
        .update();

    try (Response closed =
        call(
            "POST",
            "/handoff/tasks/" + task.getId() + "/messages",
            task.getAssignee(),
            "{\"text\":\"Are you still there?\",\"clientMessageId\":\"w1\"}")) {
      assertThat(closed.code()).isEqualTo(409);
      assertThat(closed.body().string()).contains("24-hour").contains("reopen-template");
    }
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE idempotency_key LIKE ?")
                .param("handoff:" + task.getId() + ":%")
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void theFormSendsWithTasklistsSessionAndItsCsrfToken() throws Exception {
    Task task = handoff("talk to a human");
    String owner = task.getAssignee();
    TasklistSession tasklist = TasklistSession.login(port, owner);
    String path = "/handoff/tasks/" + task.getId() + "/messages";

    try (Response withoutToken =
        tasklist.postWithoutCsrf(path, "{\"text\":\"forged\",\"clientMessageId\":\"f1\"}")) {
      assertThat(withoutToken.code()).isEqualTo(403);
      assertThat(withoutToken.body().string()).contains("CSRF");
    }
    try (Response sent =
        tasklist.post(path, "{\"text\":\"From Tasklist\",\"clientMessageId\":\"s1\"}")) {
      assertThat(sent.code()).isEqualTo(200);
    }
    assertThat(
            jdbc.sql("SELECT text FROM outbound_message WHERE idempotency_key LIKE ?")
                .param("handoff:" + task.getId() + ":%")
                .query(String.class)
                .list())
        .containsExactly("From Tasklist");
  }

  @Test
  void theFiltersColumnsAreTaskVariablesThatAgentsMayRead() throws Exception {
    Task task = handoff("talk to a human");
    String filterId = filters.createFilterQuery().filterName("All handoffs").singleResult().getId();

    Request list =
        new Request.Builder()
            .url(
                "http://127.0.0.1:"
                    + port
                    + "/engine-rest/filter/"
                    + filterId
                    + "/list?firstResult=0&maxResults=50")
            .header("Authorization", Credentials.basic("omar", "omar"))
            .header("Accept", "application/hal+json")
            .post(RequestBody.create("{}", MediaType.get("application/json")))
            .build();
    try (Response response = http.newCall(list).execute()) {
      assertThat(response.code()).isEqualTo(200);
      // Tasklist's request: each task of the HAL list embeds the filter's variables that the user
      // may read
      JsonNode listed = JSON.readTree(response.body().string()).path("_embedded").path("task");
      JsonNode ours =
          java.util.stream.StreamSupport.stream(listed.spliterator(), false)
              .filter(t -> task.getId().equals(t.path("id").asText()))
              .findFirst()
              .orElseThrow();
      List<String> ofTask =
          java.util.stream.StreamSupport.stream(
                  ours.path("_embedded").path("variable").spliterator(), false)
              .map(v -> v.path("name").asText() + "=" + v.path("value").asText())
              .toList();
      assertThat(ofTask)
          .contains(
              "handoffCustomer=" + runtime.getVariable(task.getProcessInstanceId(), "customerName"),
              "handoffWhy=customer asked for a human",
              "handoffOwnerName=" + fullName(task.getAssignee()));
    }
    // why the columns were blank before: the conversation's process variables are not the agents'
    // to read
    try (Response response =
        call(
            "GET",
            "/engine-rest/variable-instance?variableName=customerName&processInstanceIdIn="
                + task.getProcessInstanceId(),
            "omar",
            null)) {
      assertThat(JSON.readTree(response.body().string())).isEmpty();
    }
  }

  @Test
  void anAgentCanSetHerselfAwayAndBack() throws Exception {
    try (Response away =
        call("PUT", "/handoff/agents/me/availability", "omar", "{\"available\":false}")) {
      assertThat(away.code()).isEqualTo(200);
    }
    try (Response now = call("GET", "/handoff/agents/me/availability", "omar", null)) {
      assertThat(JSON.readTree(now.body().string()).path("available").asBoolean()).isFalse();
    }
    try (Response wrong = call("GET", "/handoff/agents/me/availability", null, null)) {
      assertThat(wrong.code()).isEqualTo(401);
    }
    try (Response back =
        call("PUT", "/handoff/agents/me/availability", "omar", "{\"available\":true}")) {
      assertThat(back.code()).isEqualTo(200);
    }
  }
}
