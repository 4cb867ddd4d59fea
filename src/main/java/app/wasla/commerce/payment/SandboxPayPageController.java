package app.wasla.commerce.payment;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The sandbox gateway's pay page: {@code GET /pay/sandbox/{paymentId}} shows the amount with Pay
 * and Fail buttons; pressing one makes the callback the sandbox gateway signs and hands it to the
 * same verification and correlation path as {@code POST /webhooks/payments/sandbox} (in-process, so
 * no own URL is needed). In Arabic (right to left, "٧٢٬٩٩٩ ج.م") or English ("72,999 EGP"): {@code
 * ?lang=ar|en}, which the link sent on WhatsApp carries in the customer's language, else Arabic; a
 * link on the page switches.
 */
@RestController
@ConditionalOnProperty(
    name = "wasla.commerce.payment-provider",
    havingValue = "sandbox",
    matchIfMissing = true)
class SandboxPayPageController {

  private static final Locale ARABIC = Locale.forLanguageTag("ar-EG");

  private final Payments payments;
  private final SandboxGateway sandbox;

  SandboxPayPageController(Payments payments, SandboxGateway sandbox) {
    this.payments = payments;
    this.sandbox = sandbox;
  }

  @GetMapping(value = "/pay/sandbox/{paymentId}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> page(
      @PathVariable String paymentId, @RequestParam(required = false) String lang) {
    boolean en = "en".equals(lang);
    return payments
        .find(paymentId)
        .filter(p -> "sandbox".equals(p.provider()))
        .map(p -> html(ResponseEntity.ok(), page(p, en)))
        .orElse(html(ResponseEntity.status(404), notFound(en)));
  }

  @PostMapping(value = "/pay/sandbox/{paymentId}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> pay(
      @PathVariable String paymentId,
      @RequestParam String outcome,
      @RequestParam(required = false) String lang) {
    boolean en = "en".equals(lang);
    if (payments.find(paymentId).filter(p -> "sandbox".equals(p.provider())).isEmpty()) {
      return html(ResponseEntity.status(404), notFound(en));
    }
    SandboxGateway.Signed signed =
        sandbox.sign(UUID.randomUUID().toString(), paymentId, "pay".equals(outcome));
    Payments.Handling handling =
        payments.handle(
            "sandbox",
            new PaymentGateway.CallbackRequest(
                signed.body(), Map.of(SandboxGateway.HEADER, signed.signature()), Map.of()));
    String text =
        handling == Payments.Handling.CORRELATED
            ? ("pay".equals(outcome)
                ? (en
                    ? "Paid. You can go back to WhatsApp."
                    : "تم الدفع. تقدر ترجع لواتساب دلوقتي.")
                : (en ? "Payment failed. Back to WhatsApp." : "الدفع ما تمّش. ارجع لواتساب."))
            : (en
                ? "This payment is no longer open (" + handling + ")."
                : "الدفع ده مبقاش مفتوح (" + handling + ").");
    return html(
        ResponseEntity.ok(),
        shell(en, en ? "Sandbox payment" : "دفع تجريبي", "<h1>" + text + "</h1>"));
  }

  /** "72,999 EGP" in English, "٧٢٬٩٩٩ ج.م" in Arabic (Egyptian digits and separator). */
  static String money(BigDecimal amount, boolean en) {
    NumberFormat format = NumberFormat.getNumberInstance(en ? Locale.US : ARABIC);
    format.setMaximumFractionDigits(2);
    return en ? format.format(amount) + " EGP" : format.format(amount) + " ج.م";
  }

  private static ResponseEntity<String> html(ResponseEntity.BodyBuilder status, String body) {
    return status
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .body(body);
  }

  private static String notFound(boolean en) {
    return shell(
        en,
        en ? "No such payment" : "الدفع غير موجود",
        en
            ? "<h1>No such payment</h1>"
            : "<h1>مفيش دفع بالرقم ده</h1><p lang=en dir=ltr>No such payment</p>");
  }

  private static String shell(boolean en, String title, String content) {
    return "<!doctype html><html lang="
        + (en ? "en" : "ar dir=rtl")
        + "><meta charset=utf-8>"
        + "<meta name=viewport content='width=device-width'><title>"
        + HtmlUtils.htmlEscape(title)
        + "</title>"
        + "<body style='font-family:sans-serif;max-width:28em;margin:3em auto;padding:0 1em'>"
        + content
        + "</body></html>";
  }

  private static String page(Payments.Payment p, boolean en) {
    String id = HtmlUtils.htmlEscape(p.id());
    String self = "/pay/sandbox/" + id;
    String status =
        switch (p.status()) {
          case "OPEN" -> en ? "Open" : "مستني الدفع";
          case "PAID" -> en ? "Paid" : "اتدفع";
          case "FAILED" -> en ? "Failed" : "ما تمّش";
          case "EXPIRED" -> en ? "Expired" : "انتهى";
          default -> HtmlUtils.htmlEscape(p.status());
        };
    String body =
        "<p style='text-align:end'><a href='"
            + self
            + "?lang="
            + (en ? "ar" : "en")
            + "' lang="
            + (en ? "ar" : "en")
            + ">"
            + (en ? "عربي" : "English")
            + "</a></p>"
            + "<h1>"
            + (en ? "Sandbox payment" : "دفع تجريبي")
            + "</h1><p>"
            + (en ? "Order " : "طلب رقم ")
            + HtmlUtils.htmlEscape(p.orderRef())
            + "<br><b>"
            + money(p.amountEgp(), en)
            + "</b></p><p>"
            + (en ? "Status: " : "الحالة: ")
            + status
            + "</p>"
            + (!"OPEN".equals(p.status())
                ? ""
                : "<form method=post action='"
                    + self
                    + "'>"
                    + "<input type=hidden name=lang value="
                    + (en ? "en" : "ar")
                    + ">"
                    + "<button name=outcome value=pay style='font-size:1.2em'>"
                    + (en ? "Pay" : "ادفع")
                    + "</button> "
                    + "<button name=outcome value=fail style='font-size:1.2em'>"
                    + (en ? "Fail" : "فشل الدفع")
                    + "</button></form>")
            + "<p><small>"
            + (en
                ? "No money moves: this is Wasla's sandbox gateway."
                : "مفيش فلوس بتتحرك: دي بوابة الدفع التجريبية بتاعة وصلة.")
            + "</small></p>";
    return shell(en, en ? "Sandbox payment" : "دفع تجريبي", body);
  }
}
