package app.wasla.commerce.flow;

import app.wasla.crm.CustomerMemory;
import app.wasla.webhook.EventTypes;
import app.wasla.webhook.WebhookEvents;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What the sales flows tell the rest of Wasla: outbound webhook events (order.created,
 * payment.succeeded, payment.failed, booking.changed) and the customer's memory (orders, payments,
 * bookings). Everything is written in the job's transaction, so it commits or rolls back with the
 * step that caused it.
 */
@Component
class SalesEvents {

  private final WebhookEvents events;
  private final CustomerMemory customers;
  private final Clock clock;
  private final app.wasla.commerce.Sales sales;

  SalesEvents(
      WebhookEvents events, CustomerMemory customers, Clock clock, app.wasla.commerce.Sales sales) {
    this.sales = sales;
    this.events = events;
    this.customers = customers;
    this.clock = clock;
  }

  /**
   * order.created, with what the shop needs to fulfil it: quantity, delivery (address, zone, fee)
   * or pickup branch, and how the customer pays.
   */
  void orderCreated(
      DelegateExecution execution,
      String orderId,
      String sku,
      BigDecimal amountEgp,
      int quantity,
      long deliveryFeeEgp) {
    String key = execution.getProcessBusinessKey();
    Map<String, Object> data =
        data(
            "orderId",
            orderId,
            "sku",
            sku,
            "amount",
            amountEgp,
            "currency",
            "EGP",
            "quantity",
            quantity,
            "deliveryFee",
            deliveryFeeEgp);
    for (String name :
        new String[] {
          SalesVariables.FULFILMENT,
          SalesVariables.DELIVERY_ADDRESS,
          SalesVariables.DELIVERY_ZONE,
          SalesVariables.PICKUP_BRANCH,
          SalesVariables.PAYMENT_METHOD
        }) {
      if (execution.getVariable(name) != null) {
        data.put(name, execution.getVariable(name));
      }
    }
    events.publish(EventTypes.ORDER_CREATED, key, data);
    customers.recordOrder(key, orderId, amountEgp, "EGP", clock.instant());
    sales.ordered(orderId, key, flowOf(execution), amountEgp, clock.instant());
  }

  void paymentSucceeded(
      DelegateExecution execution, String orderId, String paymentId, BigDecimal amountEgp) {
    String key = execution.getProcessBusinessKey();
    events.publish(
        EventTypes.PAYMENT_SUCCEEDED,
        key,
        data("orderId", orderId, "paymentId", paymentId, "amount", amountEgp, "currency", "EGP"));
    customers.recordPayment(key, paymentId, orderId, amountEgp, "EGP", clock.instant());
    sales.paid(orderId, paymentId, amountEgp, clock.instant());
  }

  void paymentFailed(DelegateExecution execution, String orderId, String paymentId) {
    events.publish(
        EventTypes.PAYMENT_FAILED,
        execution.getProcessBusinessKey(),
        data("orderId", orderId, "paymentId", paymentId));
  }

  void bookingChanged(
      DelegateExecution execution, String bookingId, String change, String startsAt) {
    String key = execution.getProcessBusinessKey();
    events.publish(
        EventTypes.BOOKING_CHANGED,
        key,
        data("bookingId", bookingId, "change", change, "startsAt", startsAt));
    customers.recordBooking(
        key, bookingId + ":" + change + ":" + startsAt, change + " " + startsAt, clock.instant());
  }

  /** The key of the process (BPMN) that placed the order: the flow its revenue counts for. */
  private static String flowOf(DelegateExecution execution) {
    String definitionId = execution.getProcessDefinitionId();
    return definitionId == null ? "unknown" : definitionId.split(":", 2)[0];
  }

  private static Map<String, Object> data(Object... pairs) {
    Map<String, Object> data = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      data.put((String) pairs[i], pairs[i + 1]);
    }
    return data;
  }
}
