package app.wasla.commerce.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.api.ApiKeys;
import app.wasla.security.Scope;
import app.wasla.support.WaslaNode;
import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole node in cloud mode against MockWebServer as Meta: a price question gets the product's
 * photo before the offer (Wasla's public base URL is not https, so the demo store's PNG is uploaded
 * and sent by its media id); after checkout and the payment, the confirmation is followed by the
 * invoice PDF, uploaded and sent as a document; the invoice is served to an API key with
 * orders:read and by its signed link, to nobody else.
 */
class PhotoAndInvoiceCloudTest {

  static Stream<Arguments> databases() {
    return WaslaNode.databases("photo-invoice");
  }

  private final OkHttpClient http = new OkHttpClient();

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anOfferShowsThePhotoAndAPaidOrderGetsItsInvoice(String name, Map<String, String> database)
      throws Exception {
    WhatsAppMock meta = new WhatsAppMock();
    Map<String, String> props = new HashMap<>(database);
    props.put("wasla.outbox.sweep-interval", "200ms");
    try (ConfigurableApplicationContext node = WaslaNode.start(meta, props)) {
      int port = WaslaNode.port(node);
      Webhooks webhooks = new Webhooks(port);
      ApiKeys keys = node.getBean(ApiKeys.class);
      String reader = keys.create("accounts", Set.of(Scope.ORDERS_READ), "test").key();
      String other = keys.create("inbox", Set.of(Scope.CONVERSATIONS_READ), "test").key();
      String waId = "2011" + (10_000_000 + System.nanoTime() % 89_999_999);
      Customer customer = new Customer(meta, webhooks, waId);

      // the photo, uploaded, then the offer with its buttons
      customer.says("how much is the JBL Flip 6?", json -> json.contains("JBL Flip 6 costs"));
      List<WhatsAppMock.Sent> offer = meta.sentTo(waId);
      int photo = indexOf(offer, "image");
      int buttons = indexOf(offer, "interactive");
      assertThat(photo).isNotNegative().isLessThan(buttons);
      WhatsAppMock.Upload png = meta.uploads().get(0);
      assertThat(png.multipart()).contains("image/png").contains("filename=\"jblf6.png\"");
      assertThat(offer.get(photo).body().path("image").path("id").asText())
          .isEqualTo(png.mediaId());
      assertThat(offer.get(photo).body().path("image").path("caption").asText())
          .isEqualTo("JBL Flip 6");
      assertThat(offer.get(photo).body().path("image").has("link")).isFalse();

      // checkout, online payment
      customer.taps("sales_order:JBLF6", "Order now", json -> json.contains("checkout_qty:1"));
      customer.taps("checkout_qty:1", "1", json -> json.contains("checkout_delivery"));
      customer.taps("checkout_delivery", "Delivery", json -> true);
      customer.says(
          "24 Abbas El Akkad St, Nasr City, Cairo", json -> json.contains("checkout_confirm"));
      customer.taps("checkout_confirm", "Confirm", json -> json.contains("pay_online"));
      String link =
          customer.taps("pay_online", "Pay online", json -> json.contains("/pay/sandbox/"));
      String paymentId = link.replaceAll("(?s).*/pay/sandbox/([A-Z0-9-]+).*", "$1");
      String orderId = link.replaceAll("(?s).*(ORD-\\d+).*", "$1");
      int before = meta.sentTo(waId).size();
      try (Response paid =
          http.newCall(
                  new Request.Builder()
                      .url("http://127.0.0.1:" + port + "/pay/sandbox/" + paymentId)
                      .post(new FormBody.Builder().add("outcome", "pay").build())
                      .build())
              .execute()) {
        assertThat(paid.code()).isEqualTo(200);
      }

      // the confirmation, then the invoice: uploaded as a PDF and sent as a document by its id
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> meta.sentTo(waId).stream().anyMatch(s -> "document".equals(s.type())));
      List<WhatsAppMock.Sent> after = meta.sentTo(waId).subList(before, meta.sentTo(waId).size());
      assertThat(after.get(0).body().toString()).contains("Payment received").contains(orderId);
      WhatsAppMock.Sent document = after.get(indexOf(after, "document"));
      assertThat(indexOf(after, "document")).isGreaterThan(0);
      WhatsAppMock.Upload pdf = meta.uploads().get(meta.uploads().size() - 1);
      assertThat(pdf.multipart()).contains("application/pdf").contains("%PDF-");
      assertThat(document.body().path("document").path("id").asText()).isEqualTo(pdf.mediaId());
      assertThat(document.body().path("document").path("filename").asText())
          .isEqualTo("invoice-" + orderId + ".pdf");
      assertThat(document.body().path("document").path("caption").asText())
          .isEqualTo("Invoice for order " + orderId);

      // the API: orders:read gets the PDF, in the customer's language
      String path = "/api/orders/" + orderId + "/invoice";
      try (Response r = get(port, path, reader)) {
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(text(r.body().bytes()))
            .contains("Invoice")
            .contains(orderId)
            .contains("JBL Flip 6")
            .contains("5,999 EGP")
            .contains("Delivery fee")
            .contains("Free")
            .contains("Total")
            .contains("Paid online by card");
      }
      try (Response r = get(port, path, null)) {
        assertThat(r.code()).isEqualTo(401);
      }
      try (Response r = get(port, path, other)) {
        assertThat(r.code()).isEqualTo(403);
      }
      try (Response r = get(port, "/api/orders/ORD-1/invoice", reader)) {
        assertThat(r.code()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
      }

      // the signed link opens it; the same link with another key, or another order's, does not
      String signed = node.getBean(Invoices.class).link(orderId).replaceAll("^https?://[^/]+", "");
      try (Response r = get(port, signed, null)) {
        assertThat(r.code()).isEqualTo(200);
        assertThat(text(r.body().bytes())).contains(orderId);
      }
      try (Response r = get(port, signed.replaceAll("key=.*", "key=AAAA"), null)) {
        assertThat(r.code()).isEqualTo(404);
      }
      try (Response r = get(port, "/store/invoices/" + orderId + ".pdf", null)) {
        assertThat(r.code()).isEqualTo(404);
      }
    }
  }

