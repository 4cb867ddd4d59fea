package app.wasla.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.CloudMode;
import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The inbox in cloud mode, over real HTTP: nothing without a Camunda user (or, for the API, a key),
 * a wrong password is refused, an agent of another team does not see a sales customer, the sales
 * agent and the supervisor do, and only a supervisor takes over.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InboxCloudModeTest {

  static final WhatsAppMock META = new WhatsAppMock();

  @DynamicPropertySource
  static void cloudMode(DynamicPropertyRegistry registry) {
    META.registerCloudMode(registry);
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:inbox-cloud;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
  }

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  final OkHttpClient http = new OkHttpClient();

  private int status(String method, String path, String user, String password) throws Exception {
    Request.Builder request =
        new Request.Builder()
            .url("http://127.0.0.1:" + port + path)
            .method(
                method,
                method.equals("GET")
                    ? null
                    : RequestBody.create("{}", MediaType.get("application/json")));
    if (user != null) {
      request.header("Authorization", Credentials.basic(user, password));
    }
    try (Response response = http.newCall(request.build()).execute()) {
      return response.code();
    }
  }

  private String body(String path, String user) throws Exception {
    Request request =
        new Request.Builder()
            .url("http://127.0.0.1:" + port + path)
            .header("Authorization", Credentials.basic(user, CloudMode.AGENT_PASSWORD))
            .build();
    try (Response response = http.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(200);
      return response.body().string();
    }
  }

  private void user(String id, String group) {
    if (identity.createGroupQuery().groupId(group).count() == 0) {
      Group g = identity.newGroup(group);
      g.setName(group);
      g.setType("WORKFLOW");
      identity.saveGroup(g);
    }
    if (identity.createUserQuery().userId(id).count() == 0) {
      User u = identity.newUser(id);
      u.setFirstName(id);
      u.setLastName("Tester");
      u.setPassword(CloudMode.AGENT_PASSWORD);
      identity.saveUser(u);
      identity.createMembership(id, group);
    }
  }

  @Test
  void nothingWithoutTheRightCredential() throws Exception {
    user("cloudboss", "supervisors");
    user("cloudsales", "sales");
    user("cloudsupport", "support");
    String waId = "20166" + (100_000 + System.nanoTime() % 900_000);
    String key = Webhooks.PHONE_NUMBER_ID + ":" + waId;
    new Webhooks(port)
        .post(
            Webhooks.text(
                waId, "wamid.cloud." + waId, "I want to talk to a human please", Instant.now()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                tasks
                        .createTaskQuery()
                        .processInstanceBusinessKey(key)
                        .taskAssignee("cloudsales")
                        .count()
                    == 1);

    for (String path :
        new String[] {
          "/inbox/api/me",
          "/inbox/api/conversations",
          "/inbox/api/conversations/changes?since=0.0.0",
          "/inbox/api/conversations/" + key,
          "/api/conversations"
        }) {
      assertThat(status("GET", path, null, null)).as("anonymous GET %s", path).isEqualTo(401);
    }
    assertThat(status("POST", "/inbox/api/conversations/" + key + "/take-over", null, null))
        .isEqualTo(401);
    assertThat(status("POST", "/inbox/api/conversations/" + key + "/give-back", null, null))
        .isEqualTo(401);
    assertThat(status("GET", "/inbox/api/conversations", "cloudboss", "wrong-password"))
        .isEqualTo(401);

    // another team's agent: not listed, and the conversation does not exist for her
    assertThat(body("/inbox/api/conversations", "cloudsupport")).doesNotContain(key);
    assertThat(
            status(
                "GET", "/inbox/api/conversations/" + key, "cloudsupport", CloudMode.AGENT_PASSWORD))
        .isEqualTo(404);
    assertThat(
            status(
                "POST",
                "/inbox/api/conversations/" + key + "/give-back",
                "cloudsupport",
                CloudMode.AGENT_PASSWORD))
        .isEqualTo(404);
    // her own customer, and the supervisor's view of everything
    assertThat(body("/inbox/api/conversations", "cloudsales")).contains(key);
    assertThat(body("/inbox/api/conversations", "cloudboss")).contains(key);
    // the sales agent sees it but may not take a conversation over
    assertThat(
            status(
                "POST",
                "/inbox/api/conversations/" + key + "/take-over",
                "cloudsales",
                CloudMode.AGENT_PASSWORD))
        .isEqualTo(403);
  }
}
