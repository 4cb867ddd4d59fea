package app.wasla.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.Webhooks;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Transactional notifications and template checks through the real HTTP API (sandbox WhatsApp, so
 * the demo templates): sent once per event id, 409 on a reused id, 400 on what does not fit, and a
 * customer's reply to a notification answered in the same conversation.
 */
abstract class NotificationScenarios extends SandboxApiNode {

  private static Map<String, Object> shipped(String eventId, String waId, String tracking) {
    Map<String, Object> body = new HashMap<>();
    body.put("eventId", eventId);
    body.put("type", "order_shipped");
    body.put("phoneNumberId", Webhooks.PHONE_NUMBER_ID);
    body.put("waId", waId);
    body.put("fields", Map.of("orderNumber", "ORD-12001", "trackingUrl", tracking));
    return body;
  }

  private JsonNode outboundBody(String idempotencyKey) throws Exception {
    return JSON.readTree(
        jdbc.sql("SELECT body_json FROM outbound_message WHERE idempotency_key = ?")
            .param(idempotencyKey)
            .query(String.class)
            .single());
  }

  @Test
  void aNotificationPostedTwiceIsSentOnceAndAChangedBodyIs409() throws Exception {
    String waId = newCustomer();
    String key = conversation(waId);
    String eventId = "ship-" + waId;
    Map<String, Object> body = shipped(eventId, waId, "https://track.example/ORD-12001");
    body.put("language", "en");

    Answer first = post("/api/notifications", body, null);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body().path("status").asText()).isEqualTo("SENT");
    assertThat(first.body().path("template").asText()).isEqualTo("order_shipped");
    assertThat(first.body().path("language").asText()).isEqualTo("en");
    assertThat(first.body().path("conversationKey").asText()).isEqualTo(key);
    assertThat(first.body().path("duplicate").asBoolean()).isFalse();
    String wamid = first.body().path("wamid").asText();
    assertThat(wamid).isNotBlank();

