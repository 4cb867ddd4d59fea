package app.wasla.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.CloudMode;
import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What cloud mode shows to callers: no metrics, OpenAPI document or Swagger UI for anonymous
 * callers, no deployments over REST, no users with weak passwords, security headers on Wasla's
 * pages, and log lines without customers' numbers or forged line breaks.
 */
// the mode also as a plain property, as production sets it: it decides settings before the context
// exists
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "wasla.whatsapp.mode=cloud")
@ExtendWith(OutputCaptureExtension.class)
class CloudExposureTest {

  static final WhatsAppMock META = new WhatsAppMock();
  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * An LLM whose answers are never valid: the persona logs the conversation and falls back to the
   * embedded one.
   */
  static final MockWebServer LLM = new MockWebServer();

  static final String ADMIN = Credentials.basic(CloudMode.ADMIN_ID, CloudMode.ADMIN_PASSWORD);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    LLM.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse()
                .setHeader("Content-Type", "application/json")
                .setBody(
                    """
            {"id":"c","object":"chat.completion","model":"m","choices":[{"index":0,"finish_reason":"stop",
             "message":{"role":"assistant","content":"not the schema"}}]}""");
          }
        });
    LLM.start();
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:cloud-exposure;DB_CLOSE_DELAY=-1");
    META.registerCloudMode(registry);
    registry.add("wasla.persona.provider", () -> "openai");
    registry.add(
        "wasla.persona.openai.base-url", () -> LLM.url("/v1").toString().replaceAll("/$", ""));
    registry.add("wasla.persona.openai.api-key", () -> "sk-test-secret");
    registry.add("wasla.persona.openai.model", () -> "test-model");
    registry.add("wasla.persona.openai.max-attempts", () -> "1");
    registry.add("wasla.handoff.team-access-every", () -> "PT1S");
  }

  @AfterAll
  static void stopLlm() throws IOException {
    LLM.shutdown();
  }

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired org.camunda.bpm.engine.AuthorizationService authorizations;

  @Test
  void anAdministratorCannotCreateAUserWithAWeakPassword() {
    Browser admin = new Browser(port);
    for (String weak : new String[] {"1", "password12", "Weakagent1", "Pw-weakagent-1"}) {
      Browser.Page created =
          admin.postJson(
              "/engine-rest/user/create",
              """
          {"profile":{"id":"weakagent","firstName":"Weak","lastName":"Agent","email":"weak@agent.example"},
           "credentials":{"password":"%s"}}"""
                  .formatted(weak),
              ADMIN);
      assertThat(created.status()).as("password %s: %s", weak, created.body()).isEqualTo(400);
      assertThat(created.body()).contains("Password does not match policy");
      assertThat(admin.get("/engine-rest/user/weakagent/profile", ADMIN).status()).isEqualTo(404);
    }

    Browser.Page created =
        admin.postJson(
            "/engine-rest/user/create",
            """
        {"profile":{"id":"strongagent","firstName":"Strong","lastName":"Agent","email":"strong@agent.example"},
         "credentials":{"password":"%s"}}"""
                .formatted(CloudMode.AGENT_PASSWORD),
            ADMIN);
    assertThat(created.status()).as(created.body()).isEqualTo(204);
    assertThat(
            admin
                .get(
                    "/engine-rest/user/strongagent/profile",
                    Credentials.basic("strongagent", CloudMode.AGENT_PASSWORD))
                .status())
        .isEqualTo(200);
  }

  private static List<String> setCookies(Browser.Page page) {
    return page.headers().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase("Set-Cookie"))
        .flatMap(e -> e.getValue().stream())
        .toList();
  }

  @Test
  void aPostThatFailsTheWebappsCsrfCheckNeitherEndsNorReplacesTheSession() {
    Browser staff = new Browser(port);
    String me = "/camunda/api/admin/auth/user/default";
    assertThat(staff.get(me).status()).isIn(200, 404);
    Browser.Page login =
        staff.postForm(
            me + "/login/welcome",
            Map.of("username", CloudMode.ADMIN_ID, "password", CloudMode.ADMIN_PASSWORD));
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    assertThat(setCookies(login))
        .filteredOn(c -> c.startsWith("JSESSIONID="))
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c).containsIgnoringCase("SameSite=Lax"));
    assertThat(staff.get(me).body()).contains(CloudMode.ADMIN_ID);

    // another site's form posts: the browser sends the cookie (same site) but no token
    for (String path :
        List.of(
            me + "/logout",
            me + "/login/cockpit",
            "/camunda/api/engine/engine/default/task/x/claim",
            "/camunda/api/cockpit/plugin/x")) {
      Browser.Page forged = staff.postFormWithoutToken(path, Map.of("x", "y"));
      assertThat(forged.status()).as(path).isEqualTo(403);
      assertThat(setCookies(forged)).as(path).noneMatch(c -> c.startsWith("JSESSIONID="));
      assertThat(staff.get(me).body())
          .as("still signed in after " + path)
          .contains(CloudMode.ADMIN_ID);
    }

    // without any cookie (a cross-site post, whose Lax cookie the browser withholds): no new
    // session cookie to replace the staff's one
    Browser stranger = new Browser(port);
    Browser.Page anonymous = stranger.postFormWithoutToken(me + "/logout", Map.of("x", "y"));
    assertThat(anonymous.status()).isEqualTo(403);
    assertThat(setCookies(anonymous)).noneMatch(c -> c.startsWith("JSESSIONID="));
    // every session cookie Wasla makes, on any path, is SameSite=Lax
    Browser.Page inbox = new Browser(port).get("/inbox/api/me", ADMIN);
    assertThat(setCookies(inbox))
        .filteredOn(c -> c.startsWith("JSESSIONID="))
        .allSatisfy(c -> assertThat(c).containsIgnoringCase("SameSite=Lax"));

    // the token still works: logout with it ends the session
    assertThat(staff.postForm(me + "/logout", Map.of()).status()).isEqualTo(200);
    assertThat(staff.get(me).body()).doesNotContain(CloudMode.ADMIN_ID);
  }

  @Test
  void aTeamMadeAfterStartGetsTasklistButNotCockpitAndAdminsAreLeftAlone() {
    Browser admin = new Browser(port);
    assertThat(
            admin
                .postJson(
                    "/engine-rest/group/create",
                    "{\"id\":\"operators\",\"name\":\"Operators\",\"type\":\"SYSTEM\"}",
                    ADMIN)
                .status())
        .isEqualTo(204);
    assertThat(
            admin
                .postJson(
                    "/engine-rest/group/create",
                    "{\"id\":\"delivery\",\"name\":\"Delivery agents\"}",
                    ADMIN)
                .status())
        .isEqualTo(204);
    assertThat(
            admin
                .postJson(
                    "/engine-rest/user/create",
                    """
        {"profile":{"id":"courier","firstName":"Cou","lastName":"Rier","email":"courier@example.com"},
         "credentials":{"password":"%s"}}"""
                        .formatted(CloudMode.AGENT_PASSWORD),
                    ADMIN)
                .status())
        .isEqualTo(204);
    assertThat(admin.call("PUT", "/engine-rest/group/delivery/members/courier", ADMIN).status())
        .isEqualTo(204);

    // she signs in to Tasklist as docs/inbox.md says, within the reconcile's interval
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              Browser courier = new Browser(port);
              courier.get("/camunda/api/admin/auth/user/default");
              return courier
                      .postForm(
                          "/camunda/api/admin/auth/user/default/login/tasklist",
                          Map.of("username", "courier", "password", CloudMode.AGENT_PASSWORD))
                      .status()
                  == 200;
            });
    Browser courier = new Browser(port);
    courier.get("/camunda/api/admin/auth/user/default");
    assertThat(
            courier
                .postForm(
                    "/camunda/api/admin/auth/user/default/login/cockpit",
                    Map.of("username", "courier", "password", CloudMode.AGENT_PASSWORD))
                .status())
        .isEqualTo(403);
    // a group of type SYSTEM, made before the team, is no team: the same rounds left it alone
    assertThat(
            authorizations
                .createAuthorizationQuery()
                .groupIdIn("operators")
                .resourceType(org.camunda.bpm.engine.authorization.Resources.APPLICATION)
                .count())
        .isZero();
    assertThat(
            authorizations
                .createAuthorizationQuery()
                .groupIdIn("delivery")
                .resourceType(org.camunda.bpm.engine.authorization.Resources.APPLICATION)
                .count())
        .isOne();
  }

  @Test
  void anonymousCallersGetNoMetricsNorApiDocsWhileProbesStayOpen() {
    Browser anonymous = new Browser(port);
    assertThat(anonymous.get("/actuator/metrics").status()).isEqualTo(401);
    assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(401);
    assertThat(anonymous.get("/actuator").status()).isEqualTo(401);
    assertThat(anonymous.get("/v3/api-docs").status()).isIn(401, 404);
    assertThat(anonymous.get("/swagger-ui.html").status()).isIn(401, 404);
    assertThat(anonymous.get("/swagger-ui/index.html").status()).isIn(401, 404);
    assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
    assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
    assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
    // the owner's figures: a login, or an API key with reports:read
    assertThat(anonymous.get("/dashboard").status()).isEqualTo(401);
    assertThat(anonymous.get("/dashboard/data/summary").status()).isEqualTo(401);
    assertThat(anonymous.get("/api/reports/summary").status()).isEqualTo(401);
    assertThat(anonymous.get("/dashboard/data/summary", ADMIN).status()).isEqualTo(200);
    // the campaigns page and its JSON: a login too
    assertThat(anonymous.get("/campaigns").status()).isEqualTo(401);
    assertThat(anonymous.get("/campaigns/api/campaigns").status()).isEqualTo(401);
    assertThat(anonymous.get("/campaigns/api/templates").status()).isEqualTo(401);
    assertThat(anonymous.get("/campaigns/api/campaigns", ADMIN).status()).isEqualTo(200);

    // (tests run without metrics export, so the administrator reads /actuator/metrics)
    Browser.Page metrics = anonymous.get("/actuator/metrics", ADMIN);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm.memory.used");
  }

  @Test
  void deploymentsOverRestAreRefusedEvenToAnAdministrator() throws IOException {
    long before = repository.createDeploymentQuery().count();
    RequestBody bpmn =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart("deployment-name", "intruder")
            .addFormDataPart(
                "data",
                "intruder.bpmn",
                RequestBody.create(
                    ExpressionSandboxTest.bpmn(
                        "intruder", "${environment.getProperty('wasla.whatsapp.app-secret')}"),
                    MediaType.get("application/xml")))
            .build();

    Browser.Page rest = new Browser(port).post("/engine-rest/deployment/create", bpmn, ADMIN);
    assertThat(rest.status()).isEqualTo(403);
    JsonNode error = JSON.readTree(rest.body());
    assertThat(error.path("type").asText()).isEqualTo("RemoteDeploymentDisabled");
    assertThat(error.path("message").asText()).contains("wasla.security.remote-deployments=true");
    // Cockpit's upload, through the webapps' copy of the REST API; also a path dressed up with a
    // doubled slash
    assertThat(
            new Browser(port)
                .post("/camunda/api/engine/engine/default/deployment/create", bpmn, null)
                .body())
        .contains("RemoteDeploymentDisabled");
    assertThat(new Browser(port).post("/engine-rest//deployment/create", bpmn, ADMIN).status())
        .isEqualTo(403);
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(before);
    assertThat(repository.createDeploymentQuery().deploymentName("intruder").count()).isZero();
    // reading deployments stays possible
    assertThat(new Browser(port).get("/engine-rest/deployment", ADMIN).status()).isEqualTo(200);
  }

  @Test
  void waslaPagesAndJsonSendSecurityHeadersAndCamundaKeepsItsOwn() {
    Browser browser = new Browser(port);
    Browser.Page pay = browser.get("/pay/sandbox/no-such-payment");
    assertThat(pay.body()).contains("No such payment");
    Browser.Page api = browser.get("/api/webhooks", ADMIN);
    assertThat(api.status()).isEqualTo(200);
    for (Browser.Page page : new Browser.Page[] {pay, api}) {
      assertThat(page.header("Content-Security-Policy"))
          .contains("default-src 'self'")
          .contains("frame-ancestors 'self'");
      assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(page.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
    }
    // customers' data is kept by no shared cache or browser history
    assertThat(api.header("Cache-Control")).isEqualTo("no-store");
    Browser.Page inbox = browser.get("/inbox/api/me", ADMIN);
    assertThat(inbox.status()).isEqualTo(200);
    assertThat(inbox.header("Cache-Control")).isEqualTo("no-store");
    Browser.Page cockpit = browser.get("/camunda/app/cockpit/default/");
    assertThat(cockpit.status()).as(cockpit.body()).isEqualTo(200);
    assertThat(cockpit.header("Content-Security-Policy"))
        .as("Camunda's own policy")
        .isNotEqualTo(pay.header("Content-Security-Policy"));
  }

  @Test
  void logsMaskCustomersNumbersAndKeepEventNamesOnOneLine(CapturedOutput output) {
    String waId = "201098765432";
    new Webhooks(port).post(Webhooks.text(waId, "wamid.mask.1", "عندكم ايفون؟", Instant.now()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> output.getAll().contains("persona LLM answer invalid"));
    assertThat(output.getAll())
        .contains("for conversation " + Webhooks.PHONE_NUMBER_ID + ":***432")
        .doesNotContain(waId);

    String conversation = Webhooks.PHONE_NUMBER_ID + ":" + waId;
    Browser.Page accepted =
        new Browser(port)
            .postJson(
                "/api/conversations/" + conversation + "/events",
                "{\"name\":\"Forged\\nERROR app.wasla.Fake - injected entry\"}",
                ADMIN);
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> output.getAll().contains("Forged\\nERROR app.wasla.Fake"));
    assertThat(output.getAll().lines()).noneMatch(line -> line.startsWith("ERROR app.wasla.Fake"));
  }
}
