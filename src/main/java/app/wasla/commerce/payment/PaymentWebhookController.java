package app.wasla.commerce.payment;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/payments/{provider}}: gateway callbacks, verified on the raw body, recorded
 * once, correlated through the conversation mailbox. 401 on a bad signature (nothing changes); 200
 * for a duplicate or a callback for an unknown order (recorded, no conversation touched).
 */
@RestController
class PaymentWebhookController {

  static final int MAX_BODY_BYTES = 256 * 1024;
  private static final Logger log = LoggerFactory.getLogger(PaymentWebhookController.class);

  private final Payments payments;

  PaymentWebhookController(Payments payments) {
    this.payments = payments;
  }

  @PostMapping("/webhooks/payments/{provider}")
  ResponseEntity<?> receive(@PathVariable String provider, HttpServletRequest request)
      throws IOException {
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      return problem(
          HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "The callback body exceeds 256 KiB");
    }
    Map<String, String> headers = new HashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
    }
    Map<String, String> query = new HashMap<>();
    request.getParameterMap().forEach((k, v) -> query.put(k, v.length > 0 ? v[0] : null));
    try {
      Payments.Handling handling =
          payments.handle(provider, new PaymentGateway.CallbackRequest(body, headers, query));
      log.info("Payment callback from {}: {}", provider, handling);
      return ResponseEntity.ok(Map.of("handling", handling.name()));
    } catch (InvalidSignatureException e) {
      log.warn("Rejected a payment callback from {}: {}", provider, e.getMessage());
      return problem(HttpStatus.UNAUTHORIZED, "bad-signature", e.getMessage());
    } catch (Payments.UnknownProviderException e) {
      return problem(HttpStatus.NOT_FOUND, "unknown-provider", e.getMessage());
    } catch (IllegalArgumentException e) {
      return problem(HttpStatus.BAD_REQUEST, "malformed-callback", e.getMessage());
    }
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String type, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(URI.create("https://wasla.app/problems/" + type));
    return ResponseEntity.status(status).body(p);
  }
}
