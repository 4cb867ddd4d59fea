package app.wasla.commerce.catalogue;

import java.math.BigDecimal;

/** A product of the business's catalogue, its price in EGP. */
public record Product(
    String sku, String nameEn, String nameAr, BigDecimal priceEgp, String category) {

  /**
   * The name in the customer's language: Arabic for every Arabic variety and Arabizi, else English.
   */
  public String name(String language) {
    return language != null && language.startsWith("ar") ? nameAr : nameEn;
  }

  /** Both names, English then Arabic: what a customer may call it ("FreePods 4", "فري بودز ٤"). */
  public java.util.List<String> names() {
    return java.util.Arrays.asList(nameEn, nameAr);
  }
}
