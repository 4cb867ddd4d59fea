package app.wasla.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Wasla-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}.
 * The timestamp is signed with the body so that a receiver can reject replays older than a few
 * minutes.
 */
public final class WebhookSignature {

  public static final String HEADER = "Wasla-Signature";

  private WebhookSignature() {}

  /** The header value for this body at this time. */
  public static String sign(byte[] body, String secret, long epochSeconds) {
    return "t="
        + epochSeconds
        + ",v1="
        + HexFormat.of().formatHex(hmac(secret, epochSeconds, body));
  }

  /**
   * What a receiver does: recompute and compare in constant time, and check the timestamp's age.
   */
  public static boolean verify(
      byte[] body, String header, String secret, long nowEpochSeconds, long toleranceSeconds) {
    if (header == null) {
      return false;
    }
    Long t = null;
    String v1 = null;
    for (String part : header.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length == 2 && kv[0].equals("t")) {
        try {
          t = Long.parseLong(kv[1]);
        } catch (NumberFormatException e) {
          return false;
        }
      } else if (kv.length == 2 && kv[0].equals("v1")) {
        v1 = kv[1];
      }
    }
    if (t == null || v1 == null || Math.abs(nowEpochSeconds - t) > toleranceSeconds) {
      return false;
    }
    byte[] expected =
        HexFormat.of().formatHex(hmac(secret, t, body)).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] hmac(String secret, long t, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
