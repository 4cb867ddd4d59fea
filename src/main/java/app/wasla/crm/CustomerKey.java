package app.wasla.crm;

/**
 * A customer of one business number, {@code <phone_number_id>:<wa_id>}: the same value as the conversation key
 * and the {@code customerKey} process variable. {@link #toString()} masks the customer's number.
 */
public record CustomerKey(String phoneNumberId, String waId) {

  public CustomerKey {
    if (phoneNumberId == null || phoneNumberId.isBlank() || phoneNumberId.contains(":")
        || waId == null || waId.isBlank() || waId.contains(":")) {
      throw new IllegalArgumentException("a customer key looks like <phone_number_id>:<wa_id>");
    }
  }

  /** Parses {@code <phone_number_id>:<wa_id>}; IllegalArgumentException when it is not one. */
  public static CustomerKey parse(String value) {
    int colon = value == null ? -1 : value.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("a customer key looks like <phone_number_id>:<wa_id>");
    }
    return new CustomerKey(value.substring(0, colon), value.substring(colon + 1));
  }

  public String value() {
    return phoneNumberId + ":" + waId;
  }

  /** The key with all but the last three digits of the number masked, for logs. */
  @Override
  public String toString() {
    String tail = waId.length() > 3 ? waId.substring(waId.length() - 3) : "";
    return phoneNumberId + ":***" + tail;
  }
}
