package app.wasla.commerce.payment;

import java.nio.charset.StandardCharsets;
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
 * The sandbox gateway's pay page: {@code GET /pay/sandbox/{paymentId}} shows the amount with Pay and Fail
 * buttons; pressing one makes the callback the sandbox gateway signs and hands it to the same verification
 * and correlation path as {@code POST /webhooks/payments/sandbox} (in-process, so no own URL is needed).
 */
@RestController
@ConditionalOnProperty(name = "wasla.commerce.payment-provider", havingValue = "sandbox", matchIfMissing = true)
class SandboxPayPageController {

  private final Payments payments;
  private final SandboxGateway sandbox;

  SandboxPayPageController(Payments payments, SandboxGateway sandbox) {
    this.payments = payments;
    this.sandbox = sandbox;
  }

  @GetMapping(value = "/pay/sandbox/{paymentId}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> page(@PathVariable String paymentId) {
    return payments.find(paymentId).filter(p -> "sandbox".equals(p.provider()))
        .map(p -> ResponseEntity.ok(html(p)))
        .orElse(ResponseEntity.status(404).contentType(MediaType.TEXT_HTML).body("<h1>No such payment</h1>"));
  }

  @PostMapping(value = "/pay/sandbox/{paymentId}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> pay(@PathVariable String paymentId, @RequestParam String outcome) {
    if (payments.find(paymentId).filter(p -> "sandbox".equals(p.provider())).isEmpty()) {
      return ResponseEntity.status(404).contentType(MediaType.TEXT_HTML).body("<h1>No such payment</h1>");
    }
    SandboxGateway.Signed signed = sandbox.sign(UUID.randomUUID().toString(), paymentId, "pay".equals(outcome));
    Payments.Handling handling = payments.handle("sandbox", new PaymentGateway.CallbackRequest(signed.body(),
        Map.of(SandboxGateway.HEADER, signed.signature()), Map.of()));
    String text = handling == Payments.Handling.CORRELATED
        ? ("pay".equals(outcome) ? "Paid. You can go back to WhatsApp." : "Payment failed. Back to WhatsApp.")
        : "This payment is no longer open (" + handling + ").";
    return ResponseEntity.ok("<!doctype html><meta charset=utf-8><title>Sandbox payment</title>"
        + "<body style='font-family:sans-serif;max-width:28em;margin:3em auto'><h1>" + text + "</h1></body>");
  }

  private static String html(Payments.Payment p) {
    String id = HtmlUtils.htmlEscape(p.id());
    return "<!doctype html><meta charset=utf-8><meta name=viewport content='width=device-width'>"
        + "<title>Sandbox payment</title><body style='font-family:sans-serif;max-width:28em;margin:3em auto'>"
        + "<h1>Sandbox payment</h1><p>Order " + HtmlUtils.htmlEscape(p.orderRef()) + "<br><b>"
        + p.amountEgp().stripTrailingZeros().toPlainString() + " EGP</b></p><p>Status: "
        + HtmlUtils.htmlEscape(p.status()) + "</p>"
        + (!"OPEN".equals(p.status()) ? "" : "<form method=post action='/pay/sandbox/" + id + "'>"
        + "<button name=outcome value=pay style='font-size:1.2em'>Pay</button> "
        + "<button name=outcome value=fail style='font-size:1.2em'>Fail</button></form>")
        + "<p><small>No money moves: this is Wasla's sandbox gateway.</small></p></body>";
  }
}
