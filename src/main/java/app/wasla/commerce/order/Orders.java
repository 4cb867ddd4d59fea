package app.wasla.commerce.order;

import java.util.List;
import java.util.Optional;

/** Port: orders in the business's backend. */
public interface Orders {

  /**
   * Places an order and reserves its stock in the branch with the most units.
   *
   * @param requestId the same for a retry of the same request, so that a retried job does not order
   *     twice
   * @return empty when no branch has the quantity
   */
  Optional<Order> place(String customerId, String sku, int quantity, String requestId);

  /**
   * Places an order and reserves its stock in the given branch (a pickup there), or, when {@code
   * branchCode} is null, in the branch with the most units.
   *
   * @return empty when that branch (or, with none named, every branch) lacks the quantity
   */
  default Optional<Order> place(
      String customerId, String sku, int quantity, String branchCode, String requestId) {
    if (branchCode == null) {
      return place(customerId, sku, quantity, requestId);
    }
    throw new UnsupportedOperationException("this backend cannot reserve in a chosen branch");
  }

  /**
   * Confirms a reserved order for cash on delivery (idempotent): status {@link Order#CONFIRMED},
   * the reservation becomes a sale; the money is taken by the courier or at the branch.
   */
  Order confirmCashOnDelivery(String orderId);

  /** Marks the order paid (idempotent); the reservation becomes a sale. */
  Order markPaid(String orderId, String paymentRef);

  /**
   * Cancels an order that is neither paid nor shipped (idempotent): a reserved order's reservation
   * is released, an order confirmed for cash on delivery has its units put back on the shelf. A
   * paid, shipped or delivered order is left alone.
   */
  void cancel(String orderId, String reason);

  Optional<Order> find(String orderId);

  /** The customer's orders, newest first. */
  List<Order> forCustomer(String customerId, int limit);

  /**
   * True when placing an order needs no network call (Wasla's own tables): a flow may then do it in
   * the turn.
   */
  default boolean local() {
    return false;
  }
}
