package app.wasla.commerce.smartinfo;

import app.wasla.conversation.ConversationKey;
import app.wasla.crm.CustomerMemory;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${loadSmartInfo}}: loads the customer's Smart Info into a few scalar variables
 * (smartOrders, smartTotalSpendEgp, smartLastOrder, smartOpenPayments, smartOpenPaymentsEgp,
 * smartOpenBookings) that the handoff form and the persona read, and hands the figures to the CRM,
 * which counts from the same data (the backend's orders, also those placed before Wasla). Usable as
 * a service task or as an execution listener; it may call the backend over HTTP, so put it after an
 * async boundary unless {@link #local()}.
 */
@Component("loadSmartInfo")
public class LoadSmartInfoDelegate implements JavaDelegate, ExecutionListener {

  public static final String ORDERS = "smartOrders";
  public static final String TOTAL_SPEND_EGP = "smartTotalSpendEgp";
  public static final String LAST_ORDER = "smartLastOrder";
  public static final String OPEN_PAYMENTS = "smartOpenPayments";
  public static final String OPEN_PAYMENTS_EGP = "smartOpenPaymentsEgp";
  public static final String OPEN_BOOKINGS = "smartOpenBookings";

  private final CustomerSummaries summaries;
  private final CustomerMemory customers;

  LoadSmartInfoDelegate(CustomerSummaries summaries, CustomerMemory customers) {
    this.summaries = summaries;
    this.customers = customers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ConversationKey key = ConversationKey.parse(execution.getProcessBusinessKey());
    CustomerSummary s = summaries.summary(key.waId());
    execution.setVariable(ORDERS, s.orders());
    execution.setVariable(
        TOTAL_SPEND_EGP, s.totalSpendEgp() == null ? 0L : s.totalSpendEgp().longValue());
    execution.setVariable(LAST_ORDER, s.lastOrder());
    execution.setVariable(OPEN_PAYMENTS, s.openPayments());
    execution.setVariable(
        OPEN_PAYMENTS_EGP, s.openPaymentsEgp() == null ? 0L : s.openPaymentsEgp().longValue());
    execution.setVariable(OPEN_BOOKINGS, s.openBookings());
    // a backend that knows nothing of the customer (or did not answer) leaves the CRM's own figures
    // as they are
    if (!s.isEmpty()) {
      customers.recordFigures(
          key.value(),
          new CustomerMemory.Figures(
              s.orders(), s.totalSpendEgp(), s.openPaymentsEgp(), "EGP", s.lastOrderAt()));
    }
  }

  /**
   * {@code ${loadSmartInfo.local()}}: true when loading needs no network call (the flow may do it
   * inline).
   */
  public boolean local() {
    return summaries.local();
  }

  @Override
  public void notify(DelegateExecution execution) {
    execute(execution);
  }
}
