package app.wasla.commerce.flow;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.commerce.order.Order;
import app.wasla.commerce.order.Orders;
import app.wasla.conversation.FlowMessages;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${placeOrder}}: orders the offered product in the chosen quantity (one when checkout did
 * not ask), which reserves it in the backend: in the pickup branch, or for a delivery in the branch
 * with the most units. Sold out in the meantime is a business outcome: the customer is told and the
 * flow takes the OUT_OF_STOCK error path.
 */
@Component("placeOrder")
class PlaceOrderDelegate implements JavaDelegate {

  private final Orders orders;
  private final FlowMessages messages;
  private final SalesEvents events;

  PlaceOrderDelegate(Orders orders, FlowMessages messages, SalesEvents events) {
    this.orders = orders;
    this.messages = messages;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String sku = (String) execution.getVariable(SalesVariables.PRODUCT_SKU);
    int quantity =
        execution.getVariable(SalesVariables.QUANTITY) instanceof Number n ? n.intValue() : 1;
    String branch =
        "pickup".equals(execution.getVariable(SalesVariables.FULFILMENT))
            ? (String) execution.getVariable(SalesVariables.PICKUP_BRANCH)
            : null;
    // a new order after a failed payment is a new request, not a retry of the first
    int attempt =
        execution.getVariable(SalesVariables.ORDER_ATTEMPT) instanceof Number n
            ? n.intValue() + 1
            : 1;
    execution.setVariable(SalesVariables.ORDER_ATTEMPT, attempt);
    Optional<Order> order =
        orders.place(
            SalesContext.customerId(execution),
            sku,
            quantity,
            branch,
            "wasla-"
                + execution.getProcessInstanceId()
                + "-"
                + sku
                + (attempt > 1 ? "-" + attempt : ""));
    if (order.isEmpty()) {
      messages.send(
          execution,
          OutboundMessage.Text.of(
              SalesContext.say(
                  execution,
                  "آسفين جدا، آخر قطعة لسه متباعة حالا. تحب أشوفلك بديل قريب؟",
                  "نعتذر جداً، بيعت آخر قطعة للتو. هل تريد أن أبحث لك عن بديل قريب؟",
                  "Asfeen gedan, a5er 7etta lessa metbaa3a 7alan. Te7eb ashoflak badeel 2orayeb?",
                  "So sorry, the last one was just sold. Shall I find you something similar?")));
      execution.setVariable(SalesVariables.SALES_OUTCOME, "out_of_stock");
      throw new BpmnError(SalesVariables.ERROR_OUT_OF_STOCK, "sold out while ordering " + sku);
    }
    execution.setVariable(SalesVariables.ORDER_ID, order.get().id());
    execution.setVariable(
        SalesVariables.ORDER_AMOUNT_EGP, SalesContext.wholeEgp(order.get().amountEgp()));
    execution.setVariable(SalesVariables.ORDER_STATUS, order.get().status());
    long fee =
        execution.getVariable(SalesVariables.DELIVERY_FEE_EGP) instanceof Number n
            ? n.longValue()
            : 0;
    execution.setVariable(
        SalesVariables.ORDER_TOTAL_EGP, SalesContext.wholeEgp(order.get().amountEgp()) + fee);
    events.orderCreated(execution, order.get().id(), sku, order.get().amountEgp(), quantity, fee);
  }
}
