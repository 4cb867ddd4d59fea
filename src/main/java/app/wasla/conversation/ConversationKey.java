package app.wasla.conversation;

import app.wasla.channel.whatsapp.WhatsAppIds;

/**
 * Identifies a conversation: the business number and the customer, {@code
 * <phone_number_id>:<wa_id>}. It is also the business key of the conversation's process instance.
 * {@link #toString()} masks the customer's number so that a logged key does not leak it.
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

  /** Longest wa_id Wasla accepts ({@link WhatsAppIds#MAX_WA_ID}). */
  public static final int MAX_WA_ID = WhatsAppIds.MAX_WA_ID;

  /** Longest phone_number_id Wasla accepts ({@link WhatsAppIds#MAX_PHONE_NUMBER_ID}). */
  public static final int MAX_PHONE_NUMBER_ID = WhatsAppIds.MAX_PHONE_NUMBER_ID;

  /**
   * Parses a key that comes from outside Wasla (a REST caller): both parts must be digits only, so
   * that {@code +2010...}, {@code 2010-...} or {@code " 2010..."} cannot name a second record of
   * the same customer and slip past an opt-out. Arabic-Indic digits are read as their ASCII digits;
   * anything else is refused.
   *
   * @throws IllegalArgumentException saying what is wrong, without echoing the number
   */
  public static ConversationKey fromOutside(String value) {
    int colon = value == null ? -1 : value.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("a conversation key looks like <phone_number_id>:<wa_id>");
    }
    String phoneNumberId = digitsOnly(value.substring(0, colon));
    String waId = digitsOnly(value.substring(colon + 1));
    if (phoneNumberId == null || phoneNumberId.length() > MAX_PHONE_NUMBER_ID) {
      throw new IllegalArgumentException(
          "phone_number_id must be 1 to " + MAX_PHONE_NUMBER_ID + " digits");
    }
    if (waId == null || waId.length() > MAX_WA_ID) {
      throw new IllegalArgumentException(
          "wa_id must be 1 to " + MAX_WA_ID + " digits (no '+', spaces or separators)");
    }
    // no number of either kind starts with 0 (country codes don't), and "0201..." would be another
    // customer key
    // that a STOP recorded under "201..." does not cover
    if (phoneNumberId.charAt(0) == '0' || waId.charAt(0) == '0') {
      throw new IllegalArgumentException(
          "phone_number_id and wa_id have no leading zero (wa_id: country code first)");
    }
    return new ConversationKey(phoneNumberId, waId);
  }

  /**
   * The value with Arabic-Indic digits turned into ASCII, or null if it is empty or holds anything
   * but digits.
   */
  public static String digitsOnly(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    StringBuilder ascii = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        ascii.append(c);
      } else if (c >= '\u0660' && c <= '\u0669') { // Arabic-Indic
        ascii.append((char) ('0' + c - '\u0660'));
      } else if (c >= '\u06F0' && c <= '\u06F9') { // Extended Arabic-Indic (Persian, Urdu)
        ascii.append((char) ('0' + c - '\u06F0'));
      } else {
        return null;
      }
    }
    return ascii.toString();
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
