package app.wasla.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.commerce.payment.SandboxGateway;
import app.wasla.support.Webhooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedded default end to end (H2, sandbox WhatsApp, demo store, sandbox gateway, mailbox and
 * job executor running): a customer's price question over the real webhook, the order button, the
 * pay page, the signed callback through /webhooks/payments/sandbox and the mailbox, and the
 * confirmation, all through the sales conversation, which calls order-and-pay. Also the callback
 * endpoint's refusals: bad signature, duplicate, unknown order.
 */
@CommerceNodeTest
class CommerceEndToEndTest {

  static final Duration PATIENCE = Duration.ofSeconds(40);
  static final OkHttpClient HTTP = new OkHttpClient.Builder().followRedirects(false).build();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired SandboxGateway sandbox;
  @Autowired app.wasla.commerce.payment.Payments payments;
  @Autowired org.camunda.bpm.engine.TaskService tasks;

  Webhooks webhooks;
  String waId;
  String key;

  @BeforeEach
  void setUp() {
    webhooks = new Webhooks(port);
    waId = "2012" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    key = Webhooks.PHONE_NUMBER_ID + ":" + waId;
  }

  /** What was sent, but the product photos (asserted where they matter). */
  private List<String> sent() {
    return jdbc.sql(
            "SELECT text FROM outbound_message WHERE conversation_key = ? AND message_type <> 'image'"
                + " ORDER BY id")
        .param(key)
        .query(String.class)
        .list();
  }

  private List<String> awaitSent(int count) {
    await().atMost(PATIENCE).until(() -> sent().size() >= count);
    return sent();
  }

  private int turn;

  /** The customer writes; returns what Wasla sent in answer (waits for at least one message). */
  private List<String> says(String text) throws IOException {
    int before = sent().size();
    assertThat(
            webhooks.post(
                Webhooks.text(waId, "wamid.e2e.t" + (++turn) + "." + waId, text, Instant.now())))
        .isEqualTo(200);
    awaitSent(before + 1);
    return sent().subList(before, sent().size());
  }

  /** The customer taps a reply button; returns what Wasla sent in answer. */
  private List<String> taps(String id, String title) throws IOException {
    int before = sent().size();
    assertThat(
            webhooks.post(
                Webhooks.buttonReply(
                    waId, "wamid.e2e.t" + (++turn) + "." + waId, id, title, Instant.now())))
        .isEqualTo(200);
    awaitSent(before + 1);
    return sent().subList(before, sent().size());
  }

  /**
   * From an offer's "Order now" to the payment link: one unit, delivery to Nasr City, pay online.
   */
  private String checkOutOnline(String sku, String orderTitle) throws IOException {
    assertThat(taps("sales_order:" + sku, orderTitle)).last().asString().contains("[1]");
    taps("checkout_qty:1", "1");
    taps("checkout_delivery", "Delivery");
    assertThat(says("24 Abbas El Akkad St, Nasr City, Cairo"))
        .last()
        .asString()
        .containsAnyOf("[Confirm]", "[تأكيد]");
    assertThat(taps("checkout_confirm", "Confirm"))
        .last()
        .asString()
        .containsAnyOf("[Pay online]", "[ادفع أونلاين]");
    List<String> link = taps("pay_online", "Pay online");
    assertThat(link).last().asString().contains("/pay/sandbox/");
    return link.get(link.size() - 1);
  }

  private Response call(Request request) throws IOException {
    return HTTP.newCall(request).execute();
  }

  private int postCallback(String provider, byte[] body, String header, String value)
      throws IOException {
    Request.Builder b =
        new Request.Builder()
            .url("http://127.0.0.1:" + port + "/webhooks/payments/" + provider)
            .post(RequestBody.create(body, MediaType.get("application/json")));
    if (header != null) {
      b.header(header, value);
    }
    try (Response r = call(b.build())) {
      return r.code();
    }
  }

