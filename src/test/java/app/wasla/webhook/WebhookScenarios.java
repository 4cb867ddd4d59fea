package app.wasla.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Outbound webhooks and the REST API end to end in cloud mode: signed WhatsApp webhooks in,
 * MockWebServer playing Meta and the receivers, the API over HTTP. Run on H2 and PostgreSQL by the
 * subclasses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(WebhookScenarios.TestFlow.class)
abstract class WebhookScenarios {

  static final WhatsAppMock META = new WhatsAppMock();
  static final String BOOTSTRAP_KEY = "test-bootstrap-key-0123456789abcdefghijklmnop";

  /**
   * Conversations on this business number run the test flow (a busy step, then a wait for an
   * event).
   */
  static final String TEST_FLOW_NUMBER = "109876543210999";

  static final Duration PATIENCE = Duration.ofSeconds(30);

  @DynamicPropertySource
  static void cloudModeAgainstMocks(DynamicPropertyRegistry registry) {
    META.registerCloudMode(registry);
    // the test flow's own delegate, beside Wasla's
    registry.add("wasla.security.expression-beans", () -> "holdUntilReleased");
    // the OpenAPI document is read below; cloud mode serves it only when asked to
    registry.add("wasla.security.api-docs", () -> "true");
    registry.add("wasla.whatsapp.send-backoff", () -> "20ms");
    registry.add("wasla.mailbox.sweep-interval", () -> "500ms");
    registry.add("wasla.mailbox.flows." + TEST_FLOW_NUMBER, () -> "webhook-test-flow");
    registry.add("wasla.api.bootstrap-key", () -> BOOTSTRAP_KEY);
    registry.add("wasla.api.rate-limit", () -> "40");
    registry.add("wasla.api.max-body-size", () -> "16KB");
    registry.add("wasla.webhooks.poll-interval", () -> "100ms");
    registry.add("wasla.webhooks.initial-backoff", () -> "100ms");
    registry.add("wasla.webhooks.max-backoff", () -> "400ms");
    registry.add("wasla.webhooks.retry-horizon", () -> "3s");
    // the receivers are MockWebServers on loopback (their URLs name localhost), over plain http
    registry.add("wasla.webhooks.allowed-hosts", () -> "127.0.0.1,localhost");
    registry.add("wasla.webhooks.allow-http", () -> "true");
  }

  /** The test flow and its busy step, which holds its job until the test releases it. */
  @TestConfiguration
  static class TestFlow {
    static volatile CountDownLatch gate = new CountDownLatch(0);

    @Bean
    JavaDelegate holdUntilReleased() {
      return execution -> gate.await(30, TimeUnit.SECONDS);
    }
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired WebhookEvents events;
  @Autowired Subscriptions subscriptions;
  @Autowired RepositoryService repository;
  Api api;
  WebhookReceiver receiver;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    receiver = new WebhookReceiver();
    BpmnModelInstance flow =
        Bpmn.createExecutableProcess("webhook-test-flow")
            .camundaHistoryTimeToLive(1)
            .startEvent("startEvent_customerWrote")
            .camundaAsyncAfter()
            .serviceTask("serviceTask_hold")
            .camundaDelegateExpression("${holdUntilReleased}")
            .intermediateCatchEvent("catchEvent_shipmentDispatched")
            .message("ShipmentDispatched")
            .serviceTask("serviceTask_acknowledge")
            .camundaDelegateExpression("${publishEvent}")
            .camundaInputParameter("eventType", "shipment.acknowledged")
            .camundaInputParameter("trackingNumber", "${trackingNumber}")
            .intermediateCatchEvent("catchEvent_customerMessage")
            .message("CustomerMessage")
            .endEvent("endEvent_done")
            .done();
    BpmnModelInstance orderFlow =
        Bpmn.createExecutableProcess("webhook-test-order-flow")
            .camundaHistoryTimeToLive(1)
            .startEvent("startEvent_orderPlaced")
            .message("OrderPlacedForTest")
            .serviceTask("serviceTask_orderCreated")
            .camundaDelegateExpression("${publishEvent}")
            .camundaInputParameter("eventType", "order.created")
            .camundaInputParameter("orderId", "${orderId}")
            .endEvent("endEvent_done")
            .done();
    repository
        .createDeployment()
        .name("webhook-test-flow")
        .enableDuplicateFiltering(true)
        .addModelInstance("webhook-test-flow.bpmn", flow)
        .addModelInstance("webhook-test-order-flow.bpmn", orderFlow)
        .deploy();
  }

