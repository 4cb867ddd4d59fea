package app.wasla.commerce.payment;

import java.math.BigDecimal;
import java.util.Map;

/** Port: one payment gateway, which makes payment links and verifies its own callbacks. */
public interface PaymentGateway {

  /** The provider's name in {@code /webhooks/payments/{provider}}: paymob, stripe, sandbox. */
  String name();

  /** Creates a link the customer opens to pay. */
  Link create(Request request);

  /** True when creating a link needs no network call: a flow may then do it in the turn. */
  default boolean local() {
    return false;
  }

  /**
   * Verifies a callback and reads it.
   *
   * @throws InvalidSignatureException when the signature is missing or wrong (nothing may change)
   */
  Callback verify(CallbackRequest request);

  /** What to charge; {@code paymentId} is Wasla's id of the payment, unique per order. */
  record Request(
      String paymentId,
      String orderRef,
      BigDecimal amountEgp,
      String description,
      String customerPhone,
      String customerName) {}

  /** A payment link; {@code providerRef} is the id the gateway's callbacks carry. */
  record Link(String providerRef, String url) {}

  /** A callback as received: the raw body, headers with lower-case names, query parameters. */
  record CallbackRequest(byte[] body, Map<String, String> headers, Map<String, String> query) {}

  /**
   * A verified callback: the gateway's event id, its reference of the payment, what happened, and
   * what the gateway says it charged ({@code amountMinor} in piastres/cents and an ISO currency;
   * null when it does not say).
   */
  record Callback(
      String eventId, String providerRef, Outcome outcome, Long amountMinor, String currency) {

    Callback(String eventId, String providerRef, Outcome outcome) {
      this(eventId, providerRef, outcome, null, null);
    }
  }

  /**
   * What a callback means for the payment; AUTHORIZED: the money is held, not captured, so not paid
   * yet.
   */
  enum Outcome {
    PAID,
    FAILED,
    AUTHORIZED,
    IGNORED
  }

  /** Hex of an HMAC. */
  static String hmacHex(String algorithm, byte[] key, byte[] data) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance(algorithm);
      mac.init(new javax.crypto.spec.SecretKeySpec(key, algorithm));
      return java.util.HexFormat.of().formatHex(mac.doFinal(data));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Constant-time comparison of two hex strings, case-insensitive. */
  static boolean sameHex(String expected, String given) {
    return given != null
        && java.security.MessageDigest.isEqual(
            expected
                .toLowerCase(java.util.Locale.ROOT)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            given
                .trim()
                .toLowerCase(java.util.Locale.ROOT)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }
}
