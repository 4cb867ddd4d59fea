package app.wasla.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {

  private static final String SECRET = "wasla-test-secret";
  private static final byte[] BODY =
      "{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);

  // Computed outside Java: printf '%s' '<body>' | openssl dgst -sha256 -hmac 'wasla-test-secret'
  private static final String OPENSSL_BODY_HMAC =
      "sha256=e1ea33acbf677b2f2079dc1036fd4a8ba3925ca0b8d881fff144e1cd61f1e2f5";
  private static final String OPENSSL_ARABIC_EMOJI_HMAC = // of "مرحبا 👋" in UTF-8
      "sha256=1c2d6aa8c2a4eb5952fa59de1ac0011046fa29cbad3143a53c45e48a13bd6dcd";

  @Test
  void signMatchesAnIndependentlyComputedVector() {
    assertThat(WebhookSignature.sign(BODY, SECRET)).isEqualTo(OPENSSL_BODY_HMAC);
    assertThat(WebhookSignature.isValid(BODY, OPENSSL_BODY_HMAC, SECRET)).isTrue();
  }

  @Test
  void signAgreesWithJavaxCryptoMac() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(BODY));

    assertThat(WebhookSignature.sign(BODY, SECRET)).isEqualTo(expected);
  }

  @Test
  void arabicAndEmojiBodiesAreSignedOverTheirUtf8Bytes() {
    byte[] body = "مرحبا 👋".getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSignature.sign(body, SECRET)).isEqualTo(OPENSSL_ARABIC_EMOJI_HMAC);
    assertThat(WebhookSignature.isValid(body, OPENSSL_ARABIC_EMOJI_HMAC, SECRET)).isTrue();
    // The same text in another encoding is other bytes, so the signature must not match.
    byte[] utf16 = "مرحبا 👋".getBytes(StandardCharsets.UTF_16);
    assertThat(WebhookSignature.isValid(utf16, OPENSSL_ARABIC_EMOJI_HMAC, SECRET)).isFalse();
  }

  @Test
  void aSignatureFromSignIsValid() {
    byte[] body = "{\"text\":\"عايز أطلب 2 قميص 👕\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSignature.isValid(body, WebhookSignature.sign(body, SECRET), SECRET))
        .isTrue();
  }

  @Test
  void aTamperedByteIsRejected() {
    byte[] tampered = BODY.clone();
    tampered[10] ^= 0x01;

    assertThat(WebhookSignature.isValid(tampered, OPENSSL_BODY_HMAC, SECRET)).isFalse();
  }

  @Test
  void aWrongSecretIsRejected() {
    assertThat(WebhookSignature.isValid(BODY, OPENSSL_BODY_HMAC, "another-secret")).isFalse();
  }

  @Test
  void uppercaseHexOfTheRightDigestIsAccepted() {
    String upper = "sha256=" + OPENSSL_BODY_HMAC.substring(7).toUpperCase();

    assertThat(WebhookSignature.isValid(BODY, upper, SECRET)).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "   ",
        "sha256=",
        "sha1=e1ea33acbf677b2f2079dc1036fd4a8ba3925ca0b8d881fff144e1cd61f1e2f5",
        "SHA256=e1ea33acbf677b2f2079dc1036fd4a8ba3925ca0b8d881fff144e1cd61f1e2f5",
        "e1ea33acbf677b2f2079dc1036fd4a8ba3925ca0b8d881fff144e1cd61f1e2f5",
        "sha256=e1ea33acbf677b2f2079dc1036fd4a8ba3925ca0b8d881fff144e1cd61f1e2f",
        "sha256=e1ea33acbf677b2f2079dc1036fd4a8ba3925ca0b8d881fff144e1cd61f1e2f500",
        "sha256=z1ea33acbf677b2f2079dc1036fd4a8ba3925ca0b8d881fff144e1cd61f1e2f5",
        "sha256=e1ea33acbf677b2f 079dc1036fd4a8ba3925ca0b8d881fff144e1cd61f1e2f5",
        "sha256=0000000000000000000000000000000000000000000000000000000000000000"
      })
  void missingBlankOrMalformedHeadersAreRejectedWithoutThrowing(String header) {
    assertThat(WebhookSignature.isValid(BODY, header, SECRET)).isFalse();
  }

  @Test
  void nullBodyOrMissingSecretIsRejectedWithoutThrowing() {
    assertThat(WebhookSignature.isValid(null, OPENSSL_BODY_HMAC, SECRET)).isFalse();
    assertThat(WebhookSignature.isValid(BODY, OPENSSL_BODY_HMAC, null)).isFalse();
    assertThat(WebhookSignature.isValid(BODY, OPENSSL_BODY_HMAC, "")).isFalse();
  }

  @Test
  void signRefusesAnEmptySecret() {
    assertThatThrownBy(() -> WebhookSignature.sign(BODY, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("appSecret");
  }
}
