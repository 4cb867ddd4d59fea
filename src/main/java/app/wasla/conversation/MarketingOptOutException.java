package app.wasla.conversation;

/** A marketing template was due to a customer who opted out of marketing: nothing was sent. */
public class MarketingOptOutException extends RuntimeException {

  public MarketingOptOutException(String message) {
    super(message);
  }
}
