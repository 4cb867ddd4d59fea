package app.wasla.commerce.flow;

import static app.wasla.commerce.flow.SalesContext.arabic;

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
 * {@code ${placeOrder}}: orders one unit of the offered product, which reserves it in the backend. Sold out
 * in the meantime is a business outcome: the customer is told and the flow takes the OUT_OF_STOCK error path.
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
    Optional<Order> order = orders.place(SalesContext.customerId(execution), sku, 1,
        "wasla-" + execution.getProcessInstanceId() + "-" + sku);
    if (order.isEmpty()) {
      messages.send(execution, OutboundMessage.Text.of(arabic(execution)
          ? "آسفين جدا، آخر قطعة لسه متباعة حالا. تحب أشوفلك بديل قريب؟"
          : "So sorry, the last one was just sold. Shall I find you something similar?"));
      execution.setVariable(SalesVariables.SALES_OUTCOME, "out_of_stock");
      throw new BpmnError(SalesVariables.ERROR_OUT_OF_STOCK, "sold out while ordering " + sku);
    }
    execution.setVariable(SalesVariables.ORDER_ID, order.get().id());
    execution.setVariable(SalesVariables.ORDER_AMOUNT_EGP, SalesContext.wholeEgp(order.get().amountEgp()));
    execution.setVariable(SalesVariables.ORDER_STATUS, order.get().status());
    events.orderCreated(execution, order.get().id(), sku, order.get().amountEgp());
  }
}
