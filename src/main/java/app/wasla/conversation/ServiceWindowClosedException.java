package app.wasla.conversation;

/**
 * Free-form text was due outside the 24-hour customer-service window and no template could replace
 * it.
 */
public class ServiceWindowClosedException extends RuntimeException {

  public ServiceWindowClosedException(String message) {
    super(message);
  }
}
