package app.wasla.commerce.flow;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.conversation.FlowMessages;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${handOrderChange}}: a change asked to a placed order (its quantity, delivery day or time,
 * address, an item) after its status was told: a person makes it. The customer hears that the
 * request goes to a colleague; the handoff's reason carries the order number and the customer's
 * words ({@code order change ORD-12007: "..."}), which the routing table sends where order matters
 * go.
 */
@Component("handOrderChange")
class OrderChangeDelegate implements JavaDelegate {

  /** How the handoff reason of an order change starts (handoff-routing.dmn matches it). */
  static final String REASON = "order change";

  private final FlowMessages messages;

  OrderChangeDelegate(FlowMessages messages) {
    this.messages = messages;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String order = String.valueOf(execution.getVariable(SalesVariables.ORDER_ID));
    messages.send(
        execution,
        OutboundMessage.Text.of(
            SalesContext.say(
                execution,
                "وبالنسبة للتعديل على طلب "
                    + order
                    + ": بلّغت زميل من فريق الطلبات بطلبك، وهو اللي هيعدّله ويأكدهولك هنا 🙏",
                "وبخصوص تعديل الطلب "
                    + order
                    + ": أبلغت زميلاً من فريق الطلبات بطلبك، وسيعدّله ويؤكده لك هنا 🙏",
                "W bel nesba lel ta3deel 3ala el order "
                    + order
                    + ": ballaght zameel mn team el orders, w howa elly hay3addelo w ye2akkedholak"
                    + " hena 🙏",
                "About changing order "
                    + order
                    + ": I've passed your request to a colleague from the orders team, who will make"
                    + " the change and confirm it with you here 🙏")));
    String words = SalesContext.turnText(execution).strip().replaceAll("\\s+", " ");
    execution.setVariable("handoff", true);
    execution.setVariable(
        "handoffReason",
        REASON
            + " "
            + order
            + ": \""
            + (words.length() <= 300 ? words : words.substring(0, 299) + "…")
            + "\"");
    execution.setVariable(SalesVariables.SALES_OUTCOME, "order_change");
  }
}
