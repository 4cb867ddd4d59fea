package app.wasla.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  private static final byte[] BODY =
      "{\"id\":\"evt_1\",\"type\":\"message.received\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void aSignatureVerifiesOnlyForItsBodySecretAndRecentTimestamp() {
    String header = WebhookSignature.sign(BODY, "whsec_a", 1_700_000_000L);

    assertThat(header).matches("t=1700000000,v1=[0-9a-f]{64}");
    assertThat(WebhookSignature.verify(BODY, header, "whsec_a", 1_700_000_100L, 300)).isTrue();
    assertThat(WebhookSignature.verify(BODY, header, "whsec_b", 1_700_000_100L, 300)).isFalse();
    byte[] tampered = BODY.clone();
    tampered[5] ^= 1;
    assertThat(WebhookSignature.verify(tampered, header, "whsec_a", 1_700_000_100L, 300)).isFalse();
    assertThat(WebhookSignature.verify(BODY, header, "whsec_a", 1_700_001_000L, 300)).isFalse();
    assertThat(
            WebhookSignature.verify(
                BODY,
                header.replace("t=1700000000", "t=1700000001"),
                "whsec_a",
                1_700_000_100L,
                300))
        .isFalse();
    assertThat(WebhookSignature.verify(BODY, null, "whsec_a", 1_700_000_100L, 300)).isFalse();
    assertThat(WebhookSignature.verify(BODY, "garbage", "whsec_a", 1_700_000_100L, 300)).isFalse();
  }
}
