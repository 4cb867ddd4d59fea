package app.wasla.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.BrowserScript;
import app.wasla.support.CloudMode;
import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import app.wasla.system.AgentAuthorizations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A handoff answered in Camunda Tasklist in a real browser: e2e/tasklist.spec.mjs drives Debian's
 * Chromium through playwright-core against this application, in cloud mode with MockWebServer
 * playing Meta. The handoffs are created through the real path (a signed webhook, the mailbox, the
 * flow, the persona). The agent who owns the first one logs in, sees the filter's columns (with her
 * full name as the owner), opens the embedded form (Smart Info of the returning demo customer,
 * transcript, context, suggested reply), sends two replies with Send without leaving the task while
 * the customer writes in between (this test posts that message once her first reply reached Meta,
 * and the open form must show it), and completes with "back to the bot". Both replies must reach
 * Meta for that customer. Before completing she says in the form what the customer wanted, which is
 * saved as a training example. The other agent of the team then fails to take over the owner's
 * second handoff, in the UI and through the REST calls the UI makes: 403 with a sentence naming
 * her. Needs /usr/bin/chromium and e2e/node_modules, which .ci/run installs; without them this test
 * fails. Screenshots: target/e2e/tasklist-*.png.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:tasklist-browser-e2e;DB_CLOSE_DELAY=-1",
      // no holding message or escalation while the browser works
      "wasla.handoff.first-response=PT1H"
    })
class TasklistBrowserTest {

  static final WhatsAppMock META = new WhatsAppMock();

  private static final Path SCREENSHOTS = BrowserScript.PROJECT.resolve("target/e2e");
  private static final long TIMEOUT_SECONDS = 180;
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String CUSTOMER_TEXT = "I want to talk to a human please";
  private static final String FOLLOW_UP_TEXT = "Do you also deliver to Giza?";
  private static final List<String> AGENTS = List.of("sara", "omar");
  private static final String DEMO_CUSTOMER = "201001234567";

  @DynamicPropertySource
  static void cloudModeAgainstTheMock(DynamicPropertyRegistry registry) {
    META.registerCloudMode(registry);
    registry.add("wasla.whatsapp.send-backoff", () -> "20ms");
    registry.add("wasla.mailbox.sweep-interval", () -> "500ms");
  }

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired RuntimeService runtime;
  @Autowired AgentPresence presence;
  @Autowired app.wasla.persona.learning.Corrections corrections;

