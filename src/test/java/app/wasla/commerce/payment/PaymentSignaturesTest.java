package app.wasla.commerce.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.wasla.commerce.CommerceProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * The gateways' callback verification: Paymob's HMAC-SHA512, Stripe-Signature, the sandbox's HMAC.
 */
public class PaymentSignaturesTest {

  /**
   * Paymob's sample transaction processed callback (developers.paymob.com, "HMAC Transaction
   * Callback"), rebuilt from the fields of its published concatenated string; the keys Paymob does
   * not sign are noise.
   */
  public static final String PAYMOB_SAMPLE =
      """
      {"type":"TRANSACTION","obj":{"id":192036465,"pending":false,"amount_cents":100000,"success":true,
       "is_auth":false,"is_capture":false,"is_standalone_payment":true,"is_voided":false,"is_refunded":false,
       "is_3d_secure":true,"integration_id":4097558,"profile_id":164295,"has_parent_transaction":false,
       "order":{"id":217503754,"created_at":"2024-06-13T11:32:09.628623","merchant_order_id":null,"amount_cents":100000},
       "created_at":"2024-06-13T11:33:44.592345","currency":"EGP","error_occured":false,"owner":302852,
       "source_data":{"type":"card","pan":"2346","sub_type":"MasterCard"},"data":{"message":"Approved"}}}""";

  /** Paymob's published concatenated string for that sample. */
  public static final String PAYMOB_SAMPLE_CONCATENATED =
      "1000002024-06-13T11:33:44.592345EGPfalsefalse1920364654097558truefalsefalsefalsetruefalse217503754302852"
          + "false2346MasterCardcardtrue";

  public static final String PAYMOB_SECRET = "paymob-test-hmac-secret";

  private final PaymobGateway paymob =
      new PaymobGateway(
          new OkHttpClient(),
          new CommerceProperties.Paymob("https://accept.paymob.com", "sk", "pk", 1L, PAYMOB_SECRET),
          "http://localhost");

  private static PaymentGateway.CallbackRequest paymobCallback(String body, String hmac) {
    return new PaymentGateway.CallbackRequest(
        body.getBytes(StandardCharsets.UTF_8),
        Map.of(),
        hmac == null ? Map.of() : Map.of("hmac", hmac));
  }

