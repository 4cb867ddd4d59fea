package app.wasla.channel.whatsapp;

/** A media lookup or download that did not succeed, with what the caller should do about it. */
public class MediaFetchException extends RuntimeException {

  /** What went wrong, as far as retrying is concerned. */
  public enum Kind {
    /** A network error, 429 or 5xx: try again later. */
    RETRYABLE,
    /** The download URL has expired (401, 403, 404, 410 on the download): look it up again. */
    EXPIRED,
    /** Larger than allowed: never retried. */
    TOO_LARGE,
    /** The media id is unknown or refused (a 4xx on the lookup): never retried. */
    PERMANENT
  }

  private final Kind kind;

  public MediaFetchException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public MediaFetchException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
