package app.wasla.commerce.flow;

import app.wasla.commerce.catalogue.Catalogue;
import app.wasla.commerce.order.Orders;
import app.wasla.commerce.payment.Payments;
import app.wasla.conversation.ConversationVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Whether a sales flow may do a step in the transaction of the turn that asked: {@code
 * ${salesTurns.inline(execution)}} for a product lookup, {@code
 * ${salesTurns.ordersInline(execution)}} for placing an order and making its payment link. Asked by
 * instances of earlier versions of order-and-pay, which drew these choices as gateways; the current
 * version draws none, and {@link TurnBoundaries} puts the jobs where configuration says. Yes when
 * the step reads and writes Wasla's own tables (the demo store, the sandbox gateway); no when it
 * calls the business's backend or a payment gateway, and no for a turn whose first delivery failed
 * ({@code turnRetry}), as those versions expect.
 */
@Component("salesTurns")
public class SalesTurns {

  private final Catalogue catalogue;
  private final Orders orders;
  private final Payments payments;

  SalesTurns(Catalogue catalogue, Orders orders, Payments payments) {
    this.catalogue = catalogue;
    this.orders = orders;
    this.payments = payments;
  }

  public boolean inline(DelegateExecution execution) {
    return catalogue.local() && !retried(execution);
  }

  /**
   * Placing the order and making its link in the turn: all or nothing in one transaction. Through
   * jobs (a backend or a gateway that is called over the network) they stay two, so that a failed
   * link does not place the order again.
   */
  public boolean ordersInline(DelegateExecution execution) {
    return orders.local() && payments.local() && !retried(execution);
  }

  /**
   * The transient turnRetry lives on the flow the mailbox handed the turn to: this one or one that
   * called it.
   */
  private static boolean retried(DelegateExecution execution) {
    for (DelegateExecution e = execution; e != null; e = e.getSuperExecution()) {
      if (e.getVariable(ConversationVariables.TURN_RETRY) != null) {
        return true;
      }
    }
    return false;
  }
}
