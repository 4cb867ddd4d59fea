package app.wasla.commerce.payment;

/** A payment callback whose signature is missing, wrong or too old. */
public class InvalidSignatureException extends RuntimeException {
  public InvalidSignatureException(String message) {
    super(message);
  }
}
