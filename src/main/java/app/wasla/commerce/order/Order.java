package app.wasla.commerce.order;

import java.math.BigDecimal;
import java.time.Instant;

/** An order of one product; {@code id} is the business's order number, e.g. ORD-12001. */
public record Order(
    String id,
    String customerId,
    String sku,
    String productNameEn,
    String productNameAr,
    int quantity,
    String branchCode,
    BigDecimal amountEgp,
    String status,
    String tracking,
    Instant createdAt) {

  public static final String RESERVED = "RESERVED";
  public static final String PAID = "PAID";

  /** Confirmed for cash on delivery (or payment at the branch on pickup). */
  public static final String CONFIRMED = "CONFIRMED";

  public static final String CANCELLED = "CANCELLED";
}
