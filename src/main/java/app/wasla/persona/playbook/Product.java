package app.wasla.persona.playbook;

import java.math.BigDecimal;
import java.util.List;

/**
 * A catalogue product: names in English and Arabic, price in EGP, the aliases customers use, and
 * its key specifications in English and Arabic (empty when the catalogue gives none), which a
 * comparison of two products quotes.
 */
public record Product(
    String sku,
    String nameEn,
    String nameAr,
    BigDecimal priceEgp,
    String category,
    List<String> aliases,
    String specsEn,
    String specsAr) {

  public Product {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    specsEn = specsEn == null ? "" : specsEn;
    specsAr = specsAr == null ? "" : specsAr;
  }

  /** A product without specifications. */
  public Product(
      String sku,
      String nameEn,
      String nameAr,
      BigDecimal priceEgp,
      String category,
      List<String> aliases) {
    this(sku, nameEn, nameAr, priceEgp, category, aliases, "", "");
  }
}
