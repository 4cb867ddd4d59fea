package app.wasla.commerce.smartinfo;

import java.math.BigDecimal;

/**
 * Smart Info: what the agent and the persona see about the customer beside the chat. Small on purpose: it
 * is copied into process variables.
 */
public record CustomerSummary(int orders, BigDecimal totalSpendEgp, String lastOrder, int openPayments,
                              BigDecimal openPaymentsEgp, int openBookings) {

  public static CustomerSummary empty() {
    return new CustomerSummary(0, BigDecimal.ZERO, null, 0, BigDecimal.ZERO, 0);
  }
}
