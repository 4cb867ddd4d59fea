package app.wasla.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.Webhooks;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * STOP and START over the real webhook: confirmed in the customer's language through the outbox,
 * never answered by the persona; then marketing templates through /api are refused while the
 * customer is opted out.
 */
class MarketingConsentTest extends SandboxApiNode {

  private Answer template(String key, String category, String idempotencyKey) throws Exception {
    return template(key, "new_arrivals", category, idempotencyKey);
  }

  private Answer template(String key, String name, String category, String idempotencyKey)
      throws Exception {
    Map<String, Object> template = new HashMap<>(Map.of("name", name, "language", "ar"));
    if (name.equals(UTILITY_TEMPLATE)) {
      // the demo order_shipped takes the order number and the tracking link, and its Track
      // button the order number
      template.put("parameters", List.of("ORD-1", "https://track.example/ORD-1"));
      template.put("buttons", List.of(Map.of("index", 0, "text", "ORD-1")));
    }
    if (category != null) {
      template.put("category", category);
    }
    return post("/api/messages", Map.of("to", key, "template", template), idempotencyKey);
  }

  private String inboxStatus(String wamid) {
    return jdbc.sql("SELECT status FROM inbox_message WHERE wamid = ?")
        .param(wamid)
        .query(String.class)
        .single();
  }

