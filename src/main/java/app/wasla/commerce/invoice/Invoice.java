package app.wasla.commerce.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A paid order's invoice as issued: what the PDF shows.
 *
 * @param language {@code ar} or {@code en}: the language the PDF is written in
 * @param paymentMethod {@code online} (a payment link), {@code cash_on_delivery}, ...
 * @param paymentProvider the gateway of an online payment (sandbox, paymob, stripe), or null
 */
public record Invoice(
    String orderNumber,
    String customerId,
    String conversationKey,
    String language,
    Instant issuedAt,
    List<Line> lines,
    BigDecimal deliveryFeeEgp,
    BigDecimal totalEgp,
    String paymentMethod,
    String paymentProvider) {

  public Invoice {
    lines = List.copyOf(lines);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("an invoice has at least one line");
    }
    language = "ar".equals(language) ? "ar" : "en";
  }

  /** One product line: the unit price in EGP and the quantity. */
  public record Line(
      String sku, String nameEn, String nameAr, int quantity, BigDecimal unitPriceEgp) {

    public BigDecimal amountEgp() {
      return unitPriceEgp.multiply(BigDecimal.valueOf(quantity));
    }

    public String name(String language) {
      return "ar".equals(language) && nameAr != null ? nameAr : nameEn;
    }
  }

  /** The goods, without the delivery fee. */
  public BigDecimal subtotalEgp() {
    return lines.stream().map(Line::amountEgp).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** The name the customer's file gets. */
  public String filename() {
    return "invoice-" + orderNumber + ".pdf";
  }
}
