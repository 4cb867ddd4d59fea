package app.wasla.channel.whatsapp;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Meta's webhook: the verification handshake, and every message and status of the business number.
 * Verifies the signature over the raw bytes, stores, and answers at once; nothing slow happens
 * here.
 */
@RestController
@RequestMapping("/webhooks/whatsapp")
class WhatsAppWebhookController {

  /** Meta's payloads are a few kilobytes; anything this large is not one of them. */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhookController.class);

  private final WhatsAppProperties props;
  private final WebhookPayloadParser parser;
  private final WhatsAppInbound inbound;

  WhatsAppWebhookController(
      WhatsAppProperties props, WebhookPayloadParser parser, WhatsAppInbound inbound) {
    this.props = props;
    this.parser = parser;
    this.inbound = inbound;
  }

  @GetMapping
  ResponseEntity<String> verify(
      @RequestParam(name = "hub.mode", required = false) String mode,
      @RequestParam(name = "hub.verify_token", required = false) String token,
      @RequestParam(name = "hub.challenge", required = false) String challenge) {
    if ("subscribe".equals(mode)
        && challenge != null
        && token != null
        && java.security.MessageDigest.isEqual(token.getBytes(), props.verifyToken().getBytes())) {
      return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
    }
    return ResponseEntity.status(HttpStatus.FORBIDDEN)
        .contentType(MediaType.TEXT_PLAIN)
        .body("verification failed");
  }

  @PostMapping
  ResponseEntity<?> receive(
      HttpServletRequest request,
      @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature)
      throws IOException {
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      return problem(
          HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "The webhook body exceeds 1 MiB");
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      return problem(
          HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "The webhook body exceeds 1 MiB");
    }
    if (!WebhookSignature.isValid(body, signature, props.appSecret())) {
      log.warn(
          "Rejected a WhatsApp webhook with a {} signature",
          signature == null ? "missing" : "wrong");
      return problem(
          HttpStatus.UNAUTHORIZED,
          "bad-signature",
          "X-Hub-Signature-256 is missing or does not match the body");
    }
    WebhookPayload payload;
    try {
      payload = parser.parse(body);
    } catch (MalformedWebhookException e) {
      return problem(HttpStatus.BAD_REQUEST, "malformed-webhook", e.getMessage());
    }
    try {
      inbound.store(payload);
    } catch (RuntimeException e) {
      // never 200 without the row, and not left to the error page either (an exception escaping
      // here was seen
      // answered 200): Meta retries a 5xx, and a message stored before the failure is a no-op then
      if (databaseUnavailable(e)) {
        log.warn(
            "WhatsApp webhook not stored, the database is unavailable; answered 503 for Meta to retry: {}",
            e.toString());
        return problem(
            HttpStatus.SERVICE_UNAVAILABLE,
            "database-unavailable",
            "The webhook could not be stored; send it again later");
      }
      log.error("WhatsApp webhook not stored; answered 500 for Meta to retry", e);
      return problem(
          HttpStatus.INTERNAL_SERVER_ERROR,
          "not-stored",
          "The webhook could not be stored; send it again later");
    }
    return ResponseEntity.ok().build();
  }

  /**
   * A failure to reach the database (no connection, connection lost) rather than a fault of this
   * payload.
   */
  private static boolean databaseUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TransientDataAccessException
          || t instanceof CannotCreateTransactionException
          || t instanceof DataAccessResourceFailureException
          || t instanceof SQLTransientException
          || t instanceof SQLRecoverableException
          || t instanceof SQLNonTransientConnectionException
          || (t instanceof SQLException sql
              && sql.getSQLState() != null
              && sql.getSQLState().startsWith("08"))) {
        return true;
      }
    }
    return false;
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String type, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(java.net.URI.create("https://wasla.app/problems/" + type));
    ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
    if (status == HttpStatus.SERVICE_UNAVAILABLE) {
      response.header("Retry-After", "10");
    }
    return response.body(problem);
  }
}
