package app.wasla.commerce.booking;

/** The chosen slot was taken in the meantime: an expected business outcome, not a failure. */
public class SlotTakenException extends RuntimeException {
  public SlotTakenException(String message) {
    super(message);
  }
}
