package app.wasla.persona.playbook;

import java.math.BigDecimal;
import java.util.List;

/**
 * A catalogue product: names in English and Arabic, price in EGP, and the aliases customers use.
 */
public record Product(
    String sku,
    String nameEn,
    String nameAr,
    BigDecimal priceEgp,
    String category,
    List<String> aliases) {

  public Product {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }
}
