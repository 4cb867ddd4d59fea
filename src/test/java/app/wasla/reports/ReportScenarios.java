package app.wasla.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.commerce.Sales;
import app.wasla.handoff.HandoffRouter;
import app.wasla.support.Webhooks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yaml.snakeyaml.Yaml;

/**
 * The owner's reports end to end: a scripted set of conversations through the real webhook path
 * (sandbox WhatsApp, the embedded persona, the demo store, the sandbox gateway's pay page), then
 * the report API's figures checked exactly against the script. Run on H2 and PostgreSQL by the
 * subclasses.
 *
 * <p>The script, on business number {@link Webhooks#PHONE_NUMBER_ID}: a buyer who asks about a
 * Samsung A15, orders and pays; one who orders AirPods and does not pay; one who only asks a price
 * and then corrects the bot ("لا انا بسأل على…", no, I asked about…: an unanswered question); one
 * who asks for a person (the handoff's first-response deadline of 2 s passes, then the agent
 * answers: an SLA breach); one whose question the persona cannot answer (a handoff nobody answers:
 * a second breach); one who says hello, is taken over from the inbox by the owner herself (a
 * take-over, not a handoff) and then says STOP (an opt-out); one whose first message is STOP (a
 * conversation all the same). On {@link #OTHER_NUMBER}: one customer who asks a price.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "wasla.whatsapp.app-secret=" + Webhooks.APP_SECRET,
      "wasla.commerce.sandbox.secret=reports-sandbox-secret",
      "wasla.api.bootstrap-key=" + ReportScenarios.API_KEY,
      "wasla.api.rate-limit=1000",
      "wasla.handoff.first-response=PT2S",
      "wasla.handoff.staff-opens=00:00",
      "wasla.handoff.staff-closes=00:00",
      "wasla.mailbox.sweep-interval=500ms"
    })
// metrics export is off in tests unless asked for; the prometheus endpoint is part of the contract
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
abstract class ReportScenarios {

  static final String API_KEY = "wasla_reports_test_key_5b7e0c2d9a41";
  static final String OTHER_NUMBER = "109876543210002";
  static final Duration PATIENCE = Duration.ofSeconds(60);
  static final OkHttpClient HTTP = new OkHttpClient.Builder().followRedirects(false).build();
  static final ObjectMapper JSON = new ObjectMapper();

  /** What a customer writes when the bot answered another question than hers. */
  static final String CORRECTION = "لا انا بسأل على لابتوب ديل مش ايفون";

  /** A15's price: what the buyer pays (the order's amount; the delivery fee is not revenue). */
  static final BigDecimal A15 = new BigDecimal("7999.00");

  /** The script runs once per application context (H2 or PostgreSQL). */
  private static final Map<Class<?>, Boolean> PLAYED =
      new java.util.concurrent.ConcurrentHashMap<>();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired TaskService tasks;
  @Autowired Sales sales;

  @BeforeEach
  void playTheScriptOnce() throws Exception {
    if (PLAYED.putIfAbsent(getClass(), true) == null) {
      new Script().play();
    }
  }

  /** One customer of the script. */
  final class Customer {
    final String phoneNumberId;
    final String waId;
    final String key;
    int turn;

    Customer(String phoneNumberId) {
      this.phoneNumberId = phoneNumberId;
      this.waId = "2015" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
      this.key = phoneNumberId + ":" + waId;
    }

    List<String> sent() {
      return jdbc.sql("SELECT text FROM outbound_message WHERE conversation_key = ? ORDER BY id")
          .param(key)
          .query(String.class)
          .list();
    }

    private List<String> post(byte[] payload) throws IOException {
      int before = sent().size();
      byte[] body =
          new String(payload, StandardCharsets.UTF_8)
              .replace(Webhooks.PHONE_NUMBER_ID, phoneNumberId)
              .getBytes(StandardCharsets.UTF_8);
      assertThat(new Webhooks(port).post(body)).isEqualTo(200);
      await().atMost(PATIENCE).until(() -> sent().size() > before);
      List<String> all = sent();
      return all.subList(before, all.size());
    }

    List<String> says(String text) throws IOException {
      return post(Webhooks.text(waId, wamid(), text, Instant.now()));
    }

    List<String> taps(String id, String title) throws IOException {
      return post(Webhooks.buttonReply(waId, wamid(), id, title, Instant.now()));
    }

    private String wamid() {
      return "wamid.reports." + waId + "." + (++turn);
    }

    /** From the offer's "Order now" to the payment link; returns the payment id. */
    String ordersAndGetsALink(String sku) throws IOException {
      assertThat(taps("sales_order:" + sku, "Order now")).last().asString().contains("[1]");
      taps("checkout_qty:1", "1");
      taps("checkout_delivery", "Delivery");
      assertThat(says("24 Abbas El Akkad St, Nasr City, Cairo"))
          .last()
          .asString()
          .contains("[Confirm]");
      assertThat(taps("checkout_confirm", "Confirm")).last().asString().contains("[Pay online]");
      List<String> link = taps("pay_online", "Pay online");
      assertThat(link).last().asString().contains("/pay/sandbox/");
      return link.get(link.size() - 1).replaceAll("(?s).*/pay/sandbox/([A-Z0-9-]+).*", "$1");
    }

    Task handoff() {
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  tasks
                          .createTaskQuery()
                          .processInstanceBusinessKey(key)
                          .taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
                          .count()
                      == 1);
      return tasks
          .createTaskQuery()
          .processInstanceBusinessKey(key)
          .taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
          .singleResult();
    }

    void awaitOptOut() {
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  jdbc.sql(
                              "SELECT COUNT(*) FROM customer WHERE customer_key = ? AND marketing_opt_out = TRUE")
                          .param(key)
                          .query(Integer.class)
                          .single()
                      == 1);
    }

    void awaitBreach() {
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  jdbc.sql(
                              "SELECT COUNT(*) FROM handoff_event WHERE conversation_key = ?"
                                  + " AND event_type = 'first_response_overdue'")
                          .param(key)
                          .query(Integer.class)
                          .single()
                      > 0);
    }
  }

  /** The script of the class comment. */
  final class Script {
    void play() throws Exception {
      Customer buyer = new Customer(Webhooks.PHONE_NUMBER_ID);
      assertThat(buyer.says("how much is the samsung a15?")).last().asString().contains("7,999");
      String payment = buyer.ordersAndGetsALink("SM-A15");
      try (Response paid =
          HTTP.newCall(
                  new Request.Builder()
                      .url(base() + "/pay/sandbox/" + payment)
                      .post(new FormBody.Builder().add("outcome", "pay").build())
                      .build())
              .execute()) {
        assertThat(paid.code()).isEqualTo(200);
      }
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  jdbc.sql(
                              "SELECT COUNT(*) FROM commerce_sale WHERE conversation_key = ? AND paid_at IS NOT NULL")
                          .param(buyer.key)
                          .query(Integer.class)
                          .single()
                      == 1);

      Customer orderer = new Customer(Webhooks.PHONE_NUMBER_ID);
      orderer.says("how much are the airpods pro 2?");
      orderer.ordersAndGetsALink("APP2");

      Customer looker = new Customer(Webhooks.PHONE_NUMBER_ID);
      looker.says("بكام الايفون 15؟");
      // the customer corrects the bot's reading: a question it did not answer
      looker.says(CORRECTION);

      Customer wantsAPerson = new Customer(Webhooks.PHONE_NUMBER_ID);
      wantsAPerson.says("I want to talk to a person please");
      Task task = wantsAPerson.handoff();
      wantsAPerson.awaitBreach();
      String agent = task.getAssignee() == null ? "demo" : task.getAssignee();
      try (Response answer =
          HTTP.newCall(
                  new Request.Builder()
                      .url(base() + "/handoff/tasks/" + task.getId() + "/messages")
                      .header("Authorization", basic(agent, agent))
                      .post(
                          RequestBody.create(
                              "{\"text\":\"Hello, Sara here. How can I help?\",\"clientMessageId\":\"r1\"}",
                              MediaType.get("application/json")))
                      .build())
              .execute()) {
        assertThat(answer.code()).as(answer.body().string()).isEqualTo(200);
      }

      Customer puzzled = new Customer(Webhooks.PHONE_NUMBER_ID);
      puzzled.says("do you do gift wrapping?");
      puzzled.handoff();
      puzzled.awaitBreach();

      Customer leaver = new Customer(Webhooks.PHONE_NUMBER_ID);
      leaver.says("hello");
      // the owner takes the resting conversation over herself from the inbox: not a handoff the
      // bot asked for
      try (Response taken =
          HTTP.newCall(
                  new Request.Builder()
                      .url(base() + "/inbox/api/conversations/" + leaver.key + "/take-over")
                      .header("Authorization", basic("demo", "demo"))
                      .post(RequestBody.create("{}", MediaType.get("application/json")))
                      .build())
              .execute()) {
        assertThat(taken.code()).as(taken.body().string()).isEqualTo(200);
      }
      leaver.handoff();
      leaver.says("STOP");
      leaver.awaitOptOut();

      // a customer whose very first message is STOP: answered outside the flow, still a
      // conversation
      Customer stopper = new Customer(Webhooks.PHONE_NUMBER_ID);
      stopper.says("STOP");
      stopper.awaitOptOut();

      Customer elsewhere = new Customer(OTHER_NUMBER);
      elsewhere.says("how much is the samsung a15?");
    }
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  record Answer(int status, JsonNode body) {}

  Answer get(String pathAndQuery, String authorization) throws IOException {
    Request.Builder b = new Request.Builder().url(base() + pathAndQuery);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try (Response r = HTTP.newCall(b.build()).execute()) {
      String text = r.body().string();
      return new Answer(r.code(), text.isEmpty() ? null : JSON.readTree(text));
    }
  }

  Answer api(String pathAndQuery) throws IOException {
    return get(pathAndQuery, "Bearer " + API_KEY);
  }

  @Test
  void theSummaryCountsTheScriptExactly() throws Exception {
    Answer a = api("/api/reports/summary?period=7d");
    assertThat(a.status()).as("%s", a.body()).isEqualTo(200);
    JsonNode s = a.body();
    assertThat(s.at("/scope/phoneNumberId").asText()).isEqualTo("all");
    assertThat(s.at("/scope/zone").asText()).isEqualTo("Africa/Cairo");
    // the customer whose first message was STOP counts, and the bot's confirmation is measured
    assertThat(s.get("conversationsStarted").asInt()).as("%s", s).isEqualTo(8);
    assertThat(s.at("/firstResponse/bot/measured").asInt()).isEqualTo(8);
    assertThat(s.at("/firstResponse/bot/unanswered").asInt()).isZero();
    assertThat(s.at("/firstResponse/bot/medianSeconds").asDouble()).isGreaterThanOrEqualTo(0);
    assertThat(s.at("/firstResponse/bot/p90Seconds").asDouble())
        .isGreaterThanOrEqualTo(s.at("/firstResponse/bot/medianSeconds").asDouble());
    // the person answered after the 2-second deadline had passed
    assertThat(s.at("/firstResponse/person/measured").asInt()).isEqualTo(1);
    assertThat(s.at("/firstResponse/person/unanswered").asInt()).isEqualTo(1);
    assertThat(s.at("/firstResponse/person/medianSeconds").asDouble()).isGreaterThanOrEqualTo(2.0);
    assertThat(s.at("/funnel/productInquiries").asInt()).isEqualTo(4);
    assertThat(s.at("/funnel/ordered").asInt()).isEqualTo(2);
    assertThat(s.at("/funnel/paid").asInt()).isEqualTo(1);
    assertThat(s.get("orders").asInt()).isEqualTo(2);
    assertThat(s.get("paidOrders").asInt()).isEqualTo(1);
    assertThat(s.get("revenueEgp").decimalValue()).isEqualByComparingTo(A15);
    assertThat(s.get("averageOrderValueEgp").decimalValue()).isEqualByComparingTo(A15);
    // the owner's own take-over is reported apart, out of the handoffs and their rate
    assertThat(s.get("handoffs").asInt()).isEqualTo(2);
    assertThat(s.get("takeovers").asInt()).isEqualTo(1);
    assertThat(s.get("handoffRate").asDouble()).isEqualTo(0.25);
    List<String> reasons = new ArrayList<>();
    s.get("handoffReasons")
        .forEach(r -> reasons.add(r.get("reason").asText() + "=" + r.get("handoffs").asInt()));
    assertThat(reasons).containsExactlyInAnyOrder("customer_asked=1", "unanswered_question=1");
    assertThat(s.get("slaBreaches").asInt()).isEqualTo(2);
    assertThat(s.get("optOuts").asInt()).isEqualTo(2);
    assertThat(s.get("unansweredQuestions").asInt()).isEqualTo(2);
  }

  @Test
  void oneBusinessNumberCountsOnlyItsOwn() throws Exception {
    JsonNode s = api("/api/reports/summary?period=7d&phoneNumberId=" + OTHER_NUMBER).body();
    assertThat(s.get("conversationsStarted").asInt()).as("%s", s).isEqualTo(1);
    assertThat(s.at("/funnel/productInquiries").asInt()).isEqualTo(1);
    assertThat(s.get("orders").asInt()).isZero();
    assertThat(s.get("handoffs").asInt()).isZero();
    assertThat(s.get("handoffRate").asDouble()).isZero();
    assertThat(s.get("averageOrderValueEgp")).as("no paid order: no average").isNull();
    JsonNode numbers = api("/api/reports/numbers").body().get("numbers");
    assertThat(numbers.toString()).contains(Webhooks.PHONE_NUMBER_ID).contains(OTHER_NUMBER);
  }

  @Test
  void revenuePerDayPerFlowTheUnansweredAndTheIntents() throws Exception {
    JsonNode byDay = api("/api/reports/revenue-by-day?period=7d").body();
    JsonNode days = byDay.get("days");
    assertThat(days).hasSize(7);
    BigDecimal total = BigDecimal.ZERO;
    for (JsonNode d : days) {
      total = total.add(d.get("revenueEgp").decimalValue());
    }
    assertThat(total).isEqualByComparingTo(A15);
    assertThat(days.get(0).get("date").asText()).isEqualTo(byDay.at("/scope/from").asText());
    assertThat(days.get(6).get("date").asText()).isEqualTo(byDay.at("/scope/to").asText());

    JsonNode flows = api("/api/reports/revenue-by-flow?period=7d").body().get("flows");
    assertThat(flows).hasSize(1);
    assertThat(flows.get(0).get("flow").asText()).isEqualTo("order-and-pay");
    assertThat(flows.get(0).get("orders").asInt()).isEqualTo(2);
    assertThat(flows.get(0).get("paidOrders").asInt()).isEqualTo(1);
    assertThat(flows.get(0).get("revenueEgp").decimalValue()).isEqualByComparingTo(A15);

    JsonNode questions = api("/api/reports/unanswered?period=7d").body().get("questions");
    List<String> asked = new ArrayList<>();
    questions.forEach(q -> asked.add(q.get("question").asText() + "=" + q.get("times").asInt()));
    // the question the persona said it could not answer, and the correction of a wrong reading
    assertThat(asked).containsExactlyInAnyOrder("do you do gift wrapping?=1", CORRECTION + "=1");

    JsonNode intents = api("/api/reports/intents?period=7d").body().get("intents");
    assertThat(intents.toString()).contains("\"intent\":\"product_inquiry\"");

    JsonNode funnel = api("/api/reports/funnel?period=7d").body().get("funnel");
    assertThat(funnel.get("productInquiries").asInt()).isEqualTo(4);
    JsonNode handoffs = api("/api/reports/handoffs?period=7d").body().get("handoffs");
    assertThat(handoffs.get("slaBreaches").asInt()).isEqualTo(2);
    assertThat(handoffs.get("handoffs").asInt()).isEqualTo(2);
    assertThat(handoffs.get("takeovers").asInt()).isEqualTo(1);
    assertThat(handoffs.at("/person/unanswered").asInt()).isEqualTo(1);
  }

  /**
   * A day is a day in Cairo: an order paid at 23:30 UTC (01:30 the next morning in Cairo, winter)
   * counts on the next Cairo day. Written through the commerce package's own recording, on a number
   * and a date no other scenario uses.
   */
  @Test
  void aPaymentLateInTheUtcEveningCountsOnTheNextCairoDay() throws Exception {
    String number = "109876543210009";
    sales.ordered(
        "ORD-BOUNDARY",
        number + ":201099990000",
        "order-and-pay",
        new BigDecimal("500"),
        Instant.parse("2025-03-01T20:00:00Z"));
    sales.paid(
        "ORD-BOUNDARY",
        "PAY-BOUNDARY",
        new BigDecimal("500"),
        Instant.parse("2025-03-01T23:30:00Z"));
    JsonNode days =
        api("/api/reports/revenue-by-day?from=2025-03-01&to=2025-03-02&phoneNumberId=" + number)
            .body()
            .get("days");
    assertThat(days).hasSize(2);
    assertThat(days.get(0).get("date").asText()).isEqualTo("2025-03-01");
    assertThat(days.get(0).get("revenueEgp").decimalValue()).isEqualByComparingTo("0");
    assertThat(days.get(0).get("paidOrders").asInt()).isZero();
    assertThat(days.get(1).get("date").asText()).isEqualTo("2025-03-02");
    assertThat(days.get(1).get("revenueEgp").decimalValue()).isEqualByComparingTo("500");
    assertThat(days.get(1).get("paidOrders").asInt()).isEqualTo(1);
  }

  @Test
  void badParametersAreRefusedClearly() throws Exception {
    Answer after = api("/api/reports/summary?from=2026-12-05&to=2026-12-01");
    assertThat(after.status()).isEqualTo(400);
    assertThat(after.body().get("detail").asText()).contains("after");
    Answer unknown = api("/api/reports/summary?period=7d&phoneNumberId=999");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().get("detail").asText()).contains("unknown business number");
    Answer tooLong = api("/api/reports/funnel?from=2025-01-01&to=2026-12-01");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.body().get("detail").asText()).contains("at most 366 days");
    Answer period = api("/api/reports/summary?period=year");
    assertThat(period.status()).isEqualTo(400);
    assertThat(api("/api/reports/summary?from=yesterday").status()).isEqualTo(400);
    Answer farPast = api("/api/reports/summary?from=-999999999-01-01&to=-999999999-01-02");
    assertThat(farPast.status()).isEqualTo(400);
    assertThat(farPast.body().get("detail").asText()).contains("a date from 2000-01-01");
  }

  @Test
  void onlyTheRightCallersSeeTheFigures() throws Exception {
    assertThat(get("/api/reports/summary", null).status()).isEqualTo(401);
    assertThat(get("/api/reports/summary", basic("demo", "demo")).status()).isEqualTo(200);
    // sara gave her right password: not an admin, so 403 (not a failed login)
    assertThat(get("/api/reports/summary", basic("sara", "sara")).status()).isEqualTo(403);
    // a key without reports:read
    try (Response created =
        HTTP.newCall(
                new Request.Builder()
                    .url(base() + "/api/keys")
                    .header("Authorization", "Bearer " + API_KEY)
                    .post(
                        RequestBody.create(
                            "{\"name\":\"no-reports\",\"scopes\":[\"conversations:read\"]}",
                            MediaType.get("application/json")))
                    .build())
            .execute()) {
      JsonNode key = JSON.readTree(created.body().string());
      assertThat(created.code()).as("%s", key).isBetween(200, 201);
      Answer refused = get("/api/reports/summary", "Bearer " + key.get("key").asText());
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.body().get("detail").asText()).contains("reports:read");
    }
    // the dashboard's data: supervisors and admins, not agents, not strangers
    assertThat(get("/dashboard/data/summary?period=7d", null).status()).isEqualTo(401);
    assertThat(get("/dashboard/data/summary?period=7d", basic("sara", "sara")).status())
        .isEqualTo(403);
    Answer demo = get("/dashboard/data/summary?period=7d", basic("demo", "demo"));
    assertThat(demo.status()).isEqualTo(200);
    assertThat(demo.body().get("conversationsStarted").asInt()).isEqualTo(8);
    try (Response page =
        HTTP.newCall(
                new Request.Builder()
                    .url(base() + "/dashboard")
                    .header("Authorization", basic("sara", "sara"))
                    .build())
            .execute()) {
      assertThat(page.code()).isEqualTo(403);
      assertThat(page.body().string()).contains("for supervisors and admins");
    }
    try (Response page =
        HTTP.newCall(new Request.Builder().url(base() + "/dashboard").build()).execute()) {
      assertThat(page.code()).isEqualTo(401);
      assertThat(page.body().string()).contains("/camunda/app/welcome/default/");
    }
  }

  /**
   * The same events as Prometheus metrics, with help texts that describe every label value. (The
   * order and revenue counters are also moved by the Cairo-day scenario, so only their labels are
   * checked here.)
   */
  @Test
  void theMetricsCountTheScriptWithHonestHelpTexts() throws Exception {
    String metrics;
    try (Response r =
        HTTP.newCall(new Request.Builder().url(base() + "/actuator/prometheus").build())
            .execute()) {
      assertThat(r.code()).isEqualTo(200);
      metrics = r.body().string();
    }
    assertThat(metrics)
        .contains("wasla_handoffs_total{reason=\"customer_asked\"} 1.0")
        .contains("wasla_handoffs_total{reason=\"unanswered_question\"} 1.0")
        .contains("wasla_handoffs_total{reason=\"complaint\"} 0.0")
        .contains("wasla_handoffs_total{reason=\"taken_over\"} 1.0")
        .contains("wasla_sla_breaches_total 2.0")
        .contains("wasla_opt_outs_total 2.0")
        .contains("wasla_persona_unanswered_total 2.0")
        .contains("wasla_first_response_seconds_count{responder=\"person\"} 1")
        .contains("wasla_first_response_seconds_count{responder=\"bot\"} 7")
        .contains("wasla_orders_total{flow=\"order-and-pay\"}")
        .contains("wasla_revenue_egp_total{flow=\"order-and-pay\"}");
    assertThat(helpOf(metrics, "wasla_mailbox_messages_total"))
        .contains("accepted")
        .contains("duplicate")
        .contains("stale");
    assertThat(helpOf(metrics, "wasla_outbox_sends_total"))
        .contains("sent")
        .contains("retry")
        .contains("failed")
        .contains("held");
    assertThat(helpOf(metrics, "wasla_first_response_seconds"))
        .contains("responder=bot")
        .contains("responder=person");
    assertThat(helpOf(metrics, "wasla_handoffs_total"))
        .contains("customer_asked")
        .contains("unanswered_question")
        .contains("taken_over");
    // the Grafana dashboard of docs/operations.md uses only metrics that exist
    java.util.regex.Matcher used =
        java.util.regex.Pattern.compile("wasla_[a-z_]+")
            .matcher(Files.readString(Path.of("docs/grafana/wasla-dashboard.json")));
    int names = 0;
    while (used.find()) {
      names++;
      assertThat(metrics)
          .as("docs/grafana/wasla-dashboard.json uses " + used.group())
          .contains(used.group());
    }
    assertThat(names).isGreaterThan(10);
    // no label carries a customer's or business's number
    assertThat(metrics).doesNotContain(Webhooks.PHONE_NUMBER_ID).doesNotContain(OTHER_NUMBER);
  }

  private static String helpOf(String metrics, String name) {
    return metrics
        .lines()
        .filter(l -> l.startsWith("# HELP " + name + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no # HELP for " + name));
  }

  /** docs/openapi.yaml stays honest: every report path it names is served. */
  @Test
  @SuppressWarnings("unchecked")
  void everyReportPathOfTheOpenApiFileIsServed() throws Exception {
    Map<String, Object> spec =
        new Yaml().load(Files.readString(Path.of("docs/openapi.yaml"), StandardCharsets.UTF_8));
    assertThat(spec.get("openapi").toString()).startsWith("3.1");
    Map<String, Object> paths = (Map<String, Object>) spec.get("paths");
    List<String> reportPaths =
        paths.keySet().stream().filter(p -> p.startsWith("/api/reports/")).toList();
    assertThat(reportPaths)
        .contains(
            "/api/reports/summary",
            "/api/reports/revenue-by-day",
            "/api/reports/funnel",
            "/api/reports/handoffs",
            "/api/reports/unanswered");
    for (String path : reportPaths) {
      Map<String, Object> operations = (Map<String, Object>) paths.get(path);
      assertThat(operations).as(path).containsKey("get");
      Answer a = api(path);
      assertThat(a.status()).as("GET %s: %s", path, a.body()).isEqualTo(200);
    }
  }
}
