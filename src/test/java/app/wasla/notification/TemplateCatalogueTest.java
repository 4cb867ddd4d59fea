package app.wasla.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.wasla.channel.whatsapp.OutboundMessage.Template;
import app.wasla.channel.whatsapp.WhatsAppProperties;
import app.wasla.conversation.TemplateCategory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The template list read from a Cloud API played by MockWebServer: paging, a failed refresh. */
class TemplateCatalogueTest {

  private static final String TOKEN = "EAAG-secret-token-0123456789";

  private MockWebServer meta;
  private TemplateCatalogue catalogue;

  @BeforeEach
  void start() throws Exception {
    meta = new MockWebServer();
    meta.start();
    WhatsAppProperties whatsapp =
        new WhatsAppProperties(
            WhatsAppProperties.Mode.CLOUD,
            meta.url("/v23.0").toString(),
            TOKEN,
            "app-secret-0123456789",
            "verify-token-0123456789",
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            1,
            Duration.ofMillis(10),
            true,
            null,
            "ar",
            "100000000000001",
            "MARKETING",
            80,
            java.util.List.of());
    catalogue =
        new TemplateCatalogue(
            new TemplateProperties("1029384756", Duration.ofHours(1), 2, 10),
            whatsapp,
            new ObjectMapper());
  }

  @AfterEach
  void stop() throws Exception {
    meta.shutdown();
  }

  /** A send of {@code parameters} positional body parameters and nothing else. */
  private java.util.Optional<WhatsAppTemplate> check(String name, String language, int parameters) {
    return catalogue
        .check(new Template(name, language, java.util.Collections.nCopies(parameters, "x")))
        .known();
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }

