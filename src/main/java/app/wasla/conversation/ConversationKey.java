package app.wasla.conversation;

/**
 * Identifies a conversation: the business number and the customer, {@code <phone_number_id>:<wa_id>}.
 * It is also the business key of the conversation's process instance. {@link #toString()} masks the
 * customer's number so that a logged key does not leak it.
 */
public record ConversationKey(String phoneNumberId, String waId) {

  public ConversationKey {
    if (phoneNumberId == null || phoneNumberId.isBlank() || phoneNumberId.contains(":")) {
      throw new IllegalArgumentException("phone_number_id must be non-blank and free of ':'");
    }
    if (waId == null || waId.isBlank() || waId.contains(":")) {
      throw new IllegalArgumentException("wa_id must be non-blank and free of ':'");
    }
  }

  /** Parses {@code <phone_number_id>:<wa_id>}. */
  public static ConversationKey parse(String value) {
    int colon = value == null ? -1 : value.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("a conversation key looks like <phone_number_id>:<wa_id>");
    }
    return new ConversationKey(value.substring(0, colon), value.substring(colon + 1));
  }

  /** The full key, as stored and used as the process instance's business key. */
  public String value() {
    return phoneNumberId + ":" + waId;
  }

  /** The key with all but the last three digits of the customer's number masked. */
  public static String mask(String key) {
    int colon = key == null ? -1 : key.indexOf(':');
    if (colon < 0) {
      return "***";
    }
    String wa = key.substring(colon + 1);
    String tail = wa.length() > 3 ? wa.substring(wa.length() - 3) : "";
    return key.substring(0, colon) + ":***" + tail;
  }

  @Override
  public String toString() {
    return mask(value());
  }
}
