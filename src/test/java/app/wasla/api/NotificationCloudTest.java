package app.wasla.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Cloud mode with MockWebServer as Meta: the templates are read from its list (two pages), a
 * notification goes out as exactly the template payload Meta expects, and a send that does not fit
 * the list never reaches Meta.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationCloudTest {

  static final WhatsAppMock META = new WhatsAppMock();
  static final String KEY = "notification-cloud-test-key-0123456789abcdef";
  static final ObjectMapper JSON = new ObjectMapper();
  static final OkHttpClient HTTP = new OkHttpClient();

  static {
    META.serveMedia(
        request -> {
          if (!request.getPath().startsWith("/v23.0/445566778899/message_templates")
              || !"Bearer test-token".equals(request.getHeader("Authorization"))) {
            return new MockResponse().setResponseCode(404);
          }
          boolean second = "P2".equals(request.getRequestUrl().queryParameter("after"));
          String body =
              second
                  ? """
                    {"data":[{"name":"order_shipped","language":"en","status":"APPROVED",
                      "category":"UTILITY","components":[{"type":"BODY",
                      "text":"Your order {{1}} is on its way: {{2}}"},
                      {"type":"BUTTONS","buttons":[{"type":"URL","text":"Track",
                        "url":"https://track.example/{{1}}"}]}]},
                      {"name":"invoice_ready","language":"en","status":"APPROVED",
                      "category":"UTILITY","parameter_format":"NAMED","components":[
                      {"type":"HEADER","format":"DOCUMENT"},
                      {"type":"BODY","text":"Hi {{first_name}}, the invoice of {{order_number}}."},
                      {"type":"BUTTONS","buttons":[
                        {"type":"URL","text":"Pay","url":"https://pay.example/{{1}}"},
                        {"type":"QUICK_REPLY","text":"Talk to us"}]}]}],
                     "paging":{"cursors":{"before":"P1"}}}"""
                  : """
                    {"data":[{"name":"order_shipped","language":"ar","status":"APPROVED",
                      "category":"UTILITY","components":[{"type":"BODY",
                      "text":"طلبك {{1}} في الطريق: {{2}}"},
                      {"type":"BUTTONS","buttons":[{"type":"URL","text":"تتبع",
                        "url":"https://track.example/{{1}}"}]}]}],
                     "paging":{"cursors":{"after":"P2"},"next":"https://graph.example/next"}}""";
          return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
        });
  }

  @DynamicPropertySource
  static void cloud(DynamicPropertyRegistry registry) {
    META.registerCloudMode(registry);
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:notification-cloud;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    registry.add("wasla.templates.waba-id", () -> "445566778899");
    registry.add("wasla.whatsapp.phone-number-ids", () -> Webhooks.PHONE_NUMBER_ID);
    registry.add("wasla.api.bootstrap-key", () -> KEY);
    registry.add("wasla.api.rate-limit", () -> "1000");
    // a shop's own type: a NAMED template with a document header and a URL button
    String invoice = "wasla.notifications.types.invoice_ready.";
    registry.add(invoice + "template", () -> "invoice_ready");
    registry.add(invoice + "named-parameters.first_name", () -> "firstName");
    registry.add(invoice + "named-parameters.order_number", () -> "orderNumber");
    registry.add(invoice + "header.type", () -> "document");
    registry.add(invoice + "header.field", () -> "invoiceUrl");
    registry.add(invoice + "header.filename-field", () -> "invoiceFile");
    registry.add(invoice + "buttons[0].index", () -> "0");
    registry.add(invoice + "buttons[0].field", () -> "orderNumber");
  }

  @LocalServerPort int port;

  private record Answer(int status, JsonNode body) {}

  private Answer call(String method, String path, Object body, String idempotencyKey)
      throws IOException {
    Request.Builder request =
        new Request.Builder()
            .url("http://127.0.0.1:" + port + path)
            .header("Authorization", "Bearer " + KEY);
    if (body == null) {
      request.get();
    } else {
      request.method(
          method,
          RequestBody.create(JSON.writeValueAsBytes(body), MediaType.get("application/json")));
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    try (Response response = HTTP.newCall(request.build()).execute()) {
      String text = response.body().string();
      return new Answer(response.code(), text.isBlank() ? null : JSON.readTree(text));
    }
  }

  /**
   * A send from a phone number id the business does not have (wasla.whatsapp.phone-number-ids) is a
   * 400 naming the field, and nothing reaches Meta or is recorded.
   */
  @Test
  void aSendFromANumberTheBusinessDoesNotHaveIsRefusedNamingTheField() throws Exception {
    String waId = "2016" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    String foreign = "109876543299999";
    Answer message =
        call(
            "POST",
            "/api/messages",
            Map.of(
                "to",
                foreign + ":" + waId,
                "template",
                Map.of(
                    "name",
                    "order_shipped",
                    "language",
                    "en",
                    "parameters",
                    List.of("ORD-1", "https://t.example/ORD-1"),
                    "buttons",
                    List.of(Map.of("index", 0, "text", "ORD-1")))),
            "foreign-" + waId);
    assertThat(message.status()).as(String.valueOf(message.body())).isEqualTo(400);
    assertThat(message.body().path("type").asText()).endsWith("/invalid-request");
    assertThat(message.body().path("detail").asText())
        .isEqualTo(
            "to: "
                + foreign
                + " is not one of the business's WhatsApp numbers ("
                + Webhooks.PHONE_NUMBER_ID
                + ", wasla.whatsapp.phone-number-ids)");

    Answer notification =
        call(
            "POST",
            "/api/notifications",
            Map.of(
                "eventId",
                "foreign-" + waId,
                "type",
                "order_shipped",
                "phoneNumberId",
                foreign,
                "waId",
                waId,
                "language",
                "en",
                "fields",
                Map.of("orderNumber", "ORD-1", "trackingUrl", "https://t.example/ORD-1")),
            null);
    assertThat(notification.status()).as(String.valueOf(notification.body())).isEqualTo(400);
    assertThat(notification.body().path("detail").asText())
        .startsWith("phoneNumberId: " + foreign + " is not one of the business's WhatsApp numbers");
    assertThat(META.sentTo(waId)).isEmpty();
  }

  @Test
  void aNotificationGoesToMetaAsExactlyTheTemplateFromMetasList() throws Exception {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> call("GET", "/api/templates", null, null).body().path("checked").asBoolean());
    Answer list = call("GET", "/api/templates", null, null);
    assertThat(list.body().path("templates").findValuesAsText("language"))
        .containsExactly("en", "ar", "en");

    String waId = "2015" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    Answer refused =
        call(
            "POST",
            "/api/messages",
            Map.of(
                "to",
                Webhooks.PHONE_NUMBER_ID + ":" + waId,
                "template",
                Map.of("name", "order_placed", "language", "en", "parameters", List.of("1"))),
            "placed-" + waId);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("detail").asText())
        .contains(
            "unknown template order_placed; the known templates are invoice_ready, order_shipped");

    Answer sent =
        call(
            "POST",
            "/api/notifications",
            Map.of(
                "eventId",
                "ship-" + waId,
                "type",
                "order_shipped",
                "phoneNumberId",
                Webhooks.PHONE_NUMBER_ID,
                "waId",
                waId,
                "language",
                "en",
                "fields",
                Map.of("orderNumber", "ORD-4411", "trackingUrl", "https://t.example/4411")),
            null);
    assertThat(sent.status()).isEqualTo(200);
    assertThat(META.sentTo(waId)).hasSize(1);
    WhatsAppMock.Sent atMeta = META.sentTo(waId).get(0);
    assertThat(atMeta.phoneNumberId()).isEqualTo(Webhooks.PHONE_NUMBER_ID);
    assertThat(atMeta.body())
        .isEqualTo(
            JSON.readTree(
                """
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"%s",
                 "type":"template","template":{"name":"order_shipped","language":{"code":"en"},
                 "components":[{"type":"body","parameters":[
                   {"type":"text","text":"ORD-4411"},{"type":"text","text":"https://t.example/4411"}]},
                   {"type":"button","sub_type":"url","index":"0","parameters":[
                     {"type":"text","text":"ORD-4411"}]}]}}"""
                    .formatted(waId)));
    assertThat(sent.body().path("wamid").asText()).isEqualTo(atMeta.wamid());
  }

  @Test
  void aTemplateWithADocumentHeaderNamedParametersAndButtonsGoesToMetaAsItsListSays()
      throws Exception {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> call("GET", "/api/templates", null, null).body().path("checked").asBoolean());
    JsonNode invoice = null;
    for (JsonNode t : call("GET", "/api/templates", null, null).body().path("templates")) {
      if (t.path("name").asText().equals("invoice_ready")) {
        invoice = t;
      }
    }
    assertThat(invoice.path("header"))
        .isEqualTo(JSON.readTree("{\"format\":\"DOCUMENT\",\"parameter\":true}"));
    assertThat(invoice.path("buttons").get(0))
        .isEqualTo(
            JSON.readTree(
                "{\"index\":0,\"type\":\"URL\",\"text\":\"Pay\",\"parameter\":\"url\",\"required\":true,"
                    + "\"url\":\"https://pay.example/{{1}}\"}"));
    // the texts as approved, for what a customer sees
    assertThat(invoice.path("body").asText())
        .isEqualTo("Hi {{first_name}}, the invoice of {{order_number}}.");

    String waId = "2017" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    String to = Webhooks.PHONE_NUMBER_ID + ":" + waId;
    Map<String, Object> named = new java.util.LinkedHashMap<>();
    named.put("first_name", "Mariam");
    named.put("order_number", "ORD-12001");
    Map<String, Object> document =
        Map.of(
            "type",
            "document",
            "link",
            "https://shop.example/invoices/ORD-12001.pdf",
            "filename",
            "ORD-12001.pdf");

    // what the template takes is checked before Meta is called
    Answer noHeader =
        call(
            "POST",
            "/api/messages",
            Map.of(
                "to",
                to,
                "template",
                Map.of(
                    "name",
                    "invoice_ready",
                    "language",
                    "en",
                    "namedParameters",
                    named,
                    "buttons",
                    List.of(Map.of("index", 0, "text", "ORD-12001")))),
            "invoice-a-" + waId);
    assertThat(noHeader.status()).isEqualTo(400);
    assertThat(noHeader.body().path("detail").asText())
        .isEqualTo(
            "template invoice_ready/en needs a header parameter: a document (an http(s) link or a"
                + " media id)");
    Answer ftp =
        call(
            "POST",
            "/api/messages",
            Map.of(
                "to",
                to,
                "template",
                Map.of(
                    "name",
                    "invoice_ready",
                    "language",
                    "en",
                    "namedParameters",
                    named,
                    "header",
                    Map.of("type", "document", "link", "ftp://shop.example/i.pdf"),
                    "buttons",
                    List.of(Map.of("index", 0, "text", "ORD-12001")))),
            "invoice-b-" + waId);
    assertThat(ftp.status()).isEqualTo(400);
    assertThat(ftp.body().path("detail").asText()).contains("link must be an http(s) URL");
    Answer positional =
        call(
            "POST",
            "/api/messages",
            Map.of(
                "to",
                to,
                "template",
                Map.of(
                    "name",
                    "invoice_ready",
                    "language",
                    "en",
                    "parameters",
                    List.of("Mariam", "ORD-12001"),
                    "header",
                    document)),
            "invoice-c-" + waId);
    assertThat(positional.status()).isEqualTo(400);
    assertThat(positional.body().path("detail").asText())
        .contains("takes named body parameters (first_name, order_number)")
        .contains("needs a parameter for button 0 (URL \"Pay\")");
    assertThat(META.sentTo(waId)).isEmpty();

    Answer sent =
        call(
            "POST",
            "/api/messages",
            Map.of(
                "to",
                to,
                "template",
                Map.of(
                    "name",
                    "invoice_ready",
                    "language",
                    "en",
                    "namedParameters",
                    named,
                    "header",
                    document,
                    "buttons",
                    List.of(
                        Map.of("index", 0, "text", "ORD-12001"),
                        Map.of("index", 1, "text", "talk-ORD-12001")))),
            "invoice-d-" + waId);
    assertThat(sent.status()).as(String.valueOf(sent.body())).isEqualTo(200);
    assertThat(META.sentTo(waId)).hasSize(1);
    JsonNode template = META.sentTo(waId).get(0).body().path("template");
    assertThat(template.path("components"))
        .isEqualTo(
            JSON.readTree(
                """
                [{"type":"header","parameters":[{"type":"document","document":{
                   "link":"https://shop.example/invoices/ORD-12001.pdf","filename":"ORD-12001.pdf"}}]},
                 {"type":"body","parameters":[
                   {"type":"text","parameter_name":"first_name","text":"Mariam"},
                   {"type":"text","parameter_name":"order_number","text":"ORD-12001"}]},
                 {"type":"button","sub_type":"url","index":"0","parameters":[
                   {"type":"text","text":"ORD-12001"}]},
                 {"type":"button","sub_type":"quick_reply","index":"1","parameters":[
                   {"type":"payload","payload":"talk-ORD-12001"}]}]"""));
  }

  @Test
  void aNotificationTypeMapsFieldsToNamedHeaderAndButtonParameters() throws Exception {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> call("GET", "/api/templates", null, null).body().path("checked").asBoolean());
    String waId = "2018" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    Map<String, Object> fields = new java.util.HashMap<>();
    fields.put("firstName", "Mariam");
    fields.put("orderNumber", "ORD-12001");
    fields.put("invoiceFile", "ORD-12001.pdf");
    Map<String, Object> event = new java.util.HashMap<>();
    event.put("eventId", "invoice-" + waId);
    event.put("type", "invoice_ready");
    event.put("phoneNumberId", Webhooks.PHONE_NUMBER_ID);
    event.put("waId", waId);
    event.put("language", "en");
    event.put("fields", fields);

    Answer missing = call("POST", "/api/notifications", event, null);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body().path("detail").asText())
        .isEqualTo(
            "fields: invoiceUrl required for template invoice_ready (it takes firstName,"
                + " orderNumber, invoiceUrl, invoiceFile)");
    fields.put("invoiceUrl", "ftp://shop.example/ORD-12001.pdf");
    event.put("eventId", "invoice-ftp-" + waId);
    Answer ftp = call("POST", "/api/notifications", event, null);
    assertThat(ftp.status()).isEqualTo(400);
    assertThat(ftp.body().path("detail").asText())
        .isEqualTo("fields: template header document link must be an http(s) URL");

    fields.put("invoiceUrl", "https://shop.example/invoices/ORD-12001.pdf");
    event.put("eventId", "invoice-ok-" + waId);
    Answer sent = call("POST", "/api/notifications", event, null);
    assertThat(sent.status()).as(String.valueOf(sent.body())).isEqualTo(200);
    assertThat(META.sentTo(waId)).hasSize(1);
    assertThat(META.sentTo(waId).get(0).body().path("template").path("components"))
        .isEqualTo(
            JSON.readTree(
                """
                [{"type":"header","parameters":[{"type":"document","document":{
                   "link":"https://shop.example/invoices/ORD-12001.pdf","filename":"ORD-12001.pdf"}}]},
                 {"type":"body","parameters":[
                   {"type":"text","parameter_name":"first_name","text":"Mariam"},
                   {"type":"text","parameter_name":"order_number","text":"ORD-12001"}]},
                 {"type":"button","sub_type":"url","index":"0","parameters":[
                   {"type":"text","text":"ORD-12001"}]}]"""));
  }

  @Test
  void aNotificationWhatsAppRefusesIsFailedAndSentWhenTheSameEventComesAgain() throws Exception {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> call("GET", "/api/templates", null, null).body().path("checked").asBoolean());
    String waId = "2016" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    META.failNextSends(waId, 1, WhatsAppMock.rejected());
    Map<String, Object> event =
        Map.of(
            "eventId",
            "retry-" + waId,
            "type",
            "order_shipped",
            "phoneNumberId",
            Webhooks.PHONE_NUMBER_ID,
            "waId",
            waId,
            "fields",
            Map.of("orderNumber", "ORD-7", "trackingUrl", "https://t.example/7"));

    Answer refused = call("POST", "/api/notifications", event, null);
    assertThat(refused.status()).isEqualTo(502);
    assertThat(refused.body().path("type").asText()).endsWith("whatsapp-error");
    assertThat(refused.body().path("detail").asText()).contains("131026").doesNotContain(waId);
    assertThat(META.sentTo(waId)).isEmpty();

    Answer again = call("POST", "/api/notifications", event, null);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("status").asText()).isEqualTo("SENT");
    assertThat(again.body().path("language").asText()).isEqualTo("ar");
    assertThat(META.sentTo(waId)).hasSize(1);
    Answer third = call("POST", "/api/notifications", event, null);
    assertThat(third.body().path("duplicate").asBoolean()).isTrue();
    assertThat(third.body().path("wamid").asText()).isEqualTo(again.body().path("wamid").asText());
    assertThat(META.sentTo(waId)).hasSize(1);
  }
}
