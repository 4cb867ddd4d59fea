package app.wasla.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.Webhooks;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A customer's first message with the business's own backend ({@code wasla.commerce.backend=http},
 * a MockWebServer playing it): Smart Info comes over HTTP, so the first turn is answered in a job,
 * not in the mailbox's transaction; the price question then goes to order-and-pay, whose stock
 * lookup calls the backend too, and so does the order the customer then places (the order and its
 * payment link in jobs of their own). Mailbox, job executor and outbox run as in production.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:http-backend-e2e;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
      "wasla.whatsapp.app-secret=" + Webhooks.APP_SECRET,
      "wasla.commerce.backend=http",
      "wasla.commerce.http.auth-header=X-Api-Key",
      "wasla.commerce.http.auth-value=e2e-key"
    })
class HttpBackendEndToEndTest {

  static final MockWebServer BACKEND = new MockWebServer();
  static final Queue<RecordedRequest> REQUESTS = new ConcurrentLinkedQueue<>();

  static {
    BACKEND.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            REQUESTS.add(request);
            String path = request.getRequestUrl().encodedPath();
            if (!"e2e-key".equals(request.getHeader("X-Api-Key"))) {
              return new MockResponse().setResponseCode(401);
            }
            if (path.matches("/api/v1/customers/[^/]+/summary")) {
              return json(
                  """
              {"orders":3,"totalSpendEgp":15400,"lastOrder":"W-1042","openPayments":0,"openPaymentsEgp":0,
               "openBookings":1}""");
            }
            if (path.equals("/api/v1/products")) {
              return json(
                  """
              [{"sku":"IP15-128","nameEn":"iPhone 15 128GB","nameAr":"آيفون ١٥ ١٢٨ جيجا","priceEgp":47999,
                "category":"phone"}]""");
            }
            if (path.equals("/api/v1/products/IP15-128")) {
              return json(
                  """
              {"sku":"IP15-128","nameEn":"iPhone 15 128GB","nameAr":"آيفون ١٥ ١٢٨ جيجا","priceEgp":47999,
               "category":"phone"}""");
            }
            if (path.equals("/api/v1/products/IP15-128/stock")) {
              return json(
                  """
              [{"branchCode":"HLP","branchNameEn":"Heliopolis","branchNameAr":"مصر الجديدة","available":4}]""");
            }
            if (path.equals("/api/v1/orders") && request.getMethod().equals("POST")) {
              return json(
                  """
              {"id":"W-2001","customerId":"c","sku":"IP15-128","quantity":1,"branchCode":"HLP","amountEgp":47999,
               "status":"reserved"}""");
            }
            return new MockResponse().setResponseCode(404);
          }
        });
    try {
      BACKEND.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void backend(DynamicPropertyRegistry registry) {
    registry.add("wasla.commerce.http.base-url", () -> BACKEND.url("/api/v1").toString());
  }

  @AfterAll
  static void stop() throws IOException {
    BACKEND.shutdown();
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired org.camunda.bpm.engine.ManagementService management;

  @Test
  void aFirstMessageIsAnsweredInAJobWithSmartInfoAndStockFromTheBackend() {
    String waId = "2013" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    String key = Webhooks.PHONE_NUMBER_ID + ":" + waId;

    new Webhooks(port)
        .post(Webhooks.text(waId, "wamid.http." + waId, "الايفون ١٥ بكام؟", Instant.now()));

    // at rest: the price question answered and order-and-pay waiting for the customer's choice
    await()
        .atMost(Duration.ofSeconds(40))
        .until(
            () ->
                runtime
                            .createExecutionQuery()
                            .processInstanceBusinessKey(key)
                            .messageEventSubscriptionName("CustomerMessage")
                            .count()
                        == 1
                    && jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE conversation_key = ?")
                            .param(key)
                            .query(Long.class)
                            .single()
                        >= 1);
    List<String> sent =
        jdbc.sql("SELECT text FROM outbound_message WHERE conversation_key = ? ORDER BY id")
            .param(key)
            .query(String.class)
            .list();
    // one answer, from the backend's catalogue and stock (a branch the demo store does not have)
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0)).contains("47,999").contains("مصر الجديدة");

    String instance =
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).list().stream()
            .filter(p -> p.getProcessDefinitionId().startsWith("sales-conversation:"))
            .findFirst()
            .orElseThrow()
            .getId();
    // Smart Info comes from the backend over HTTP: the first turn went to a job before "Load Smart
    // Info" (configuration put it there; the embedded persona's step has none)
    assertThat(
            management
                .createJobDefinitionQuery()
                .processDefinitionId(
                    runtime
                        .createProcessInstanceQuery()
                        .processInstanceId(instance)
                        .singleResult()
                        .getProcessDefinitionId())
                .list())
        .extracting(org.camunda.bpm.engine.management.JobDefinition::getActivityId)
        .contains("serviceTask_loadSmartInfo")
        .doesNotContain("serviceTask_reply");
    // the stock lookup calls the backend too: in a job, never while the mailbox holds the
    // conversation
    String called =
        history
            .createHistoricProcessInstanceQuery()
            .superProcessInstanceId(instance)
            .singleResult()
            .getId();
    String calledDefinition =
        history
            .createHistoricProcessInstanceQuery()
            .processInstanceId(called)
            .singleResult()
            .getProcessDefinitionId();
    assertThat(
            management
                .createJobDefinitionQuery()
                .processDefinitionId(calledDefinition)
                .jobType("async-continuation")
                .list())
        .extracting(org.camunda.bpm.engine.management.JobDefinition::getActivityId)
        .contains(
            "serviceTask_lookUpStock",
            "serviceTask_offerTurn",
            "serviceTask_checkoutAnswer",
            "serviceTask_placeOrder",
            "serviceTask_createPaymentLink")
        .doesNotContain("serviceTask_readOfferTurn", "serviceTask_checkoutPersona");
    assertThat(runtime.getVariable(instance, "smartOrders")).isEqualTo(3);
    assertThat(runtime.getVariable(instance, "smartLastOrder")).isEqualTo("W-1042");
    assertThat(REQUESTS)
        .extracting(r -> r.getRequestUrl().encodedPath())
        .anyMatch(p -> p.endsWith("/summary"))
        .contains("/api/v1/products", "/api/v1/products/IP15-128/stock");

    // "Order now" and checkout (one unit, pickup at the backend's branch): each answer in a job, as
    // it reads the
    // backend's stock; then the backend places the order, in a job, and the payment link follows in
    // a job of its own
    String[] taps = {
      "sales_order:IP15-128",
      "checkout_qty:1",
      "checkout_pickup",
      "checkout_branch:HLP",
      "checkout_confirm",
      "pay_online"
    };
    for (int i = 0; i < taps.length; i++) {
      long answered =
          jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE conversation_key = ?")
              .param(key)
              .query(Long.class)
              .single();
      new Webhooks(port)
          .post(
              Webhooks.buttonReply(
                  waId, "wamid.http.order." + i + "." + waId, taps[i], taps[i], Instant.now()));
      await()
          .atMost(Duration.ofSeconds(40))
          .until(
              () ->
                  jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE conversation_key = ?")
                          .param(key)
                          .query(Long.class)
                          .single()
                      > answered);
    }
    await()
        .atMost(Duration.ofSeconds(40))
        .until(
            () ->
                history
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(called)
                        .activityId("serviceTask_createPaymentLink")
                        .finished()
                        .count()
                    == 1);
    assertThat(REQUESTS)
        .anyMatch(
            r ->
                r.getMethod().equals("POST")
                    && r.getRequestUrl().encodedPath().equals("/api/v1/orders"));
    assertThat(runtime.getVariable(called, "orderId")).isEqualTo("W-2001");
  }
}