  private static int indexOf(List<WhatsAppMock.Sent> sent, String type) {
    for (int i = 0; i < sent.size(); i++) {
      if (type.equals(sent.get(i).type())) {
        return i;
      }
    }
    return -1;
  }

  private Response get(int port, String path, String key) throws java.io.IOException {
    Request.Builder b = new Request.Builder().url("http://127.0.0.1:" + port + path);
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return http.newCall(b.build()).execute();
  }

  private static String text(byte[] pdf) throws java.io.IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
  }

  /** The customer's side: a message or a tap, then what Meta got until the awaited message. */
  private record Customer(WhatsAppMock meta, Webhooks webhooks, String waId) {
    private static int turn;

    String says(String text, Predicate<String> awaited) throws Exception {
      return answer(
          Webhooks.text(waId, "wamid.pi." + (++turn) + "." + waId, text, Instant.now()), awaited);
    }

    String taps(String id, String title, Predicate<String> awaited) throws Exception {
      return answer(
          Webhooks.buttonReply(waId, "wamid.pi." + (++turn) + "." + waId, id, title, Instant.now()),
          awaited);
    }

    private String answer(byte[] payload, Predicate<String> awaited) throws Exception {
      int before = meta.sentTo(waId).size();
      assertThat(webhooks.post(payload)).isEqualTo(200);
      String[] found = new String[1];
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                List<WhatsAppMock.Sent> sent = meta.sentTo(waId);
                for (WhatsAppMock.Sent s : sent.subList(before, sent.size())) {
                  if (awaited.test(s.body().toString())) {
                    found[0] = s.body().toString();
                    return true;
                  }
                }
                return false;
              });
      return found[0];
    }
  }
}
