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