  private long inboxEvents(String name) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM inbox_message WHERE conversation_key = ? AND message_name = ?")
        .params(key, name)
        .query(Long.class)
        .single();
  }

  @Test
  void fromAPriceQuestionToAPaidOrderAndItsConfirmation() throws Exception {
    assertThat(
            webhooks.post(
                Webhooks.text(
                    waId, "wamid.e2e.1." + waId, "بكام الايفون 15 برو ماكس؟", Instant.now())))
        .isEqualTo(200);
    List<String> replies = awaitSent(1);
    assertThat(replies.get(0))
        .contains("آيفون ١٥ برو ماكس")
        .contains("72,999 جنيه")
        .contains("[اطلب دلوقتي]");

    String linkMessage = checkOutOnline("IP15PM-256", "اطلب دلوقتي");
    // the link goes as a call-to-action button, in the customer's language
    assertThat(
            jdbc.sql(
                    "SELECT body_json FROM outbound_message WHERE conversation_key = ? ORDER BY id DESC")
                .param(key)
                .query(String.class)
                .list()
                .get(0))
        .contains("\"url\"")
        .contains("\"displayText\":\"ادفع دلوقتي\"")
        .contains("?lang=ar");
    String paymentId = linkMessage.replaceAll("(?s).*/pay/sandbox/([A-Z0-9-]+).*", "$1");
    String orderId = linkMessage.replaceAll("(?s).*(ORD-\\d+).*", "$1");
    // random, not the order's number: a customer cannot guess another's pay link
    assertThat(paymentId).matches("PAY-[A-Z2-7]{26}").doesNotContain(orderId.substring(4));
    assertThat(
            jdbc.sql(
                    "SELECT reserved FROM commerce_stock WHERE sku = 'IP15PM-256' AND branch_code = 'CAI'")
                .query(Integer.class)
                .single())
        .isGreaterThanOrEqualTo(1);

    try (Response page =
        call(
            new Request.Builder()
                .url("http://127.0.0.1:" + port + "/pay/sandbox/" + paymentId)
                .build())) {
      String html = page.body().string();
      assertThat(page.code()).as(paymentId + ": " + html).isEqualTo(200);
      assertThat(html)
          .contains("٧٢٬٩٩٩ ج.م")
          .contains("dir=rtl")
          .contains("value=pay")
          .contains("?lang=en");
    }
    try (Response page =
        call(
            new Request.Builder()
                .url("http://127.0.0.1:" + port + "/pay/sandbox/" + paymentId + "?lang=en")
                .build())) {
      assertThat(page.body().string())
          .contains("72,999 EGP")
          .contains("Order " + orderId)
          .contains("?lang=ar");
    }
    // a forged callback changes nothing
    SandboxGateway.Signed forged =
        new SandboxGateway("not-the-secret", "http://x").sign("forged", paymentId, true);
    assertThat(postCallback("sandbox", forged.body(), "X-Sandbox-Signature", forged.signature()))
        .isEqualTo(401);
    assertThat(postCallback("sandbox", forged.body(), null, null)).isEqualTo(401);
    assertThat(inboxEvents("PaymentReceived")).isZero();

    int before = sent().size();
    try (Response paid =
        call(
            new Request.Builder()
                .url("http://127.0.0.1:" + port + "/pay/sandbox/" + paymentId)
                .post(new FormBody.Builder().add("outcome", "pay").build())
                .build())) {
      assertThat(paid.code()).isEqualTo(200);
      assertThat(paid.body().string()).contains("تم الدفع");
    }

    String confirmation = awaitSent(before + 1).get(before);
    assertThat(confirmation).contains("وصلنا الدفع").contains(orderId);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                "PAID"
                    .equals(
                        jdbc.sql("SELECT status FROM commerce_order WHERE id = ?")
                            .param(Long.valueOf(orderId.substring(4)))
                            .query(String.class)
                            .single()));
    assertThat(
            jdbc.sql("SELECT status FROM commerce_payment WHERE id = ?")
                .param(paymentId)
                .query(String.class)
                .single())
        .isEqualTo("PAID");
    assertThat(inboxEvents("PaymentReceived")).isEqualTo(1);
  }

  private List<org.camunda.bpm.engine.task.Task> handoffTasks() {
    return tasks
        .createTaskQuery()
        .processInstanceBusinessKey(key)
        .taskDefinitionKey(app.wasla.handoff.HandoffRouter.HANDOFF_TASK)
        .list();
  }

  @Test
  void aCustomerWhoAsksForAPersonWhileAnOrderAwaitsPaymentGetsOneAndCanStillPay() throws Exception {
    says("how much is the samsung a15?");
    String linkMessage = checkOutOnline("SM-A15", "Order now");
    String paymentId = linkMessage.replaceAll("(?s).*/pay/sandbox/([A-Z0-9-]+).*", "$1");
    String orderId = linkMessage.replaceAll("(?s).*(ORD-\\d+).*", "$1");

    webhooks.post(
        Webhooks.text(
            waId, "wamid.e2e.h3." + waId, "I want to talk to a human please", Instant.now()));
    await().atMost(PATIENCE).until(() -> handoffTasks().size() == 1);
    org.camunda.bpm.engine.task.Task task = handoffTasks().get(0);
    assertThat(tasks.getIdentityLinksForTask(task.getId()))
        .extracting(org.camunda.bpm.engine.task.IdentityLink::getGroupId)
        .contains("sales");
    assertThat(
            jdbc.sql("SELECT status FROM commerce_order WHERE id = ?")
                .param(Long.valueOf(orderId.substring(4)))
                .query(String.class)
                .single())
        .isEqualTo("RESERVED");

    // the link still pays while a person has the conversation
    try (Response paid =
        call(
            new Request.Builder()
                .url("http://127.0.0.1:" + port + "/pay/sandbox/" + paymentId)
                .post(new FormBody.Builder().add("outcome", "pay").add("lang", "en").build())
                .build())) {
      assertThat(paid.code()).isEqualTo(200);
      assertThat(paid.body().string()).contains("Paid");
    }
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                "PAID"
                    .equals(
                        jdbc.sql("SELECT status FROM commerce_order WHERE id = ?")
                            .param(Long.valueOf(orderId.substring(4)))
                            .query(String.class)
                            .single()));
    await()
        .atMost(PATIENCE)
        .until(() -> sent().stream().anyMatch(text -> text.contains("Payment received")));
    assertThat(sent())
        .anyMatch(text -> text.contains("Payment received") && text.contains(orderId));
    // and the customer still has a person: the conversation hands over once order-and-pay has
    // returned
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                handoffTasks().stream()
                    .anyMatch(t -> !t.getProcessInstanceId().equals(task.getProcessInstanceId())));
    // the payment wait's task ended with it: one open handoff, in the conversation itself
    assertThat(handoffTasks()).hasSize(1);
  }

  @Test
  void afterAFailedPaymentTheCustomerSaysCashOnDeliveryAndTheOrderIsConfirmed() throws Exception {
    says("بكام الريدمي نوت 13؟");
    String linkMessage = checkOutOnline("RN13", "اطلب دلوقتي");
    String paymentId = linkMessage.replaceAll("(?s).*/pay/sandbox/([A-Z0-9-]+).*", "$1");
    String firstOrder = linkMessage.replaceAll("(?s).*(ORD-\\d+).*", "$1");
    int before = sent().size();
    try (Response failed =
        call(
            new Request.Builder()
                .url("http://127.0.0.1:" + port + "/pay/sandbox/" + paymentId)
                .post(new FormBody.Builder().add("outcome", "fail").build())
                .build())) {
      assertThat(failed.body().string()).contains("الدفع ما تمّش");
    }
    String askedAgain = awaitSent(before + 1).get(before);
    assertThat(askedAgain).contains("الدفع ما تمّش").contains("[الدفع عند الاستلام]");

    List<String> answer = says("عايز ادفع عند الاستلام");
    String confirmed = answer.get(answer.size() - 1);
    String secondOrder = confirmed.replaceAll("(?s).*(ORD-\\d+).*", "$1");
    assertThat(confirmed).contains("اتأكد").contains("كاش عند الاستلام").contains("9,999 جنيه");
    assertThat(secondOrder).isNotEqualTo(firstOrder);
    assertThat(
            jdbc.sql("SELECT status FROM commerce_order WHERE id = ?")
                .param(Long.valueOf(secondOrder.substring(4)))
                .query(String.class)
                .single())
        .isEqualTo("CONFIRMED");
    assertThat(
            jdbc.sql("SELECT status FROM commerce_order WHERE id = ?")
                .param(Long.valueOf(firstOrder.substring(4)))
                .query(String.class)
                .single())
        .isEqualTo("CANCELLED");
  }

  @Test
  void aQuestionWhileTheOfferWaitsIsAnsweredAndOrderNowStillOrders() throws Exception {
    assertThat(says("بكام ايربودز برو؟")).last().asString().contains("[اطلب دلوقتي]");
    assertThat(says("التوصيل لمدينة نصر بكام؟")).last().asString().contains("٦٠");
    assertThat(taps("sales_order:APP2", "اطلب دلوقتي"))
        .last()
        .asString()
        .contains("كام قطعة")
        .doesNotContain("اسم المنتج");
  }

  @Test
  void paymentIdsDoNotFollowTheOrderNumberAndDoNotRepeat() {
    app.wasla.conversation.ConversationKey conversation =
        app.wasla.conversation.ConversationKey.parse(key);
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (int n = 1; n <= 40; n++) {
      String order = "ORD-" + (700_000 + n);
      String id =
          payments
              .linkFor(order, "c-" + waId, conversation, java.math.BigDecimal.TEN, order, null)
              .id();
      assertThat(id).matches("PAY-[A-Z2-7]{26}").doesNotContain(String.valueOf(700_000 + n));
      ids.add(id);
      // one payment per order: asking again finds it
      assertThat(
              payments
                  .linkFor(order, "c-" + waId, conversation, java.math.BigDecimal.TEN, order, null)
                  .id())
          .isEqualTo(id);
    }
    assertThat(ids).hasSize(40);
  }

  @Test
  void theSameCallbackTwiceIsCorrelatedOnceAndACallbackForAnUnknownOrderIsOnlyRecorded()
      throws Exception {
    says("how much is the samsung a15?");
    String paymentId =
        checkOutOnline("SM-A15", "Order now").replaceAll("(?s).*/pay/sandbox/([A-Z0-9-]+).*", "$1");
    int before = sent().size();

    SandboxGateway.Signed signed = sandbox.sign("evt-dup-" + waId, paymentId, true);
    assertThat(postCallback("sandbox", signed.body(), "X-Sandbox-Signature", signed.signature()))
        .isEqualTo(200);
    assertThat(postCallback("sandbox", signed.body(), "X-Sandbox-Signature", signed.signature()))
        .isEqualTo(200);
    awaitSent(before + 1);
    assertThat(inboxEvents("PaymentReceived")).isEqualTo(1);
    // a second, different "paid" event for the now settled payment is recorded, not correlated
    SandboxGateway.Signed again = sandbox.sign("evt-again-" + waId, paymentId, true);
    assertThat(postCallback("sandbox", again.body(), "X-Sandbox-Signature", again.signature()))
        .isEqualTo(200);
    assertThat(inboxEvents("PaymentReceived")).isEqualTo(1);

    SandboxGateway.Signed unknown =
        sandbox.sign("evt-unknown-" + waId, "PAY-NOSUCHPAYMENTAAAAAAAAAAA", true);
    long conversationsBefore =
        jdbc.sql("SELECT COUNT(*) FROM conversation").query(Long.class).single();
    assertThat(postCallback("sandbox", unknown.body(), "X-Sandbox-Signature", unknown.signature()))
        .isEqualTo(200);
    assertThat(
            jdbc.sql("SELECT handling FROM commerce_payment_callback WHERE event_id = ?")
                .param("evt-unknown-" + waId)
                .query(String.class)
                .single())
        .isEqualTo("UNKNOWN_ORDER");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM conversation").query(Long.class).single())
        .isEqualTo(conversationsBefore);
    assertThat(postCallback("nopay", unknown.body(), null, null)).isEqualTo(404);
  }

  @Test
  void paymobAndStripeCallbacksAreVerifiedAtTheEndpointAndUnknownOnesOnlyRecorded()
      throws Exception {
    long callbacksBefore =
        jdbc.sql("SELECT COUNT(*) FROM commerce_payment_callback").query(Long.class).single();
    byte[] paymob =
        app.wasla.commerce.payment.PaymentSignaturesTest.PAYMOB_SAMPLE.getBytes(
            StandardCharsets.UTF_8);
    String hmac =
        app.wasla.commerce.payment.PaymentGateway.hmacHex(
            "HmacSHA512",
            app.wasla.commerce.payment.PaymentSignaturesTest.PAYMOB_SECRET.getBytes(
                StandardCharsets.UTF_8),
            app.wasla.commerce.payment.PaymentSignaturesTest.PAYMOB_SAMPLE_CONCATENATED.getBytes(
                StandardCharsets.UTF_8));
    assertThat(postCallback("paymob?hmac=" + "0".repeat(128), paymob, null, null)).isEqualTo(401);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM commerce_payment_callback").query(Long.class).single())
        .isEqualTo(callbacksBefore);
    assertThat(postCallback("paymob?hmac=" + hmac, paymob, null, null)).isEqualTo(200);
    assertThat(
            jdbc.sql(
                    "SELECT handling FROM commerce_payment_callback WHERE provider = 'paymob' AND event_id = '192036465'")
                .query(String.class)
                .single())
        .isEqualTo("UNKNOWN_ORDER");

    String event =
        "{\"id\":\"evt_e2e\",\"type\":\"checkout.session.completed\","
            + "\"data\":{\"object\":{\"id\":\"cs_unknown\",\"payment_status\":\"paid\"}}}";
    long t = Instant.now().getEpochSecond();
    String v1 =
        app.wasla.commerce.payment.PaymentSignaturesTest.stripeV1(
            t, event, CommerceNodeTest.STRIPE_SECRET);
    byte[] body = event.getBytes(StandardCharsets.UTF_8);
    assertThat(
            postCallback(
                "stripe",
                body,
                "Stripe-Signature",
                "t="
                    + (t - 400)
                    + ",v1="
                    + app.wasla.commerce.payment.PaymentSignaturesTest.stripeV1(
                        t - 400, event, CommerceNodeTest.STRIPE_SECRET)))
        .isEqualTo(401);
    assertThat(postCallback("stripe", body, "Stripe-Signature", "t=" + t + ",v1=" + v1))
        .isEqualTo(200);
    assertThat(postCallback("stripe", body, "Stripe-Signature", "t=" + t + ",v1=" + v1))
        .isEqualTo(200);
    assertThat(
            // the stale one refused, the repeated one stored once (PaymentCallbackAmountsTest, in
            // the same database, records stripe callbacks of its own)
            jdbc.sql(
                    "SELECT COUNT(*) FROM commerce_payment_callback WHERE provider = 'stripe' AND event_id = 'evt_e2e'")
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }
}
