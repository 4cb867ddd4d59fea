package app.wasla.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.CloudMode;
import app.wasla.support.WhatsAppMock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Credentials;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Failed logins are limited per (client address, user name) pair and per client address, never per
 * user alone: whoever guesses is slowed down, and nobody else's failures ever refuse a right
 * password. Each client is a real source address (127.0.x.y, all loopback on Linux); each test uses
 * addresses of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginThrottleTest {

  static final WhatsAppMock META = new WhatsAppMock();
  static final String RIGHT = Credentials.basic(CloudMode.ADMIN_ID, CloudMode.ADMIN_PASSWORD);
  static final String PROFILE = "/engine-rest/user/" + CloudMode.ADMIN_ID + "/profile";
  static final String WEBAPP_LOGIN = "/camunda/api/admin/auth/user/default/login/cockpit";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:login-throttle;DB_CLOSE_DELAY=-1");
    META.registerCloudMode(registry);
    registry.add("wasla.security.login.max-failures", () -> "5");
    registry.add("wasla.security.login.max-failures-per-client", () -> "8");
    registry.add("wasla.security.login.window", () -> "PT30S");
  }

  @LocalServerPort int port;

  private Browser from(String address) {
    return new Browser(port, address);
  }

  private static String wrong(String user, int attempt) {
    return Credentials.basic(user, "Guess-" + attempt + "-pw!");
  }

  @Test
  void aPairIsBlockedAfterItsFailuresWhileTheRightPasswordFromAnotherAddressWorks() {
    Browser guesser = from("127.0.1.1");
    List<Integer> statuses = new ArrayList<>();
    String retryAfter = null;
    for (int attempt = 0; attempt < 7; attempt++) {
      // the engine's REST API and a Wasla endpoint alike
      String path = attempt % 2 == 0 ? PROFILE : "/handoff/agents/me/availability";
      Browser.Page answer = guesser.get(path, wrong(CloudMode.ADMIN_ID, attempt));
      statuses.add(answer.status());
      retryAfter = answer.header("Retry-After") != null ? answer.header("Retry-After") : retryAfter;
    }

    assertThat(statuses.subList(0, 5)).containsOnly(401);
    assertThat(statuses.subList(5, 7)).containsOnly(429);
    assertThat(Integer.parseInt(retryAfter)).isBetween(1, 30);
    // the blocked pair is not checked, the right password neither
    assertThat(guesser.get(PROFILE, RIGHT).status()).isEqualTo(429);
    // the administrator at another address logs in at once: the engine neither delays nor locks
    assertThat(from("127.0.1.2").get(PROFILE, RIGHT).status()).isEqualTo(200);
    // and the pair itself once its window has passed
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> guesser.get(PROFILE, RIGHT).status() == 200);
  }

  @Test
  void failuresForManyUserNamesBlockOnlyTheAddressTheyComeFrom() {
    Browser sprayer = from("127.0.2.1");
    List<Integer> statuses = new ArrayList<>();
    for (int n = 1; n <= 5; n++) {
      statuses.add(sprayer.get("/engine-rest/task", wrong("nosuchuser" + n, n)).status());
    }
    assertThat(statuses).containsOnly(401);
    // five failures for other names do not block the administrator, not even at that address
    assertThat(sprayer.get(PROFILE, RIGHT).status()).isEqualTo(200);

    for (int n = 6; n <= 8; n++) {
      statuses.add(sprayer.get("/engine-rest/task", wrong("nosuchuser" + n, n)).status());
    }
    assertThat(statuses).containsOnly(401);
    // the address's allowance is used up: everything from it waits, any user name
    Browser.Page blocked = sprayer.get(PROFILE, RIGHT);
    assertThat(blocked.status()).isEqualTo(429);
    assertThat(blocked.header("Retry-After")).isNotNull();
    assertThat(sprayer.get("/engine-rest/task", wrong("someoneelse", 9)).status()).isEqualTo(429);
    // everyone else is untouched
    assertThat(from("127.0.2.2").get(PROFILE, RIGHT).status()).isEqualTo(200);
  }

  @Test
  void manyAddressesFailingForOneUserNeverRefuseItsRightPassword() {
    List<Integer> statuses = new ArrayList<>();
    for (int address = 1; address <= 26; address++) {
      Browser guesser = from("127.0.3." + address);
      for (int attempt = 0; attempt < 3; attempt++) {
        statuses.add(guesser.get(PROFILE, wrong(CloudMode.ADMIN_ID, attempt)).status());
      }
    }

    // 78 failures for one user: each answered by the password check, none locks or delays that user
    assertThat(statuses).hasSize(78).containsOnly(401);
    assertThat(from("127.0.3.200").get(PROFILE, RIGHT).status()).isEqualTo(200);
    assertThat(from("127.0.3.1").get(PROFILE, RIGHT).status()).isEqualTo(200);
  }

  @Test
  void theEnginesPasswordCheckServiceIsClosedToLoggedInCallersToo() {
    Browser admin = from("127.0.5.1");
    String guess = "{\"username\":\"" + CloudMode.ADMIN_ID + "\",\"password\":\"Guess-1-pw!\"}";
    // it would answer 200 {"authenticated":false} to any logged-in caller, never counted as a
    // failed login
    for (String path :
        List.of(
            "/engine-rest/identity/verify",
            "/engine-rest/identity/%76erify",
            "/engine-rest//identity/verify/",
            "/engine-rest/identity;x=1/verify")) {
      Browser.Page answer = admin.postJson(path, guess, RIGHT);
      assertThat(answer.status()).as(path + ": " + answer.body()).isIn(403, 404);
      assertThat(answer.body()).doesNotContain("authenticated");
    }
    assertThat(admin.postJson("/engine-rest/identity/verify", guess, RIGHT).status())
        .isEqualTo(403);
  }

  @Test
  void guessingTheCurrentPasswordInAPasswordChangeIsLimitedLikeALogin() {
    Browser session = from("127.0.6.1");
    String credentials = "/engine-rest/user/" + CloudMode.ADMIN_ID + "/credentials";
    List<Integer> statuses = new ArrayList<>();
    for (int attempt = 0; attempt < 7; attempt++) {
      String body =
          "{\"password\":\"New-Passw0rd#2026\",\"authenticatedUserPassword\":\"Guess-"
              + attempt
              + "-pw!\"}";
      statuses.add(
          session
              .call(
                  new okhttp3.Request.Builder()
                      .url("http://localhost:" + port + credentials)
                      .put(
                          okhttp3.RequestBody.create(
                              body, okhttp3.MediaType.get("application/json"))),
                  RIGHT)
              .status());
    }
    // the engine refuses a wrong current password with 400; after five the pair waits
    assertThat(statuses.subList(0, 5)).containsOnly(400);
    assertThat(statuses.subList(5, 7)).containsOnly(429);
    assertThat(from("127.0.6.2").get(PROFILE, RIGHT).status()).isEqualTo(200);
  }

  @Test
  void theWebappsLoginFormIsLimitedPerPairToo() {
    Browser guesser = from("127.0.4.1");
    guesser.get("/camunda/app/cockpit/default/");
    List<Integer> statuses = new ArrayList<>();
    for (int attempt = 0; attempt < 7; attempt++) {
      statuses.add(
          guesser
              .postForm(
                  WEBAPP_LOGIN,
                  Map.of("username", CloudMode.ADMIN_ID, "password", "Guess-" + attempt + "-pw!"))
              .status());
    }
    assertThat(statuses.subList(0, 5)).containsOnly(401);
    assertThat(statuses.subList(5, 7)).containsOnly(429);
    assertThat(
            guesser
                .postForm(
                    WEBAPP_LOGIN,
                    Map.of("username", CloudMode.ADMIN_ID, "password", CloudMode.ADMIN_PASSWORD))
                .status())
        .isEqualTo(429);

    Browser admin = from("127.0.4.2");
    admin.get("/camunda/app/cockpit/default/");
    assertThat(
            admin
                .postForm(
                    WEBAPP_LOGIN,
                    Map.of("username", CloudMode.ADMIN_ID, "password", CloudMode.ADMIN_PASSWORD))
                .status())
        .isEqualTo(200);
  }

  @Test
  void aRightPasswordRefusedOnTheApiIsForbiddenAndNeverCountsAsAFailedLogin() {
    Browser admin = from("127.0.6.1");
    Browser.Page created =
        admin.postJson(
            "/engine-rest/user/create",
            """
        {"profile":{"id":"apisupervisor","firstName":"Api","lastName":"Supervisor","email":"sup@example.com"},
         "credentials":{"password":"%s"}}"""
                .formatted(CloudMode.AGENT_PASSWORD),
            RIGHT);
    assertThat(created.status()).as(created.body()).isEqualTo(204);
    String supervisor = Credentials.basic("apisupervisor", CloudMode.AGENT_PASSWORD);

    Browser script = from("127.0.6.2");
    for (int call = 0; call < 8; call++) {
      Browser.Page refused = script.get("/api/conversations", supervisor);
      // authenticated but not allowed: 403, which the throttle does not count
      assertThat(refused.status()).as(refused.body()).isEqualTo(403);
      assertThat(refused.body()).contains("insufficient-scope");
    }
    // the same login still works everywhere else from that address
    assertThat(script.get("/engine-rest/user/apisupervisor/profile", supervisor).status())
        .isEqualTo(200);
    // a wrong password on /api is a failed login (401), as anywhere
    assertThat(script.get("/api/conversations", wrong("apisupervisor", 1)).status()).isEqualTo(401);
  }
}
