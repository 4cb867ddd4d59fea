package app.wasla.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.Webhooks;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * External events cannot use the message names Wasla's own code correlates: a payment only through
 * a gateway.
 */
class ReservedEventNamesTest extends SandboxApiNode {

  private String orderStatus(String orderId) {
    return jdbc.sql("SELECT status FROM commerce_order WHERE id = ?")
        .param(Long.valueOf(orderId.substring(4)))
        .query(String.class)
        .single();
  }

  private long inbox(String key, String name) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM inbox_message WHERE conversation_key = ? AND message_name = ?")
        .params(key, name)
        .query(Long.class)
        .single();
  }

  @Test
  void
      paymentReceivedFromTheApiIsRefusedAndTheOrderStillAwaitsPaymentWhileAnOrdinaryEventGoesThrough()
          throws Exception {
    String waId = newCustomer();
    String key = conversation(waId);
    webhooks()
        .post(
            Webhooks.text(
                waId, "wamid.reserved.1." + waId, "how much is the samsung a15?", Instant.now()));
    awaitSent(key, 1);
    // "Order now", then checkout: one unit, pickup in Cairo, confirm, pay online; each tap once the
    // last is answered
    String[] taps = {
      "sales_order:SM-A15",
      "checkout_qty:1",
      "checkout_pickup",
      "checkout_branch:CAI",
      "checkout_confirm",
      "pay_online"
    };
    for (int i = 0; i < taps.length; i++) {
      webhooks()
          .post(
              Webhooks.buttonReply(
                  waId, "wamid.reserved.2." + i + "." + waId, taps[i], taps[i], Instant.now()));
      awaitSent(key, 2 + i);
    }
    java.util.List<String> sent = awaitSent(key, 7);
    String link = sent.get(sent.size() - 1);
    String orderId = link.replaceAll("(?s).*(ORD-\\d+).*", "$1");
    assertThat(orderStatus(orderId)).isEqualTo("RESERVED");

    for (String name :
        new String[] {
          "PaymentReceived", "PaymentFailed", "CustomerMessage", "CustomerSilent", "paymentreceived"
        }) {
      Answer refused =
          post(
              "/api/conversations/" + key + "/events",
              Map.of(
                  "name", name, "variables", Map.of("paymentId", "PAY-X", "paidOrderId", orderId)),
              null);
      assertThat(refused.status()).as(name).isEqualTo(400);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.body().path("type").asText()).endsWith("reserved-message-name");
      assertThat(refused.body().path("detail").asText())
          .contains("PaymentReceived")
          .contains("PaymentFailed")
          .contains("CustomerMessage")
          .contains("CustomerSilent");
    }
    assertThat(inbox(key, "PaymentReceived")).isZero();
    assertThat(inbox(key, "PaymentFailed")).isZero();

    Answer accepted =
        post(
            "/api/conversations/" + key + "/events",
            Map.of("name", "ShipmentDispatched", "id", "evt-ship-" + waId),
            null);
    assertThat(accepted.status()).isEqualTo(202);
    // the flow waits for the payment, not for this event: recorded as unroutable once the mailbox
    // has handled it
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                "UNROUTABLE"
                    .equals(
                        jdbc.sql(
                                "SELECT status FROM inbox_message WHERE conversation_key = ? AND message_name = 'ShipmentDispatched'")
                            .param(key)
                            .query(String.class)
                            .single()));
    assertThat(orderStatus(orderId)).isEqualTo("RESERVED");
    assertThat(
            jdbc.sql("SELECT status FROM commerce_payment WHERE order_ref = ?")
                .param(orderId)
                .query(String.class)
                .single())
        .isEqualTo("OPEN");
  }
}