    Answer second = post("/api/notifications", body, null);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body().path("wamid").asText()).isEqualTo(wamid);
    assertThat(second.body().path("duplicate").asBoolean()).isTrue();
    assertThat(sent(key))
        .containsExactly(
            // the transcript shows what the customer read, not the parameters
            "[template order_shipped] Your order ORD-12001 is on its way: track it at"
                + " https://track.example/ORD-12001\n[Track]");

    JsonNode template = outboundBody("notification:" + eventId);
    assertThat(template.path("name").asText()).isEqualTo("order_shipped");
    assertThat(template.path("languageCode").asText()).isEqualTo("en");
    assertThat(template.path("bodyParameters"))
        .extracting(JsonNode::asText)
        .containsExactly("ORD-12001", "https://track.example/ORD-12001");
    // the demo template's Track button takes the order number, as the type's mapping says
    assertThat(template.path("buttons"))
        .isEqualTo(JSON.readTree("[{\"index\":0,\"subType\":\"url\",\"text\":\"ORD-12001\"}]"));

    Map<String, Object> changed = shipped(eventId, waId, "https://track.example/OTHER");
    changed.put("language", "en");
    Answer conflict = post("/api/notifications", changed, null);
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.contentType()).startsWith("application/problem+json");
    assertThat(conflict.body().path("detail").asText()).contains(eventId).contains("different");
    assertThat(sent(key)).hasSize(1);
  }

  @Test
  void theLanguageFallsBackToTheBusinessDefaultAndBadInputIs400() throws Exception {
    String waId = newCustomer();
    String key = conversation(waId);

    Answer unknownType =
        post(
            "/api/notifications",
            Map.of("eventId", "x-" + waId, "type", "order_lost", "waId", waId),
            null);
    assertThat(unknownType.status()).isEqualTo(400);
    assertThat(unknownType.body().path("detail").asText())
        .contains("order_lost")
        .contains("order_shipped")
        .contains("payment_reminder");

    Map<String, Object> missing = shipped("miss-" + waId, waId, "https://t.example/1");
    missing.put("fields", Map.of("orderNumber", "ORD-1"));
    Answer missingField = post("/api/notifications", missing, null);
    assertThat(missingField.status()).isEqualTo(400);
    assertThat(missingField.body().path("detail").asText()).contains("trackingUrl");

    Map<String, Object> french = shipped("fr-" + waId, waId, "https://t.example/1");
    french.put("language", "fr");
    Answer noFrench = post("/api/notifications", french, null);
    assertThat(noFrench.status()).isEqualTo(400);
    assertThat(noFrench.body().path("detail").asText())
        .contains("order_shipped")
        .contains("ar, en");

    Answer badNumber =
        post("/api/notifications", shipped("num-" + waId, "not-a-number", "https://t/1"), null);
    assertThat(badNumber.status()).isEqualTo(400);
    assertThat(sent(key)).isEmpty();
    // nothing was recorded for the refused ones: the same ids can be posted correctly later
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM notification WHERE conversation_key = ?")
                .param(key)
                .query(Integer.class)
                .single())
        .isZero();

    // no language given, none known in the CRM: the business default (ar)
    Answer placed =
        post(
            "/api/notifications",
            Map.of(
                "eventId",
                "placed-" + waId,
                "type",
                "order_placed",
                "phoneNumberId",
                Webhooks.PHONE_NUMBER_ID,
                "waId",
                waId,
                "fields",
                Map.of("orderNumber", "ORD-77", "amount", 450)),
            null);
    assertThat(placed.status()).isEqualTo(200);
    assertThat(placed.body().path("language").asText()).isEqualTo("ar");
    assertThat(sent(key))
        .containsExactly(
            "[template order_placed] تم تسجيل طلبك ORD-77، الإجمالي 450 جنيه. شكرًا إنك اشتريت مننا!");
  }

  @Test
  void aReplyToANotificationLandsInTheConversationAndIsAnsweredInTheCustomersLanguage()
      throws Exception {
    String waId = newCustomer();
    String key = conversation(waId);
    // the customer wrote in English before: the CRM knows the language
    assertThat(webhooks().post(Webhooks.text(waId, "wamid.hi." + waId, "Hello", Instant.now())))
        .isEqualTo(200);
    awaitSent(key, 1);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                "en"
                    .equals(
                        jdbc.sql("SELECT preferred_language FROM customer WHERE customer_key = ?")
                            .param(key)
                            .query(String.class)
                            .optional()
                            .map(l -> l.substring(0, 2))
                            .orElse("")));

    Answer out =
        post(
            "/api/notifications",
            Map.of(
                "eventId",
                "ofd-" + waId,
                "type",
                "out_for_delivery",
                "phoneNumberId",
                Webhooks.PHONE_NUMBER_ID,
                "waId",
                waId,
                "fields",
                Map.of("orderNumber", "ORD-9")),
            null);
    assertThat(out.status()).isEqualTo(200);
    assertThat(out.body().path("language").asText()).isEqualTo("en");
    assertThat(sent(key))
        .hasSize(2)
        .last()
        .isEqualTo("[template out_for_delivery] Your order ORD-9 is out for delivery today.");

    assertThat(
            webhooks()
                .post(
                    Webhooks.text(
                        waId, "wamid.reply." + waId, "What time will it arrive?", Instant.now())))
        .isEqualTo(200);
    List<String> sent = awaitSent(key, 3);
    assertThat(sent.get(2)).doesNotStartWith("[template");

    Answer conversation = get("/api/conversations/" + key);
    assertThat(conversation.status()).isEqualTo(200);
    String transcript = conversation.body().path("transcript").toString();
    assertThat(transcript)
        .contains("[template out_for_delivery] Your order ORD-9 is out for delivery today.")
        .contains("What time will it arrive?");
  }

  @Test
  void aCustomerWhoOptedOutStillGetsUtilityNotificationsButNotMarketing() throws Exception {
    String waId = newCustomer();
    String key = conversation(waId);
    webhooks().post(Webhooks.text(waId, "wamid.stop.n." + waId, "STOP", Instant.now()));
    awaitSent(key, 1);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                jdbc.sql("SELECT marketing_opt_out FROM customer WHERE customer_key = ?")
                    .param(key)
                    .query(Boolean.class)
                    .optional()
                    .orElse(false));

    Answer reminder =
        post(
            "/api/notifications",
            Map.of(
                "eventId",
                "pay-" + waId,
                "type",
                "payment_reminder",
                "phoneNumberId",
                Webhooks.PHONE_NUMBER_ID,
                "waId",
                waId,
                "language",
                "ar",
                "fields",
                Map.of("orderNumber", "ORD-5", "amount", "120.50")),
            null);
    assertThat(reminder.status()).isEqualTo(200);
    assertThat(sent(key))
        .hasSize(2)
        .last()
        .isEqualTo(
            "[template payment_reminder] طلب ORD-5: لسه فاضل 120.50 جنيه محتاجين يتدفعوا.\n[Pay]");

    Answer marketing =
        post(
            "/api/messages",
            Map.of("to", key, "template", Map.of("name", "new_arrivals", "language", "en")),
            "arrivals-" + waId);
    assertThat(marketing.status()).isEqualTo(409);
    assertThat(marketing.body().path("type").asText()).endsWith("marketing-opt-out");
    assertThat(sent(key)).hasSize(2);
  }

  @Test
  void templateSendsAreCheckedBeforeWhatsAppAndTheListIsServed() throws Exception {
    String waId = newCustomer();
    String key = conversation(waId);

    Answer unknown =
        post(
            "/api/messages",
            Map.of("to", key, "template", Map.of("name", "spring_sale", "language", "ar")),
            "sale-" + waId);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().path("detail").asText())
        .contains("unknown template spring_sale")
        .contains("order_placed")
        .contains("new_arrivals");

    Answer wrongCount =
        post(
            "/api/messages",
            Map.of(
                "to",
                key,
                "template",
                Map.of("name", "order_placed", "language", "ar", "parameters", List.of("ORD-1"))),
            "placed-" + waId);
    assertThat(wrongCount.status()).isEqualTo(400);
    assertThat(wrongCount.body().path("detail").asText())
        .contains("order_placed/ar")
        .contains("needs 2 body parameters")
        .contains("got 1");
    Map<String, Object> shipped = new HashMap<>();
    shipped.put("name", "order_shipped");
    shipped.put("language", "en");
    shipped.put("parameters", List.of("ORD-1", "https://track.example/ORD-1"));
    Answer noButton = post("/api/messages", Map.of("to", key, "template", shipped), "s1-" + waId);
    assertThat(noButton.status()).isEqualTo(400);
    assertThat(noButton.body().path("detail").asText())
        .isEqualTo(
            "template order_shipped/en needs a parameter for button 0 (URL \"Track\"): the end of"
                + " its link");
    shipped.put("buttons", List.of(Map.of("index", 1, "text", "ORD-1")));
    Answer wrongButton =
        post("/api/messages", Map.of("to", key, "template", shipped), "s2-" + waId);
    assertThat(wrongButton.status()).isEqualTo(400);
    assertThat(wrongButton.body().path("detail").asText())
        .contains("has no button at index 1 (its buttons are button 0 (URL \"Track\"))");
    assertThat(sent(key)).isEmpty();

    Answer list = get("/api/templates");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body().path("checked").asBoolean()).isTrue();
    List<String> labels =
        java.util.stream.StreamSupport.stream(list.body().path("templates").spliterator(), false)
            .map(t -> t.path("name").asText() + "/" + t.path("language").asText())
            .toList();
    assertThat(labels)
        .contains(
            "order_placed/ar",
            "order_placed/en",
            "order_shipped/ar",
            "out_for_delivery/en",
            "payment_reminder/ar",
            "new_arrivals/en");
    JsonNode arrivals =
        java.util.stream.StreamSupport.stream(list.body().path("templates").spliterator(), false)
            .filter(t -> t.path("name").asText().equals("new_arrivals"))
            .findFirst()
            .orElseThrow();
    assertThat(arrivals.path("category").asText()).isEqualTo("MARKETING");
  }

  @Test
  void anErasedCustomersNotificationsKeepTheirEventIdsButNotTheNumber() throws Exception {
    String waId = newCustomer();
    String key = conversation(waId);
    webhooks().post(Webhooks.text(waId, "wamid.erase.n." + waId, "مرحبا", Instant.now()));
    awaitSent(key, 1);
    Map<String, Object> body = shipped("erase-" + waId, waId, "https://t.example/" + waId);
    assertThat(post("/api/notifications", body, null).status()).isEqualTo(200);

    okhttp3.Request erase =
        new okhttp3.Request.Builder()
            .url("http://127.0.0.1:" + port + "/api/customers/" + key)
            .header("Authorization", "Bearer " + KEY)
            .delete()
            .build();
    try (okhttp3.Response response = HTTP.newCall(erase).execute()) {
      assertThat(response.code()).isEqualTo(200);
    }
    Map<String, Object> row =
        jdbc.sql("SELECT conversation_key, wamid FROM notification WHERE event_id = ?")
            .param("erase-" + waId)
            .query()
            .singleRow();
    assertThat(row.values().toString()).doesNotContain(waId);
    assertThat(String.valueOf(row.values().iterator().next())).startsWith("erased:");
  }

  @Test
  void aSentNotificationIsPublishedAsAWebhookEvent() throws Exception {
    Answer subscription =
        post(
            "/api/webhooks",
            Map.of(
                "url",
                "http://127.0.0.1:9/notifications",
                "eventTypes",
                List.of("notification.sent", "notification.failed")),
            null);
    assertThat(subscription.status()).as("%s", subscription.body()).isBetween(200, 201);
    String waId = newCustomer();
    String key = conversation(waId);
    assertThat(
            post(
                    "/api/notifications",
                    shipped("hook-" + waId, waId, "https://t.example/h-" + waId),
                    null)
                .status())
        .isEqualTo(200);
    String envelope =
        jdbc.sql(
                "SELECT envelope_json FROM webhook_event WHERE event_type = ? AND conversation_key = ?")
            .params("notification.sent", key)
            .query(String.class)
            .single();
    JsonNode data = JSON.readTree(envelope).path("data");
    assertThat(data.path("eventId").asText()).isEqualTo("hook-" + waId);
    assertThat(data.path("template").asText()).isEqualTo("order_shipped");
    assertThat(data.path("wamid").asText()).isNotBlank();

    // the receiver is not there: leave no subscription behind for the other tests on this node
    okhttp3.Request remove =
        new okhttp3.Request.Builder()
            .url(
                "http://127.0.0.1:"
                    + port
                    + "/api/webhooks/"
                    + subscription.body().path("id").asText())
            .header("Authorization", "Bearer " + KEY)
            .delete()
            .build();
    try (okhttp3.Response response = HTTP.newCall(remove).execute()) {
      assertThat(response.code()).isBetween(200, 204);
    }
  }
}