  @Test
  void stopInArabicIsConfirmedInArabicAndNotAnsweredByThePersona() {
    String waId = newCustomer();
    String key = conversation(waId);
    String stop = "wamid.stop.ar." + waId;
    assertThat(webhooks().post(Webhooks.text(waId, stop, "الغاء الاشتراك", Instant.now())))
        .isEqualTo(200);
    assertThat(awaitSent(key, 1).get(0)).contains("مش هنبعتلك").contains("اشتراك");
    assertThat(inboxStatus(stop)).isEqualTo("ANSWERED");

    // the next message is the persona's: had STOP reached the flow, its answer would stand between
    // the two
    webhooks().post(Webhooks.text(waId, "wamid.after.ar." + waId, "السلام عليكم", Instant.now()));
    List<String> sent = awaitSent(key, 2);
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1)).doesNotContain("مش هنبعتلك");
    assertThat(inboxStatus(stop)).isEqualTo("ANSWERED");
  }

  @Test
  void aTappedButtonTitledLikeAnOptOutGoesToTheFlowAndOptsNobodyOut() {
    // an order summary's "إلغاء" button cancels the order: its title is not the customer's STOP
    String waId = newCustomer();
    String key = conversation(waId);
    String tap = "wamid.tap.cancel." + waId;
    assertThat(
            webhooks().post(Webhooks.buttonReply(waId, tap, "sum_cancel", "إلغاء", Instant.now())))
        .isEqualTo(200);
    List<String> sent = awaitSent(key, 1);
    assertThat(sent.get(0)).doesNotContain("مش هنبعتلك");
    assertThat(inboxStatus(tap)).isNotEqualTo("ANSWERED");
    assertThat(
            jdbc.sql("SELECT marketing_opt_out FROM customer WHERE customer_key = ?")
                .param(key)
                .query(Boolean.class)
                .optional())
        .isNotEqualTo(java.util.Optional.of(true));
  }

  @Test
  void stopInEnglishThenMarketingIsRefusedUtilityGoesOutAndStartLetsMarketingThroughAgain()
      throws Exception {
    String waId = newCustomer();
    String key = conversation(waId);
    String stop = "wamid.stop.en." + waId;
    assertThat(webhooks().post(Webhooks.text(waId, stop, "STOP", Instant.now()))).isEqualTo(200);
    String confirmation = awaitSent(key, 1).get(0);
    assertThat(confirmation)
        .contains("won't get marketing messages")
        .contains("START")
        .doesNotContain("product's name");
    assertThat(inboxStatus(stop)).isEqualTo("ANSWERED");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                jdbc.sql("SELECT marketing_opt_out FROM customer WHERE customer_key = ?")
                    .param(key)
                    .query(Boolean.class)
                    .optional()
                    .orElse(false));

    Answer marketing = template(key, "MARKETING", "promo-1-" + waId);
    assertThat(marketing.status()).isEqualTo(409);
    assertThat(marketing.contentType()).startsWith("application/problem+json");
    assertThat(marketing.body().path("type").asText()).endsWith("marketing-opt-out");
    assertThat(marketing.body().path("detail").asText()).contains("opted out of marketing");
    // no category, or one Wasla does not know, counts as marketing
    assertThat(template(key, null, "promo-2-" + waId).status()).isEqualTo(409);
    assertThat(template(key, "PROMOTIONAL", "promo-3-" + waId).status()).isEqualTo(409);
    assertThat(sent(key)).hasSize(1);

    Answer utility = template(key, UTILITY_TEMPLATE, "UTILITY", "shipping-1-" + waId);
    assertThat(utility.status()).isEqualTo(200);
    assertThat(utility.body().path("wamid").asText()).isNotBlank();
    assertThat(sent(key)).hasSize(2);

    assertThat(
            webhooks().post(Webhooks.text(waId, "wamid.start.en." + waId, "START", Instant.now())))
        .isEqualTo(200);
    assertThat(awaitSent(key, 3).get(2)).contains("subscribed again").contains("STOP");
    assertThat(inboxStatus("wamid.start.en." + waId)).isEqualTo("ANSWERED");

    Answer again = template(key, "MARKETING", "promo-4-" + waId);
    assertThat(again.status()).isEqualTo(200);
    assertThat(sent(key)).hasSize(4);
  }

  @Test
  void theReopenTemplateCountsAsMarketingUnlessConfiguredOtherwise() throws Exception {
    String optedOut = newCustomer();
    String stillIn = newCustomer();
    webhooks()
        .post(Webhooks.text(optedOut, "wamid.stop.reopen." + optedOut, "STOP", Instant.now()));
    webhooks().post(Webhooks.text(stillIn, "wamid.hi.reopen." + stillIn, "START", Instant.now()));
    awaitSent(conversation(optedOut), 1);
    awaitSent(conversation(stillIn), 1);
    for (String waId : List.of(optedOut, stillIn)) {
      jdbc.sql("UPDATE conversation SET last_inbound_at = ? WHERE conversation_key = ?")
          .params(
              java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusDays(2),
              conversation(waId))
          .update();
    }

    Answer refused =
        post(
            "/api/messages",
            Map.of("to", conversation(optedOut), "text", "Your order shipped"),
            "shipped-" + optedOut);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().path("detail").asText())
        .contains("reopen template counts as marketing");
    assertThat(sent(conversation(optedOut))).hasSize(1);

    Answer reopened =
        post(
            "/api/messages",
            Map.of("to", conversation(stillIn), "text", "Your order shipped"),
            "shipped-" + stillIn);
    assertThat(reopened.status()).isEqualTo(200);
    assertThat(
            jdbc.sql(
                    "SELECT message_type FROM outbound_message WHERE conversation_key = ? ORDER BY id DESC")
                .param(conversation(stillIn))
                .query(String.class)
                .list()
                .get(0))
        .isEqualTo("template");
  }

  /** Opts a new customer out over the real webhook and waits until the CRM has it. */
  private String optedOutCustomer() {
    String waId = newCustomer();
    webhooks().post(Webhooks.text(waId, "wamid.stop.variant." + waId, "STOP", Instant.now()));
    awaitSent(conversation(waId), 1);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                jdbc.sql("SELECT marketing_opt_out FROM customer WHERE customer_key = ?")
                    .param(conversation(waId))
                    .query(Boolean.class)
                    .optional()
                    .orElse(false));
    return waId;
  }

  private static String arabicIndic(String digits) {
    StringBuilder s = new StringBuilder();
    digits.chars().forEach(c -> s.append((char) ('\u0660' + c - '0')));
    return s.toString();
  }

  @Test
  void anotherSpellingOfTheNumberIsRefusedOrReadAsTheSameOptedOutCustomer() throws Exception {
    String waId = optedOutCustomer();
    String key = conversation(waId);
    String dashed = waId.substring(0, 3) + "-" + waId.substring(3, 6) + "-" + waId.substring(6);
    for (String to :
        List.of(
            Webhooks.PHONE_NUMBER_ID + ":+" + waId,
            Webhooks.PHONE_NUMBER_ID + ":" + dashed,
            Webhooks.PHONE_NUMBER_ID + ": " + waId,
            Webhooks.PHONE_NUMBER_ID + ":" + waId + " ",
            Webhooks.PHONE_NUMBER_ID + ":" + "9".repeat(21),
            "+" + key)) {
      Answer answer = template(to, "MARKETING", "variant-" + to.hashCode() + "-" + waId);
      assertThat(answer.status()).as(to).isEqualTo(400);
      assertThat(answer.body().path("detail").asText())
          .as(to)
          .contains("digits")
          .doesNotContain(waId);
    }
    Answer arabic =
        template(Webhooks.PHONE_NUMBER_ID + ":" + arabicIndic(waId), "MARKETING", "arabic-" + waId);
    assertThat(arabic.status()).isEqualTo(409);
    assertThat(arabic.body().path("type").asText()).endsWith("marketing-opt-out");
    assertThat(sent(key)).hasSize(1);
    assertThat(
            jdbc.sql("SELECT count(*) FROM outbound_message WHERE conversation_key LIKE ?")
                .param("%" + waId.substring(3))
                .query(Long.class)
                .single())
        .isEqualTo(1);

    // the other paths that take a key from outside read it the same way
    assertThat(get("/api/conversations/" + Webhooks.PHONE_NUMBER_ID + ":+" + waId).status())
        .isEqualTo(400);
    assertThat(get("/api/customers/" + Webhooks.PHONE_NUMBER_ID + ":+" + waId).status())
        .isEqualTo(400);
    Answer customer = get("/api/customers/" + Webhooks.PHONE_NUMBER_ID + ":" + arabicIndic(waId));
    assertThat(customer.status()).isEqualTo(200);
    assertThat(customer.body().path("marketingOptOut").asBoolean()).isTrue();
    assertThat(
            get("/api/conversations/" + Webhooks.PHONE_NUMBER_ID + ":" + arabicIndic(waId))
                .status())
        .isEqualTo(200);
  }

  @Test
  void leadingZerosAndAnotherBusinessNumberDoNotEscapeAnOptOut() throws Exception {
    String waId = optedOutCustomer();
    for (String to :
        List.of(
            Webhooks.PHONE_NUMBER_ID + ":0" + waId,
            Webhooks.PHONE_NUMBER_ID + ":00" + waId,
            "0" + Webhooks.PHONE_NUMBER_ID + ":" + waId)) {
      Answer answer = template(to, "MARKETING", "zero-" + to.hashCode() + "-" + waId);
      assertThat(answer.status()).as(to).isEqualTo(400);
      assertThat(answer.body().path("detail").asText())
          .as(to)
          .contains("leading zero")
          .doesNotContain(waId);
    }
    // a STOP holds for every number of the business, not only the one the customer wrote to
    Answer otherNumber = template("999:" + waId, "MARKETING", "other-number-" + waId);
    assertThat(otherNumber.status()).isEqualTo(409);
    assertThat(otherNumber.body().path("type").asText()).endsWith("marketing-opt-out");
    assertThat(
            jdbc.sql("SELECT count(*) FROM outbound_message WHERE conversation_key LIKE ?")
                .param("%" + waId.substring(3))
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void theCallerCannotMakeAMarketingTemplateUtility() throws Exception {
    String waId = optedOutCustomer();
    String key = conversation(waId);
    Answer claimed = template(key, "new_arrivals", "UTILITY", "bf-" + waId);
    assertThat(claimed.status()).isEqualTo(409);
    assertThat(claimed.body().path("type").asText()).endsWith("marketing-opt-out");
    assertThat(template(key, "new_arrivals", "AUTHENTICATION", "bf-auth-" + waId).status())
        .isEqualTo(409);
    // a declared utility template stays utility without a category, and the caller may make it
    // stricter
    assertThat(template(key, UTILITY_TEMPLATE, "MARKETING", "shipped-m-" + waId).status())
        .isEqualTo(409);
    assertThat(sent(key)).hasSize(1);
    assertThat(template(key, UTILITY_TEMPLATE, null, "shipped-" + waId).status()).isEqualTo(200);
    assertThat(sent(key)).hasSize(2);
  }

  @Test
  void aMarketingTemplateNeedsAnOptInOnRecord() throws Exception {
    String waId = newCustomer();
    String key = conversation(waId);
    webhooks().post(Webhooks.text(waId, "wamid.ask." + waId, "بكام الجراب؟", Instant.now()));
    awaitSent(key, 1);
    int before = sent(key).size();

    Answer never = template(key, "MARKETING", "never-" + waId);
    assertThat(never.status()).isEqualTo(409);
    assertThat(never.body().path("type").asText()).endsWith("marketing-no-opt-in");
    assertThat(never.body().path("detail").asText()).contains("opted in").contains("consent");
    String stranger = Webhooks.PHONE_NUMBER_ID + ":" + newCustomer();
    assertThat(template(stranger, "MARKETING", "stranger-" + waId).status()).isEqualTo(409);
    assertThat(sent(key)).hasSize(before);
    assertThat(template(key, UTILITY_TEMPLATE, "UTILITY", "notice-" + waId).status())
        .as("a notice needs no opt-in")
        .isEqualTo(200);

    assertThat(
            put(
                    "/api/customers/" + key + "/consent",
                    Map.of("optIn", true, "source", "website_form"))
                .status())
        .isEqualTo(200);
    assertThat(template(key, "MARKETING", "after-consent-" + waId).status()).isEqualTo(200);
  }

  @Test
  void aBackDatedConsentFromTheShopDoesNotLiftALaterStop() throws Exception {
    String waId = optedOutCustomer();
    String key = conversation(waId);
    Answer old =
        put(
            "/api/customers/" + key + "/consent",
            Map.of(
                "optIn",
                true,
                "source",
                "checkout",
                "at",
                Instant.now().minus(java.time.Duration.ofDays(5)).toString()));
    assertThat(old.status()).isEqualTo(409);
    assertThat(old.body().path("type").asText()).endsWith("consent-superseded");
    assertThat(get("/api/customers/" + key).body().path("marketingOptOut").asBoolean()).isTrue();
    assertThat(template(key, "MARKETING", "after-old-consent-" + waId).status()).isEqualTo(409);

    Answer fresh =
        put("/api/customers/" + key + "/consent", Map.of("optIn", true, "source", "checkout"));
    assertThat(fresh.status()).as("consent given now lifts it, as START does").isEqualTo(200);
    assertThat(fresh.body().path("marketingOptOut").asBoolean()).isFalse();
  }
}
