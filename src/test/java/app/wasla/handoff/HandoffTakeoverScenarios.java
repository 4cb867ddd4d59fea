package app.wasla.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One agent per customer, on every path that writes a handoff: the task's fields, assignee,
 * identity links, variables and local variables, the conversation's variables, over /engine-rest
 * and Tasklist's own API. The owner is Wasla's record, not a task variable an agent can write. The
 * demo agents over real HTTP: the router gives the handoff to sara or omar, and the other one
 * tries. Run on H2 and PostgreSQL by the subclasses.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "wasla.whatsapp.app-secret=" + app.wasla.support.Webhooks.APP_SECRET,
      "wasla.handoff.max-open-per-agent=50"
    })
abstract class HandoffTakeoverScenarios {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String XSS = "<img src=x onerror=alert(1)>";
  final OkHttpClient http = new OkHttpClient();

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired JdbcClient jdbc;

  record Call(String method, String path, String body) {}

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
    String waId = "20144" + (100_000 + System.nanoTime() % 900_000);
    String key = app.wasla.support.Webhooks.PHONE_NUMBER_ID + ":" + waId;
    new app.wasla.support.Webhooks(port)
        .post(
            app.wasla.support.Webhooks.text(
                waId, "wamid.t." + waId, text, java.time.Instant.now()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> tasks.createTaskQuery().processInstanceBusinessKey(key).count() == 1);
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(key).singleResult();
    assertThat(task.getAssignee()).isIn("sara", "omar");
    return task;
  }

  private static String other(String owner) {
    return owner.equals("sara") ? "omar" : "sara";
  }

  /**
   * Every write to a handoff task, its variables and its conversation's variables that an agent
   * might try.
   */
  private static List<Call> writes(String prefix, Task task, String other) {
    String t = prefix + "/task/" + task.getId();
    String pi = prefix + "/process-instance/" + task.getProcessInstanceId();
    String value = "{\"value\":\"" + other + "\",\"type\":\"String\"}";
    String modification = "{\"modifications\":{\"agentReply\":{\"value\":\"mine now\"}}}";
    List<Call> calls =
        new ArrayList<>(
            List.of(
                new Call("PUT", t + "/localVariables/handoffOwner", value),
                new Call("PUT", t, "{\"name\":\"mine\",\"assignee\":\"" + other + "\"}"),
                new Call(
                    "PUT",
                    t,
                    "{\"name\":\"renamed by a teammate\",\"assignee\":\""
                        + task.getAssignee()
                        + "\"}"),
                new Call("POST", t + "/claim", "{\"userId\":\"" + other + "\"}"),
                new Call("POST", t + "/unclaim", "{}"),
                new Call("POST", t + "/assignee", "{\"userId\":\"" + other + "\"}"),
                new Call("POST", t + "/delegate", "{\"userId\":\"" + other + "\"}"),
                new Call("POST", t + "/complete", "{}"),
                new Call("POST", t + "/resolve", "{}"),
                new Call(
                    "POST",
                    t + "/submit-form",
                    "{\"variables\":{\"agentReply\":{\"value\":\"mine now\"}}}"),
                new Call(
                    "POST",
                    t + "/identity-links",
                    "{\"userId\":\"" + other + "\",\"type\":\"assignee\"}"),
                new Call(
                    "POST",
                    t + "/identity-links",
                    "{\"userId\":\"" + other + "\",\"type\":\"candidate\"}"),
                new Call(
                    "POST",
                    t + "/identity-links/delete",
                    "{\"groupId\":\"sales\",\"type\":\"candidate\"}"),
                new Call("PUT", t + "/variables/agentReply", value),
                new Call("DELETE", t + "/variables/agentReply", null),
                new Call("POST", t + "/variables", modification),
                new Call("PUT", t + "/localVariables/handoffCustomer", value),
                new Call("DELETE", t + "/localVariables/handoffCustomer", null),
                new Call("POST", t + "/localVariables", modification),
                new Call("PUT", pi + "/variables/agentReply", value),
                new Call("DELETE", pi + "/variables/agentReply", null),
                new Call("POST", pi + "/variables", modification),
                // spellings the engine's REST API reads as the same task
                new Call(
                    "POST",
                    prefix + "/task/" + task.getId() + ";x=1/assignee",
                    "{\"userId\":\"" + other + "\"}"),
                new Call("POST", t + "/%61ssignee", "{\"userId\":\"" + other + "\"}")));
    return calls;
  }

  private void assertRefused(Response response, String owner) throws Exception {
    String body = response.body().string();
    assertThat(response.code())
        .as("%s %s: %s", response.request().method(), response.request().url(), body)
        .isEqualTo(403);
    JsonNode error = JSON.readTree(body);
    assertThat(error.path("type").asText()).isEqualTo(TakeoverGuardFilter.ERROR_TYPE);
    assertThat(error.path("message").asText())
        .contains("This handoff belongs to")
        .contains("(" + owner + ")");
  }

