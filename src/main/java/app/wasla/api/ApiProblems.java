package app.wasla.api;

import app.wasla.channel.whatsapp.CloudApiException;
import app.wasla.conversation.MarketingOptOutException;
import app.wasla.conversation.ServiceWindowClosedException;
import app.wasla.notification.NotificationConflictException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;

/** Errors of /api as problem details with stable type URIs; no stack traces leave the server. */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(basePackages = {"app.wasla.api", "app.wasla.webhook"})
class ApiProblems {

  private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

  @ExceptionHandler({
    IllegalArgumentException.class,
    MissingRequestHeaderException.class,
    MethodArgumentTypeMismatchException.class
  })
  ProblemDetail invalid(Exception e) {
    return problem(HttpStatus.BAD_REQUEST, "invalid-request", e.getMessage());
  }

  @ExceptionHandler(ReservedMessageNames.Refused.class)
  ProblemDetail reservedName(ReservedMessageNames.Refused e) {
    ProblemDetail problem =
        problem(HttpStatus.BAD_REQUEST, "reserved-message-name", e.getMessage());
    problem.setProperty("reservedNames", new java.util.TreeSet<>(ReservedMessageNames.NAMES));
    return problem;
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    return problem(
        HttpStatus.BAD_REQUEST, "malformed-json", "the request body is not the JSON expected");
  }

  @ExceptionHandler(ResponseStatusException.class)
  ProblemDetail status(ResponseStatusException e) {
    HttpStatusCode code = e.getStatusCode();
    String type =
        code.value() == 404
            ? "not-found"
            : code.value() == 409
                ? "conflict"
                : code.value() == 403 ? "insufficient-scope" : "error";
    return problem(code, type, e.getReason());
  }

  @ExceptionHandler(ServiceWindowClosedException.class)
  ProblemDetail windowClosed(ServiceWindowClosedException e) {
    return problem(HttpStatus.CONFLICT, "service-window-closed", e.getMessage());
  }

  @ExceptionHandler(MarketingOptOutException.class)
  ProblemDetail optedOut(MarketingOptOutException e) {
    return problem(HttpStatus.CONFLICT, "marketing-opt-out", e.getMessage());
  }

  @ExceptionHandler(app.wasla.conversation.MarketingConsentMissingException.class)
  ProblemDetail noOptIn(app.wasla.conversation.MarketingConsentMissingException e) {
    return problem(HttpStatus.CONFLICT, "marketing-no-opt-in", e.getMessage());
  }

  @ExceptionHandler(NotificationConflictException.class)
  ProblemDetail notificationConflict(NotificationConflictException e) {
    return problem(HttpStatus.CONFLICT, "event-id-reused", e.getMessage());
  }

  @ExceptionHandler(CloudApiException.class)
  ProblemDetail whatsappRefused(CloudApiException e) {
    String reference = CloudApiException.newReference();
    log.info("WhatsApp refused an API send (reference {}): {}", reference, e.getMessage());
    ProblemDetail problem =
        problem(
            HttpStatus.BAD_GATEWAY,
            "whatsapp-error",
            e.publicSummary()
                + ". Send again with the same Idempotency-Key: it goes out once. Reference "
                + reference
                + ".");
    problem.setProperty("reference", reference);
    return problem;
  }

  private static ProblemDetail problem(HttpStatusCode status, String type, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(ApiAccessFilter.PROBLEMS + type));
    return problem;
  }
}
