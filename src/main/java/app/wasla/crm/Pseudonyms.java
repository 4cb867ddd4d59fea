package app.wasla.crm;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What an erased customer's key becomes everywhere: {@code erased:<32 hex digits of
 * HMAC-SHA256(secret, key)>}. The rows that counted orders, payments and messages stay countable
 * under it; the number cannot be read back from it, and without the secret not even checked against
 * a guess. With no secret configured ({@code wasla.crm.erasure-secret}) each start draws a random
 * one, so no one can link a pseudonym to a number later.
 */
@Component
public class Pseudonyms {

  public static final String PREFIX = "erased:";
  private static final Logger log = LoggerFactory.getLogger(Pseudonyms.class);

  private final byte[] secret;

  Pseudonyms(CrmProperties properties) {
    String configured = properties.erasureSecret();
    if (configured == null || configured.isBlank()) {
      secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      log.info(
          "No wasla.crm.erasure-secret: erased customers' pseudonyms use a random key of this run");
    } else {
      secret = configured.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The pseudonym of a customer key; a pseudonym stays as it is. */
  public String of(String customerKey) {
    if (isPseudonym(customerKey)) {
      return customerKey;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] digest = mac.doFinal(customerKey.getBytes(StandardCharsets.UTF_8));
      return PREFIX + HexFormat.of().formatHex(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  public static boolean isPseudonym(String key) {
    return key != null && key.startsWith(PREFIX);
  }
}
