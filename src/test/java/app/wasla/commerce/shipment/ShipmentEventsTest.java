package app.wasla.commerce.shipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.api.ApiKeys;
import app.wasla.commerce.order.Order;
import app.wasla.commerce.order.Orders;
import app.wasla.security.Scope;
import app.wasla.support.WaslaNode;
import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The business's backend posts shipment events through the real HTTP API (an API key with
 * orders:write): each is kept once per event id, the customer is told once in their language with
 * the courier's position as a location message, bad input is a 400 that keeps nothing, and "where
 * is my order?" is answered with the latest event.
 */
class ShipmentEventsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> databases() {
    return WaslaNode.databases("shipment-events");
  }

  private final OkHttpClient http = new OkHttpClient();

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void eventsAreKeptOnceToldOnceAndAnswerWhereIsMyOrder(String name, Map<String, String> database)
      throws Exception {
    WhatsAppMock meta = new WhatsAppMock();
    Map<String, String> props = new HashMap<>(database);
    props.put("wasla.outbox.sweep-interval", "200ms");
    try (ConfigurableApplicationContext node = WaslaNode.start(meta, props)) {
      int port = WaslaNode.port(node);
      Webhooks webhooks = new Webhooks(port);
      JdbcClient jdbc = node.getBean(JdbcClient.class);
      ApiKeys keys = node.getBean(ApiKeys.class);
      String backend = keys.create("shop-backend", Set.of(Scope.ORDERS_WRITE), "test").key();
      String reader = keys.create("reader", Set.of(Scope.CONVERSATIONS_READ), "test").key();
      String waId = "2011" + (10_000_000 + System.nanoTime() % 89_999_999);
      assertThat(
              webhooks.post(
                  Webhooks.text(waId, "wamid.s1." + waId, "Hello, good evening", Instant.now())))
          .isEqualTo(200);
      await().atMost(Duration.ofSeconds(30)).until(() -> !meta.sentTo(waId).isEmpty());
      Order order =
          node.getBean(Orders.class).place(waId, "JBLF6", 1, "shipment-test-" + waId).orElseThrow();
      String path = "/api/orders/" + order.id() + "/shipment-events";
      int before = meta.sentTo(waId).size();

      String event =
          """
          {"eventId":"evt-out-1","type":"out_for_delivery","occurredAt":"2026-12-06T10:15:00Z",
           "courier":{"latitude":30.0626,"longitude":31.3219},"trackingUrl":"https://track.example/ab12"}""";
      try (Response first = post(port, path, backend, event)) {
        assertThat(first.code()).as(first.peekBody(1000).string()).isEqualTo(201);
        assertThat(JSON.readTree(first.body().string()).path("duplicate").asBoolean()).isFalse();
      }
      try (Response again = post(port, path, backend, event)) {
        assertThat(again.code()).isEqualTo(200);
        assertThat(JSON.readTree(again.body().string()).path("duplicate").asBoolean()).isTrue();
      }

      await().atMost(Duration.ofSeconds(30)).until(() -> meta.sentTo(waId).size() >= before + 2);
      List<WhatsAppMock.Sent> told = meta.sentTo(waId).subList(before, meta.sentTo(waId).size());
      assertThat(told).extracting(WhatsAppMock.Sent::type).containsExactly("text", "location");
      String text = told.get(0).body().path("text").path("body").asText();
      assertThat(text)
          .contains("Your order " + order.id())
          .contains("out for delivery")
          .contains("https://track.example/ab12");
      JsonNode pin = told.get(1).body().path("location");
      assertThat(pin.path("latitude").asDouble()).isEqualTo(30.0626);
      assertThat(pin.path("longitude").asDouble()).isEqualTo(31.3219);
      assertThat(pin.path("name").asText()).isEqualTo("Courier's location");
      assertThat(
              jdbc.sql("SELECT COUNT(*) FROM commerce_shipment_event WHERE order_id = ?")
                  .param(order.id())
                  .query(Long.class)
                  .single())
          .isEqualTo(1);

      // bad input is refused and keeps nothing
      for (String bad :
          List.of(
              "{\"eventId\":\"e2\",\"type\":\"lost_in_space\"}",
              "{\"type\":\"delivered\"}",
              "{\"eventId\":\"e3\",\"type\":\"picked_up\",\"occurredAt\":\"yesterday\"}",
              "{\"eventId\":\"e4\",\"type\":\"picked_up\",\"courier\":{\"latitude\":95,\"longitude\":31}}",
              "{\"eventId\":\"e5\",\"type\":\"picked_up\",\"trackingUrl\":\"javascript:alert(1)\"}")) {
        try (Response refused = post(port, path, backend, bad)) {
          assertThat(refused.code()).as(bad).isEqualTo(400);
        }
      }
      try (Response unknown =
          post(port, "/api/orders/ORD-99999999/shipment-events", backend, event)) {
        assertThat(unknown.code()).isEqualTo(404);
      }
      try (Response wrongScope = post(port, path, reader, event)) {
        assertThat(wrongScope.code()).isEqualTo(403);
      }
      try (Response anonymous = post(port, path, null, event)) {
        assertThat(anonymous.code()).isEqualTo(401);
      }
      assertThat(
              jdbc.sql("SELECT COUNT(*) FROM commerce_shipment_event WHERE order_id = ?")
                  .param(order.id())
                  .query(Long.class)
                  .single())
          .isEqualTo(1);

      // "where is my order?": the latest event, and where the courier is
      int asked = meta.sentTo(waId).size();
      assertThat(
              webhooks.post(
                  Webhooks.text(waId, "wamid.s2." + waId, "where is my order?", Instant.now())))
          .isEqualTo(200);
      await().atMost(Duration.ofSeconds(30)).until(() -> meta.sentTo(waId).size() >= asked + 2);
      List<WhatsAppMock.Sent> answer = meta.sentTo(waId).subList(asked, meta.sentTo(waId).size());
      assertThat(answer.get(0).body().path("text").path("body").asText())
          .contains(order.id())
          .contains("out for delivery");
      assertThat(answer).extracting(WhatsAppMock.Sent::type).contains("location");
    }
  }

  /**
   * The steps only go forward: a step behind the order's is kept but not told, a step already told
   * is not told again (a new courier position goes out as the pin alone, once a minute), a future
   * time and a reused event id are refused with typed problems, and "where is my order?" answers
   * the most advanced step with the latest position.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void stepsNeverGoBackwardsAndAreToldOnce(String name, Map<String, String> database)
      throws Exception {
    WhatsAppMock meta = new WhatsAppMock();
    Map<String, String> props = new HashMap<>(database);
    props.put("wasla.outbox.sweep-interval", "200ms");
    try (ConfigurableApplicationContext node = WaslaNode.start(meta, props)) {
      int port = WaslaNode.port(node);
      Webhooks webhooks = new Webhooks(port);
      ApiKeys keys = node.getBean(ApiKeys.class);
      String backend = keys.create("shop-backend", Set.of(Scope.ORDERS_WRITE), "test").key();
      String waId = "2012" + (10_000_000 + System.nanoTime() % 89_999_999);
      assertThat(webhooks.post(Webhooks.text(waId, "wamid.t1." + waId, "Hello", Instant.now())))
          .isEqualTo(200);
      await().atMost(Duration.ofSeconds(30)).until(() -> !meta.sentTo(waId).isEmpty());
      Order order =
          node.getBean(Orders.class).place(waId, "JBLF6", 1, "steps-test-" + waId).orElseThrow();
      String path = "/api/orders/" + order.id() + "/shipment-events";
      int before = meta.sentTo(waId).size();
      Instant t0 = Instant.now().minus(Duration.ofHours(1));

      // a time ahead of the clock is refused and names the field
      try (Response future =
          post(
              port,
              path,
              backend,
              event("f1", "picked_up", Instant.now().plus(Duration.ofMinutes(10)), null))) {
        assertThat(future.code()).isEqualTo(400);
        JsonNode problem = JSON.readTree(future.body().string());
        assertThat(problem.path("detail").asText()).contains("occurredAt");
        assertThat(problem.path("type").asText())
            .isEqualTo("https://wasla.app/problems/invalid-request");
      }
      // the order's number in another case: the stored number is used and echoed
      try (Response picked =
          post(
              port,
              path.replace(order.id(), order.id().toLowerCase()),
              backend,
              event("p1", "picked_up", t0, null))) {
        assertThat(picked.code()).isEqualTo(201);
        JsonNode answer = JSON.readTree(picked.body().string());
        assertThat(answer.path("orderNumber").asText()).isEqualTo(order.id());
        assertThat(answer.path("told").asBoolean()).isTrue();
      }
      // the same step again under another id: kept, not told
      assertTold(port, path, backend, event("p2", "picked_up", t0.plusSeconds(60), null), false);
      // a reused id with another step is a conflict, and keeps nothing
      try (Response reused =
          post(port, path, backend, event("p1", "delivered", t0.plusSeconds(90), null))) {
        assertThat(reused.code()).isEqualTo(409);
        assertThat(JSON.readTree(reused.body().string()).path("type").asText())
            .isEqualTo("https://wasla.app/problems/event-id-reused");
      }
      try (Response same = post(port, path, backend, event("p1", "picked_up", t0, null))) {
        assertThat(same.code()).isEqualTo(200);
        assertThat(JSON.readTree(same.body().string()).path("duplicate").asBoolean()).isTrue();
      }
      assertTold(
          port, path, backend, event("o1", "out_for_delivery", t0.plusSeconds(120), null), true);
      // a new courier position for the step told: the pin alone; a second within a minute: kept
      assertTold(
          port,
          path,
          backend,
          event("o2", "out_for_delivery", t0.plusSeconds(180), "30.0500,31.2400"),
          true);
      assertTold(
          port,
          path,
          backend,
          event("o3", "out_for_delivery", t0.plusSeconds(240), "30.0700,31.3300"),
          false);
      // a late report of an earlier step is kept and not told
      assertTold(port, path, backend, event("p3", "picked_up", t0.plusSeconds(300), null), false);

      await().atMost(Duration.ofSeconds(30)).until(() -> meta.sentTo(waId).size() >= before + 3);
      Thread.sleep(1500);
      List<WhatsAppMock.Sent> told = meta.sentTo(waId).subList(before, meta.sentTo(waId).size());
      assertThat(told)
          .extracting(WhatsAppMock.Sent::type)
          .containsExactly("text", "text", "location");
      assertThat(told.get(0).body().path("text").path("body").asText()).contains("picked up");
      assertThat(told.get(1).body().path("text").path("body").asText())
          .contains("out for delivery");
      assertThat(told.get(2).body().path("location").path("latitude").asDouble()).isEqualTo(30.05);

      // "where is my order?": the step reached, with the latest position (kept, not sent)
      int asked = meta.sentTo(waId).size();
      assertThat(
              webhooks.post(
                  Webhooks.text(waId, "wamid.t2." + waId, "where is my order?", Instant.now())))
          .isEqualTo(200);
      await().atMost(Duration.ofSeconds(30)).until(() -> meta.sentTo(waId).size() >= asked + 2);
      List<WhatsAppMock.Sent> answer = meta.sentTo(waId).subList(asked, meta.sentTo(waId).size());
      assertThat(answer.get(0).body().path("text").path("body").asText())
          .contains("out for delivery")
          .doesNotContain("picked up");
      assertThat(answer.get(1).body().path("location").path("latitude").asDouble())
          .isEqualTo(30.07);

      // delivered, then a late out_for_delivery and picked_up (even said to be later): never back
      int delivering = meta.sentTo(waId).size();
      assertTold(port, path, backend, event("d1", "delivered", t0.plusSeconds(400), null), true);
      assertTold(
          port,
          path,
          backend,
          event("o4", "out_for_delivery", t0.plusSeconds(500), "30.0800,31.3400"),
          false);
      assertTold(port, path, backend, event("p4", "picked_up", t0.plusSeconds(600), null), false);
      await().atMost(Duration.ofSeconds(30)).until(() -> meta.sentTo(waId).size() > delivering);
      Thread.sleep(1500);
      List<WhatsAppMock.Sent> last =
          meta.sentTo(waId).subList(delivering, meta.sentTo(waId).size());
      assertThat(last).extracting(WhatsAppMock.Sent::type).containsExactly("text");
      assertThat(last.get(0).body().path("text").path("body").asText()).contains("delivered");

      int askedAgain = meta.sentTo(waId).size();
      assertThat(
              webhooks.post(
                  Webhooks.text(waId, "wamid.t3." + waId, "where is my order?", Instant.now())))
          .isEqualTo(200);
      await().atMost(Duration.ofSeconds(30)).until(() -> meta.sentTo(waId).size() > askedAgain);
      assertThat(meta.sentTo(waId).get(askedAgain).body().path("text").path("body").asText())
          .contains("delivered")
          .doesNotContain("out for delivery");

      // an unknown order: a typed 404
      try (Response unknown =
          post(
              port,
              "/api/orders/ORD-99999999/shipment-events",
              backend,
              event("x1", "picked_up", t0, null))) {
        assertThat(unknown.code()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body().string()).path("type").asText())
            .isEqualTo("https://wasla.app/problems/not-found");
      }
      // the media and invoice endpoints' errors carry the documented types too
      String reader =
          keys.create("reader", Set.of(Scope.CONVERSATIONS_READ, Scope.ORDERS_READ), "test").key();
      for (String missing :
          List.of("/api/media/987654321", "/api/orders/" + order.id() + "/invoice")) {
        Request.Builder get =
            new Request.Builder()
                .url("http://127.0.0.1:" + port + missing)
                .header("Authorization", "Bearer " + reader);
        try (Response response = http.newCall(get.build()).execute()) {
          assertThat(response.code()).as(missing).isEqualTo(404);
          assertThat(JSON.readTree(response.body().string()).path("type").asText())
              .as(missing)
              .isEqualTo("https://wasla.app/problems/not-found");
        }
      }
    }
  }

  private void assertTold(int port, String path, String key, String body, boolean told)
      throws Exception {
    try (Response response = post(port, path, key, body)) {
      String text = response.body().string();
      assertThat(response.code()).as(text).isEqualTo(201);
      assertThat(JSON.readTree(text).path("told").asBoolean()).as(body).isEqualTo(told);
    }
  }

  private static String event(String id, String type, Instant at, String courier) {
    String position = "";
    if (courier != null) {
      String[] ll = courier.split(",");
      position = ",\"courier\":{\"latitude\":" + ll[0] + ",\"longitude\":" + ll[1] + "}";
    }
    return "{\"eventId\":\""
        + id
        + "\",\"type\":\""
        + type
        + "\",\"occurredAt\":\""
        + at
        + "\""
        + position
        + "}";
  }

  private Response post(int port, String path, String key, String body) throws Exception {
    Request.Builder request =
        new Request.Builder()
            .url("http://127.0.0.1:" + port + path)
            .post(RequestBody.create(body, MediaType.get("application/json")));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return http.newCall(request.build()).execute();
  }
}
