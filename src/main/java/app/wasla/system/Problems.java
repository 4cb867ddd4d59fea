package app.wasla.system;

import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * A problem answer with one of the stable types under {@code https://wasla.app/problems/} that
 * docs/api.md lists, for controllers that answer their own errors.
 */
public final class Problems {

  /** Where the problem types live. */
  public static final String TYPES = "https://wasla.app/problems/";

  private Problems() {}

  /** The problem details of that status, type (the last part of the URI) and detail. */
  public static ProblemDetail detail(HttpStatusCode status, String type, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPES + type));
    return problem;
  }

  /** The answer carrying {@link #detail}, as {@code application/problem+json}. */
  public static ResponseEntity<ProblemDetail> of(
      HttpStatusCode status, String type, String detail) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(detail(status, type, detail));
  }
}
