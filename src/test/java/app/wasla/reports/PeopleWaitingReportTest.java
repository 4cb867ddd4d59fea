package app.wasla.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.handoff.HandoffRouter;
import app.wasla.support.Webhooks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Credentials;
import okhttp3.MediaType;
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

/**
 * The dashboard's count of handoffs waiting for a person (the people's first response's {@code
 * unanswered}) and the inbox's "Waiting for a person" tell the same: a handoff assigned to an agent
 * who has not written waits; her first message ends the wait; a handoff the customer took back
 * waits for nobody. On its own H2 database, so the counts are exact.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:reports-waiting;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
      "wasla.whatsapp.app-secret=" + Webhooks.APP_SECRET,
      "wasla.handoff.max-open-per-agent=50",
      "wasla.handoff.staff-opens=00:00",
      "wasla.handoff.staff-closes=00:00"
    })
class PeopleWaitingReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final OkHttpClient http = new OkHttpClient();

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired JdbcClient jdbc;

  @Test
  void onlyHandoffsNobodyHasAnsweredYetWaitForAPerson() throws Exception {
    String answered = asksForAPerson();
    Task task = handoff(answered);
    assertThat(task.getAssignee()).as("assigned at once").isNotNull();
    assertThat(waitingInReport()).isEqualTo(1);
    assertThat(waitingInInbox()).containsExactly(answered);

    // the agent answers: nobody waits any more
    post(
        "/handoff/tasks/" + task.getId() + "/messages",
        task.getAssignee(),
        "{\"text\":\"Hello, how can I help?\",\"clientMessageId\":\"waiting-1\"}");
    assertThat(waitingInReport()).isZero();
    assertThat(waitingInInbox()).isEmpty();
    assertThat(summary().at("/firstResponse/person/measured").asInt()).isEqualTo(1);

    // a customer who takes the request back before anyone answered waits for nobody
    String withdrawn = asksForAPerson();
    handoff(withdrawn);
    writes(withdrawn, "never mind");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> tasks.createTaskQuery().processInstanceBusinessKey(withdrawn).count() == 0);
    assertThat(waitingInReport()).isZero();
    assertThat(waitingInInbox()).isEmpty();

    // one still waiting: the dashboard and the inbox agree
    String waiting = asksForAPerson();
    handoff(waiting);
    assertThat(waitingInReport()).isEqualTo(1);
    assertThat(waitingInInbox()).containsExactly(waiting);
    assertThat(summary().get("handoffs").asInt()).isEqualTo(3);
  }

  private JsonNode summary() throws Exception {
    return get("/dashboard/data/summary?period=7d");
  }

  private int waitingInReport() throws Exception {
    return summary().at("/firstResponse/person/unanswered").asInt();
  }

  private List<String> waitingInInbox() throws Exception {
    List<String> keys = new ArrayList<>();
    get("/inbox/api/conversations?limit=200&state=waiting")
        .get("items")
        .forEach(i -> keys.add(i.get("conversationKey").asText()));
    return keys;
  }

  private String asksForAPerson() {
    String key = Webhooks.PHONE_NUMBER_ID + ":" + "20156" + (100_000 + System.nanoTime() % 900_000);
    writes(key, "I want to talk to a person please");
    return key;
  }

  private Task handoff(String key) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                tasks
                        .createTaskQuery()
                        .processInstanceBusinessKey(key)
                        .taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
                        .count()
                    == 1);
    return tasks.createTaskQuery().processInstanceBusinessKey(key).singleResult();
  }

  private long sent(String key) {
    return jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE conversation_key = ?")
        .param(key)
        .query(Long.class)
        .single();
  }

  private void writes(String key, String text) {
    String wa = key.substring(key.indexOf(':') + 1);
    long before = sent(key);
    new Webhooks(port)
        .post(Webhooks.text(wa, "wamid.in." + wa + "." + System.nanoTime(), text, Instant.now()));
    await().atMost(Duration.ofSeconds(30)).until(() -> sent(key) > before);
  }

  private JsonNode get(String path) throws Exception {
    Request request =
        new Request.Builder()
            .url("http://127.0.0.1:" + port + path)
            .header("Authorization", Credentials.basic("demo", "demo"))
            .build();
    try (Response response = http.newCall(request).execute()) {
      String body = response.body().string();
      assertThat(response.code()).as("GET %s: %s", path, body).isEqualTo(200);
      return JSON.readTree(body);
    }
  }

  private void post(String path, String user, String body) throws Exception {
    Request request =
        new Request.Builder()
            .url("http://127.0.0.1:" + port + path)
            .header("Authorization", Credentials.basic(user, user))
            .post(RequestBody.create(body, MediaType.get("application/json")))
            .build();
    try (Response response = http.newCall(request).execute()) {
      assertThat(response.code()).as("POST %s: %s", path, response.body().string()).isEqualTo(200);
    }
  }
}
