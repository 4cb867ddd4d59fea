package app.wasla.commerce.smartinfo;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Smart Info: what the agent and the persona see about the customer beside the chat, and the
 * figures the CRM takes over (orders bought, total spend, open payments, last order). Small on
 * purpose: it is copied into process variables.
 *
 * @param lastOrderAt when the latest order was placed; null when there is none (or the backend does
 *     not say)
 */
public record CustomerSummary(
    int orders,
    BigDecimal totalSpendEgp,
    String lastOrder,
    int openPayments,
    BigDecimal openPaymentsEgp,
    int openBookings,
    Instant lastOrderAt) {

  public CustomerSummary(
      int orders,
      BigDecimal totalSpendEgp,
      String lastOrder,
      int openPayments,
      BigDecimal openPaymentsEgp,
      int openBookings) {
    this(orders, totalSpendEgp, lastOrder, openPayments, openPaymentsEgp, openBookings, null);
  }

  public static CustomerSummary empty() {
    return new CustomerSummary(0, BigDecimal.ZERO, null, 0, BigDecimal.ZERO, 0, null);
  }

  /**
   * True when the backend knows nothing of the customer (a new customer, or a backend that did not
   * answer).
   */
  public boolean isEmpty() {
    return orders == 0
        && lastOrder == null
        && openPayments == 0
        && openBookings == 0
        && (totalSpendEgp == null || totalSpendEgp.signum() == 0);
  }
}
