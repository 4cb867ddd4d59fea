package app.wasla.security;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.support.CloudMode;
import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.UUID;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Expressions in a flow an administrator deploys (here over REST, switched on): they see only the
 * beans Wasla's flows use plus {@code wasla.security.expression-beans}, not the environment with
 * its secrets nor other beans, and cannot reach reflection through an allowed bean.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExpressionSandboxTest {

  static final WhatsAppMock META = new WhatsAppMock();
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ADMIN = Credentials.basic(CloudMode.ADMIN_ID, CloudMode.ADMIN_PASSWORD);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:expression-sandbox;DB_CLOSE_DELAY=-1");
    META.registerCloudMode(registry);
    registry.add("wasla.security.remote-deployments", () -> "true");
    registry.add("wasla.security.expression-beans", () -> "clock");
  }

  /** A flow that stores what {@code expression} gives in variable {@code leak}, then waits. */
  static String bpmn(String key, String expression) {
    return Bpmn.convertToString(
        Bpmn.createExecutableProcess(key)
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .serviceTask("evaluate")
            .camundaExpression(expression)
            .camundaResultVariable("leak")
            .userTask("wait")
            .endEvent()
            .done());
  }

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;

  /** Deploys over /engine-rest as an administrator and starts one instance; the start's answer. */
  private Browser.Page deployAndStart(String expression) throws IOException {
    String key = "admin_flow_" + UUID.randomUUID().toString().replace("-", "");
    RequestBody deployment =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart("deployment-name", key)
            .addFormDataPart(
                "data",
                key + ".bpmn",
                RequestBody.create(bpmn(key, expression), MediaType.get("application/xml")))
            .build();
    Browser browser = new Browser(port);
    Browser.Page deployed = browser.post("/engine-rest/deployment/create", deployment, ADMIN);
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
    return browser.postJson("/engine-rest/process-definition/key/" + key + "/start", "{}", ADMIN);
  }

  private void noVariableHolds(String secret) {
    assertThat(history.createHistoricVariableInstanceQuery().variableName("leak").list())
        .extracting(HistoricVariableInstance::getValue)
        .doesNotContain(secret);
    assertThat(runtime.createVariableInstanceQuery().variableName("leak").list())
        .extracting(v -> v.getValue())
        .doesNotContain(secret);
  }

  @Test
  void anExpressionCannotReadTheEnvironmentsSecrets() throws IOException {
    Browser.Page started =
        deployAndStart("${environment.getProperty('wasla.whatsapp.app-secret')}");

    assertThat(started.status()).isBetween(400, 599);
    assertThat(JSON.readTree(started.body()).path("message").asText())
        .contains("Unknown property used in expression")
        .contains("environment");
    assertThat(started.body()).doesNotContain(Webhooks.APP_SECRET);
    noVariableHolds(Webhooks.APP_SECRET);
  }

  @Test
  void beansTheFlowsDoNotUseAreUnknownToExpressions() throws IOException {
    for (String expression :
        new String[] {
          "${dataSource.toString()}",
          "${jdbcTemplate.queryForList('SELECT 1')}",
          "${identityService.toString()}",
          "${systemProperties}"
        }) {
      Browser.Page started = deployAndStart(expression);
      assertThat(started.status()).as(expression).isBetween(400, 599);
      assertThat(JSON.readTree(started.body()).path("message").asText())
          .as(expression)
          .contains("Unknown property used in expression");
    }
    noVariableHolds(Webhooks.APP_SECRET);
  }

  @Test
  void anAllowedBeanLeadsToNoReflectionNorTheEnginesServices() throws IOException {
    for (String expression :
        new String[] {
          "${personaReply.getClass().forName('java.lang.Runtime').getName()}",
          "${personaReply['class'].name}",
          "${personaReply.class.classLoader.toString()}",
          "${execution.getClass().getName()}",
          "${''.getClass().forName('java.lang.System').getName()}",
          "${execution.processEngineServices.identityService.createUserQuery().count()}",
          "${execution.getProcessEngine().getName()}"
        }) {
      Browser.Page started = deployAndStart(expression);
      assertThat(started.status()).as(expression).isBetween(400, 599);
      JsonNode error = JSON.readTree(started.body());
      assertThat(error.path("message").asText()).as(expression).contains("may not use");
    }
    // (only the extra-list test's numbers)
    assertThat(runtime.createVariableInstanceQuery().variableName("leak").list())
        .allMatch(v -> v.getValue() instanceof Long);
  }

  @Test
  void aBeanOnTheExtraListWorks() throws IOException {
    Browser.Page started = deployAndStart("${clock.millis()}");

    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String instance = JSON.readTree(started.body()).path("id").asText();
    assertThat(runtime.getVariable(instance, "leak")).isInstanceOf(Long.class);
  }
}