  @Test
  void theOwnerAnswersInTasklistAndTheOtherAgentCannotTakeOver() throws Exception {
    BrowserScript.requireBrowser();
    seedSalesAgents();

    // the returning demo customer (ORD-12001 and ORD-12002 in the demo store): the form's Smart
    // Info shows them
    String waId = DEMO_CUSTOMER;
    // first a photo without words (Meta's media endpoints played by the mock): the form must show
    // its preview in front of the agent
    sendPhoto(waId);
    Task first = handoff(waId);
    String owner = first.getAssignee();
    assertThat(owner).as("assignee of the first handoff").isIn(AGENTS);
    String other = owner.equals("sara") ? "omar" : "sara";
    // moved to the colleague and back: the owner's form shows where it comes from
    tasks.setAssignee(first.getId(), other);
    tasks.setAssignee(first.getId(), owner);
    // the second handoff must be the owner's too: routing goes by load, so the other agent is away
    // meanwhile
    String secondWaId = newCustomer();
    Task second;
    presence.setAvailable(other, false);
    try {
      second = handoff(secondWaId);
    } finally {
      presence.setAvailable(other, true);
    }
    assertThat(second.getAssignee()).as("assignee of the second handoff").isEqualTo(owner);
    String suggestion = (String) tasks.getVariable(first.getId(), HandoffTaskListener.AGENT_REPLY);
    assertThat(suggestion).as("the suggested reply").isNotBlank();
    String firstReply = suggestion.strip() + " Your order ships tomorrow, ref E2E-" + waId + ".";
    String secondReply = "Second message for E2E-" + waId + ": delivery to Giza is free.";
    String ownerName = capitalized(owner) + " E2E";

    // the customer writes while the agent works: as soon as her first reply has reached Meta
    CompletableFuture<Void> customerWritesAgain =
        CompletableFuture.runAsync(
            () -> {
              await()
                  .atMost(Duration.ofSeconds(TIMEOUT_SECONDS))
                  .pollInterval(Duration.ofMillis(200))
                  .until(() -> textsTo(waId).contains(firstReply));
              assertThat(
                      new Webhooks(port)
                          .post(
                              Webhooks.text(
                                  waId, "wamid.tl2." + waId, FOLLOW_UP_TEXT, Instant.now())))
                  .isEqualTo(200);
            });

    String log =
        runBrowser(
            "http://127.0.0.1:" + port,
            waId,
            owner,
            other,
            SCREENSHOTS.toString(),
            secondWaId,
            CUSTOMER_TEXT,
            ownerName,
            FOLLOW_UP_TEXT,
            CloudMode.AGENT_PASSWORD,
            "2|ORD-12002|repeat_buyer|20,398 EGP");
    customerWritesAgain.get(10, TimeUnit.SECONDS);

    // both replies the owner sent from the open task reached Meta for that customer, in order, as
    // text messages
    await()
        .atMost(PATIENCE)
        .until(() -> textsTo(waId).containsAll(List.of(firstReply, secondReply)));
    assertThat(textsTo(waId)).containsSubsequence(firstReply, secondReply);
    assertThat(log)
        .contains("[e2e] REPLY1 \"" + firstReply.replace("\"", "\\\"") + "\"")
        .contains("[e2e] REPLY2 \"" + secondReply + "\"");
    // what the owner said the customer wanted is a training example, with the words that handed
    // over
    assertThat(log).contains("[e2e] CORRECTION human_request " + first.getId());
    assertThat(corrections.forTraining())
        .anySatisfy(
            c -> {
              assertThat(c.taskId()).isEqualTo(first.getId());
              assertThat(c.intent()).isEqualTo("human_request");
              assertThat(c.text()).isEqualTo(CUSTOMER_TEXT);
              assertThat(c.agentId()).isEqualTo(owner);
            });

    // the first handoff was ONE task, completed by its owner, back to the bot, with no last message
    HistoricTaskInstance done =
        history.createHistoricTaskInstanceQuery().taskId(first.getId()).singleResult();
    assertThat(done.getEndTime()).as("end of the first handoff").isNotNull();
    assertThat(done.getDeleteReason()).isEqualTo("completed");
    assertThat(done.getAssignee()).isEqualTo(owner);
    assertThat(
            history
                .createHistoricTaskInstanceQuery()
                .processInstanceId(first.getProcessInstanceId())
                .taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
                .count())
        .as("handoff tasks of the first conversation")
        .isEqualTo(1);
    assertThat(
            history
                .createHistoricVariableInstanceQuery()
                .processInstanceId(first.getProcessInstanceId())
                .variableName("handoffAgent")
                .singleResult()
                .getValue())
        .isEqualTo(owner);
    assertThat(
            history
                .createHistoricVariableInstanceQuery()
                .processInstanceId(first.getProcessInstanceId())
                .variableName("agentDecision")
                .singleResult()
                .getValue())
        .isEqualTo("send_return");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                history
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(first.getProcessInstanceId())
                        .activityId("endEvent_handoffDone")
                        .finished()
                        .count()
                    == 1);
    assertThat(
            history
                .createHistoricActivityInstanceQuery()
                .processInstanceId(first.getProcessInstanceId())
                .activityId("endEvent_closedByAgent")
                .count())
        .isZero();
    // the form's read-only parts were not submitted into the conversation's variables
    assertThat(
            runtime
                .createVariableInstanceQuery()
                .processInstanceIdIn(first.getProcessInstanceId())
                .variableNameIn(
                    HandoffTaskListener.TRANSCRIPT,
                    HandoffTaskListener.CONTEXT,
                    HandoffTaskListener.OWNER_NAME)
                .count())
        .isZero();

