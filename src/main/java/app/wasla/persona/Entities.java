package app.wasla.persona;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the customer mentioned.
 *
 * @param products catalogue product names (English canonical names), in order of mention
 * @param quantity how many, or null
 * @param dateTime the date/time expression as written (normalised), or null
 * @param reference an order or booking reference (#12345, ORD-1234, BK-…), or null
 * @param amount a money amount in EGP, or null
 */
public record Entities(
    List<String> products, Integer quantity, String dateTime, String reference, BigDecimal amount) {

  public static final Entities NONE = new Entities(List.of(), null, null, null, null);

  public Entities {
    products = products == null ? List.of() : List.copyOf(products);
  }
}
