package app.wasla.commerce.catalogue;

import java.math.BigDecimal;

/**
 * A product of the business's catalogue, its price in EGP.
 *
 * @param imageUrl the product's photo (an http(s) URL, JPEG or PNG), or null: sent with an offer
 */
public record Product(
    String sku,
    String nameEn,
    String nameAr,
    BigDecimal priceEgp,
    String category,
    String imageUrl) {

  public Product(String sku, String nameEn, String nameAr, BigDecimal priceEgp, String category) {
    this(sku, nameEn, nameAr, priceEgp, category, null);
  }

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
