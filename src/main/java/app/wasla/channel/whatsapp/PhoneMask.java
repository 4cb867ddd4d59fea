package app.wasla.channel.whatsapp;

/**
 * Masks phone numbers for logs and {@code toString()}: keeps the last 4 digits, enough to tell
 * customers apart.
 */
final class PhoneMask {

  /**
   * 8 or more digits, with the '+' that may lead them and single spaces, dots, dashes or brackets
   * between them ("+20 100 444 0001", "20-1004-440001"): a phone number in Meta's error text,
   * however it is written.
   */
  private static final java.util.regex.Pattern DIGIT_RUN =
      java.util.regex.Pattern.compile("\\+?\\d(?:[ .()\\-]?\\d){7,}");

  private PhoneMask() {}

  /**
   * The text with every run of 8+ digits masked as {@link #mask(String)} does (error codes are
   * shorter).
   */
  // a separated run is masked whole, separators included, so no group of its digits is left in
  // clear
  static String maskDigitRuns(String text) {
    if (text == null) {
      return null;
    }
    return DIGIT_RUN
        .matcher(text)
        .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(mask(m.group())));
  }

  static String mask(String phone) {
    if (phone == null) {
      return "null";
    }
    int keep = Math.min(4, phone.length() / 2);
    return "*".repeat(phone.length() - keep) + phone.substring(phone.length() - keep);
  }
}
