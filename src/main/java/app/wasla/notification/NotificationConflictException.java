package app.wasla.notification;

/** An event id posted again with a different body: a different event cannot reuse an id. */
public class NotificationConflictException extends RuntimeException {

  public NotificationConflictException(String message) {
    super(message);
  }
}
