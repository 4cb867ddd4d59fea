package app.wasla.conversation;

/**
 * A marketing template was due to a customer with no opt-in on record (they never wrote START, and
 * the business recorded no consent for them): nothing was sent.
 */
public class MarketingConsentMissingException extends MarketingOptOutException {

  public MarketingConsentMissingException(String message) {
    super(message);
  }
}