  @AfterEach
  void tearDown() throws Exception {
    subscriptions.list().forEach(s -> subscriptions.delete(s.id()));
    receiver.close();
  }

  static String newCustomer() {
    return "2011" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
  }

  /** Creates a subscription over the API; returns {id, secret}. */
  JsonNode subscribe(String... types) {
    Api.Answer created =
        api.post(
            "/api/webhooks",
            BOOTSTRAP_KEY,
            Map.of("url", receiver.url(), "eventTypes", List.of(types), "description", "test"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().path("secret").asText()).startsWith("whsec_");
    return created.body();
  }

  String key(Set<String> scopes) {
    Api.Answer created =
        api.post("/api/keys", BOOTSTRAP_KEY, Map.of("name", "test", "scopes", scopes));
    assertThat(created.status()).isEqualTo(201);
    return created.body().path("key").asText();
  }

  @Test
  void deliveriesCarryVerifiableSignaturesAndTheEnvelope() {
    JsonNode subscription = subscribe("message.received", "conversation.started", "message.sent");
    String secret = subscription.path("secret").asText();
    String waId = newCustomer();
    String conversation = Webhooks.PHONE_NUMBER_ID + ":" + waId;

    assertThat(
            new Webhooks(port)
                .post(Webhooks.text(waId, "wamid.wh1." + waId, "السلام عليكم", Instant.now())))
        .isEqualTo(200);

    await()
        .atMost(PATIENCE)
        .until(() -> !receiver.accepted(conversation, "message.sent").isEmpty());
    List<WebhookReceiver.Received> received =
        receiver.accepted().stream()
            .filter(r -> conversation.equals(r.envelope().path("conversationKey").asText()))
            .toList();
    assertThat(received)
        .extracting(WebhookReceiver.Received::eventType)
        .containsExactly("message.received", "conversation.started", "message.sent");
    for (WebhookReceiver.Received r : received) {
      assertThat(
              WebhookSignature.verify(r.body(), r.signature(), secret, WebhookReceiver.now(), 300))
          .isTrue();
      assertThat(
              WebhookSignature.verify(
                  r.body(), r.signature(), "whsec_wrong", WebhookReceiver.now(), 300))
          .isFalse();
      assertThat(r.deliveryId()).isNotBlank();
      assertThat(r.eventId()).isEqualTo(r.envelope().path("id").asText());
      assertThat(r.envelope().path("time").asText()).isNotBlank();
      assertThat(r.envelope().path("customer").path("waId").asText()).isEqualTo(waId);
    }
    JsonNode messageReceived = received.get(0).envelope().path("data");
    assertThat(messageReceived.path("wamid").asText()).isEqualTo("wamid.wh1." + waId);
    assertThat(messageReceived.path("text").asText()).isEqualTo("السلام عليكم");
    // The secret is shown once: never in a read.
    assertThat(
            api.get("/api/webhooks/" + subscription.path("id").asText(), BOOTSTRAP_KEY)
                .body()
                .has("secret"))
        .isFalse();
  }

  @Test
  void aReceiverThatFailsThenRecoversGetsEveryEventOncePerDeliveryAndInOrderPerConversation() {
    String id = subscribe("test.sequence").path("id").asText();
    receiver.failNext(7);
    List<String> conversations =
        List.of(
            Webhooks.PHONE_NUMBER_ID + ":" + newCustomer(),
            Webhooks.PHONE_NUMBER_ID + ":" + newCustomer(),
            Webhooks.PHONE_NUMBER_ID + ":" + newCustomer());
    for (int n = 0; n < 5; n++) {
      for (String c : conversations) {
        events.publish("test.sequence", c, Map.of("n", n));
      }
    }

    // every delivery done: a wrong second delivery would have been made by now
    await()
        .atMost(PATIENCE)
        .until(() -> receiver.accepted().size() >= 15 && pendingDeliveries(id) == 0);
    List<WebhookReceiver.Received> accepted = receiver.accepted();
    assertThat(accepted).hasSize(15);
    assertThat(accepted.stream().map(WebhookReceiver.Received::deliveryId).distinct().count())
        .isEqualTo(15);
    assertThat(receiver.all().size()).isGreaterThan(15);
    for (String c : conversations) {
      assertThat(
              receiver.accepted(c, "test.sequence").stream()
                  .map(r -> r.envelope().path("data").path("n").asInt())
                  .toList())
          .containsExactly(0, 1, 2, 3, 4);
    }
  }

  @Test
  void aReceiverDownPastTheRetryHorizonIsDeadLetteredAndCanBeRedelivered() {
    String id = subscribe("test.dead").path("id").asText();
    receiver.down(true);
    String conversation = Webhooks.PHONE_NUMBER_ID + ":" + newCustomer();
    String eventId =
        events.publish("test.dead", conversation, Map.of("order", "A-1")).orElseThrow();

    await()
        .atMost(PATIENCE)
        .until(
            () ->
                api.get("/api/webhooks/" + id + "/deliveries?status=DEAD", BOOTSTRAP_KEY)
                        .body()
                        .size()
                    == 1);
    JsonNode dead =
        api.get("/api/webhooks/" + id + "/deliveries?status=DEAD", BOOTSTRAP_KEY).body().get(0);
    assertThat(dead.path("eventId").asText()).isEqualTo(eventId);
    assertThat(dead.path("attempts").asInt()).isGreaterThan(1);
    assertThat(dead.path("lastStatusCode").asInt()).isEqualTo(503);
    String deliveryId = dead.path("id").asText();
    int attemptsSeen = receiver.all().size();
    // time passing is the point: a dead delivery stays dead over several of the deliverer's polls
    // (100 ms)
    sleep(700);
    assertThat(receiver.all()).hasSize(attemptsSeen);
    JsonNode log =
        api.get("/api/webhooks/" + id + "/deliveries/" + deliveryId, BOOTSTRAP_KEY).body();
    assertThat(log.path("attempts")).hasSize(attemptsSeen);

    receiver.down(false);
    Api.Answer redelivered =
        api.post(
            "/api/webhooks/" + id + "/deliveries/" + deliveryId + "/redeliver",
            BOOTSTRAP_KEY,
            null);
    assertThat(redelivered.status()).isEqualTo(202);

    await().atMost(PATIENCE).until(() -> receiver.accepted().size() == 1);
    assertThat(receiver.accepted().get(0).deliveryId()).isEqualTo(deliveryId);
    assertThat(receiver.accepted().get(0).eventId()).isEqualTo(eventId);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                api.get("/api/webhooks/" + id + "/deliveries/" + deliveryId, BOOTSTRAP_KEY)
                    .body()
                    .path("delivery")
                    .path("status")
                    .asText()
                    .equals("DELIVERED"));
  }

