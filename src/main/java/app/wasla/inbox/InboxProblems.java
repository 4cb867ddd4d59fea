package app.wasla.inbox;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A malformed filter or cursor is the caller's mistake: 400 with the sentence that says which. */
@RestControllerAdvice(basePackages = "app.wasla.inbox")
class InboxProblems {

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
    return InboxController.problem(HttpStatus.BAD_REQUEST, e.getMessage());
  }
}
