package app.wasla.commerce.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.wasla.commerce.CommerceBackendException;
import app.wasla.commerce.CommerceProperties;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Link creation at Paymob (intention) and Stripe (Checkout Session), with MockWebServer as the
 * gateway.
 */
class GatewayLinksTest {

  MockWebServer server;
  final PaymentGateway.Request request =
      new PaymentGateway.Request(
          "PAY-3QK7TZ2WMXAFN4RJB6YDHC5LPE",
          "ORD-12001",
          new BigDecimal("11499"),
          "ORD-12001 AirPods Pro 2",
          "201001234567",
          "Mariam Adel");

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private String base() {
    return server.url("/").toString().replaceAll("/$", "");
  }

  @Test
  void paymobMakesAnIntentionInPiastresAndLinksToTheUnifiedCheckout() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(201)
            .setBody(
                "{\"id\":\"pi_test_1\",\"client_secret\":\"egy_csk_test_abc\",\"intention_order_id\":317500001}"));
    PaymobGateway paymob =
        new PaymobGateway(
            new OkHttpClient(),
            new CommerceProperties.Paymob(base(), "egy_sk_test", "egy_pk_test", 4097558L, "h"),
            "https://shop.example");

    PaymentGateway.Link link = paymob.create(request);

    assertThat(link.providerRef()).isEqualTo("317500001");
    assertThat(link.url())
        .isEqualTo(
            base() + "/unifiedcheckout/?publicKey=egy_pk_test&clientSecret=egy_csk_test_abc");
    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getPath()).isEqualTo("/v1/intention/");
    assertThat(sent.getHeader("Authorization")).isEqualTo("Token egy_sk_test");
    String body = sent.getBody().readUtf8();
    assertThat(body)
        .contains("\"amount\":1149900")
        .contains("\"payment_methods\":[4097558]")
        .contains("\"special_reference\":\"PAY-3QK7TZ2WMXAFN4RJB6YDHC5LPE\"")
        .contains("\"notification_url\":\"https://shop.example/webhooks/payments/paymob\"")
        .contains("\"first_name\":\"Mariam\"")
        .contains("\"phone_number\":\"+201001234567\"");
  }

  @Test
  void paymobErrorsAndIncompleteAnswersFail() {
    server.enqueue(new MockResponse().setResponseCode(401));
    server.enqueue(new MockResponse().setResponseCode(201).setBody("{\"id\":\"pi\"}"));
    PaymobGateway paymob =
        new PaymobGateway(
            new OkHttpClient(),
            new CommerceProperties.Paymob(base(), "sk", "pk", 1L, "h"),
            "https://shop.example");

    assertThatThrownBy(() -> paymob.create(request))
        .isInstanceOf(CommerceBackendException.class)
        .hasMessageContaining("401");
    assertThatThrownBy(() -> paymob.create(request))
        .isInstanceOf(CommerceBackendException.class)
        .hasMessageContaining("client_secret");
  }

  @Test
  void stripeMakesACheckoutSessionIdempotentlyAndUsesItsUrl() throws Exception {
    server.enqueue(
        new MockResponse()
            .setBody(
                "{\"id\":\"cs_test_a1\",\"object\":\"checkout.session\",\"url\":\"https://checkout.stripe.com/c/pay/cs_test_a1\"}"));
    StripeGateway stripe =
        new StripeGateway(
            new OkHttpClient(),
            new CommerceProperties.Stripe(base(), "sk_test_1", "whsec", Duration.ofSeconds(300)),
            "https://shop.example",
            Clock.systemUTC());

    PaymentGateway.Link link = stripe.create(request);

    assertThat(link)
        .isEqualTo(
            new PaymentGateway.Link("cs_test_a1", "https://checkout.stripe.com/c/pay/cs_test_a1"));
    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getPath()).isEqualTo("/v1/checkout/sessions");
    assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer sk_test_1");
    assertThat(sent.getHeader("Idempotency-Key")).isEqualTo("wasla-PAY-3QK7TZ2WMXAFN4RJB6YDHC5LPE");
    String form =
        java.net.URLDecoder.decode(
            sent.getBody().readUtf8(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(form)
        .contains("line_items[0][price_data][currency]=egp")
        .contains("line_items[0][price_data][unit_amount]=1149900")
        .contains("client_reference_id=PAY-3QK7TZ2WMXAFN4RJB6YDHC5LPE");
  }
}