  @Test
  void everyPageIsReadWithTheCursorAndAFailedRefreshKeepsTheLastList() throws Exception {
    assertThat(catalogue.checking()).isFalse();
    meta.enqueue(
        json(
            """
            {"data":[
              {"name":"order_shipped","language":"en","status":"APPROVED","category":"UTILITY",
               "parameter_format":"POSITIONAL","id":"1",
               "components":[{"type":"HEADER","format":"TEXT","text":"Shipped"},
                 {"type":"BODY","text":"Order {{1}} is on its way: {{2}}. Order {{1}} again."},
                 {"type":"BUTTONS","buttons":[{"type":"URL","text":"Track","url":"https://t.example/{{1}}"}]}]},
              {"name":"order_shipped","language":"ar","status":"APPROVED","category":"UTILITY","id":"2",
               "components":[{"type":"BODY","text":"طلبك {{1}} في الطريق: {{2}}"}]}],
             "paging":{"cursors":{"before":"B1","after":"CURSOR-1"},
               "next":"https://elsewhere.example/v23.0/1029384756/message_templates?after=CURSOR-1"}}"""));
    meta.enqueue(
        json(
            """
            {"data":[
              {"name":"welcome_back","language":"en","status":"APPROVED","category":"MARKETING",
               "parameter_format":"NAMED","id":"3",
               "components":[{"type":"BODY","text":"Hi {{first_name}}, {{offer}} is waiting"},
                 {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Stop promotions"}]}]},
              {"name":"old_promo","language":"en","status":"PAUSED","category":"MARKETING","id":"4",
               "components":[{"type":"BODY","text":"Sale!"}]}],
             "paging":{"cursors":{"before":"B2","after":"CURSOR-2"}}}"""));

    assertThat(catalogue.refresh()).isTrue();

    RecordedRequest first = meta.takeRequest(5, TimeUnit.SECONDS);
    assertThat(first.getMethod()).isEqualTo("GET");
    assertThat(first.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(first.getRequestUrl().encodedPath())
        .isEqualTo("/v23.0/1029384756/message_templates");
    assertThat(first.getRequestUrl().queryParameter("limit")).isEqualTo("2");
    assertThat(first.getRequestUrl().queryParameter("fields")).contains("components");
    assertThat(first.getRequestUrl().queryParameter("after")).isNull();
    RecordedRequest second = meta.takeRequest(5, TimeUnit.SECONDS);
    // the next page from the configured base URL, never from the answer's "next" link
    assertThat(second.getRequestUrl().encodedPath())
        .isEqualTo("/v23.0/1029384756/message_templates");
    assertThat(second.getRequestUrl().queryParameter("after")).isEqualTo("CURSOR-1");
    assertThat(meta.getRequestCount()).isEqualTo(2);

    List<WhatsAppTemplate> all = catalogue.all();
    assertThat(all)
        .extracting(WhatsAppTemplate::label)
        .containsExactly("old_promo/en", "order_shipped/ar", "order_shipped/en", "welcome_back/en");
    WhatsAppTemplate shipped = catalogue.find("order_shipped", "en").orElseThrow();
    assertThat(shipped.category()).isEqualTo(TemplateCategory.UTILITY);
    assertThat(shipped.parameterCount()).isEqualTo(2);
    assertThat(shipped.parameterNames()).isEmpty();
    assertThat(shipped.buttons())
        .containsExactly(
            new WhatsAppTemplate.Button(0, "URL", "Track", "url", true, "https://t.example/{{1}}"));
    assertThat(shipped.header())
        .isEqualTo(new WhatsAppTemplate.Header("TEXT", false, null, "Shipped"));
    assertThat(shipped.body()).isEqualTo("Order {{1}} is on its way: {{2}}. Order {{1}} again.");
    WhatsAppTemplate named = catalogue.find("welcome_back", "en").orElseThrow();
    assertThat(named.parameterNames()).containsExactly("first_name", "offer");
    assertThat(named.category()).isEqualTo(TemplateCategory.MARKETING);

    assertThat(check("order_shipped", "ar", 2)).isPresent();
    assertThatThrownBy(() -> check("order_shipped", "en", 2))
        .hasMessageContaining(
            "needs a parameter for button 0 (URL \"Track\"): the end of its link");
    assertThatThrownBy(() -> check("order_shipped", "ar", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("order_shipped/ar needs 2 body parameters, got 1");
    assertThatThrownBy(() -> check("order_shipped", "fr", 2))
        .hasMessageContaining("has no language fr; it exists in ar, en");
    assertThatThrownBy(() -> check("spring_sale", "en", 0))
        .hasMessageContaining("unknown template spring_sale")
        .hasMessageContaining("old_promo, order_shipped, welcome_back");
    assertThatThrownBy(() -> check("old_promo", "en", 0)).hasMessageContaining("PAUSED");
    assertThatThrownBy(() -> check("welcome_back", "en", 1))
        .hasMessageContaining("first_name, offer");

    // Meta fails: the last list stays, the failure is kept without the token
    meta.enqueue(
        new MockResponse()
            .setResponseCode(500)
            .setBody(
                "{\"error\":{\"message\":\"Invalid OAuth access token "
                    + TOKEN
                    + "\",\"code\":190}}"));
    assertThat(catalogue.refresh()).isFalse();
    assertThat(catalogue.all()).hasSize(4);
    assertThat(catalogue.lastFailure())
        .get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("HTTP 500")
        .doesNotContain(TOKEN);

    // and the next good read replaces it
    meta.enqueue(
        json(
            """
            {"data":[{"name":"order_placed","language":"ar","status":"APPROVED","category":"UTILITY",
              "components":[{"type":"BODY","text":"طلب {{1}}"}]}],"paging":{"cursors":{}}}"""));
    assertThat(catalogue.refresh()).isTrue();
    assertThat(catalogue.all())
        .extracting(WhatsAppTemplate::label)
        .containsExactly("order_placed/ar");
    assertThat(catalogue.lastFailure()).isEmpty();
  }

  private static final String SHOP_TEMPLATES =
      """
      {"data":[
        {"name":"order_shipped","language":"en","status":"APPROVED","category":"UTILITY",
         "parameter_format":"NAMED",
         "components":[
           {"type":"HEADER","format":"TEXT","text":"Order {{order_number}} shipped",
            "example":{"header_text_named_params":[{"param_name":"order_number","example":"ORD-1"}]}},
           {"type":"BODY","text":"Hi {{first_name}}, order {{order_number}} is on its way.",
            "example":{"body_text_named_params":[{"param_name":"first_name","example":"Mariam"},
              {"param_name":"order_number","example":"ORD-1"}]}},
           {"type":"FOOTER","text":"Nile Store"},
           {"type":"BUTTONS","buttons":[
             {"type":"URL","text":"Track your order","url":"https://track.example/{{1}}",
              "example":["https://track.example/ORD-1"]},
             {"type":"PHONE_NUMBER","text":"Call us","phone_number":"+201000000000"},
             {"type":"QUICK_REPLY","text":"Stop updates"}]}]},
        {"name":"new_collection","language":"ar","status":"APPROVED","category":"MARKETING",
         "components":[
           {"type":"HEADER","format":"IMAGE","example":{"header_handle":["4::aW..."]}},
           {"type":"BODY","text":"وصل جديد {{1}}","example":{"body_text":[["الصيف"]]}},
           {"type":"BUTTONS","buttons":[
             {"type":"URL","text":"Shop","url":"https://shop.example/new"},
             {"type":"COPY_CODE","example":"SUMMER25"}]}]},
        {"name":"invoice_ready","language":"en","status":"APPROVED","category":"UTILITY",
         "components":[{"type":"HEADER","format":"DOCUMENT"},{"type":"BODY","text":"Your invoice"}]},
        {"name":"login_code","language":"en","status":"APPROVED","category":"AUTHENTICATION",
         "components":[{"type":"BODY","text":"{{1}} is your code."},
           {"type":"BUTTONS","buttons":[{"type":"OTP","otp_type":"COPY_CODE","text":"Copy code"}]}]},
        {"name":"pickup_point","language":"en","status":"APPROVED","category":"UTILITY",
         "components":[{"type":"HEADER","format":"LOCATION"},{"type":"BODY","text":"Pick it up here"}]}],
       "paging":{"cursors":{}}}""";

  private static Template send(
      String name,
      String language,
      List<String> body,
      Map<String, String> named,
      Template.Header header,
      Template.Button... buttons) {
    return new Template(name, language, body, named, header, List.of(buttons));
  }

  @Test
  void headersButtonsAndNamedParametersAreReadFromMetasTemplates() {
    meta.enqueue(json(SHOP_TEMPLATES));
    assertThat(catalogue.refresh()).isTrue();

    WhatsAppTemplate shipped = catalogue.find("order_shipped", "en").orElseThrow();
    assertThat(shipped.parameterNames()).containsExactly("first_name", "order_number");
    assertThat(shipped.header())
        .isEqualTo(
            new WhatsAppTemplate.Header(
                "TEXT", true, "order_number", "Order {{order_number}} shipped"));
    assertThat(shipped.footer()).isEqualTo("Nile Store");
    assertThat(shipped.buttons())
        .containsExactly(
            new WhatsAppTemplate.Button(
                0, "URL", "Track your order", "url", true, "https://track.example/{{1}}"),
            new WhatsAppTemplate.Button(
                1, "PHONE_NUMBER", "Call us", null, false, "tel:+201000000000"),
            new WhatsAppTemplate.Button(2, "QUICK_REPLY", "Stop updates", "quick_reply", false));
    WhatsAppTemplate collection = catalogue.find("new_collection", "ar").orElseThrow();
    assertThat(collection.parameterCount()).isEqualTo(1);
    assertThat(collection.parameterNames()).isEmpty();
    assertThat(collection.header()).isEqualTo(new WhatsAppTemplate.Header("IMAGE", true, null));
    assertThat(collection.buttons())
        .containsExactly(
            new WhatsAppTemplate.Button(0, "URL", "Shop", null, false, "https://shop.example/new"),
            new WhatsAppTemplate.Button(1, "COPY_CODE", "", "copy_code", true));
    assertThat(catalogue.find("invoice_ready", "en").orElseThrow().header())
        .isEqualTo(new WhatsAppTemplate.Header("DOCUMENT", true, null));
    assertThat(catalogue.find("login_code", "en").orElseThrow().buttons())
        .containsExactly(new WhatsAppTemplate.Button(0, "OTP", "Copy code", "url", true));
    assertThat(catalogue.find("pickup_point", "en").orElseThrow().header())
        .isEqualTo(new WhatsAppTemplate.Header("LOCATION", true, null));
  }

  @Test
  void aSendThatGivesWhatTheTemplateTakesIsCompletedFromTheList() {
    meta.enqueue(json(SHOP_TEMPLATES));
    assertThat(catalogue.refresh()).isTrue();

    Map<String, String> named = new LinkedHashMap<>();
    named.put("first_name", "Mariam");
    named.put("order_number", "ORD-12001");
    TemplateCatalogue.Checked checked =
        catalogue.check(
            send(
                "order_shipped",
                "en",
                List.of(),
                named,
                Template.Header.text("ORD-12001"),
                new Template.Button(0, null, "ORD-12001"),
                new Template.Button(2, null, "stop-updates")));
    assertThat(checked.known()).isPresent();
    // the header's parameter name and the buttons' types come from the list
    assertThat(checked.message().header())
        .isEqualTo(Template.Header.text("order_number", "ORD-12001"));
    assertThat(checked.message().buttons())
        .containsExactly(
            new Template.Button(0, "url", "ORD-12001"),
            new Template.Button(2, "quick_reply", "stop-updates"));

    // the quick reply's payload is optional
    assertThat(
            catalogue
                .check(
                    send(
                        "order_shipped",
                        "en",
                        List.of(),
                        named,
                        Template.Header.text("ORD-12001"),
                        new Template.Button(0, "url", "ORD-12001")))
                .message()
                .buttons())
        .hasSize(1);
    assertThat(
            catalogue
                .check(
                    send(
                        "new_collection",
                        "ar",
                        List.of("الصيف"),
                        null,
                        Template.Header.mediaId("image", "998877"),
                        new Template.Button(1, null, "SUMMER25")))
                .message()
                .buttons())
        .containsExactly(new Template.Button(1, "copy_code", "SUMMER25"));
    assertThat(
            catalogue.check(
                send(
                    "login_code",
                    "en",
                    List.of("123456"),
                    null,
                    null,
                    new Template.Button(0, null, "123456"))))
        .isNotNull();
    assertThat(
            catalogue.check(
                send(
                    "pickup_point",
                    "en",
                    List.of(),
                    null,
                    Template.Header.location(30.05, 31.33, "Nile Store", null))))
        .isNotNull();
  }

  @Test
  void eachMissingOrExtraParameterIsRefusedSayingWhatToChange() {
    meta.enqueue(json(SHOP_TEMPLATES));
    assertThat(catalogue.refresh()).isTrue();
    Map<String, String> named = Map.of("first_name", "Mariam", "order_number", "ORD-1");
    Template.Header orderHeader = Template.Header.text("ORD-1");
    Template.Button track = new Template.Button(0, null, "ORD-1");

    // named body parameters
    assertThatThrownBy(
            () ->
                catalogue.check(
                    send(
                        "order_shipped",
                        "en",
                        List.of("Mariam", "ORD-1"),
                        null,
                        orderHeader,
                        track)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "template order_shipped/en takes named body parameters (first_name, order_number):"
                + " give them by name, not 2 by position");
    assertThatThrownBy(
            () ->
                catalogue.check(
                    send(
                        "order_shipped",
                        "en",
                        List.of(),
                        Map.of("first_name", "Mariam", "coupon", "X"),
                        orderHeader,
                        track)))
        .hasMessageContaining("needs the named body parameter order_number")
        .hasMessageContaining(
            "has no body parameter named coupon (it has first_name, order_number)");
    assertThatThrownBy(
            () ->
                catalogue.check(
                    send(
                        "new_collection",
                        "ar",
                        List.of(),
                        Map.of("season", "x"),
                        Template.Header.mediaId("image", "1"),
                        new Template.Button(1, null, "C"))))
        .hasMessageContaining("takes positional body parameters, not named ones: give 1 parameter");

    // header
    assertThatThrownBy(
            () -> catalogue.check(send("order_shipped", "en", List.of(), named, null, track)))
        .hasMessageContaining(
            "template order_shipped/en needs a header parameter: a text (order_number)");
    assertThatThrownBy(
            () ->
                catalogue.check(
                    send(
                        "new_collection",
                        "ar",
                        List.of("x"),
                        null,
                        null,
                        new Template.Button(1, null, "C"))))
        .hasMessageContaining("needs a header parameter: an image (an http(s) link or a media id)");
    assertThatThrownBy(
            () ->
                catalogue.check(
                    send(
                        "invoice_ready",
                        "en",
                        List.of(),
                        null,
                        Template.Header.media("image", "https://x.example/a.jpg"))))
        .hasMessageContaining("has a DOCUMENT header: its parameter is a document")
        .hasMessageContaining("got image");
    assertThatThrownBy(
            () ->
                catalogue.check(
                    send(
                        "login_code",
                        "en",
                        List.of("1"),
                        null,
                        Template.Header.text("x"),
                        new Template.Button(0, null, "1"))))
        .hasMessageContaining(
            "template login_code/en has no header: leave the header parameter out");
    assertThatThrownBy(
            () ->
                catalogue.check(
                    send(
                        "order_shipped",
                        "en",
                        List.of(),
                        named,
                        Template.Header.text("coupon", "ORD-1"),
                        track)))
        .hasMessageContaining("has the header parameter order_number, not coupon");

    // buttons
    assertThatThrownBy(
            () -> catalogue.check(send("order_shipped", "en", List.of(), named, orderHeader)))
        .hasMessageContaining(
            "needs a parameter for button 0 (URL \"Track your order\"): the end of its link");
    assertThatThrownBy(
            () ->
                catalogue.check(
                    send(
                        "order_shipped",
                        "en",
                        List.of(),
                        named,
                        orderHeader,
                        track,
                        new Template.Button(1, null, "x"))))
        .hasMessageContaining(
            "button 1 (PHONE_NUMBER \"Call us\") takes no parameter: leave it out");
    assertThatThrownBy(
            () ->
                catalogue.check(
                    send(
                        "order_shipped",
                        "en",
                        List.of(),
                        named,
                        orderHeader,
                        track,
                        new Template.Button(5, null, "x"))))
        .hasMessageContaining("has no button at index 5 (its buttons are button 0 (URL");
    assertThatThrownBy(
            () ->
                catalogue.check(
                    send(
                        "order_shipped",
                        "en",
                        List.of(),
                        named,
                        orderHeader,
                        new Template.Button(0, "copy_code", "X"))))
        .hasMessageContaining(
            "button 0 (URL \"Track your order\") takes a url parameter, got copy_code");
    assertThatThrownBy(
            () ->
                catalogue.check(
                    send(
                        "new_collection",
                        "ar",
                        List.of("x"),
                        null,
                        Template.Header.mediaId("image", "1"))))
        .hasMessageContaining("needs a parameter for button 1 (COPY_CODE): the coupon code");
    assertThatThrownBy(
            () ->
                catalogue.check(
                    send(
                        "invoice_ready",
                        "en",
                        List.of(),
                        null,
                        Template.Header.media("document", "https://x.example/i.pdf"),
                        new Template.Button(0, "url", "x"))))
        .hasMessageContaining("has no button at index 0 (it has no buttons)");
  }

  @Test
  void withoutAListAButtonParameterNeedsItsType() {
    assertThat(catalogue.checking()).isFalse();
    Template untyped =
        send("order_shipped", "en", List.of("1"), null, null, new Template.Button(0, null, "1"));
    assertThatThrownBy(() -> catalogue.check(untyped))
        .hasMessageContaining("button 0 needs its type (url, quick_reply or copy_code)");
    Template typed =
        send("order_shipped", "en", List.of("1"), null, null, new Template.Button(0, "url", "1"));
    assertThat(catalogue.check(typed).message()).isEqualTo(typed);
    assertThat(catalogue.check(typed).known()).isEmpty();
  }

  @Test
  void aListWithMorePagesThanAllowedDoesNotReplaceTheKnownOne() {
    for (int i = 0; i < 11; i++) {
      meta.enqueue(
          json(
              "{\"data\":[{\"name\":\"t"
                  + i
                  + "\",\"language\":\"en\",\"status\":\"APPROVED\",\"category\":\"UTILITY\"}],"
                  + "\"paging\":{\"cursors\":{\"after\":\"C"
                  + i
                  + "\"},\"next\":\"x\"}}"));
    }
    assertThat(catalogue.refresh()).isFalse();
    assertThat(catalogue.checking()).isFalse();
    assertThat(catalogue.lastFailure()).get().asString().contains("max-pages");
  }
}
