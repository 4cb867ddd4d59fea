package app.wasla.channel.whatsapp;

/** Masks phone numbers for logs and {@code toString()}: keeps the last 4 digits, enough to tell customers apart. */
final class PhoneMask {

  private PhoneMask() {}

  static String mask(String phone) {
    if (phone == null) {
      return "null";
    }
    int keep = Math.min(4, phone.length() / 2);
    return "*".repeat(phone.length() - keep) + phone.substring(phone.length() - keep);
  }
}