    // the other agent's takeover did not happen: the second handoff stayed the owner's, never his,
    // until it was given back to the bot at the end (the spec's last step), with nothing sent
    var secondsEnd =
        history.createHistoricTaskInstanceQuery().taskId(second.getId()).singleResult();
    assertThat(secondsEnd.getAssignee()).isEqualTo(owner);
    assertThat(secondsEnd.getEndTime()).as("given back to the bot").isNotNull();
    assertThat(tasks.createTaskQuery().processInstanceId(second.getProcessInstanceId()).count())
        .isZero();
    assertThat(textsTo(secondWaId))
        .noneMatch(text -> text.contains("took this over"))
        .noneMatch(text -> text.contains("must not be lost"));
  }

  /**
   * Cloud mode seeds no demo accounts. What an operator sets up: a Camunda admin (without one,
   * every webapp redirects to Camunda's "create the initial user" setup page) and the two sales
   * agents, with passwords that meet the password policy.
   */
  private void seedSalesAgents() {
    group(Groups.CAMUNDA_ADMIN, "Camunda administrators", Groups.GROUP_TYPE_SYSTEM);
    if (identity.createUserQuery().userId("admin").count() == 0) {
      User admin = identity.newUser("admin");
      admin.setPassword("Operator-" + ThreadLocalRandom.current().nextLong());
      identity.saveUser(admin);
      identity.createMembership("admin", Groups.CAMUNDA_ADMIN);
    }
    group("sales", "Sales agents", Groups.GROUP_TYPE_WORKFLOW);
    for (String id : AGENTS) {
      if (identity.createUserQuery().userId(id).count() == 0) {
        User user = identity.newUser(id);
        user.setFirstName(id.substring(0, 1).toUpperCase() + id.substring(1));
        user.setLastName("E2E");
        user.setPassword(CloudMode.AGENT_PASSWORD);
        identity.saveUser(user);
        identity.createMembership(id, "sales");
      }
      presence.setAvailable(id, true);
    }
    AgentAuthorizations.grantTasklist(authorizations, "sales");
  }

  private void group(String id, String name, String type) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType(type);
      identity.saveGroup(group);
    }
  }

  /**
   * A customer asks for a person through a signed webhook; returns the handoff task the flow
   * creates.
   */
  /** A photo from the customer, fetched and kept; then its question about the photo arrived. */
  private void sendPhoto(String waId) throws java.io.IOException {
    java.awt.image.BufferedImage image =
        new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "jpg", jpeg);
    byte[] bytes = jpeg.toByteArray();
    META.serveMedia(
        request -> {
          String path = request.getRequestUrl().encodedPath();
          if (path.startsWith("/files/")) {
            return new okhttp3.mockwebserver.MockResponse()
                .setHeader("Content-Type", "image/jpeg")
                .setBody(new okio.Buffer().write(bytes));
          }
          return new okhttp3.mockwebserver.MockResponse()
              .setHeader("Content-Type", "application/json")
              .setBody(
                  "{\"url\":\""
                      + META.url("/files/photo.jpg")
                      + "\",\"mime_type\":\"image/jpeg\",\"file_size\":"
                      + bytes.length
                      + "}");
        });
    int before = META.sentTo(waId).size();
    assertThat(
            new Webhooks(port)
                .post(
                    Webhooks.media(
                        waId,
                        "wamid.tl.photo." + waId,
                        "image",
                        "4242",
                        "image/jpeg",
                        null,
                        false,
                        Instant.now())))
        .isEqualTo(200);
    await().atMost(PATIENCE).until(() -> META.sentTo(waId).size() > before);
  }

  private Task handoff(String waId) {
    String key = Webhooks.PHONE_NUMBER_ID + ":" + waId;
    assertThat(
            new Webhooks(port)
                .post(Webhooks.text(waId, "wamid.tl." + waId, CUSTOMER_TEXT, Instant.now())))
        .isEqualTo(200);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                tasks
                        .createTaskQuery()
                        .processInstanceBusinessKey(key)
                        .taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
                        .taskAssigned()
                        .count()
                    == 1);
    return tasks
        .createTaskQuery()
        .processInstanceBusinessKey(key)
        .taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
        .singleResult();
  }

  private static List<String> textsTo(String waId) {
    return META.sentTo(waId).stream()
        .filter(s -> s.type().equals("text"))
        .map(s -> s.body().path("text").path("body").asText())
        .toList();
  }

  private static String capitalized(String id) {
    return id.substring(0, 1).toUpperCase() + id.substring(1);
  }

  private static String newCustomer() {
    return "2012" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
  }

  /** Runs the browser script; fails with its output unless it exits 0 within the timeout. */
  private static String runBrowser(String... args) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    try (Stream<Path> old = Files.list(SCREENSHOTS)) {
      for (Path png :
          old.filter(p -> p.getFileName().toString().startsWith("tasklist-")).toList()) {
        Files.delete(png);
      }
    }
    String log = BrowserScript.run("tasklist.spec.mjs", TIMEOUT_SECONDS, args);
    List<String> screenshots = new ArrayList<>();
    try (Stream<Path> files = Files.list(SCREENSHOTS)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("tasklist-"))
          .sorted()
          .forEach(screenshots::add);
    }
    assertThat(screenshots).as("screenshots in %s", SCREENSHOTS).hasSizeGreaterThanOrEqualTo(8);
    return log;
  }
}
