package app.wasla.commerce.payment;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.commerce.CommerceNodeTest;
import app.wasla.support.Webhooks;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A correctly signed gateway callback confirms a payment only if it charged the stored amount in
 * EGP and captured it: a smaller amount, another currency or an authorisation alone are recorded
 * with the reason and leave the payment open. Real HTTP to /webhooks/payments/{paymob,stripe}.
 */
@CommerceNodeTest
class PaymentCallbackAmountsTest {

  static final String STRIPE_SECRET = CommerceNodeTest.STRIPE_SECRET;
  static final ObjectMapper JSON = new ObjectMapper();
  static final OkHttpClient HTTP = new OkHttpClient();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  /**
   * An open payment of 1,000.00 EGP as a link of {@code provider} would have stored it; its
   * provider ref.
   */
  private String openPayment(String provider) {
    // a number, as Paymob's order ids are
    String ref =
        Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.sql(
            """
        INSERT INTO commerce_payment (id, provider, provider_ref, order_ref, customer_id, conversation_key,
                                      amount_egp, url, status, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)""")
        .params(
            "PAY-" + provider + ref,
            provider,
            ref,
            "ORD-" + ref,
            "cust-" + ref,
            Webhooks.PHONE_NUMBER_ID
                + ":2015"
                + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999),
            new BigDecimal("1000.00"),
            "https://pay.example/" + ref,
            now,
            now)
        .update();
    return ref;
  }

  private String status(String ref) {
    return jdbc.sql("SELECT status FROM commerce_payment WHERE provider_ref = ?")
        .param(ref)
        .query(String.class)
        .single();
  }

  private String handling(String provider, String eventId) {
    return jdbc.sql(
            "SELECT handling FROM commerce_payment_callback WHERE provider = ? AND event_id = ?")
        .params(provider, eventId)
        .query(String.class)
        .single();
  }

  private int post(String path, String body, String header, String value) throws IOException {
    Request.Builder b =
        new Request.Builder()
            .url("http://127.0.0.1:" + port + path)
            .post(
                RequestBody.create(
                    body.getBytes(StandardCharsets.UTF_8), MediaType.get("application/json")));
    if (header != null) {
      b.header(header, value);
    }
    try (Response r = HTTP.newCall(b.build()).execute()) {
      return r.code();
    }
  }

  /** A signed Paymob transaction callback for the order {@code ref}; returns its event id. */
  private String paymob(String ref, long amountCents, String currency, boolean isAuth)
      throws IOException {
    String eventId =
        Long.toString(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
    ObjectNode root = (ObjectNode) JSON.readTree(PaymentSignaturesTest.PAYMOB_SAMPLE);
    ObjectNode obj = (ObjectNode) root.get("obj");
    obj.put("id", Long.parseLong(eventId))
        .put("amount_cents", amountCents)
        .put("currency", currency)
        .put("is_auth", isAuth);
    ((ObjectNode) obj.get("order")).put("id", Long.parseLong(ref));
    String hmac =
        PaymentGateway.hmacHex(
            "HmacSHA512",
            PaymentSignaturesTest.PAYMOB_SECRET.getBytes(StandardCharsets.UTF_8),
            PaymobGateway.concatenated(obj).getBytes(StandardCharsets.UTF_8));
    assertThat(post("/webhooks/payments/paymob?hmac=" + hmac, root.toString(), null, null))
        .isEqualTo(200);
    return eventId;
  }

  /**
   * A signed Stripe checkout.session.completed for the session {@code ref}; returns its event id.
   */
  private String stripe(String ref, long amountTotal, String currency) throws IOException {
    String eventId = "evt_" + ThreadLocalRandom.current().nextLong(1_000_000L, 9_999_999L);
    String event =
        JSON.createObjectNode()
            .put("id", eventId)
            .put("type", "checkout.session.completed")
            .set(
                "data",
                JSON.createObjectNode()
                    .set(
                        "object",
                        JSON.createObjectNode()
                            .put("id", ref)
                            .put("payment_status", "paid")
                            .put("amount_total", amountTotal)
                            .put("currency", currency)))
            .toString();
    long t = Instant.now().getEpochSecond();
    assertThat(
            post(
                "/webhooks/payments/stripe",
                event,
                "Stripe-Signature",
                "t=" + t + ",v1=" + PaymentSignaturesTest.stripeV1(t, event, STRIPE_SECRET)))
        .isEqualTo(200);
    return eventId;
  }

  @Test
  void paymobConfirmsOnlyTheStoredAmountInEgpCaptured() throws Exception {
    String ref = openPayment("paymob");

    assertThat(handling("paymob", paymob(ref, 100, "EGP", false))).isEqualTo("AMOUNT_MISMATCH");
    assertThat(status(ref)).isEqualTo("OPEN");
    assertThat(handling("paymob", paymob(ref, 100000, "USD", false)))
        .isEqualTo("CURRENCY_MISMATCH");
    assertThat(status(ref)).isEqualTo("OPEN");
    assertThat(handling("paymob", paymob(ref, 100000, "EGP", true))).isEqualTo("NOT_CAPTURED");
    assertThat(status(ref)).isEqualTo("OPEN");
    assertThat(receivedEvents(ref)).isZero();

    assertThat(handling("paymob", paymob(ref, 100000, "EGP", false))).isEqualTo("CORRELATED");
    assertThat(status(ref)).isEqualTo("PAID");
    assertThat(receivedEvents(ref)).isEqualTo(1);
  }

  @Test
  void stripeConfirmsOnlyTheStoredAmountInEgp() throws Exception {
    String ref = openPayment("stripe");
    assertThat(handling("stripe", stripe(ref, 1, "usd"))).isEqualTo("CURRENCY_MISMATCH");
    assertThat(handling("stripe", stripe(ref, 1, "egp"))).isEqualTo("AMOUNT_MISMATCH");
    assertThat(status(ref)).isEqualTo("OPEN");
    assertThat(receivedEvents(ref)).isZero();

    assertThat(handling("stripe", stripe(ref, 100000, "egp"))).isEqualTo("CORRELATED");
    assertThat(status(ref)).isEqualTo("PAID");
    assertThat(receivedEvents(ref)).isEqualTo(1);
  }

  /** PaymentReceived events queued for the payment's conversation. */
  private long receivedEvents(String ref) {
    String key =
        jdbc.sql("SELECT conversation_key FROM commerce_payment WHERE provider_ref = ?")
            .param(ref)
            .query(String.class)
            .single();
    return jdbc.sql(
            "SELECT COUNT(*) FROM inbox_message WHERE conversation_key = ? AND message_name = ?")
        .params(key, Payments.PAYMENT_RECEIVED)
        .query(Long.class)
        .single();
  }
}