  @Test
  void anEventPostedToABusyConversationIsDeliveredWhenItWaitsAgain(
      @Autowired MeterRegistry meters) {
    subscribe("shipment.acknowledged", "conversation.started", "conversation.closed");
    TestFlow.gate = new CountDownLatch(1);
    String waId = newCustomer();
    String conversation = TEST_FLOW_NUMBER + ":" + waId;
    byte[] text =
        new String(
                Webhooks.text(waId, "wamid.busy." + waId, "where is my order?", Instant.now()),
                StandardCharsets.UTF_8)
            .replace(Webhooks.PHONE_NUMBER_ID, TEST_FLOW_NUMBER)
            .getBytes(StandardCharsets.UTF_8);
    assertThat(new Webhooks(port).post(text)).isEqualTo(200);
    await()
        .atMost(PATIENCE)
        .until(() -> !receiver.accepted(conversation, "conversation.started").isEmpty());

    String writer = key(Set.of("events:write"));
    Counter busy = meters.get("wasla.mailbox.deliveries").tag("outcome", "busy").counter();
    double busyBefore = busy.count();
    Api.Answer accepted =
        api.post(
            "/api/conversations/" + conversation + "/events",
            writer,
            Map.of(
                "name",
                "ShipmentDispatched",
                "id",
                "ship-1",
                "variables",
                Map.of("trackingNumber", "EG123")));
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.body().path("id").asText()).isEqualTo("ship-1");
    assertThat(
            api.post(
                    "/api/conversations/" + conversation + "/events",
                    writer,
                    Map.of("name", "ShipmentDispatched", "id", "ship-1"))
                .body()
                .path("duplicate")
                .asBoolean())
        .isTrue();
    // the mailbox tried to deliver it and found the flow busy
    await().atMost(PATIENCE).until(() -> busy.count() > busyBefore);
    assertThat(
            jdbc.sql(
                    "SELECT status FROM inbox_message WHERE conversation_key = ? AND message_name = ?")
                .params(conversation, "ShipmentDispatched")
                .query(String.class)
                .single())
        .isEqualTo("PENDING");
    assertThat(receiver.accepted(conversation, "shipment.acknowledged")).isEmpty();

