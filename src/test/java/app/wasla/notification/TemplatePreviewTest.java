package app.wasla.notification;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.channel.whatsapp.OutboundMessage.Template;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a customer's phone shows of a template send, from Meta's template and the send. */
class TemplatePreviewTest {

  private static WhatsAppTemplate read(String json) throws Exception {
    return CloudTemplateSource.template(new ObjectMapper().readTree(json));
  }

  @Test
  void namedParametersHeaderFooterAndButtonsAreFilledIn() throws Exception {
    WhatsAppTemplate template =
        read(
            """
            {"name":"order_shipped","language":"en","status":"APPROVED","category":"UTILITY",
             "parameter_format":"NAMED",
             "components":[
               {"type":"HEADER","format":"TEXT","text":"Order {{order_number}} shipped"},
               {"type":"BODY","text":"Hi {{first_name}}, order {{order_number}} is on its way."},
               {"type":"FOOTER","text":"Nile Store"},
               {"type":"BUTTONS","buttons":[
                 {"type":"URL","text":"Track your order","url":"https://track.example/{{1}}"},
                 {"type":"PHONE_NUMBER","text":"Call us","phone_number":"+201000000000"},
                 {"type":"QUICK_REPLY","text":"Stop updates"}]}]}""");
    Map<String, String> named = new LinkedHashMap<>();
    named.put("first_name", "Mariam");
    named.put("order_number", "ORD-12001");
    Template send =
        new Template(
            "order_shipped",
            "en",
            List.of(),
            named,
            Template.Header.text("order_number", "ORD-12001"),
            List.of(
                new Template.Button(0, "url", "ORD-12001"),
                new Template.Button(2, "quick_reply", "stop-ORD-12001")));

    TemplatePreview preview = TemplatePreview.of(template, send);

    assertThat(preview.known()).isTrue();
    assertThat(preview.header().text()).isEqualTo("Order ORD-12001 shipped");
    assertThat(preview.body()).isEqualTo("Hi Mariam, order ORD-12001 is on its way.");
    assertThat(preview.footer()).isEqualTo("Nile Store");
    assertThat(preview.buttons())
        .containsExactly(
            new TemplatePreview.Button(
                0, "url", "Track your order", null, "https://track.example/ORD-12001", null),
            new TemplatePreview.Button(1, "phone", "Call us", null, "tel:+201000000000", null),
            new TemplatePreview.Button(
                2, "quick_reply", "Stop updates", "stop-ORD-12001", null, null));
    // the transcript's line: what the customer read, header to buttons
    assertThat(preview.asRead())
        .isEqualTo(
            "Order ORD-12001 shipped\nHi Mariam, order ORD-12001 is on its way.\nNile Store\n"
                + "[Track your order] [Call us] [Stop updates]");
  }

  @Test
  void numberedParametersAndAMediaHeaderAndAQuickReplyWithoutPayload() throws Exception {
    WhatsAppTemplate template =
        read(
            """
            {"name":"new_collection","language":"ar","status":"APPROVED","category":"MARKETING",
             "components":[
               {"type":"HEADER","format":"IMAGE"},
               {"type":"BODY","text":"وصل جديد {{1}} بخصم {{2}}، و{{1}} كمان"},
               {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"وريني"},
                 {"type":"COPY_CODE","example":"SUMMER25"}]}]}""");
    Template send =
        new Template(
            "new_collection",
            "ar",
            List.of("الصيف", "20%"),
            null,
            Template.Header.media("image", "https://cdn.example/summer.jpg"),
            List.of(new Template.Button(1, "copy_code", "SUMMER25")));

    TemplatePreview preview = TemplatePreview.of(template, send);

    assertThat(preview.body()).isEqualTo("وصل جديد الصيف بخصم 20%، والصيف كمان");
    assertThat(preview.header().type()).isEqualTo("image");
    assertThat(preview.header().link()).isEqualTo("https://cdn.example/summer.jpg");
    // without a payload WhatsApp sends back the button's label
    assertThat(preview.buttons().get(0).payload()).isEqualTo("وريني");
    assertThat(preview.buttons().get(1).code()).isEqualTo("SUMMER25");
  }

  @Test
  void anUnknownTemplateStaysReadable() {
    Template send =
        new Template(
            "spring_sale",
            "en",
            List.of("Mariam", "25%"),
            null,
            null,
            List.of(new Template.Button(0, "quick_reply", "Show me")));

    TemplatePreview preview = TemplatePreview.of(null, send);

    assertThat(preview.known()).isFalse();
    assertThat(preview.body()).isEqualTo("Template spring_sale (en): Mariam, 25%");
    assertThat(preview.buttons())
        .containsExactly(
            new TemplatePreview.Button(0, "quick_reply", "Show me", "Show me", null, null));
  }
}
