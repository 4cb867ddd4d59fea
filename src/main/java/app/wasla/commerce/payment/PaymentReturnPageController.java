package app.wasla.commerce.payment;

import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /pay/done}: where Paymob and Stripe send the customer back after the checkout. It says
 * nothing about the outcome: the query string is the browser's, unverified; only the gateway's
 * signed callback settles the payment, and the customer hears of it on WhatsApp. Nothing of the
 * request is echoed back.
 */
@RestController
class PaymentReturnPageController {

  static final String PAGE =
      """
      <!doctype html>
      <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
      <title>Payment / الدفع</title></head>
      <body style="font-family:sans-serif;max-width:30em;margin:3em auto;padding:0 1em;line-height:1.5">
      <section lang="ar" dir="rtl">
      <h1>شكرًا! بنأكد الدفع دلوقتي</h1>
      <p>هيوصلك تأكيد على واتساب أول ما الدفع يتأكد. تقدر ترجع لواتساب دلوقتي.</p>
      </section>
      <hr>
      <section lang="en">
      <h1>Thank you! We are confirming your payment</h1>
      <p>You will get a WhatsApp message as soon as the payment is confirmed. You can go back to WhatsApp now.</p>
      </section>
      </body></html>
      """;

  @GetMapping(value = "/pay/done", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> done() {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .body(PAGE);
  }
}
