package app.wasla.channel.whatsapp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks and produces Meta's {@code X-Hub-Signature-256} header: HMAC-SHA256 of the raw body keyed
 * with the app secret.
 */
public final class WebhookSignature {

  private static final String PREFIX = "sha256=";
  private static final String ALGORITHM = "HmacSHA256";
  private static final int DIGEST_HEX_LENGTH = 64;

  private WebhookSignature() {}

  /**
   * True only when the header carries the HMAC of exactly these bytes; false (never an exception)
   * for anything else.
   */
  public static boolean isValid(byte[] rawBody, String signatureHeader, String appSecret) {
    if (rawBody == null || signatureHeader == null || appSecret == null || appSecret.isEmpty()) {
      return false;
    }
    String header = signatureHeader.trim();
    if (!header.startsWith(PREFIX) || header.length() != PREFIX.length() + DIGEST_HEX_LENGTH) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header, PREFIX.length(), header.length());
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    // Constant-time: a byte-by-byte early exit would let an attacker find the HMAC one byte at a
    // time.
    return MessageDigest.isEqual(hmac(rawBody, appSecret), given);
  }

  /**
   * The full header value {@code sha256=<lowercase hex>} for these bytes (for the simulator and
   * tests).
   */
  public static String sign(byte[] rawBody, String appSecret) {
    if (rawBody == null) {
      throw new IllegalArgumentException("rawBody must not be null");
    }
    if (appSecret == null || appSecret.isEmpty()) {
      throw new IllegalArgumentException("appSecret must not be empty");
    }
    return PREFIX + HexFormat.of().formatHex(hmac(rawBody, appSecret));
  }

  private static byte[] hmac(byte[] rawBody, String appSecret) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return mac.doFinal(rawBody);
    } catch (GeneralSecurityException e) {
      // Every Java runtime must provide HmacSHA256, so this is a broken JVM, not bad input.
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
