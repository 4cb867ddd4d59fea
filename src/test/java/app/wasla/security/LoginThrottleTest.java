package app.wasla.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.CloudMode;
import app.wasla.support.WhatsAppMock;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.Credentials;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Wrong passwords from outside cannot lock an administrator out for good: after the client's allowance of failures
 * Wasla answers 429 without asking the engine, and the right password works again once the window has passed. Each
 * wrong password is sent only once the engine's short delay after the previous one has passed, so every one of them
 * would reach the engine's failed-attempt counter (which, left alone, locks a user for good after ten).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginThrottleTest {

  static final WhatsAppMock META = new WhatsAppMock();
  static final String RIGHT = Credentials.basic(CloudMode.ADMIN_ID, CloudMode.ADMIN_PASSWORD);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:login-throttle;DB_CLOSE_DELAY=-1");
    META.registerCloudMode(registry);
    registry.add("wasla.security.login.max-failures", () -> "5");
    registry.add("wasla.security.login.window", () -> "PT15S");
    // the engine's delay after a failure, short for the test
    registry.add("camunda.bpm.generic-properties.properties.login-delay-base", () -> "1");
    registry.add("camunda.bpm.generic-properties.properties.login-delay-max-time", () -> "1");
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private void engineDelayPassed() {
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      Optional<Timestamp> until = jdbc.sql("SELECT LOCK_EXP_TIME_ FROM ACT_ID_USER WHERE ID_ = ?")
          .param(CloudMode.ADMIN_ID).query((rs, n) -> rs.getTimestamp(1)).optional();
      return until.isEmpty() || until.get().toInstant().isBefore(Instant.now());
    });
  }

  /** Waits for the client's window to pass (earlier tests may have used it): the right password works. */
  private void rightPasswordWorks(Browser browser) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> browser.get("/engine-rest/user/" + CloudMode.ADMIN_ID + "/profile", RIGHT).status() == 200);
  }

  @Test
  void elevenWrongBasicPasswordsDoNotLockTheAdministratorForGood() {
    Browser browser = new Browser(port);
    rightPasswordWorks(browser);
    List<Integer> statuses = new ArrayList<>();
    String retryAfter = null;
    for (int attempt = 0; attempt < 11; attempt++) {
      engineDelayPassed();
      // a Wasla endpoint and the engine's REST API alike
      String path = attempt % 2 == 0 ? "/engine-rest/user/" + CloudMode.ADMIN_ID + "/profile"
          : "/handoff/agents/me/availability";
      Browser.Page answer = browser.get(path, Credentials.basic(CloudMode.ADMIN_ID, "guess-" + attempt));
      statuses.add(answer.status());
      retryAfter = answer.header("Retry-After") != null ? answer.header("Retry-After") : retryAfter;
    }

    assertThat(statuses.subList(0, 5)).containsOnly(401);
    assertThat(statuses.subList(5, 11)).containsOnly(429);
    assertThat(Integer.parseInt(retryAfter)).isBetween(1, 15);
    // while the client waits, even the right password is not checked
    assertThat(browser.get("/engine-rest/user/" + CloudMode.ADMIN_ID + "/profile", RIGHT).status()).isEqualTo(429);
    rightPasswordWorks(browser);
  }

  @Test
  void theWebappsLoginFormIsLimitedToo() {
    Browser browser = new Browser(port);
    rightPasswordWorks(browser);
    browser.get("/camunda/app/cockpit/default/");
    String login = "/camunda/api/admin/auth/user/default/login/cockpit";
    List<Integer> statuses = new ArrayList<>();
    for (int attempt = 0; attempt < 11; attempt++) {
      engineDelayPassed();
      statuses.add(browser.postForm(login, Map.of("username", CloudMode.ADMIN_ID, "password", "guess-" + attempt))
          .status());
    }

    assertThat(statuses.subList(0, 5)).containsOnly(401);
    assertThat(statuses.subList(5, 11)).containsOnly(429);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
        browser.postForm(login, Map.of("username", CloudMode.ADMIN_ID, "password", CloudMode.ADMIN_PASSWORD))
            .status() == 200);
  }
}
