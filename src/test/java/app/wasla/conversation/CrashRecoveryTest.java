package app.wasla.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.commerce.payment.SandboxGateway;
import app.wasla.support.ChildNodes;
import app.wasla.support.CloudMode;
import app.wasla.support.NodeLogsOnFailure;
import app.wasla.support.PostgresTestDatabase;
import app.wasla.support.WaslaProcess;
import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A 200 to Meta means the message is durable, and a crash at any point ends in exactly one reply:
 * the real application in a child JVM is killed with SIGKILL while customers' turns are delivered
 * and while its replies are being sent, and restarted on the same database (H2 as shipped, in a
 * file, and PostgreSQL). Every acknowledged message is answered. A reply can reach a customer twice
 * only in the one documented window, Meta's 200 before the SENT mark: the test counts those and
 * checks they are no more than the sends Meta took in the last second before a kill. An order
 * waiting for its payment and an open handoff go on after the restart. A turn the killed node was
 * answering in a job is answered by the next start once the job's lock ends. A SIGTERM under load
 * exits in bounded time and leaves nothing that the next start sends twice. A failed test keeps its
 * nodes' logs in target/crash-logs.
 */
@ExtendWith(NodeLogsOnFailure.class)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(ChildNodes.LOCK)
class CrashRecoveryTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  /**
   * What the test's nodes use instead of the 60 s default, so that a killed node's sends are taken
   * over soon.
   */
  private static final String LEASE = "5s";

  static Stream<Arguments> databases() {
    return Stream.of(
        // the shipped default: H2 in a file under ./data of the working directory
        Arguments.of("H2", Map.of()),
        Arguments.of(
            "PostgreSQL",
            Map.of(
                "spring.datasource.url",
                PostgresTestDatabase.url("wasla_crash", true),
                "spring.datasource.username",
                PostgresTestDatabase.USER,
                "spring.datasource.password",
                "")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void killedWhileDeliveringAndWhileSendingEveryAcceptedMessageIsAnsweredOnce(
      String name, Map<String, String> database, @TempDir Path dir) throws Exception {
    WhatsAppMock meta = new WhatsAppMock();
    Map<String, String> props = nodeProperties(database);
    String buyer = MailboxScenarios.newCustomer();
    String handedOff = MailboxScenarios.newCustomer();
    String paymentId;
    int recentAtKills = 0;
    try (Customers customers = new Customers(meta, 16)) {
      WaslaProcess node = WaslaProcess.start(meta, dir, "node-1", props);
      try {
        Webhooks webhooks = new Webhooks(node.port());
        // an order waiting for its payment, and a customer waiting for a person
        paymentId = awaitPaymentLink(meta, webhooks, buyer);
        assertThat(
                webhooks.post(
                    Webhooks.text(
                        handedOff,
                        "wamid.crash.h." + handedOff,
                        "عايز اكلم حد من خدمة العملاء",
                        Instant.now())))
            .isEqualTo(200);
        await().atMost(PATIENCE).until(() -> !meta.sentTo(handedOff).isEmpty());

        // kill 1: while turns are being delivered (every customer writing)
        customers.target(webhooks);
        awaitRepliesTo(meta, customers, 20);
        recentAtKills += kill(node, meta, "delivering turns");
      } finally {
        node.close();
      }

      // kill 2: while replies are being sent (Meta slow to answer, so sends are in flight)
      meta.answerSendsAfter(Duration.ofMillis(300));
      node = WaslaProcess.start(meta, dir, "node-2", props);
      try {
        customers.target(new Webhooks(node.port()));
        awaitRepliesTo(meta, customers, meta.sent().size() + 15);
        recentAtKills += kill(node, meta, "sending replies");
      } finally {
        node.close();
      }

      meta.answerSendsAfter(Duration.ZERO);
      node = WaslaProcess.start(meta, dir, "node-3", props);
      try {
        Webhooks webhooks = new Webhooks(node.port());
        customers.target(webhooks);
        await()
            .atMost(PATIENCE)
            .untilAsserted(
                () -> {
                  assertThat(customers.waitingForAnAnswer())
                      .as("customers with an accepted message not answered")
                      .isEmpty();
                  assertThat(customers.doneWriting())
                      .as("every customer wrote and was acknowledged")
                      .isTrue();
                });

        // the payment arrives after the restarts: the order waiting for it goes on
        SandboxGateway.Signed paid =
            new SandboxGateway(CloudMode.SANDBOX_PAYMENT_SECRET, node.baseUrl())
                .sign("evt-crash-" + buyer, paymentId, true);
        assertThat(
                post(
                    node.baseUrl() + "/webhooks/payments/sandbox",
                    paid.body(),
                    Map.of("X-Sandbox-Signature", paid.signature())))
            .isEqualTo(200);
        await()
            .atMost(PATIENCE)
            .until(() -> texts(meta, buyer).stream().anyMatch(t -> t.contains("وصلنا الدفع")));

        // the handoff survived: an agent takes it and answers the customer
        String taskId = handoffTask(node, Webhooks.PHONE_NUMBER_ID + ":" + handedOff);
        assertThat(
                post(
                    node.baseUrl() + "/engine-rest/task/" + taskId + "/claim",
                    ("{\"userId\":\"" + CloudMode.ADMIN_ID + "\"}")
                        .getBytes(StandardCharsets.UTF_8),
                    admin()))
            .isEqualTo(204);
        assertThat(
                post(
                    node.baseUrl() + "/handoff/tasks/" + taskId + "/messages",
                    "{\"text\":\"أهلا، معاك سارة من خدمة العملاء\",\"clientMessageId\":\"crash-1\"}"
                        .getBytes(StandardCharsets.UTF_8),
                    admin()))
            .isEqualTo(200);
        await()
            .atMost(PATIENCE)
            .until(() -> texts(meta, handedOff).contains("أهلا، معاك سارة من خدمة العملاء"));
        assertThat(node.terminate(Duration.ofSeconds(60))).isPresent();
      } finally {
        node.close();
      }

      int duplicates = customers.duplicates();
      System.out.printf(
          "CRASH_RECOVERY %s: %d customers, %d messages accepted, %d replies, %d duplicate(s); "
              + "sends Meta took in the last second before the kills: %d%n",
          name,
          customers.waIds().size(),
          customers.accepted().size(),
          meta.sent().size(),
          duplicates,
          recentAtKills);
      assertThat(duplicates)
          .as("duplicates beyond Meta's 200 before the SENT mark")
          .isLessThanOrEqualTo(recentAtKills);

      // the database agrees: every accepted message delivered in a turn, every reply marked SENT,
      // no other send
      try (Connection connection = connect(dir, database)) {
        JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
        for (String wamid : customers.accepted()) {
          assertThat(
                  jdbc.sql("SELECT status FROM inbox_message WHERE wamid = ?")
                      .param(wamid)
                      .query(String.class)
                      .optional())
              .as(wamid)
              .contains("DELIVERED");
        }
        assertThat(
                jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE status <> 'SENT'")
                    .query(Long.class)
                    .single())
            .isZero();
        Set<String> ours = Set.copyOf(customers.waIds());
        Map<String, Long> rows =
            jdbc.sql("SELECT wa_id FROM outbound_message").query(String.class).list().stream()
                .filter(ours::contains)
                .collect(Collectors.groupingBy(w -> w, Collectors.counting()));
        long received = meta.sent().stream().filter(s -> ours.contains(s.to())).count();
        assertThat(received - rows.values().stream().mapToLong(Long::longValue).sum())
            .isEqualTo(duplicates);
      }
    }
  }

  /**
   * SIGTERM under load (Meta slow, so sends are in flight): the node stops taking turns, finishes
   * or hands back what is in flight and exits within the bound; the next start answers the rest,
   * and nothing goes out twice.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aSigtermUnderLoadExitsInTimeAndTheRestartSendsNothingTwice(
      String name, Map<String, String> database, @TempDir Path dir) throws Exception {
    WhatsAppMock meta = new WhatsAppMock();
    Map<String, String> props = nodeProperties(database);
    // Meta slow and few senders: at the SIGTERM most sends wait in the queue, a few are in flight
    props.put("wasla.outbox.senders", "2");
    try (Customers customers = new Customers(meta, 16)) {
      meta.answerSendsAfter(Duration.ofSeconds(1));
      WaslaProcess node = WaslaProcess.start(meta, dir, "node-1", props);
      long tookMs;
      OptionalInt exit;
      try {
        customers.target(new Webhooks(node.port()));
        awaitRepliesTo(meta, customers, 4);
        int inFlight = meta.answering();
        long start = System.nanoTime();
        exit = node.terminate(Duration.ofSeconds(45));
        tookMs = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(
            "GRACEFUL_STOP %s: exit %s after %d ms, %d send(s) in flight at the SIGTERM%n",
            name, exit, tookMs, inFlight);
      } finally {
        node.close();
      }
      // 143: the JVM's exit after SIGTERM once its shutdown hooks have run
      assertThat(exit).as("exit code after SIGTERM").hasValue(143);

      meta.answerSendsAfter(Duration.ZERO);
      node = WaslaProcess.start(meta, dir, "node-2", props);
      try {
        customers.target(new Webhooks(node.port()));
        await()
            .atMost(PATIENCE)
            .untilAsserted(
                () -> {
                  assertThat(customers.doneWriting()).isTrue();
                  assertThat(customers.waitingForAnAnswer()).isEmpty();
                });
        assertThat(node.terminate(Duration.ofSeconds(60))).hasValue(143);
      } finally {
        node.close();
      }
      assertThat(customers.duplicates()).as("replies sent twice after a graceful stop").isZero();
      try (Connection connection = connect(dir, database)) {
        JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
        assertThat(
                jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE status <> 'SENT'")
                    .query(Long.class)
                    .single())
            .isZero();
      }
    }
  }

  /** What the LLM answers once it answers at all: a plain text reply. */
  private static final String LLM_REPLY = "أيوه بنقبل فودافون كاش وإنستاباي";

  /**
   * A turn the killed node was answering in a job (here an LLM call, which always runs in a job) is
   * answered after the restart once the dead node's lock on the job ends. The test's nodes lock
   * jobs for 5 s; the shipped lock (90 s, not Camunda's 5 minutes, which left such customers
   * unanswered that long) is bounded by MailboxScenarios, against the LLM's and backends' call
   * times.
   */
  @Test
  void aTurnAKilledNodeWasAnsweringInAJobIsAnsweredAfterTheRestart(@TempDir Path dir)
      throws Exception {
    WhatsAppMock meta = new WhatsAppMock();
    AtomicBoolean llmAnswers = new AtomicBoolean();
    try (MockWebServer llm = new MockWebServer()) {
      llm.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              // until the kill the LLM takes the call and never answers: the job is mid-call
              return llmAnswers.get()
                  ? llmCompletion()
                  : new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
            }
          });
      llm.start();
      Map<String, String> props = nodeProperties(Map.of());
      props.put("wasla.persona.provider", "openai");
      props.put("wasla.persona.openai.base-url", llm.url("/v1").toString().replaceAll("/$", ""));
      props.put("wasla.persona.openai.api-key", "sk-test-crash");
      props.put("wasla.persona.openai.model", "test-model");
      String waId = MailboxScenarios.newCustomer();

      WaslaProcess node = WaslaProcess.start(meta, dir, "node-1", props);
      try {
        assertThat(
                new Webhooks(node.port())
                    .post(
                        Webhooks.text(
                            waId,
                            "wamid.crash.job." + waId,
                            "بتقبلوا فودافون كاش؟",
                            Instant.now())))
            .isEqualTo(200);
        // the job executor took the turn's job and is in the LLM call
        await().atMost(PATIENCE).until(() -> llm.getRequestCount() >= 1);
        node.kill();
      } finally {
        node.close();
      }
      assertThat(meta.sentTo(waId)).isEmpty();

      llmAnswers.set(true);
      node = WaslaProcess.start(meta, dir, "node-2", props);
      try {
        Instant restarted = Instant.now();
        // the lock's rest, then the job executor's next acquisition
        await().atMost(PATIENCE).until(() -> !meta.sentTo(waId).isEmpty());
        System.out.printf(
            "CRASH_RECOVERY a turn in a job: answered %d s after the restart%n",
            Duration.between(restarted, Instant.now()).toSeconds());
        assertThat(texts(meta, waId)).containsExactly(LLM_REPLY);
        assertThat(llm.getRequestCount())
            .as("the LLM called again by the new node")
            .isGreaterThan(1);
        assertThat(node.terminate(Duration.ofSeconds(60))).isPresent();
      } finally {
        node.close();
      }
    }
  }

  private static MockResponse llmCompletion() {
    try {
      ObjectNode completion =
          (ObjectNode)
              JSON.readTree(
                  """
          {"id":"chatcmpl-1","object":"chat.completion","model":"test-model",
           "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"","refusal":null}}],
           "usage":{"prompt_tokens":812,"completion_tokens":96,"total_tokens":908}}""");
      String answer =
          """
          {"language":"ar-EG","intent":"payment","intentConfidence":0.93,
           "sentiment":{"label":"neutral","score":0.0},
           "entities":{"products":[],"quantity":null,"dateTime":null,"reference":null,"amount":null},
           "reply":{"text":"%s","options":[],"listButtonText":null},
           "handoff":false,"handoffReason":null,"summary":"asks whether Vodafone Cash is accepted"}"""
              .formatted(LLM_REPLY);
      ((ObjectNode) completion.path("choices").path(0).path("message")).put("content", answer);
      return new MockResponse()
          .setHeader("Content-Type", "application/json")
          .setBody(JSON.writeValueAsString(completion));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Map<String, String> nodeProperties(Map<String, String> database) {
    Map<String, String> props = new HashMap<>(database);
    props.put("wasla.outbox.lease", LEASE);
    // a turn the killed node was answering in a job (an LLM persona's, a backend's step) is taken
    // over when the job's lock ends (90 s as shipped, bounded by MailboxScenarios)
    props.put("camunda.bpm.job-execution.lock-time-in-millis", "5000");
    props.put("wasla.mailbox.sweep-interval", "500ms");
    return props;
  }

  /**
   * The customer asks a price, taps "Order now" and gets the sandbox payment link: returns the
   * payment id.
   */
  private static String awaitPaymentLink(WhatsAppMock meta, Webhooks webhooks, String waId) {
    assertThat(
            webhooks.post(
                Webhooks.text(
                    waId, "wamid.crash.p1." + waId, "بكام الايفون 15 برو ماكس؟", Instant.now())))
        .isEqualTo(200);
    await().atMost(PATIENCE).until(() -> texts(meta, waId).size() >= 1);
    // "Order now", then checkout: one unit, pickup at the Cairo branch, confirm, pay online; each
    // tap once the last
    // is answered (taps sent together would be one turn)
    String[] taps = {
      "sales_order:IP15PM-256",
      "checkout_qty:1",
      "checkout_pickup",
      "checkout_branch:CAI",
      "checkout_confirm",
      "pay_online"
    };
    for (int i = 0; i < taps.length; i++) {
      int answered = texts(meta, waId).size();
      assertThat(
              webhooks.post(
                  Webhooks.buttonReply(
                      waId, "wamid.crash.p2." + i + "." + waId, taps[i], taps[i], Instant.now())))
          .isEqualTo(200);
      await().atMost(PATIENCE).until(() -> texts(meta, waId).size() > answered);
    }
    await()
        .atMost(PATIENCE)
        .until(() -> texts(meta, waId).stream().anyMatch(t -> t.contains("/pay/sandbox/")));
    String link =
        texts(meta, waId).stream()
            .filter(t -> t.contains("/pay/sandbox/"))
            .findFirst()
            .orElseThrow();
    return link.replaceAll("(?s).*/pay/sandbox/([A-Z0-9-]+).*", "$1");
  }

  private static void awaitRepliesTo(WhatsAppMock meta, Customers customers, int count) {
    Set<String> ours = Set.copyOf(customers.waIds());
    await()
        .atMost(PATIENCE)
        .until(() -> meta.sent().stream().filter(s -> ours.contains(s.to())).count() >= count);
  }

  /**
   * kill -9; returns how many sends Meta took in the last second before it (the window a crash can
   * double).
   */
  private static int kill(WaslaProcess node, WhatsAppMock meta, String what)
      throws InterruptedException {
    int answering = meta.answering();
    Instant at = Instant.now();
    node.kill();
    int recent = (int) meta.sent().stream().filter(s -> s.at().isAfter(at.minusSeconds(1))).count();
    System.out.printf(
        "CRASH_RECOVERY kill -9 while %s: %d send(s) not yet answered by Meta, %d taken in the last "
            + "second%n",
        what, answering, recent);
    return recent;
  }

  /**
   * The texts Meta received for this customer (the body of a text, an interactive message's body
   * text).
   */
  private static List<String> texts(WhatsAppMock meta, String waId) {
    return meta.sentTo(waId).stream().map(s -> text(s.body())).toList();
  }

  private static String text(JsonNode body) {
    // a text's body, or an interactive's body and the URL of its call-to-action button (the payment
    // link)
    return body.path("text")
        .path("body")
        .asText(
            body.path("interactive").path("body").path("text").asText("")
                + " "
                + body.path("interactive")
                    .path("action")
                    .path("parameters")
                    .path("url")
                    .asText(""));
  }

  private static String handoffTask(WaslaProcess node, String businessKey) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    node.baseUrl()
                        + "/engine-rest/task?processInstanceBusinessKey="
                        + URLEncoder.encode(businessKey, StandardCharsets.UTF_8)))
            .header("Authorization", admin().get("Authorization"))
            .build();
    JsonNode tasks = JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    assertThat(tasks.size()).as("open handoff tasks of " + businessKey).isEqualTo(1);
    return tasks.get(0).path("id").asText();
  }

  private static Map<String, String> admin() {
    return Map.of(
        "Authorization",
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (CloudMode.ADMIN_ID + ":" + CloudMode.ADMIN_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)));
  }

  private static int post(String url, byte[] body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static Connection connect(Path dir, Map<String, String> database) throws Exception {
    if (database.isEmpty()) {
      return DriverManager.getConnection(
          "jdbc:h2:file:" + dir.resolve("data").resolve("wasla").toAbsolutePath(), "sa", "");
    }
    return DriverManager.getConnection(
        database.get("spring.datasource.url"), PostgresTestDatabase.USER, "");
  }
}
