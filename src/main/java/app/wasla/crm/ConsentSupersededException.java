package app.wasla.crm;

/**
 * Consent recorded with a time before the customer's latest change of consent: the later choice
 * stands (a back-dated opt-in from the shop never lifts a STOP the customer wrote after it).
 */
public class ConsentSupersededException extends RuntimeException {

  public ConsentSupersededException(String message) {
    super(message);
  }
}
