package app.wasla.commerce.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.wasla.commerce.CommerceBackendException;
import app.wasla.commerce.CommerceProperties;
import app.wasla.commerce.booking.SlotTakenException;
import app.wasla.commerce.catalogue.Product;
import app.wasla.commerce.order.Order;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP adapter against MockWebServer playing the business's backend. */
class HttpBackendTest {

  MockWebServer server;
  HttpBackend backend;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    backend =
        new HttpBackend(
            new OkHttpClient(),
            new CommerceProperties.Http(
                server.url("/api/v1").toString(),
                "X-Api-Key",
                "k-123",
                Duration.ofMillis(500),
                Duration.ofMillis(500)));
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  @Test
  void smartInfoOverHttpIsNotLocalSoAFirstTurnGoesToAJob() {
    assertThat(backend.local()).isFalse();
  }

  @Test
  void searchSendsTheTextAndTheAuthHeaderAndReadsProducts() throws Exception {
    server.enqueue(
        json(
            200,
            """
        [{"sku":"IP15-128","nameEn":"iPhone 15 128GB","nameAr":"آيفون ١٥","priceEgp":47999,"category":"phone","x":1}]"""));

    assertThat(backend.search("بكام الايفون؟"))
        .containsExactly(
            new Product(
                "IP15-128", "iPhone 15 128GB", "آيفون ١٥", new BigDecimal("47999"), "phone"));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getPath()).startsWith("/api/v1/products?q=");
    assertThat(request.getRequestUrl().queryParameter("q")).isEqualTo("بكام الايفون؟");
    assertThat(request.getHeader("X-Api-Key")).isEqualTo("k-123");
  }

  @Test
  void aProductsPhotoIsItsHttpImageUrlAndAnythingElseIsLeftOut() throws Exception {
    server.enqueue(
        json(
            200,
            """
        {"sku":"JBLF6","nameEn":"JBL Flip 6","priceEgp":5999,"imageUrl":"https://cdn.shop.example/jblf6.jpg"}"""));
    server.enqueue(
        json(
            200,
            """
        {"sku":"JBLF6","nameEn":"JBL Flip 6","priceEgp":5999,"imageUrl":"javascript:alert(1)"}"""));

    assertThat(backend.product("JBLF6").orElseThrow().imageUrl())
        .isEqualTo("https://cdn.shop.example/jblf6.jpg");
    assertThat(backend.product("JBLF6").orElseThrow().imageUrl()).isNull();
  }

  @Test
  void notFoundIsEmptyAndConflictIsABusinessOutcome() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(404));
    server.enqueue(json(409, "{\"title\":\"out of stock\"}"));
    server.enqueue(json(409, "{}"));

    assertThat(backend.product("NOPE")).isEmpty();
    assertThat(backend.place("2010", "IP15-128", 1, "req-1")).isEmpty();
    assertThatThrownBy(() -> backend.reschedule("BK-1", Instant.parse("2026-12-01T10:00:00Z")))
        .isInstanceOf(SlotTakenException.class);
    server.takeRequest();
    RecordedRequest order = server.takeRequest();
    assertThat(order.getMethod()).isEqualTo("POST");
    assertThat(order.getHeader("Idempotency-Key")).isEqualTo("req-1");
    assertThat(order.getBody().readUtf8())
        .contains("\"sku\":\"IP15-128\"")
        .contains("\"quantity\":1");
    assertThat(server.takeRequest().getMethod()).isEqualTo("PATCH");
  }

  @Test
  void otherClientErrorsAndServerErrorsFailTheJob() {
    server.enqueue(new MockResponse().setResponseCode(401));
    server.enqueue(new MockResponse().setResponseCode(422));
    server.enqueue(new MockResponse().setResponseCode(503));

    assertThatThrownBy(() -> backend.stock("IP15-128"))
        .isInstanceOf(CommerceBackendException.class)
        .hasMessageContaining("401");
    assertThatThrownBy(() -> backend.forCustomer("2010", 5))
        .isInstanceOf(CommerceBackendException.class)
        .hasMessageContaining("422");
    assertThatThrownBy(() -> backend.markPaid("ORD-1", "PAY-1"))
        .isInstanceOf(CommerceBackendException.class)
        .hasMessageContaining("503");
  }

  @Test
  void aSlowBackendTimesOut() {
    server.enqueue(json(200, "[]").setBodyDelay(2, TimeUnit.SECONDS));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    assertThatThrownBy(() -> backend.search("x"))
        .isInstanceOf(CommerceBackendException.class)
        .hasMessageContaining("too slow");
    assertThatThrownBy(() -> backend.upcoming("2010")).isInstanceOf(CommerceBackendException.class);
  }

  @Test
  void malformedBodiesAreFailuresNotEmptyAnswers() {
    server.enqueue(json(200, "{not json"));
    server.enqueue(json(200, "{\"sku\":\"X\"}"));
    server.enqueue(json(200, "null"));
    server.enqueue(json(200, "[{\"branchCode\":\"CAI\"}]"));

    assertThatThrownBy(() -> backend.search("x"))
        .isInstanceOf(CommerceBackendException.class)
        .hasMessageContaining("malformed");
    assertThatThrownBy(() -> backend.product("X"))
        .isInstanceOf(CommerceBackendException.class)
        .hasMessageContaining("nameEn");
    assertThatThrownBy(() -> backend.find("ORD-1")).isInstanceOf(CommerceBackendException.class);
    assertThatThrownBy(() -> backend.stock("X"))
        .isInstanceOf(CommerceBackendException.class)
        .hasMessageContaining("available");
  }

  @Test
  void ordersBookingsAndSummaryRoundTrip() throws Exception {
    server.enqueue(
        json(
            201,
            """
        {"id":"ORD-77","customerId":"2010","sku":"APP2","productNameEn":"AirPods Pro 2","quantity":1,
         "branchCode":"CAI","amountEgp":11499,"status":"RESERVED","createdAt":"2026-11-25T10:00:00Z"}"""));
    server.enqueue(json(200, "[\"2026-11-26T09:00:00Z\",\"2026-11-26T09:30:00Z\"]"));
    server.enqueue(
        json(
            200,
            """
        {"orders":3,"totalSpendEgp":20398,"lastOrder":"ORD-77","openPayments":1,"openPaymentsEgp":11499,"openBookings":0}"""));
    server.enqueue(new MockResponse().setResponseCode(204));

    Order order = backend.place("2010", "APP2", 1, "req-2").orElseThrow();
    assertThat(order.id()).isEqualTo("ORD-77");
    assertThat(order.status()).isEqualTo(Order.RESERVED);
    assertThat(backend.freeSlots("REPAIR_CHECK", "CAI", Instant.parse("2026-11-26T00:00:00Z"), 10))
        .containsExactly(
            Instant.parse("2026-11-26T09:00:00Z"), Instant.parse("2026-11-26T09:30:00Z"));
    assertThat(backend.summary("2010").orders()).isEqualTo(3);
    backend.cancel("BK-9");

    server.takeRequest();
    RecordedRequest slots = server.takeRequest();
    assertThat(slots.getPath())
        .startsWith("/api/v1/services/REPAIR_CHECK/slots?branch=CAI&from=2026-11-26T00%3A00%3A00Z");
    assertThat(server.takeRequest().getPath()).isEqualTo("/api/v1/customers/2010/summary");
    RecordedRequest cancel = server.takeRequest();
    assertThat(cancel.getMethod()).isEqualTo("DELETE");
    assertThat(cancel.getPath()).isEqualTo("/api/v1/bookings/BK-9");
  }

  @Test
  void bookingOptionsAreReadAndABackendWithoutThemOffersNone() throws Exception {
    server.enqueue(
        json(
            200,
            """
        {"services":[{"code":"SCREEN_IP15","nameEn":"iPhone 15 screen replacement","nameAr":"تغيير شاشة آيفون ١٥",
          "priceEgp":9500}],"branches":[{"code":"CAI","nameEn":"Cairo (Nasr City)","nameAr":"القاهرة (مدينة نصر)",
          "latitude":30.0731,"longitude":31.3456,"addressEn":"24 Abbas El Akkad St","addressAr":"٢٤ شارع عباس العقاد"},
          {"code":"ALX","nameEn":"Alexandria (Smouha)"}]}"""));
    server.enqueue(new MockResponse().setResponseCode(404));

    app.wasla.commerce.booking.BookingOptions options = backend.options();
    assertThat(options.service("SCREEN_IP15").priceEgp()).isEqualByComparingTo("9500");
    assertThat(options.branch("CAI").nameAr()).isEqualTo("القاهرة (مدينة نصر)");
    // where a branch is: optional in the contract
    assertThat(options.branch("CAI").located()).isTrue();
    assertThat(options.branch("CAI").latitude()).isEqualTo(30.0731);
    assertThat(options.branch("CAI").addressEn()).isEqualTo("24 Abbas El Akkad St");
    assertThat(options.branch("ALX").located()).isFalse();
    assertThat(server.takeRequest().getPath()).isEqualTo("/api/v1/booking-options");
    assertThat(backend.options()).isEqualTo(app.wasla.commerce.booking.BookingOptions.NONE);
  }
}
