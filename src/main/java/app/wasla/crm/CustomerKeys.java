package app.wasla.crm;

/** Masking of raw customer keys for logs and toString(). */
final class CustomerKeys {

  private CustomerKeys() {
  }

  static String mask(String key) {
    try {
      return CustomerKey.parse(key).toString();
    } catch (IllegalArgumentException e) {
      return "***";
    }
  }
}