  private void assertUnchanged(Task before) {
    Task now = tasks.createTaskQuery().taskId(before.getId()).singleResult();
    assertThat(now).isNotNull();
    assertThat(now.getAssignee()).isEqualTo(before.getAssignee());
    assertThat(now.getName()).isEqualTo(before.getName());
    assertThat(tasks.getIdentityLinksForTask(before.getId()))
        .noneMatch(l -> other(before.getAssignee()).equals(l.getUserId()));
    assertThat(runtime.getVariable(before.getProcessInstanceId(), "agentReply"))
        .isNotEqualTo("mine now")
        .isNotEqualTo(other(before.getAssignee()));
  }

  @Test
  void theReportedTakeoverFailsAtEachStep() throws Exception {
    Task task = handoff("talk to a human");
    String owner = task.getAssignee();
    String other = other(owner);
    try (Response r =
        call(
            "PUT",
            "/engine-rest/task/" + task.getId() + "/localVariables/handoffOwner",
            other,
            "{\"value\":\"" + other + "\",\"type\":\"String\"}")) {
      assertRefused(r, owner);
    }
    try (Response r =
        call(
            "PUT",
            "/engine-rest/task/" + task.getId(),
            other,
            "{\"name\":\"" + task.getName() + "\",\"assignee\":\"" + other + "\"}")) {
      assertRefused(r, owner);
    }
    try (Response r =
        call(
            "POST",
            "/handoff/tasks/" + task.getId() + "/messages",
            other,
            "{\"text\":\"mine now\",\"clientMessageId\":\"t1\"}")) {
      assertThat(r.code()).isEqualTo(403);
    }
    assertUnchanged(task);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE idempotency_key LIKE ?")
                .param("handoff:" + task.getId() + ":%")
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void theOwnerIsWaslasRecordNotATaskVariable() {
    Task task = handoff("talk to a human");
    String owner = task.getAssignee();
    String other = other(owner);
    // even past the HTTP guard, the engine's own listener decides by Wasla's record
    identity.setAuthentication(other, List.of("sales"));
    try {
      tasks.setVariableLocal(task.getId(), "handoffOwner", other);
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> tasks.setAssignee(task.getId(), other))
          .isInstanceOf(ProcessEngineException.class)
          .hasStackTraceContaining(AuthorizationException.class.getName())
          .hasStackTraceContaining("(" + owner + ")");
    } finally {
      identity.clearAuthentication();
    }
    assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee())
        .isEqualTo(owner);
  }

  @Test
  void everyWritePathOverEngineRestIsRefusedToATeammate() throws Exception {
    Task task = handoff("talk to a human");
    String owner = task.getAssignee();
    for (Call c : writes("/engine-rest", task, other(owner))) {
      try (Response r = call(c.method(), c.path(), other(owner), c.body())) {
        assertRefused(r, owner);
      }
    }
    assertUnchanged(task);
  }

  @Test
  void everyWritePathThroughTasklistIsRefusedToATeammate() throws Exception {
    Task task = handoff("talk to a human");
    String owner = task.getAssignee();
    TasklistSession tasklist = TasklistSession.login(port, other(owner));
    for (Call c : writes("/camunda/api/engine/engine/default", task, other(owner))) {
      try (Response r = tasklist.send(c.method(), c.path(), c.body())) {
        assertRefused(r, owner);
      }
    }
    assertUnchanged(task);
  }

  @Test
  void anUnclaimedHandoffIsClaimedBeforeItIsChanged() throws Exception {
    Task task = handoff("talk to a human");
    // nobody available, so the router leaves it in the queue
    setAvailable(false);
    try {
      tasks.setAssignee(task.getId(), null);
      claimThenChange(task);
    } finally {
      setAvailable(true);
    }
  }

  private void setAvailable(boolean available) throws Exception {
    for (String agent : List.of("sara", "omar")) {
      try (Response r =
          call(
              "PUT",
              "/handoff/agents/me/availability",
              agent,
              "{\"available\":" + available + "}")) {
        assertThat(r.code()).isEqualTo(200);
      }
    }
  }

  private void claimThenChange(Task task) throws Exception {
    try (Response r =
        call(
            "PUT",
            "/engine-rest/task/" + task.getId() + "/variables/agentReply",
            "omar",
            "{\"value\":\"early\",\"type\":\"String\"}")) {
      assertThat(r.code()).isEqualTo(403);
      assertThat(JSON.readTree(r.body().string()).path("message").asText())
          .contains("Claim this handoff");
    }
    try (Response r =
        call(
            "POST",
            "/engine-rest/task/" + task.getId() + "/claim",
            "omar",
            "{\"userId\":\"omar\"}")) {
      assertThat(r.code()).isEqualTo(204);
    }
    try (Response r =
        call(
            "PUT",
            "/engine-rest/task/" + task.getId() + "/variables/agentReply",
            "omar",
            "{\"value\":\"now mine\",\"type\":\"String\"}")) {
      assertThat(r.code()).isEqualTo(204);
    }
  }

  @Test
  void theOwnerAndSupervisorsKeepTheirRights() throws Exception {
    Task task = handoff("talk to a human");
    String owner = task.getAssignee();
    String other = other(owner);
    String t = "/engine-rest/task/" + task.getId();
    try (Response r =
        call(
            "PUT",
            t + "/localVariables/agentReply",
            owner,
            "{\"value\":\"draft\",\"type\":\"String\"}")) {
      assertThat(r.code()).isEqualTo(204);
    }
    try (Response r =
        call(
            "PUT",
            t,
            owner,
            "{\"name\":\""
                + task.getName()
                + "\",\"assignee\":\""
                + owner
                + "\",\"priority\":"
                + task.getPriority()
                + "}")) {
      assertThat(r.code()).isEqualTo(204);
    }
    // demo is an admin and a supervisor: hands it over, and writes its variables
    try (Response r = call("POST", t + "/assignee", "demo", "{\"userId\":\"" + other + "\"}")) {
      assertThat(r.code()).isEqualTo(204);
    }
    assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee())
        .isEqualTo(other);
    try (Response r =
        call(
            "PUT",
            t + "/variables/agentReply",
            "demo",
            "{\"value\":\"from the supervisor\",\"type\":\"String\"}")) {
      assertThat(r.code()).isEqualTo(204);
    }
    // and now the former owner is the teammate
    try (Response r = call("POST", t + "/claim", owner, "{\"userId\":\"" + owner + "\"}")) {
      assertRefused(r, other);
    }
  }

  @Test
  void anOwnersNameIsEscapedInTheRefusal() throws Exception {
    Task task = handoff("talk to a human");
    String userId = "xss" + Math.abs(System.nanoTime() % 100_000);
    User user = identity.newUser(userId);
    user.setFirstName(XSS);
    user.setLastName("Agent");
    user.setPassword(userId);
    identity.saveUser(user);
    // as the system, as the router would
    tasks.setAssignee(task.getId(), userId);
    try (Response r =
        call(
            "POST",
            "/engine-rest/task/" + task.getId() + "/claim",
            "omar",
            "{\"userId\":\"omar\"}")) {
      String body = r.body().string();
      assertThat(r.code()).isEqualTo(403);
      String message = JSON.readTree(body).path("message").asText();
      assertThat(message)
          .doesNotContain("<img")
          .contains("&lt;img src=x onerror=alert(1)&gt; Agent");
    }
  }

  @Test
  void aCustomerWithAVeryLongProfileNameGetsTheirHandoff() throws Exception {
    for (int length : new int[] {230, 5000}) {
      String waId = "20145" + (100_000 + System.nanoTime() % 900_000);
      String key = app.wasla.support.Webhooks.PHONE_NUMBER_ID + ":" + waId;
      com.fasterxml.jackson.databind.node.ObjectNode body =
          (com.fasterxml.jackson.databind.node.ObjectNode)
              JSON.readTree(
                  app.wasla.support.Webhooks.text(
                      waId,
                      "wamid.long.name." + waId,
                      "I want to talk to a person please",
                      java.time.Instant.now()));
      ((com.fasterxml.jackson.databind.node.ObjectNode)
              body.at("/entry/0/changes/0/value/contacts/0/profile"))
          .put("name", "A".repeat(length));
      assertThat(new app.wasla.support.Webhooks(port).post(JSON.writeValueAsBytes(body)))
          .as("length " + length)
          .isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> tasks.createTaskQuery().processInstanceBusinessKey(key).count() == 1);
      Task task = tasks.createTaskQuery().processInstanceBusinessKey(key).singleResult();
      assertThat(task.getName())
          .as("length " + length)
          .startsWith("AAAA")
          .hasSizeLessThanOrEqualTo(255)
          .contains(" — ");
      assertThat(
              runtime.createIncidentQuery().processInstanceId(task.getProcessInstanceId()).count())
          .as("length " + length)
          .isZero();
      // the turn reached the flow (a handoff's reply is the agent's, so it stays DELIVERED)
      assertThat(
              jdbc.sql("SELECT status FROM inbox_message WHERE wamid = ?")
                  .param("wamid.long.name." + waId)
                  .query(String.class)
                  .single())
          .isIn("DELIVERED", "ANSWERED");
    }
  }
}
