package app.wasla.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.wasla.channel.whatsapp.OutboundMessage.ListMessage;
import app.wasla.channel.whatsapp.OutboundMessage.ListMessage.Row;
import app.wasla.channel.whatsapp.OutboundMessage.ListMessage.Section;
import app.wasla.channel.whatsapp.OutboundMessage.Reaction;
import app.wasla.channel.whatsapp.OutboundMessage.ReplyButtons;
import app.wasla.channel.whatsapp.OutboundMessage.ReplyButtons.Button;
import app.wasla.channel.whatsapp.OutboundMessage.Template;
import app.wasla.channel.whatsapp.OutboundMessage.Text;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloudApiClientTest {

  private static final String TOKEN = "EAAG-test-token-never-in-messages";
  private static final String PNID = "106540352242922";
  private static final String CUSTOMER = "201012345678";
  private static final String WAMID = "wamid.HBgMMjAxMDEyMzQ1Njc4FQIAERgSQUJDREVGMDEyMzQ1Njc4OQA=";
  private static final int ATTEMPTS = 3;

  private final ObjectMapper mapper = new ObjectMapper();

  /**
   * Backoffs the client asked for, recorded instead of slept, so that tests are fast and can check
   * them.
   */
  private final List<Long> sleeps = new CopyOnWriteArrayList<>();

  private MockWebServer server;
  private CloudApiClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    client = client(new OkHttpClient(), ATTEMPTS);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  @Test
  void sendsTextWithBearerTokenToThePhoneNumbersMessagesPath() throws Exception {
    server.enqueue(ok(WAMID));

    String wamid = client.send(PNID, CUSTOMER, new Text("أهلا بيك 👋 https://wasla.app", true));

    assertThat(wamid).isEqualTo(WAMID);
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/v23.0/" + PNID + "/messages");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    JsonNode body = body(request);
    assertThat(body.get("messaging_product").asText()).isEqualTo("whatsapp");
    assertThat(body.get("recipient_type").asText()).isEqualTo("individual");
    assertThat(body.get("to").asText()).isEqualTo(CUSTOMER);
    assertThat(body.get("type").asText()).isEqualTo("text");
    assertThat(body.get("text").get("body").asText()).isEqualTo("أهلا بيك 👋 https://wasla.app");
    assertThat(body.get("text").get("preview_url").asBoolean()).isTrue();
    assertThat(body.size()).isEqualTo(5);
  }

  @Test
  void sendsReplyButtonsWithHeaderAndFooter() throws Exception {
    server.enqueue(ok(WAMID));

    client.send(
        PNID,
        CUSTOMER,
        new ReplyButtons(
            "تحب تعمل إيه؟",
            List.of(new Button("order", "اطلب"), new Button("other", "منتج تاني")),
            "عرض النهارده",
            "Wasla"));

    JsonNode body = body(server.takeRequest());
    assertThat(body.get("type").asText()).isEqualTo("interactive");
    JsonNode interactive = body.get("interactive");
    assertThat(interactive.get("type").asText()).isEqualTo("button");
    assertThat(interactive.at("/header/type").asText()).isEqualTo("text");
    assertThat(interactive.at("/header/text").asText()).isEqualTo("عرض النهارده");
    assertThat(interactive.at("/body/text").asText()).isEqualTo("تحب تعمل إيه؟");
    assertThat(interactive.at("/footer/text").asText()).isEqualTo("Wasla");
    JsonNode buttons = interactive.at("/action/buttons");
    assertThat(buttons).hasSize(2);
    assertThat(buttons.get(0).get("type").asText()).isEqualTo("reply");
    assertThat(buttons.get(0).at("/reply/id").asText()).isEqualTo("order");
    assertThat(buttons.get(0).at("/reply/title").asText()).isEqualTo("اطلب");
    assertThat(buttons.get(1).at("/reply/id").asText()).isEqualTo("other");
  }

  @Test
  void replyButtonsWithoutHeaderOrFooterLeaveThemOut() throws Exception {
    server.enqueue(ok(WAMID));

    client.send(PNID, CUSTOMER, ReplyButtons.of("Yes?", new Button("y", "Yes")));

    JsonNode interactive = body(server.takeRequest()).get("interactive");
    assertThat(interactive.has("header")).isFalse();
    assertThat(interactive.has("footer")).isFalse();
  }

  @Test
  void sendsACallToActionUrlButton() throws Exception {
    server.enqueue(ok(WAMID));

    client.send(
        PNID,
        CUSTOMER,
        OutboundMessage.CtaUrl.of(
            "ادفع 72,999 جنيه من الزرار ده.",
            "ادفع دلوقتي",
            "https://shop.example/pay/sandbox/PAY-X?lang=ar"));

    JsonNode body = body(server.takeRequest());
    assertThat(body.get("type").asText()).isEqualTo("interactive");
    JsonNode interactive = body.get("interactive");
    assertThat(interactive.get("type").asText()).isEqualTo("cta_url");
    assertThat(interactive.at("/body/text").asText()).isEqualTo("ادفع 72,999 جنيه من الزرار ده.");
    assertThat(interactive.at("/action/name").asText()).isEqualTo("cta_url");
    assertThat(interactive.at("/action/parameters/display_text").asText()).isEqualTo("ادفع دلوقتي");
    assertThat(interactive.at("/action/parameters/url").asText())
        .isEqualTo("https://shop.example/pay/sandbox/PAY-X?lang=ar");
    assertThat(interactive.has("header")).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> OutboundMessage.CtaUrl.of("x", "a label that is far too long", "https://x"))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> OutboundMessage.CtaUrl.of("x", "Pay", "javascript:alert(1)"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sendsAList() throws Exception {
    server.enqueue(ok(WAMID));

    client.send(
        PNID,
        CUSTOMER,
        new ListMessage(
            "اختار طريقة الشحن",
            "اختيارات",
            List.of(
                new Section(
                    "الشحن",
                    List.of(new Row("std", "عادي", "3-5 أيام"), new Row("exp", "سريع", null))),
                new Section("الاستلام", List.of(new Row("pickup", "من الفرع", null)))),
            null,
            "Wasla"));

    JsonNode interactive = body(server.takeRequest()).get("interactive");
    assertThat(interactive.get("type").asText()).isEqualTo("list");
    assertThat(interactive.has("header")).isFalse();
    assertThat(interactive.at("/body/text").asText()).isEqualTo("اختار طريقة الشحن");
    assertThat(interactive.at("/footer/text").asText()).isEqualTo("Wasla");
    assertThat(interactive.at("/action/button").asText()).isEqualTo("اختيارات");
    JsonNode sections = interactive.at("/action/sections");
    assertThat(sections).hasSize(2);
    assertThat(sections.get(0).get("title").asText()).isEqualTo("الشحن");
    assertThat(sections.get(0).get("rows").get(0).get("id").asText()).isEqualTo("std");
    assertThat(sections.get(0).get("rows").get(0).get("title").asText()).isEqualTo("عادي");
    assertThat(sections.get(0).get("rows").get(0).get("description").asText())
        .isEqualTo("3-5 أيام");
    assertThat(sections.get(0).get("rows").get(1).has("description")).isFalse();
    assertThat(sections.get(1).get("rows").get(0).get("id").asText()).isEqualTo("pickup");
  }

  @Test
  void sendsATemplateWithBodyParameters() throws Exception {
    server.enqueue(ok(WAMID));

    client.send(PNID, CUSTOMER, new Template("order_update", "ar", List.of("محمد", "#1042")));

    JsonNode body = body(server.takeRequest());
    assertThat(body.get("type").asText()).isEqualTo("template");
    JsonNode template = body.get("template");
    assertThat(template.get("name").asText()).isEqualTo("order_update");
    assertThat(template.at("/language/code").asText()).isEqualTo("ar");
    assertThat(template.get("components")).hasSize(1);
    JsonNode component = template.get("components").get(0);
    assertThat(component.get("type").asText()).isEqualTo("body");
    assertThat(component.get("parameters")).hasSize(2);
    assertThat(component.get("parameters").get(0).get("type").asText()).isEqualTo("text");
    assertThat(component.get("parameters").get(0).get("text").asText()).isEqualTo("محمد");
    assertThat(component.get("parameters").get(1).get("text").asText()).isEqualTo("#1042");
  }

  @Test
  void aTemplateWithoutParametersHasNoComponents() throws Exception {
    server.enqueue(ok(WAMID));

    client.send(PNID, CUSTOMER, new Template("hello_world", "en_US", List.of()));

    JsonNode template = body(server.takeRequest()).get("template");
    assertThat(template.has("components")).isFalse();
    assertThat(template.at("/language/code").asText()).isEqualTo("en_US");
  }

  /** The request's {@code template} object, compared whole with what Meta's docs show. */
  private JsonNode sentTemplate(Template template) throws Exception {
    server.enqueue(ok(WAMID));
    client.send(PNID, CUSTOMER, template);
    JsonNode body = body(server.takeRequest());
    assertThat(body.get("type").asText()).isEqualTo("template");
    return body.get("template");
  }

  @Test
  void sendsNamedBodyParametersAnImageHeaderAUrlButtonAndAQuickReply() throws Exception {
    JsonNode sent =
        sentTemplate(
            new Template(
                "order_shipped_named",
                "en",
                List.of(),
                new java.util.LinkedHashMap<>(java.util.Map.of("order_number", "ORD-12001")),
                Template.Header.media("image", "https://cdn.example/p/42.jpg"),
                List.of(
                    new Template.Button(1, "quick_reply", "stop-promotions"),
                    new Template.Button(0, "url", "ORD-12001"))));

    assertThat(sent)
        .isEqualTo(
            mapper.readTree(
                """
                {"name":"order_shipped_named","language":{"code":"en"},"components":[
                  {"type":"header","parameters":[
                    {"type":"image","image":{"link":"https://cdn.example/p/42.jpg"}}]},
                  {"type":"body","parameters":[
                    {"type":"text","parameter_name":"order_number","text":"ORD-12001"}]},
                  {"type":"button","sub_type":"url","index":"0","parameters":[
                    {"type":"text","text":"ORD-12001"}]},
                  {"type":"button","sub_type":"quick_reply","index":"1","parameters":[
                    {"type":"payload","payload":"stop-promotions"}]}]}"""));
  }

  @Test
  void sendsATextHeaderWithPositionalBodyAndACouponCode() throws Exception {
    JsonNode sent =
        sentTemplate(
            new Template(
                "spring_sale",
                "ar",
                List.of("25%"),
                null,
                Template.Header.text("رمضان"),
                List.of(new Template.Button(0, "copy_code", "RAMADAN25"))));

    assertThat(sent)
        .isEqualTo(
            mapper.readTree(
                """
                {"name":"spring_sale","language":{"code":"ar"},"components":[
                  {"type":"header","parameters":[{"type":"text","text":"رمضان"}]},
                  {"type":"body","parameters":[{"type":"text","text":"25%"}]},
                  {"type":"button","sub_type":"copy_code","index":"0","parameters":[
                    {"type":"coupon_code","coupon_code":"RAMADAN25"}]}]}"""));
  }

  @Test
  void sendsANamedTextHeaderADocumentHeaderAndAnUploadedVideo() throws Exception {
    assertThat(
            sentTemplate(
                new Template(
                    "order_ready",
                    "en",
                    List.of(),
                    null,
                    Template.Header.text("order_number", "ORD-7"),
                    List.of())))
        .isEqualTo(
            mapper.readTree(
                """
                {"name":"order_ready","language":{"code":"en"},"components":[
                  {"type":"header","parameters":[
                    {"type":"text","text":"ORD-7","parameter_name":"order_number"}]}]}"""));

    assertThat(
            sentTemplate(
                new Template(
                    "invoice_ready",
                    "en",
                    List.of("ORD-7"),
                    null,
                    Template.Header.document(
                        "https://shop.example/invoices/ORD-7.pdf", "invoice-ORD-7.pdf"),
                    List.of())))
        .isEqualTo(
            mapper.readTree(
                """
                {"name":"invoice_ready","language":{"code":"en"},"components":[
                  {"type":"header","parameters":[{"type":"document","document":{
                    "link":"https://shop.example/invoices/ORD-7.pdf","filename":"invoice-ORD-7.pdf"}}]},
                  {"type":"body","parameters":[{"type":"text","text":"ORD-7"}]}]}"""));

    assertThat(
            sentTemplate(
                new Template(
                    "unboxing",
                    "en",
                    List.of(),
                    null,
                    Template.Header.mediaId("video", "1234567890"),
                    List.of())))
        .isEqualTo(
            mapper.readTree(
                """
                {"name":"unboxing","language":{"code":"en"},"components":[
                  {"type":"header","parameters":[{"type":"video","video":{"id":"1234567890"}}]}]}"""));
  }

  @Test
  void sendsALocationHeader() throws Exception {
    assertThat(
            sentTemplate(
                new Template(
                    "pickup_ready",
                    "en",
                    List.of(),
                    null,
                    Template.Header.location(30.0561, 31.33, "Nile Store", "Nasr City"),
                    List.of())))
        .isEqualTo(
            mapper.readTree(
                """
                {"name":"pickup_ready","language":{"code":"en"},"components":[
                  {"type":"header","parameters":[{"type":"location","location":{
                    "latitude":30.0561,"longitude":31.33,"name":"Nile Store","address":"Nasr City"}}]}]}"""));
  }

  @Test
  void sendsAReaction() throws Exception {
    server.enqueue(ok(WAMID));

    client.send(PNID, CUSTOMER, new Reaction("wamid.CUSTOMER1", "❤️"));

    JsonNode body = body(server.takeRequest());
    assertThat(body.get("type").asText()).isEqualTo("reaction");
    assertThat(body.at("/reaction/message_id").asText()).isEqualTo("wamid.CUSTOMER1");
    assertThat(body.at("/reaction/emoji").asText()).isEqualTo("❤️");
  }

  @Test
  void rateLimitedThenOkSendsOnceMore() {
    server.enqueue(error(429, 130429, "(#130429) Rate limit hit"));
    server.enqueue(ok(WAMID));

    assertThat(client.send(PNID, CUSTOMER, Text.of("hi"))).isEqualTo(WAMID);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(sleeps).containsExactly(10L);
  }

  @Test
  void retryAfterIsTheMinimumWaitAndIsCapped() {
    server.enqueue(error(429, 130429, "Rate limit hit").setHeader("Retry-After", "2"));
    server.enqueue(error(429, 130429, "Rate limit hit").setHeader("Retry-After", "120"));
    server.enqueue(ok(WAMID));

    assertThat(client.send(PNID, CUSTOMER, Text.of("hi"))).isEqualTo(WAMID);
    assertThat(sleeps).containsExactly(2_000L, 30_000L);
  }

  @Test
  void serverErrorsAreRetriedUpToTheAttemptsWithExponentialBackoff() {
    for (int i = 0; i < ATTEMPTS; i++) {
      server.enqueue(
          new MockResponse().setResponseCode(500).setBody("<html>Internal error</html>"));
    }

    assertThatThrownBy(() -> client.send(PNID, CUSTOMER, Text.of("hi")))
        .isInstanceOfSatisfying(
            CloudApiException.class,
            e -> {
              assertThat(e.retryable()).isTrue();
              assertThat(e.httpStatus()).isEqualTo(500);
              assertThat(e.errorCode()).isNull();
            });
    assertThat(server.getRequestCount()).isEqualTo(ATTEMPTS);
    assertThat(sleeps).containsExactly(10L, 20L);
  }

  @Test
  void backoffDoublesButNeverExceedsTenSeconds() {
    CloudApiClient slow =
        new CloudApiClient(
            new OkHttpClient(),
            mapper,
            new WhatsAppProperties(
                WhatsAppProperties.Mode.CLOUD,
                server.url("/v23.0").toString(),
                TOKEN,
                "s",
                "v",
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                4,
                Duration.ofSeconds(4),
                true,
                null,
                "ar",
                "1",
                "MARKETING",
                80,
                java.util.List.of()),
            sleeps::add);
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse().setResponseCode(503));
    }

    assertThatThrownBy(() -> slow.send(PNID, CUSTOMER, Text.of("hi")))
        .isInstanceOf(CloudApiException.class);
    assertThat(sleeps).containsExactly(4_000L, 8_000L, 10_000L);
  }

  @Test
  void aRequestMetaRefusesIsNotRetried() {
    server.enqueue(error(400, 131047, "(#131047) Re-engagement message"));

    assertThatThrownBy(() -> client.send(PNID, CUSTOMER, Text.of("hi")))
        .isInstanceOfSatisfying(
            CloudApiException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.httpStatus()).isEqualTo(400);
              assertThat(e.errorCode()).isEqualTo(131047);
              assertThat(e.fbtraceId()).isEqualTo("AbCdEfGhIjK");
              assertThat(e.getMessage())
                  .contains("131047")
                  .contains("Re-engagement message")
                  .contains("/v23.0/" + PNID + "/messages")
                  .doesNotContain(TOKEN);
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void anExpiredTokenIsNotRetried() {
    server.enqueue(error(401, 190, "Error validating access token"));

    assertThatThrownBy(() -> client.send(PNID, CUSTOMER, Text.of("hi")))
        .isInstanceOfSatisfying(CloudApiException.class, e -> assertThat(e.retryable()).isFalse());
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aPairRateLimitIsRetryableAlthoughItIsA400ButLeftToTheOutboxBackoff() {
    server.enqueue(
        error(400, 131056, "(#131056) (Business Account, Consumer Account) pair rate limit hit"));
    server.enqueue(ok(WAMID));

    // retried, but not on this thread within milliseconds: the outbox holds the customer's sends
    // for its backoff
    assertThatThrownBy(() -> client.send(PNID, CUSTOMER, Text.of("hi")))
        .isInstanceOfSatisfying(
            CloudApiException.class,
            e -> {
              assertThat(e.retryable()).isTrue();
              assertThat(e.pairRateLimit()).isTrue();
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aReadTimeoutIsRetryable() {
    CloudApiClient impatient =
        client(new OkHttpClient.Builder().readTimeout(200, TimeUnit.MILLISECONDS).build(), 2);
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    assertThatThrownBy(() -> impatient.send(PNID, CUSTOMER, Text.of("hi")))
        .isInstanceOfSatisfying(
            CloudApiException.class,
            e -> {
              assertThat(e.retryable()).isTrue();
              assertThat(e.httpStatus()).isZero();
              assertThat(e.getCause()).isInstanceOf(java.net.SocketTimeoutException.class);
            });
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anAtMostOnceSendIsNotRepeatedAfterAReadTimeoutMetaMayHaveTaken() {
    CloudApiClient impatient =
        client(new OkHttpClient.Builder().readTimeout(200, TimeUnit.MILLISECONDS).build(), 2);
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    server.enqueue(ok(WAMID));

    assertThatThrownBy(() -> impatient.sendAtMostOnce(PNID, CUSTOMER, Text.of("sale")))
        .isInstanceOfSatisfying(
            CloudApiException.class,
            e -> {
              assertThat(e.httpStatus()).isZero();
              assertThat(CloudApiClient.neverConnected(e)).isFalse();
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anAtMostOnceSendIsRetriedWhenMetaAnsweredOrNeverConnected() throws IOException {
    server.enqueue(error(503, 2, "temporarily unavailable"));
    server.enqueue(ok(WAMID));
    assertThat(client.sendAtMostOnce(PNID, CUSTOMER, Text.of("sale"))).isEqualTo(WAMID);
    assertThat(server.getRequestCount()).isEqualTo(2);

    server.shutdown();
    sleeps.clear();
    assertThatThrownBy(() -> client.sendAtMostOnce(PNID, CUSTOMER, Text.of("sale")))
        .isInstanceOfSatisfying(
            CloudApiException.class, e -> assertThat(CloudApiClient.neverConnected(e)).isTrue());
    assertThat(sleeps).hasSize(ATTEMPTS - 1);
  }

  @Test
  void aRefusedConnectionIsRetryable() throws IOException {
    server.shutdown();

    assertThatThrownBy(() -> client.send(PNID, CUSTOMER, Text.of("hi")))
        .isInstanceOfSatisfying(CloudApiException.class, e -> assertThat(e.retryable()).isTrue());
    assertThat(sleeps).hasSize(ATTEMPTS - 1);
  }

  @Test
  void okWithoutAMessageIdIsNotRetried() {
    server.enqueue(
        new MockResponse().setBody("{\"messaging_product\":\"whatsapp\",\"messages\":[]}"));

    assertThatThrownBy(() -> client.send(PNID, CUSTOMER, Text.of("hi")))
        .isInstanceOfSatisfying(
            CloudApiException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).contains("messages[0].id");
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void theTokenIsScrubbedEvenIfMetaEchoesIt() {
    server.enqueue(error(400, 100, "Invalid OAuth access token - " + TOKEN));

    assertThatThrownBy(() -> client.send(PNID, CUSTOMER, Text.of("hi")))
        .isInstanceOfSatisfying(
            CloudApiException.class,
            e -> assertThat(e.getMessage()).doesNotContain(TOKEN).contains("***"));
  }

  @Test
  void markReadWithTypingIndicator() throws Exception {
    server.enqueue(new MockResponse().setBody("{\"success\":true}"));

    client.markRead(PNID, "wamid.CUSTOMER1", true);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getPath()).isEqualTo("/v23.0/" + PNID + "/messages");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(body(request))
        .isEqualTo(
            mapper.readTree(
                "{\"messaging_product\":\"whatsapp\",\"status\":\"read\","
                    + "\"message_id\":\"wamid.CUSTOMER1\",\"typing_indicator\":{\"type\":\"text\"}}"));
  }

  @Test
  void markReadWithoutTypingIndicator() throws Exception {
    server.enqueue(new MockResponse().setBody("{\"success\":true}"));

    client.markRead(PNID, "wamid.CUSTOMER1", false);

    assertThat(body(server.takeRequest()))
        .isEqualTo(
            mapper.readTree(
                "{\"messaging_product\":\"whatsapp\",\"status\":\"read\",\"message_id\":\"wamid.CUSTOMER1\"}"));
  }

  @Test
  void aBaseUrlWithATrailingSlashGivesTheSamePath() throws Exception {
    CloudApiClient slash =
        new CloudApiClient(
            new OkHttpClient(), mapper, properties(server.url("/v23.0/").toString(), 1), ms -> {});
    server.enqueue(ok(WAMID));

    slash.send(PNID, CUSTOMER, Text.of("hi"));

    assertThat(server.takeRequest().getPath()).isEqualTo("/v23.0/" + PNID + "/messages");
  }

  @Test
  void retryableClassification() {
    assertThat(CloudApiException.isRetryable(429, null)).isTrue();
    assertThat(CloudApiException.isRetryable(503, null)).isTrue();
    assertThat(CloudApiException.isRetryable(400, 4)).isTrue();
    assertThat(CloudApiException.isRetryable(400, 80007)).isTrue();
    assertThat(CloudApiException.isRetryable(400, 131000)).isTrue();
    assertThat(CloudApiException.isRetryable(400, 2)).isTrue();
    assertThat(CloudApiException.isRetryable(400, 130429)).isTrue();
    assertThat(CloudApiException.isRetryable(400, 131026)).isFalse();
    assertThat(CloudApiException.isRetryable(404, null)).isFalse();
  }

  @Test
  void sendsAnImageByLinkAndByMediaIdWithCaptionAsTheCloudApiPayload() throws Exception {
    server.enqueue(ok(WAMID));
    server.enqueue(ok(WAMID));

    client.send(
        PNID,
        CUSTOMER,
        OutboundMessage.Image.ofLink("https://shop.example/p/a15.jpg", "Galaxy A15 📱"));
    client.send(PNID, CUSTOMER, OutboundMessage.Image.ofMediaId("1037543291543636", null));

    assertThat(body(server.takeRequest()))
        .isEqualTo(
            mapper.readTree(
                """
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"%s","type":"image",
                 "image":{"link":"https://shop.example/p/a15.jpg","caption":"Galaxy A15 📱"}}"""
                    .formatted(CUSTOMER)));
    assertThat(body(server.takeRequest()))
        .isEqualTo(
            mapper.readTree(
                """
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"%s","type":"image",
                 "image":{"id":"1037543291543636"}}"""
                    .formatted(CUSTOMER)));
  }

  @Test
  void sendsADocumentWithFilenameAndCaptionAndALocationAsTheCloudApiPayload() throws Exception {
    server.enqueue(ok(WAMID));
    server.enqueue(ok(WAMID));

    client.send(
        PNID, CUSTOMER, new OutboundMessage.Document(null, "8812", "invoice-1042.pdf", "الفاتورة"));
    client.send(
        PNID,
        CUSTOMER,
        new OutboundMessage.Location(
            30.0444, 31.2357, "Wasla Downtown", "12 Talaat Harb St, Cairo"));

    assertThat(body(server.takeRequest()))
        .isEqualTo(
            mapper.readTree(
                """
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"%s","type":"document",
                 "document":{"id":"8812","caption":"الفاتورة","filename":"invoice-1042.pdf"}}"""
                    .formatted(CUSTOMER)));
    assertThat(body(server.takeRequest()))
        .isEqualTo(
            mapper.readTree(
                """
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"%s","type":"location",
                 "location":{"latitude":30.0444,"longitude":31.2357,"name":"Wasla Downtown",
                   "address":"12 Talaat Harb St, Cairo"}}"""
                    .formatted(CUSTOMER)));
  }

  @Test
  void mediaMessagesRefuseWhatMetaWouldRefuse() {
    assertThatThrownBy(() -> new OutboundMessage.Image(null, null, "x"))
        .hasMessageContaining("exactly one of a link and a media id");
    assertThatThrownBy(() -> new OutboundMessage.Image("https://a/b.jpg", "12", null))
        .hasMessageContaining("got both");
    assertThatThrownBy(() -> OutboundMessage.Image.ofLink("ftp://a/b.jpg", null))
        .hasMessageContaining("http(s)");
    assertThatThrownBy(() -> OutboundMessage.Image.ofMediaId("12", "x".repeat(1025)))
        .hasMessageContaining("image caption must be 1 to 1024");
    assertThatThrownBy(() -> new OutboundMessage.Location(91, 31, null, null))
        .hasMessageContaining("latitude in [-90, 90]");
    assertThatThrownBy(() -> new OutboundMessage.Location(30, Double.NaN, null, null))
        .hasMessageContaining("longitude in [-180, 180]");
  }

  @Test
  void uploadsAFileAsMultipartToTheMediaPathAndReturnsItsId() throws Exception {
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", "application/json")
            .setBody("{\"id\":\"1037543291543636\"}"));
    byte[] pdf = "%PDF-1.7 a price list".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    String id = client.uploadMedia(PNID, pdf, "application/pdf", "prices.pdf");

    assertThat(id).isEqualTo("1037543291543636");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/v23.0/" + PNID + "/media");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    String contentType = request.getHeader("Content-Type");
    assertThat(contentType).startsWith("multipart/form-data; boundary=");
    String boundary = contentType.substring(contentType.indexOf("boundary=") + 9);
    String multipart = request.getBody().readUtf8();
    List<String> parts =
        java.util.Arrays.stream(multipart.split("--" + java.util.regex.Pattern.quote(boundary)))
            .map(String::strip)
            .filter(p -> !p.isEmpty() && !p.equals("--"))
            .toList();
    assertThat(parts).hasSize(3);
    assertThat(parts.get(0))
        .contains("Content-Disposition: form-data; name=\"messaging_product\"")
        .endsWith("\r\n\r\nwhatsapp");
    assertThat(parts.get(1))
        .contains("Content-Disposition: form-data; name=\"type\"")
        .endsWith("\r\n\r\napplication/pdf");
    assertThat(parts.get(2))
        .contains("Content-Disposition: form-data; name=\"file\"; filename=\"prices.pdf\"")
        .contains("Content-Type: application/pdf")
        .endsWith("\r\n\r\n%PDF-1.7 a price list");
  }

  @Test
  void anUploadMetaRefusesIsAClearErrorAndNotRetried() {
    server.enqueue(error(400, 131053, "(#131053) Media upload error: unsupported file type"));

    assertThatThrownBy(
            () -> client.uploadMedia(PNID, new byte[] {1, 2, 3}, "image/png", "screen.png"))
        .isInstanceOfSatisfying(
            CloudApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(400);
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage())
                  .contains("/media failed: HTTP 400, code 131053")
                  .contains("unsupported file type")
                  .doesNotContain(TOKEN);
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aPhotoLinkMetaCannotFetchIsDownloadedUploadedAndSentByItsId() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};
    try (MockWebServer shop = new MockWebServer()) {
      shop.enqueue(
          new MockResponse()
              .setHeader("Content-Type", "image/png")
              .setBody(new okio.Buffer().write(png)));
      server.enqueue(
          new MockResponse()
              .setHeader("Content-Type", "application/json")
              .setBody("{\"id\":\"m-1\"}"));
      server.enqueue(ok(WAMID));
      CloudApiTransport transport =
          new CloudApiTransport(client, new MediaLinks(new OkHttpClient(), List::of));

      String link = shop.url("/products/jbl.png").toString();
      assertThat(transport.send(PNID, CUSTOMER, OutboundMessage.Image.ofLink(link, "JBL Flip 6")))
          .isEqualTo(WAMID);

      assertThat(shop.takeRequest().getPath()).isEqualTo("/products/jbl.png");
      RecordedRequest upload = server.takeRequest();
      assertThat(upload.getPath()).isEqualTo("/v23.0/" + PNID + "/media");
      String multipart = upload.getBody().readString(java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(multipart).contains("image/png").contains("filename=\"jbl.png\"");
      JsonNode image = body(server.takeRequest()).get("image");
      assertThat(image.get("id").asText()).isEqualTo("m-1");
      assertThat(image.has("link")).isFalse();
      assertThat(image.get("caption").asText()).isEqualTo("JBL Flip 6");
    }
  }

  @Test
  void aPublicHttpsLinkGoesAsItIsAndALinkThatIsNoPhotoFailsForGood() throws Exception {
    server.enqueue(ok(WAMID));
    CloudApiTransport transport =
        new CloudApiTransport(client, new MediaLinks(new OkHttpClient(), List::of));
    transport.send(
        PNID, CUSTOMER, OutboundMessage.Image.ofLink("https://cdn.shop.example/jbl.png", null));
    assertThat(body(server.takeRequest()).get("image").get("link").asText())
        .isEqualTo("https://cdn.shop.example/jbl.png");

    try (MockWebServer shop = new MockWebServer()) {
      shop.enqueue(new MockResponse().setHeader("Content-Type", "image/png").setBody("<html>"));
      String link = shop.url("/products/jbl.png").toString();
      assertThatThrownBy(
              () -> transport.send(PNID, CUSTOMER, OutboundMessage.Image.ofLink(link, null)))
          .isInstanceOfSatisfying(CloudApiException.class, e -> assertThat(e.retryable()).isFalse())
          .hasMessageContaining("not a JPEG or PNG photo");
      assertThat(server.getRequestCount()).isEqualTo(1); // nothing more reached Meta
    }
  }

  private CloudApiClient client(OkHttpClient http, int attempts) {
    return new CloudApiClient(
        http, mapper, properties(server.url("/v23.0").toString(), attempts), sleeps::add);
  }

  private static WhatsAppProperties properties(String baseUrl, int attempts) {
    return new WhatsAppProperties(
        WhatsAppProperties.Mode.CLOUD,
        baseUrl,
        TOKEN,
        "app-secret",
        "verify-token",
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        attempts,
        Duration.ofMillis(10),
        true,
        null,
        "ar",
        "100000000000001",
        "MARKETING",
        80,
        java.util.List.of());
  }

  private static MockResponse ok(String wamid) {
    return new MockResponse()
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\""
                + CUSTOMER
                + "\",\"wa_id\":\""
                + CUSTOMER
                + "\"}],\"messages\":[{\"id\":\""
                + wamid
                + "\"}]}");
  }

  private static MockResponse error(int status, int code, String message) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"error\":{\"message\":\""
                + message
                + "\",\"type\":\"OAuthException\",\"code\":"
                + code
                + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"details of "
                + code
                + "\"},"
                + "\"fbtrace_id\":\"AbCdEfGhIjK\"}}");
  }

  private JsonNode body(RecordedRequest request) throws IOException {
    return mapper.readTree(request.getBody().readUtf8());
  }
}