    TestFlow.gate.countDown();

    await()
        .atMost(PATIENCE)
        .until(() -> !receiver.accepted(conversation, "shipment.acknowledged").isEmpty());
    JsonNode data =
        receiver.accepted(conversation, "shipment.acknowledged").get(0).envelope().path("data");
    assertThat(data.path("trackingNumber").asText()).isEqualTo("EG123");
    String reader = key(Set.of("conversations:read"));
    JsonNode state = api.get("/api/conversations/" + conversation, reader).body();
    assertThat(state.path("live").asBoolean()).isTrue();
    assertThat(state.path("instance").path("activityIds").toString())
        .contains("catchEvent_customerMessage");
    assertThat(state.path("transcript").get(0).path("text").asText())
        .isEqualTo("where is my order?");

    // The test flow ends on the next customer message: conversation.closed, after the
    // acknowledgement.
    byte[] again =
        new String(
                Webhooks.text(waId, "wamid.busy2." + waId, "thanks", Instant.now()),
                StandardCharsets.UTF_8)
            .replace(Webhooks.PHONE_NUMBER_ID, TEST_FLOW_NUMBER)
            .getBytes(StandardCharsets.UTF_8);
    assertThat(new Webhooks(port).post(again)).isEqualTo(200);
    await()
        .atMost(PATIENCE)
        .until(() -> !receiver.accepted(conversation, "conversation.closed").isEmpty());
    assertThat(
            receiver.accepted().stream()
                .filter(r -> conversation.equals(r.envelope().path("conversationKey").asText()))
                .map(WebhookReceiver.Received::eventType)
                .toList())
        .containsExactly("conversation.started", "shipment.acknowledged", "conversation.closed");
  }

  @Test
  void aCalledSalesFlowEndingIsNotTheConversationClosing(
      @Autowired org.camunda.bpm.engine.HistoryService history,
      @Autowired app.wasla.conversation.SilentConversations silent,
      @Autowired app.wasla.conversation.MailboxProperties mailbox) {
    subscribe("conversation.started", "conversation.closed");
    String waId = newCustomer();
    String conversation = Webhooks.PHONE_NUMBER_ID + ":" + waId;
    Webhooks webhooks = new Webhooks(port);

    // an order-status question: the conversation calls order-tracking, which answers and ends; the
    // conversation goes on
    assertThat(
            webhooks.post(
                Webhooks.text(
                    waId, "wamid.cc1." + waId, "where is my order ORD-12345?", Instant.now())))
        .isEqualTo(200);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                history
                        .createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(conversation)
                        .processDefinitionKey("order-tracking")
                        .finished()
                        .count()
                    == 1);
    // every event of the conversation so far delivered: a wrong conversation.closed, written with
    // the called flow's
    // end, would have been too
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                !receiver.accepted(conversation, "conversation.started").isEmpty()
                    && pendingDeliveriesOf(conversation) == 0);
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM webhook_event WHERE conversation_key = ? AND event_type = ?")
                .params(conversation, "conversation.closed")
                .query(Long.class)
                .single())
        .isZero();
    assertThat(receiver.accepted(conversation, "conversation.closed"))
        .as("closed while the conversation lives")
        .isEmpty();
    assertThat(
            history
                .createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(conversation)
                .processDefinitionKey("sales-conversation")
                .unfinished()
                .count())
        .isEqualTo(1);

    // the conversation itself ends (the customer went silent): closed, once
    silent.closeSilent(Instant.now().plus(mailbox.inactivityTimeout()).plusSeconds(60));
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                !receiver.accepted(conversation, "conversation.closed").isEmpty()
                    && pendingDeliveriesOf(conversation) == 0);
    assertThat(receiver.accepted(conversation, "conversation.closed")).hasSize(1);
    assertThat(
            receiver
                .accepted(conversation, "conversation.closed")
                .get(0)
                .envelope()
                .path("data")
                .path("processDefinitionId")
                .asText())
        .startsWith("sales-conversation:");
  }

  @Test
  void theCrmCountsTheReturningCustomersOrdersFromTheStoreAndTagsHimARepeatBuyer() {
    // the demo store's returning customer: ORD-12001 (delivered) and ORD-12002 (shipped), placed
    // before Wasla
    String waId = "201001234567";
    String customer = Webhooks.PHONE_NUMBER_ID + ":" + waId;
    assertThat(
            new Webhooks(port)
                .post(
                    Webhooks.text(
                        waId, "wamid.crm." + System.nanoTime(), "السلام عليكم", Instant.now())))
        .isEqualTo(200);

    String reader = key(Set.of("customers:read"));
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                api.get("/api/customers/" + customer, reader).status() == 200
                    && api.get("/api/customers/" + customer, reader).body().path("orders").asInt()
                        == 2);
    JsonNode profile = api.get("/api/customers/" + customer, reader).body();
    assertThat(profile.path("totalSpend").decimalValue()).isEqualByComparingTo("20398");
    assertThat(profile.path("lastOrderAt").asText()).startsWith("2026-11-20T09:02");
    assertThat(profile.path("tags").findValuesAsText("name")).contains("repeat_buyer", "vip");
  }

  @Test
  void aSlowReceiverDoesNotHoldBackAnotherOne() throws Exception {
    try (WebhookReceiver slow = new WebhookReceiver()) {
      slow.slow(4000);
      assertThat(
              api.post(
                      "/api/webhooks",
                      BOOTSTRAP_KEY,
                      Map.of("url", slow.url(), "eventTypes", List.of("test.speed")))
                  .status())
          .isEqualTo(201);
      subscribe("test.speed");
      for (int i = 0; i < 6; i++) {
        events.publish(
            "test.speed", Webhooks.PHONE_NUMBER_ID + ":" + newCustomer(), Map.of("i", i));
      }
      // the fast receiver has all six while the slow one is still on its first two (one per worker
      // it may hold)
      await().atMost(Duration.ofSeconds(3)).until(() -> receiver.accepted().size() == 6);
      // (recorded on arrival: the slow receiver has not answered these two yet)
      assertThat(slow.all()).hasSizeLessThanOrEqualTo(2);
    }
  }

  @Test
  void anEventThatAFlowStartsOnStartsANewConversation() {
    subscribe("order.created", "conversation.started");
    String writer = key(Set.of("events:write"));
    String conversation = Webhooks.PHONE_NUMBER_ID + ":" + newCustomer();

    Api.Answer accepted =
        api.post(
            "/api/conversations/" + conversation + "/events",
            writer,
            Map.of("name", "OrderPlacedForTest", "variables", Map.of("orderId", "A-77")));
    assertThat(accepted.status()).isEqualTo(202);

    // the flow emits order.created while it starts, so it may arrive before conversation.started
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                !receiver.accepted(conversation, "order.created").isEmpty()
                    && !receiver.accepted(conversation, "conversation.started").isEmpty());
    assertThat(
            receiver
                .accepted(conversation, "order.created")
                .get(0)
                .envelope()
                .path("data")
                .path("orderId")
                .asText())
        .isEqualTo("A-77");
    assertThat(
            receiver
                .accepted(conversation, "conversation.started")
                .get(0)
                .envelope()
                .path("data")
                .path("startedBy")
                .asText())
        .isEqualTo("OrderPlacedForTest");
  }

  @Test
  void subscriptionsAreCreatedListedChangedAndDeleted() {
    String id = subscribe("message.sent").path("id").asText();
    assertThat(api.get("/api/webhooks", BOOTSTRAP_KEY).body().findValuesAsText("id")).contains(id);
    Api.Answer paused =
        api.call(
            "PATCH",
            "/api/webhooks/" + id,
            BOOTSTRAP_KEY,
            Map.of("active", false, "eventTypes", List.of("*")),
            Map.of());
    assertThat(paused.status()).isEqualTo(200);
    assertThat(paused.body().path("active").asBoolean()).isFalse();
    assertThat(paused.body().path("eventTypes").get(0).asText()).isEqualTo("*");
    assertThat(
            api.post(
                    "/api/webhooks",
                    BOOTSTRAP_KEY,
                    Map.of("url", "ftp://x", "eventTypes", List.of("*")))
                .status())
        .isEqualTo(400);
    assertThat(
            api.post(
                    "/api/webhooks",
                    BOOTSTRAP_KEY,
                    Map.of("url", receiver.url(), "eventTypes", List.of("Not A Type")))
                .status())
        .isEqualTo(400);
    assertThat(api.call("DELETE", "/api/webhooks/" + id, BOOTSTRAP_KEY, null, Map.of()).status())
        .isEqualTo(204);
    assertThat(api.get("/api/webhooks/" + id, BOOTSTRAP_KEY).status()).isEqualTo(404);
  }

  @Test
  void missingWrongRevokedAndUnderScopedKeysAreRefused() {
    String reader = key(Set.of("conversations:read"));
    String conversation = Webhooks.PHONE_NUMBER_ID + ":" + newCustomer();
    Map<String, Object> event = Map.of("name", "PaymentReceived");

    Api.Answer missing = api.post("/api/conversations/" + conversation + "/events", null, event);
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.body().path("type").asText())
        .isEqualTo("https://wasla.app/problems/unauthenticated");
    assertThat(
            api.post("/api/conversations/" + conversation + "/events", "wsk_wrong", event).status())
        .isEqualTo(401);
    Api.Answer underScoped =
        api.post("/api/conversations/" + conversation + "/events", reader, event);
    assertThat(underScoped.status()).isEqualTo(403);
    assertThat(underScoped.body().path("type").asText())
        .isEqualTo("https://wasla.app/problems/insufficient-scope");
    assertThat(api.get("/api/webhooks", reader).status()).isEqualTo(403);
    assertThat(api.post("/api/messages", reader, Map.of("to", conversation, "text", "hi")).status())
        .isEqualTo(403);
    assertThat(
            api.post("/api/keys", reader, Map.of("name", "x", "scopes", List.of("keys:manage")))
                .status())
        .isEqualTo(403);
    assertThat(api.get("/api/conversations/" + conversation, reader).status()).isEqualTo(404);

    String id =
        api.get("/api/keys", BOOTSTRAP_KEY).body().findValues("id").stream()
            .map(JsonNode::asText)
            .filter(
                k ->
                    jdbc.sql("SELECT key_hash FROM api_key WHERE id = ?")
                        .param(k)
                        .query(String.class)
                        .single()
                        .equals(app.wasla.api.ApiKeysTestAccess.hash(reader)))
            .findFirst()
            .orElseThrow();
    assertThat(api.call("DELETE", "/api/keys/" + id, BOOTSTRAP_KEY, null, Map.of()).status())
        .isEqualTo(204);
    assertThat(api.get("/api/conversations/" + conversation, reader).status()).isEqualTo(401);
    // Keys are stored hashed: the key itself is nowhere in the table.
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM api_key WHERE key_hash = ? OR key_prefix = ?")
                .params(reader, reader)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void aCamundaAdminMakesTheFirstKeyOverHttpBasic(@Autowired IdentityService identity) {
    if (identity.createUserQuery().userId("webhookadmin").count() == 0) {
      var user = identity.newUser("webhookadmin");
      user.setPassword("S3cret-admin-pw");
      identity.saveUser(user);
      if (identity.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
        var group = identity.newGroup(Groups.CAMUNDA_ADMIN);
        group.setName("Camunda admins");
        identity.saveGroup(group);
      }
      identity.createMembership("webhookadmin", Groups.CAMUNDA_ADMIN);
    }
    String basic =
        "Basic " + Base64.getEncoder().encodeToString("webhookadmin:S3cret-admin-pw".getBytes());
    String wrong = "Basic " + Base64.getEncoder().encodeToString("webhookadmin:guess".getBytes());

    Api.Answer created =
        api.post("/api/keys", basic, Map.of("name", "shop", "scopes", List.of("events:write")));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().path("key").asText()).startsWith("wsk_");
    assertThat(created.body().path("apiKey").path("createdBy").asText()).isEqualTo("webhookadmin");
    assertThat(created.body().path("apiKey").path("scopes").get(0).asText())
        .isEqualTo("events:write");
    // (after the good one: Camunda delays logins after a failed attempt)
    assertThat(
            api.post("/api/keys", wrong, Map.of("name", "shop", "scopes", List.of("events:write")))
                .status())
        .isEqualTo(401);
  }

  @Test
  void apiMessagesAreSentOncePerIdempotencyKeyAndNeedTheHeader() {
    String sender = key(Set.of("messages:send"));
    String waId = newCustomer();
    String conversation = Webhooks.PHONE_NUMBER_ID + ":" + waId;
    Map<String, Object> template =
        Map.of(
            "to",
            conversation,
            "template",
            Map.of("name", "order_shipped", "language", "ar", "parameters", List.of("EG123")));
    // the template is not declared here, so it counts as marketing: the customer agreed at checkout
    assertThat(
            api.call(
                    "PUT",
                    "/api/customers/" + conversation + "/consent",
                    key(Set.of("customers:write")),
                    Map.of("optIn", true, "source", "checkout"),
                    Map.of())
                .status())
        .isEqualTo(200);

    assertThat(api.post("/api/messages", sender, template).status()).isEqualTo(400);
    Api.Answer first =
        api.call("POST", "/api/messages", sender, template, Map.of("Idempotency-Key", "ship-77"));
    Api.Answer second =
        api.call("POST", "/api/messages", sender, template, Map.of("Idempotency-Key", "ship-77"));

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.body().path("wamid").asText()).isEqualTo(first.body().path("wamid").asText());
    assertThat(META.sentTo(waId)).hasSize(1);
    assertThat(META.sentTo(waId).get(0).type()).isEqualTo("template");
    Api.Answer closedWindow =
        api.call(
            "POST",
            "/api/messages",
            sender,
            Map.of("to", conversation, "text", "hi"),
            Map.of("Idempotency-Key", "late-1"));
    assertThat(closedWindow.status()).isEqualTo(409);
    assertThat(closedWindow.body().path("type").asText())
        .isEqualTo("https://wasla.app/problems/service-window-closed");
  }

  @Test
  void anEventForAnUnknownConversationIs404AndOversizedBodiesAre413AndBurstsAre429() {
    String writer = key(Set.of("events:write"));
    Api.Answer unknown =
        api.post(
            "/api/conversations/" + Webhooks.PHONE_NUMBER_ID + ":" + newCustomer() + "/events",
            writer,
            Map.of("name", "ShipmentDispatched"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().path("type").asText())
        .isEqualTo("https://wasla.app/problems/not-found");

    String big = "x".repeat(20_000);
    assertThat(
            api.post(
                    "/api/conversations/1:2/events",
                    writer,
                    Map.of("name", "Big", "variables", Map.of("blob", big)))
                .status())
        .isEqualTo(413);

    // a burst from 16 clients at once: above the limit of 40 a second however slow the machine
    // (60 requests one after the other took longer than a second on a loaded one)
    java.util.concurrent.ExecutorService clients =
        java.util.concurrent.Executors.newFixedThreadPool(16);
    List<Integer> statuses;
    try {
      List<java.util.concurrent.Future<Integer>> calls =
          IntStream.range(0, 240)
              .mapToObj(
                  i -> clients.submit(() -> api.get("/api/conversations/1:2", writer).status()))
              .toList();
      statuses = new java.util.ArrayList<>();
      for (java.util.concurrent.Future<Integer> call : calls) {
        statuses.add(call.get());
      }
    } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    } finally {
      clients.shutdownNow();
    }
    assertThat(statuses).contains(429);
  }

  @Test
  void theOpenApiDocumentDescribesTheApi() {
    JsonNode doc = api.get("/v3/api-docs", null).body();
    Set<String> paths = new java.util.HashSet<>();
    doc.path("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths)
        .contains(
            "/api/conversations/{key}/events",
            "/api/conversations/{key}",
            "/api/messages",
            "/api/webhooks",
            "/api/keys",
            "/api/webhooks/{id}/deliveries/{deliveryId}/redeliver");
    assertThat(paths.stream().filter(p -> !p.startsWith("/api/")).collect(Collectors.toList()))
        .isEmpty();
  }

  /** Deliveries of the subscription not made yet (neither delivered nor dead). */
  long pendingDeliveries(String subscriptionId) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM webhook_delivery WHERE subscription_id = ? AND status = 'PENDING'")
        .param(subscriptionId)
        .query(Long.class)
        .single();
  }

  /** Deliveries of the conversation's events not made yet (neither delivered nor dead). */
  long pendingDeliveriesOf(String conversation) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM webhook_delivery WHERE order_key = ? AND status = 'PENDING'")
        .param(conversation)
        .query(Long.class)
        .single();
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
