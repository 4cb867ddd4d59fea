package app.wasla.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.wasla.WaslaApplication;
import app.wasla.support.CloudMode;
import app.wasla.support.WaslaNode;
import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.Credentials;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Cloud mode's start-up rules on identities, with whole nodes: no start without an administrator
 * (Camunda's setup page would let the first caller make one), the setup page closed once there is
 * one, and the sandbox's demo accounts gone when a sandbox database is run in cloud mode.
 */
class CloudStartupTest {

  static final WhatsAppMock META = new WhatsAppMock();
  static final String NO_ADMIN =
      "Cloud mode needs a Camunda administrator: set camunda.bpm.admin-user.id and "
          + "camunda.bpm.admin-user.password (environment CAMUNDA_BPM_ADMINUSER_ID and CAMUNDA_BPM_ADMINUSER_PASSWORD), "
          + "or use a database that already has a user in group camunda-admin.";

  static Map<String, String> h2(String name) {
    return Map.of(
        "spring.datasource.url", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
  }

  static Stream<Arguments> databases() {
    return WaslaNode.databases("sec-sandbox-then-cloud");
  }

  static Stream<Arguments> adminDatabases() {
    return WaslaNode.databases("sec-admin-in-db");
  }

  /**
   * A node on this database; cloud mode with Meta's test credentials unless {@code sandbox},
   * nothing else added.
   */
  static ConfigurableApplicationContext node(
      Map<String, String> database, boolean sandbox, Map<String, String> extra) {
    Map<String, String> props = new HashMap<>(database);
    props.put("server.port", "0");
    if (!sandbox) {
      props.put("wasla.whatsapp.mode", "cloud");
      props.put("wasla.whatsapp.api-base-url", META.baseUrl());
      props.put("wasla.whatsapp.access-token", "test-token");
      props.put("wasla.whatsapp.app-secret", Webhooks.APP_SECRET);
      props.put("wasla.whatsapp.verify-token", "test-verify-token");
      props.put("wasla.commerce.sandbox.allow-in-cloud", "true");
      props.put("wasla.commerce.sandbox.secret", CloudMode.SANDBOX_PAYMENT_SECRET);
    }
    props.putAll(extra);
    return new SpringApplicationBuilder(WaslaApplication.class)
        .run(
            props.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
  }

  static Map<String, String> admin() {
    return Map.of(
        "camunda.bpm.admin-user.id",
        CloudMode.ADMIN_ID,
        "camunda.bpm.admin-user.password",
        CloudMode.ADMIN_PASSWORD);
  }

  static int port(ConfigurableApplicationContext node) {
    return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
  }

  @Test
  void cloudModeWithoutAnAdministratorRefusesToStartSayingWhatToSet() {
    assertThatThrownBy(() -> node(h2("cloud-no-admin"), false, Map.of()).close())
        .rootCause()
        .hasMessage(NO_ADMIN);
  }

  static Stream<Arguments> weakAdministrators() {
    return Stream.of(
        Arguments.of("admin", "admin"),
        // no upper-case letter
        Arguments.of("ops", "admin-test-password-7f3a"),
        // the user id inside
        Arguments.of("rania", "Rania-pw-2026!"));
  }

  @ParameterizedTest(name = "{0} / {1}")
  @MethodSource("weakAdministrators")
  void aWeakAdministratorPasswordIsRefusedSayingWhatIsNeeded(String id, String password) {
    assertThatThrownBy(
            () ->
                node(
                        h2("cloud-weak-admin-" + id),
                        false,
                        Map.of(
                            "camunda.bpm.admin-user.id",
                            id,
                            "camunda.bpm.admin-user.password",
                            password))
                    .close())
        .rootCause()
        .hasMessage(CloudModeGuard.WEAK_ADMIN_PASSWORD);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shortSecrets")
  void shortWhatsAppSecretsAreRefused(String key, String value) {
    Map<String, String> settings = new HashMap<>(admin());
    settings.put(key, value);
    assertThatThrownBy(
            () -> node(h2("cloud-short-" + key + value.length()), false, settings).close())
        .rootCause()
        .hasMessageStartingWith(key + " must be at least 16 characters in cloud mode");
  }

  static Stream<Arguments> shortSecrets() {
    // what Meta issues has 32 hex digits; the verify token is the operator's choice
    return Stream.of(
        Arguments.of("wasla.whatsapp.app-secret", "a"),
        Arguments.of("wasla.whatsapp.verify-token", "v"),
        Arguments.of("wasla.whatsapp.verify-token", "fifteen-chars-x"));
  }

  @Test
  void anAdministratorWithoutAPasswordIsRefusedToo() {
    // Camunda would take the user id as the password
    assertThatThrownBy(
            () ->
                node(
                        h2("cloud-admin-no-password"),
                        false,
                        Map.of("camunda.bpm.admin-user.id", "ops"))
                    .close())
        .rootCause()
        .hasMessageContaining("camunda.bpm.admin-user.password");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adminDatabases")
  void theSetupPageCreatesNobodyWhenTheDatabaseHasAnAdministrator(
      String name, Map<String, String> database) {
    // the first start creates the administrator from the settings; the second has it in the
    // database only
    node(database, false, admin()).close();
    try (ConfigurableApplicationContext node = node(database, false, Map.of())) {
      Browser browser = new Browser(port(node));
      browser.get("/camunda/app/admin/default/setup/");
      assertThat(browser.xsrfToken()).as("Camunda's XSRF cookie").isPresent();

      Browser.Page created =
          browser.postJson(
              "/camunda/api/admin/setup/default/user/create",
              """
          {"profile":{"id":"intruder","firstName":"In","lastName":"Truder","email":"in@truder.example"},
           "credentials":{"password":"intruder-password-1"}}""",
              null);

      assertThat(created.status()).as(created.body()).isBetween(400, 499);
      IdentityService identity = node.getBean(IdentityService.class);
      assertThat(identity.createUserQuery().userId("intruder").count()).isZero();
      assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").list())
          .extracting(u -> u.getId())
          .containsExactly(CloudMode.ADMIN_ID);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aSandboxDatabaseRunInCloudModeLosesTheDemoAccounts(
      String name, Map<String, String> database) {
    try (ConfigurableApplicationContext sandbox = node(database, true, Map.of())) {
      IdentityService identity = sandbox.getBean(IdentityService.class);
      assertThat(identity.createUserQuery().userIdIn("demo", "sara", "omar", "mona").count())
          .isEqualTo(4);
      assertThat(
              new Browser(port(sandbox))
                  .get("/engine-rest/user/demo/profile", Credentials.basic("demo", "demo"))
                  .status())
          .isEqualTo(200);
    }
    try (ConfigurableApplicationContext cloud = node(database, false, admin())) {
      IdentityService identity = cloud.getBean(IdentityService.class);
      assertThat(identity.createUserQuery().userIdIn("demo", "sara", "omar", "mona").list())
          .isEmpty();
      assertThat(
              new Browser(port(cloud))
                  .get("/engine-rest/user/demo/profile", Credentials.basic("demo", "demo"))
                  .status())
          .isEqualTo(401);
      // the teams stay: real agents may be in them
      assertThat(identity.createGroupQuery().groupIdIn("sales", "support").count()).isEqualTo(2);
      assertThat(identity.createUserQuery().userId(CloudMode.ADMIN_ID).count()).isOne();
    }
  }

  @Test
  void theSandboxSimulatorServesItsScriptApartUnderTheSecurityHeaders() {
    try (ConfigurableApplicationContext sandbox = node(h2("sandbox-simulator"), true, Map.of())) {
      Browser browser = new Browser(port(sandbox));
      Browser.Page page = browser.get("/simulator");
      assertThat(page.status()).isEqualTo(200);
      // no inline script, so the policy needs no 'unsafe-inline' for scripts
      assertThat(page.body())
          .contains("<script src=\"/simulator/simulator.js\"></script>")
          .doesNotContain("<script>");
      assertThat(page.header("Content-Security-Policy"))
          .contains("script-src 'self';")
          .contains("frame-ancestors 'self'");
      assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(page.header("Referrer-Policy")).isNotBlank();
      Browser.Page script = browser.get("/simulator/simulator.js");
      assertThat(script.header("Content-Type")).startsWith("text/javascript");
      assertThat(script.body()).contains("fetch('/simulator/api/messages'");
    }
  }
}