  private static String paymobHmac(String concatenated) {
    return PaymentGateway.hmacHex(
        "HmacSHA512",
        PAYMOB_SECRET.getBytes(StandardCharsets.UTF_8),
        concatenated.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void paymobConcatenatesTheDocumentedFieldsInTheDocumentedOrderLikeItsWorkedExample()
      throws Exception {
    assertThat(PaymobGateway.concatenated(new ObjectMapper().readTree(PAYMOB_SAMPLE).get("obj")))
        .isEqualTo(PAYMOB_SAMPLE_CONCATENATED);
  }

  @Test
  void paymobAcceptsItsHmacAndReadsASuccessfulTransaction() {
    PaymentGateway.Callback callback =
        paymob.verify(
            paymobCallback(PAYMOB_SAMPLE, paymobHmac(PAYMOB_SAMPLE_CONCATENATED).toUpperCase()));

    assertThat(callback)
        .isEqualTo(
            new PaymentGateway.Callback(
                "192036465", "217503754", PaymentGateway.Outcome.PAID, 100000L, "EGP"));
  }

  @Test
  void paymobRejectsATamperedAmountAMissingHmacAndAnotherSecret() {
    String hmac = paymobHmac(PAYMOB_SAMPLE_CONCATENATED);
    assertThatThrownBy(
            () ->
                paymob.verify(
                    paymobCallback(
                        PAYMOB_SAMPLE.replace(
                            "\"amount_cents\":100000,\"success\"",
                            "\"amount_cents\":100,\"success\""),
                        hmac)))
        .isInstanceOf(InvalidSignatureException.class);
    assertThatThrownBy(() -> paymob.verify(paymobCallback(PAYMOB_SAMPLE, null)))
        .isInstanceOf(InvalidSignatureException.class);
    assertThatThrownBy(
            () ->
                paymob.verify(
                    paymobCallback(
                        PAYMOB_SAMPLE,
                        PaymentGateway.hmacHex(
                            "HmacSHA512",
                            "other".getBytes(StandardCharsets.UTF_8),
                            PAYMOB_SAMPLE_CONCATENATED.getBytes(StandardCharsets.UTF_8)))))
        .isInstanceOf(InvalidSignatureException.class);
    assertThatThrownBy(() -> paymob.verify(paymobCallback("not json", hmac)))
        .isInstanceOf(InvalidSignatureException.class);
  }

  @Test
  void paymobSignsBooleansInLowerCaseSoADeclinedTransactionVerifiesAsFailed() {
    String declined = PAYMOB_SAMPLE.replace("\"success\":true", "\"success\":false");
    String concatenated =
        PAYMOB_SAMPLE_CONCATENATED.substring(0, PAYMOB_SAMPLE_CONCATENATED.length() - 4) + "false";

    assertThat(paymob.verify(paymobCallback(declined, paymobHmac(concatenated))).outcome())
        .isEqualTo(PaymentGateway.Outcome.FAILED);
    // "True" (as a careless str() of a boolean would print) is not what Paymob signs
    assertThatThrownBy(
            () ->
                paymob.verify(
                    paymobCallback(
                        PAYMOB_SAMPLE,
                        paymobHmac(PAYMOB_SAMPLE_CONCATENATED.replace("true", "True")))))
        .isInstanceOf(InvalidSignatureException.class);
  }

  // ---- Stripe

  static final String STRIPE_SECRET = "whsec_test_secret";
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  static final String STRIPE_EVENT =
      """
      {"id":"evt_1","type":"checkout.session.completed","data":{"object":{"id":"cs_test_1","payment_status":"paid"}}}""";

  private final StripeGateway stripe =
      new StripeGateway(
          new OkHttpClient(),
          new CommerceProperties.Stripe(
              "https://api.stripe.com", "sk", STRIPE_SECRET, Duration.ofSeconds(300)),
          "http://localhost",
          Clock.fixed(NOW, ZoneOffset.UTC));

  public static String stripeV1(long t, String body, String secret) {
    return PaymentGateway.hmacHex(
        "HmacSHA256",
        secret.getBytes(StandardCharsets.UTF_8),
        (t + "." + body).getBytes(StandardCharsets.UTF_8));
  }

  private PaymentGateway.Callback stripeVerify(String header, String body) {
    return stripe.verify(
        new PaymentGateway.CallbackRequest(
            body.getBytes(StandardCharsets.UTF_8),
            header == null ? Map.of() : Map.of("stripe-signature", header),
            Map.of()));
  }

  @Test
  void stripeAcceptsAnyMatchingV1AmongSeveralAndReadsTheCompletedSession() {
    long t = NOW.getEpochSecond() - 10;
    String header =
        "t="
            + t
            + ",v1="
            + stripeV1(t, STRIPE_EVENT, "whsec_old_rotated")
            + ",v1="
            + stripeV1(t, STRIPE_EVENT, STRIPE_SECRET)
            + ",v0="
            + "ab".repeat(32);

    assertThat(stripeVerify(header, STRIPE_EVENT))
        .isEqualTo(new PaymentGateway.Callback("evt_1", "cs_test_1", PaymentGateway.Outcome.PAID));
  }

  @Test
  void stripeRejectsOldTimestampsOtherBodiesOtherSecretsAndMissingParts() {
    long old = NOW.getEpochSecond() - 301;
    assertThatThrownBy(
            () ->
                stripeVerify(
                    "t=" + old + ",v1=" + stripeV1(old, STRIPE_EVENT, STRIPE_SECRET), STRIPE_EVENT))
        .isInstanceOf(InvalidSignatureException.class)
        .hasMessageContaining("tolerance");
    long future = NOW.getEpochSecond() + 301;
    assertThatThrownBy(
            () ->
                stripeVerify(
                    "t=" + future + ",v1=" + stripeV1(future, STRIPE_EVENT, STRIPE_SECRET),
                    STRIPE_EVENT))
        .isInstanceOf(InvalidSignatureException.class);
    long t = NOW.getEpochSecond();
    String v1 = stripeV1(t, STRIPE_EVENT, STRIPE_SECRET);
    // the raw body counts byte for byte: re-serialised JSON with a space is another body
    assertThatThrownBy(
            () ->
                stripeVerify(
                    "t=" + t + ",v1=" + v1, STRIPE_EVENT.replace(",\"type\"", ", \"type\"")))
        .isInstanceOf(InvalidSignatureException.class);
    assertThatThrownBy(
            () ->
                stripeVerify(
                    "t=" + t + ",v1=" + stripeV1(t, STRIPE_EVENT, "whsec_other"), STRIPE_EVENT))
        .isInstanceOf(InvalidSignatureException.class);
    assertThatThrownBy(() -> stripeVerify("t=" + t, STRIPE_EVENT))
        .isInstanceOf(InvalidSignatureException.class);
    assertThatThrownBy(() -> stripeVerify("v1=" + v1, STRIPE_EVENT))
        .isInstanceOf(InvalidSignatureException.class);
    assertThatThrownBy(() -> stripeVerify(null, STRIPE_EVENT))
        .isInstanceOf(InvalidSignatureException.class);
    // a signature over the timestamp of the header, not just over the body
    assertThatThrownBy(() -> stripeVerify("t=" + (t - 1) + ",v1=" + v1, STRIPE_EVENT))
        .isInstanceOf(InvalidSignatureException.class);
  }

  @Test
  void stripeReadsOtherSessionEvents() {
    long t = NOW.getEpochSecond();
    String expired = STRIPE_EVENT.replace("checkout.session.completed", "checkout.session.expired");
    assertThat(
            stripeVerify("t=" + t + ",v1=" + stripeV1(t, expired, STRIPE_SECRET), expired)
                .outcome())
        .isEqualTo(PaymentGateway.Outcome.FAILED);
    String unpaid = STRIPE_EVENT.replace("\"paid\"", "\"unpaid\"");
    assertThat(
            stripeVerify("t=" + t + ",v1=" + stripeV1(t, unpaid, STRIPE_SECRET), unpaid).outcome())
        .isEqualTo(PaymentGateway.Outcome.IGNORED);
  }

  // ---- sandbox

  @Test
  void theSandboxVerifiesWhatItsPayPageSigns() {
    SandboxGateway sandbox = new SandboxGateway("s3cret", "http://localhost:8080/");
    SandboxGateway.Signed signed = sandbox.sign("e1", "PAY-7GQ2XKM4TW5ZRB3NHD6YJCAFPL", true);

    assertThat(
            sandbox.verify(
                new PaymentGateway.CallbackRequest(
                    signed.body(), Map.of("x-sandbox-signature", signed.signature()), Map.of())))
        .isEqualTo(
            new PaymentGateway.Callback(
                "e1", "PAY-7GQ2XKM4TW5ZRB3NHD6YJCAFPL", PaymentGateway.Outcome.PAID));
    assertThatThrownBy(
            () ->
                new SandboxGateway("other", "http://x")
                    .verify(
                        new PaymentGateway.CallbackRequest(
                            signed.body(),
                            Map.of("x-sandbox-signature", signed.signature()),
                            Map.of())))
        .isInstanceOf(InvalidSignatureException.class);
    assertThat(
            sandbox
                .create(
                    new PaymentGateway.Request(
                        "PAY-7GQ2XKM4TW5ZRB3NHD6YJCAFPL",
                        "ORD-1",
                        java.math.BigDecimal.TEN,
                        "x",
                        "2010",
                        null))
                .url())
        .isEqualTo("http://localhost:8080/pay/sandbox/PAY-7GQ2XKM4TW5ZRB3NHD6YJCAFPL");
  }
}
