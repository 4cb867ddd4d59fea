package app.wasla.channel.whatsapp;

import java.time.Duration;
import java.util.Set;

/**
 * A failed Cloud API call: the HTTP status, Meta's error code and trace id, and whether trying
 * again can help.
 */
public final class CloudApiException extends RuntimeException {

  /**
   * Meta codes that mean "too fast" or "temporarily broken" rather than "this request is wrong".
   */
  private static final Set<Integer> RETRYABLE_CODES =
      Set.of(
          130429, // Cloud API throughput reached
          131056, // too many messages to the same customer in a short time (pair rate limit)
          4, // application request limit
          80007, // WhatsApp Business Account rate limit
          131000, // something went wrong (transient)
          2); // temporary service outage

  private final int httpStatus;
  private final Integer errorCode;
  private final String fbtraceId;
  private final boolean retryable;
  private final Duration retryAfter;

  /**
   * Full form; {@code httpStatus} is 0 when no HTTP response arrived, {@code retryAfter} may be
   * null.
   */
  public CloudApiException(
      String message,
      int httpStatus,
      Integer errorCode,
      String fbtraceId,
      boolean retryable,
      Duration retryAfter,
      Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.fbtraceId = fbtraceId;
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  /** Meta's pair rate limit: too many messages to this customer; wait seconds, not milliseconds. */
  public static final int PAIR_RATE_LIMIT = 131056;

  /** Whether a response with this HTTP status and Meta error code is worth retrying. */
  public static boolean isRetryable(int httpStatus, Integer errorCode) {
    return httpStatus == 429
        || httpStatus >= 500
        || (errorCode != null && RETRYABLE_CODES.contains(errorCode));
  }

  /** HTTP status of Meta's answer, 0 when there was none (timeout, connection refused). */
  public int httpStatus() {
    return httpStatus;
  }

  /** {@code error.code} of Meta's error object, or null. */
  public Integer errorCode() {
    return errorCode;
  }

  /** {@code error.fbtrace_id}, what Meta support asks for, or null. */
  public String fbtraceId() {
    return fbtraceId;
  }

  /**
   * True for rate limits, 5xx, transient Meta codes and I/O failures; false for requests Meta will
   * always refuse.
   */
  public boolean retryable() {
    return retryable;
  }

  /** Meta's pair rate limit (131056): only this customer's sends must wait. */
  public boolean pairRateLimit() {
    return errorCode != null && errorCode == PAIR_RATE_LIMIT;
  }

  /** The {@code Retry-After} Meta asked for, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /**
   * What a caller (an agent, an API client) may be told: whether WhatsApp answered, its HTTP status
   * and Meta's error code. Never the message, which names Wasla's Cloud API address and Java
   * exceptions: that goes to the log, under a reference the caller can quote.
   */
  public String publicSummary() {
    if (httpStatus == 0) {
      return "WhatsApp could not be reached";
    }
    return "WhatsApp refused the message (HTTP "
        + httpStatus
        + (errorCode == null ? "" : ", error " + errorCode)
        + ")";
  }

  /** A short random reference that ties an error shown to a caller to its log line. */
  public static String newReference() {
    return java.util.UUID.randomUUID().toString().substring(0, 8);
  }
}
