package app.wasla.commerce;

/**
 * The business's backend failed or answered nonsense: a technical failure, retried by the job
 * executor.
 */
public class CommerceBackendException extends RuntimeException {
  public CommerceBackendException(String message) {
    super(message);
  }

  public CommerceBackendException(String message, Throwable cause) {
    super(message, cause);
  }
}
