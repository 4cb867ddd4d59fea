package app.wasla.commerce.flow;

import static app.wasla.commerce.flow.SalesContext.arabic;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.commerce.order.Order;
import app.wasla.commerce.order.Orders;
import app.wasla.conversation.FlowMessages;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${trackOrder}}: the status of the order the customer named (ORD-12345), or else of their latest
 * order. An order number of someone else's is treated as unknown: a chat must not leak another's order.
 */
@Component("trackOrder")
class TrackOrderDelegate implements JavaDelegate {

  private static final Pattern ORDER_NUMBER = Pattern.compile("(?i)(?:ord)?[-#\\s]*(\\d{4,12})");

  private final Orders orders;
  private final FlowMessages messages;

  TrackOrderDelegate(Orders orders, FlowMessages messages) {
    this.orders = orders;
    this.messages = messages;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean ar = arabic(execution);
    String customer = SalesContext.customerId(execution);
    Matcher m = ORDER_NUMBER.matcher(toWesternDigits(SalesContext.turnText(execution)));
    Optional<Order> order = m.find()
        ? orders.find("ORD-" + m.group(1)).filter(o -> customer.equals(o.customerId()))
        : orders.forCustomer(customer, 1).stream().findFirst();
    if (order.isEmpty()) {
      execution.setVariable(SalesVariables.ORDER_STATUS, null);
      messages.send(execution, OutboundMessage.Text.of(ar
          ? "مش لاقي طلب بالرقم ده على رقمك. ابعتلي رقم الطلب زي ORD-12345 وأنا أتابعه معاك."
          : "I can't find that order on your number. Send me the order number (like ORD-12345) and I'll check."));
      return;
    }
    Order o = order.get();
    execution.setVariable(SalesVariables.ORDER_ID, o.id());
    execution.setVariable(SalesVariables.ORDER_STATUS, o.status());
    String product = ar ? o.productNameAr() : o.productNameEn();
    String status = switch (o.status()) {
      case "RESERVED" -> ar ? "مستني الدفع" : "awaiting payment";
      case "PAID" -> ar ? "اتدفع وبيتجهز للشحن" : "paid and being prepared for shipping";
      case "SHIPPED" -> ar ? "اتشحن مع Bosta" : "shipped with Bosta";
      case "DELIVERED" -> ar ? "اتسلّم" : "delivered";
      case "CANCELLED" -> ar ? "اتلغى" : "cancelled";
      default -> o.status();
    };
    String tracking = o.tracking() == null ? "" : (ar ? "\nرقم التتبع: " : "\nTracking number: ") + o.tracking();
    messages.send(execution, OutboundMessage.Text.of(ar
        ? "طلبك " + o.id() + " (" + product + "): " + status + "." + tracking
        : "Your order " + o.id() + " (" + product + "): " + status + "." + tracking));
  }

  private static String toWesternDigits(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      b.append(c >= '\u0660' && c <= '\u0669' ? (char) ('0' + c - '\u0660') : c);
    }
    return b.toString();
  }
}
