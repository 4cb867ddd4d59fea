package app.wasla.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.wasla.channel.whatsapp.WhatsAppProperties;
import app.wasla.conversation.TemplateCategory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
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
            80);
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
    assertThat(shipped.buttons()).containsExactly("URL: Track");
    WhatsAppTemplate named = catalogue.find("welcome_back", "en").orElseThrow();
    assertThat(named.parameterNames()).containsExactly("first_name", "offer");
    assertThat(named.category()).isEqualTo(TemplateCategory.MARKETING);

    assertThat(catalogue.check("order_shipped", "ar", 2)).isPresent();
    assertThatThrownBy(() -> catalogue.check("order_shipped", "ar", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("order_shipped/ar needs 2 body parameters, got 1");
    assertThatThrownBy(() -> catalogue.check("order_shipped", "fr", 2))
        .hasMessageContaining("has no language fr; it exists in ar, en");
    assertThatThrownBy(() -> catalogue.check("spring_sale", "en", 0))
        .hasMessageContaining("unknown template spring_sale")
        .hasMessageContaining("old_promo, order_shipped, welcome_back");
    assertThatThrownBy(() -> catalogue.check("old_promo", "en", 0)).hasMessageContaining("PAUSED");
    assertThatThrownBy(() -> catalogue.check("welcome_back", "en", 1))
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
