package app.wasla.commerce.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.wasla.WaslaApplication;
import app.wasla.support.CloudMode;
import app.wasla.support.Webhooks;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Cloud mode and the sandbox payment gateway: refused unless a staging system says so with a secret
 * of its own; with a real gateway configured, the sandbox's pay page and callback do not exist. The
 * gateways' return page.
 */
class PaymentSafetyTest {

  static final OkHttpClient HTTP = new OkHttpClient();

  /**
   * Cloud mode with Meta's credentials and an administrator, without the payment settings of
   * CloudMode.
   */
  private static Map<String, Object> cloud() {
    Map<String, Object> p = new HashMap<>();
    p.put(
        "spring.datasource.url",
        "jdbc:h2:mem:payment-safety-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    p.put("server.port", "0");
    p.put("wasla.whatsapp.mode", "cloud");
    p.put("wasla.whatsapp.api-base-url", "http://127.0.0.1:9/v23.0");
    p.put("wasla.whatsapp.access-token", "test-token");
    p.put("wasla.whatsapp.app-secret", Webhooks.APP_SECRET);
    p.put("wasla.whatsapp.verify-token", "test-verify-token");
    p.put("camunda.bpm.admin-user.id", CloudMode.ADMIN_ID);
    p.put("camunda.bpm.admin-user.password", CloudMode.ADMIN_PASSWORD);
    return p;
  }

  private static ConfigurableApplicationContext start(Map<String, Object> properties) {
    // as command-line arguments: they win over application.yaml (default properties would not)
    return new SpringApplicationBuilder(WaslaApplication.class)
        .run(
            properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
  }

  @Test
  void cloudModeWithTheDefaultProviderDoesNotStartAndSaysWhatToSet() {
    assertThatThrownBy(() -> start(cloud()).close())
        .rootCause()
        .hasMessageContaining("set wasla.commerce.payment-provider=paymob|stripe with their keys")
        .hasMessageContaining(
            "wasla.commerce.sandbox.allow-in-cloud=true with a non-default"
                + " wasla.commerce.sandbox.secret");
  }

  @Test
  void aStagingSandboxInCloudModeNeedsASecretOfItsOwn() {
    Map<String, Object> staging = cloud();
    staging.put("wasla.commerce.sandbox.allow-in-cloud", "true");
    assertThatThrownBy(() -> start(staging).close())
        .rootCause()
        .hasMessageContaining("needs a non-default wasla.commerce.sandbox.secret");
    staging.put("wasla.commerce.sandbox.secret", "sandbox-payments-dev-secret");
    staging.put(
        "spring.datasource.url",
        "jdbc:h2:mem:payment-safety-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    assertThatThrownBy(() -> start(staging).close())
        .rootCause()
        .hasMessageContaining("needs a non-default wasla.commerce.sandbox.secret");
  }

  @Test
  void aStagingSandboxSecretShorterThanSixteenCharactersIsRefused() {
    Map<String, Object> staging = cloud();
    staging.put("wasla.commerce.sandbox.allow-in-cloud", "true");
    staging.put("wasla.commerce.sandbox.secret", "x");
    assertThatThrownBy(() -> start(staging).close())
        .rootCause()
        .hasMessageContaining(
            "wasla.commerce.sandbox.secret must be at least 16 characters in cloud mode");
  }

  @Test
  void withPaymobTheSandboxPayPageAndCallbackDoNotExistAndTheReturnPageDoes() throws Exception {
    Map<String, Object> paymob = cloud();
    paymob.put("wasla.commerce.payment-provider", "paymob");
    paymob.put("wasla.commerce.paymob.secret-key", "sk_test");
    paymob.put("wasla.commerce.paymob.public-key", "pk_test");
    paymob.put("wasla.commerce.paymob.integration-id", "4242");
    paymob.put("wasla.commerce.paymob.hmac-secret", PaymentSignaturesTest.PAYMOB_SECRET);
    try (ConfigurableApplicationContext app = start(paymob)) {
      String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
      // signed with the public dev secret, as an attacker would
      SandboxGateway.Signed forged =
          new SandboxGateway("sandbox-payments-dev-secret", base)
              .sign("evt-forged", "PAY-ANY", true);
      try (Response pay =
          HTTP.newCall(
                  new Request.Builder()
                      .url(base + "/pay/sandbox/PAY-ORD-12003")
                      .post(new FormBody.Builder().add("outcome", "pay").build())
                      .build())
              .execute()) {
        assertThat(pay.code()).isEqualTo(404);
      }
      try (Response page =
          HTTP.newCall(new Request.Builder().url(base + "/pay/sandbox/PAY-ORD-12003").build())
              .execute()) {
        assertThat(page.code()).isEqualTo(404);
      }
      try (Response callback =
          HTTP.newCall(
                  new Request.Builder()
                      .url(base + "/webhooks/payments/sandbox")
                      .header("X-Sandbox-Signature", forged.signature())
                      .post(RequestBody.create(forged.body(), MediaType.get("application/json")))
                      .build())
              .execute()) {
        assertThat(callback.code()).isEqualTo(404);
      }
      try (Response done =
          HTTP.newCall(
                  new Request.Builder()
                      .url(
                          base
                              + "/pay/done?id=1&success=true&merchant_order_id=<script>alert(1)</script>")
                      .build())
              .execute()) {
        String html = done.body().string();
        assertThat(done.code()).isEqualTo(200);
        assertThat(done.header("Content-Type")).startsWith("text/html");
        assertThat(html)
            .contains("بنأكد الدفع")
            .contains("واتساب")
            .contains("We are confirming your payment")
            .contains("WhatsApp message")
            .doesNotContain("<script>")
            .doesNotContain(PaymentSignaturesTest.PAYMOB_SECRET);
      }
    }
  }
}
