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
 * {@code ${trackOrder}}: the status of the order the customer named (ORD-12345), or else of their
 * latest order. An order number of someone else's is treated as unknown: a chat must not leak
 * another's order.
 */
@Component("trackOrder")
class TrackOrderDelegate implements JavaDelegate {

  private static final Pattern ORDER_NUMBER = Pattern.compile("(?i)(?:ord)?[-#\\s]*(\\d{4,12})");

  private final Orders orders;
  private final FlowMessages messages;
  private final app.wasla.commerce.shipment.ShipmentEvents shipments;

  TrackOrderDelegate(
      Orders orders, FlowMessages messages, app.wasla.commerce.shipment.ShipmentEvents shipments) {
    this.orders = orders;
    this.messages = messages;
    this.shipments = shipments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Tracked tracked = track(execution);
    execution.setVariable(
        SalesVariables.ORDER_STATUS, tracked.order() == null ? null : tracked.order().status());
    if (tracked.order() != null) {
      execution.setVariable(SalesVariables.ORDER_ID, tracked.order().id());
    }
    messages.send(execution, OutboundMessage.Text.of(tracked.text()));
    if (tracked.order() != null) {
      // the courier's last known position, when the latest shipment event gave one
      shipments
          .latest(tracked.order().id())
          .filter(app.wasla.commerce.shipment.ShipmentEvent::located)
          .filter(e -> !app.wasla.commerce.shipment.ShipmentEvent.DELIVERED.equals(e.kind()))
          .ifPresent(
              e ->
                  messages.send(
                      execution,
                      new OutboundMessage.Location(
                          e.latitude(),
                          e.longitude(),
                          app.wasla.commerce.shipment.ShipmentTexts.courierPin(
                              SalesContext.form(execution)),
                          null)));
    }
  }

  /** A checkout of this conversation waits for an answer and has placed no order yet. */
  private static boolean checkoutUnderWay(DelegateExecution execution) {
    return execution.getVariable(SalesVariables.CHECKOUT_STEP) instanceof String
        && execution.getVariable(SalesVariables.ORDER_ID) == null;
  }

  /** The order asked about (null when none is found) and the answer to send. */
  record Tracked(Order order, String text) {}

  /**
   * The answer to a tracking question, without touching the flow's variables (an offer or checkout
   * may wait).
   */
  Tracked track(DelegateExecution execution) {
    String customer = SalesContext.customerId(execution);
    Matcher m = ORDER_NUMBER.matcher(toWesternDigits(SalesContext.turnText(execution)));
    boolean numbered = m.find();
    Optional<Order> order =
        numbered
            ? orders.find("ORD-" + m.group(1)).filter(o -> customer.equals(o.customerId()))
            : orders.forCustomer(customer, 1).stream().findFirst();
    if (order.isEmpty() && !numbered && checkoutUnderWay(execution)) {
      // "when will it arrive?" in the middle of checkout: this order is not placed yet
      return new Tracked(
          null,
          SalesContext.say(
              execution,
              "طلبك لسه ماتأكدش، فلسه مابدأش يتجهز. أول ما نكمّل الطلب ويتأكد بيوصل القاهرة والجيزة"
                  + " وإسكندرية خلال ١-٢ يوم عمل، والدلتا والقناة ٢-٣، والصعيد ٣-٥.",
              "لم يُؤكَّد طلبك بعد، لذا لم يبدأ تجهيزه. بعد إتمامه وتأكيده يصل إلى القاهرة والجيزة"
                  + " والإسكندرية خلال ١-٢ يوم عمل، والدلتا والقناة ٢-٣، والصعيد ٣-٥.",
              "El order lessa ma et2akkedsh, fa lessa mabada2sh yetgahez. Awel ma nkammel w yet2akked"
                  + " byewsal Cairo w Giza w Alex f 1-2 ayam shoghl, el Delta 2-3, el Sa3eed 3-5.",
              "Your order isn't placed yet, so nothing is on its way. Once we finish and it's"
                  + " confirmed, it takes 1-2 working days to Cairo, Giza and Alexandria, 2-3 to the"
                  + " Delta and Canal, 3-5 to Upper Egypt."));
    }
    if (order.isEmpty() && !numbered) {
      // no number given and no order on this phone: not "that number", which the customer never
      // sent
      return new Tracked(
          null,
          SalesContext.say(
              execution,
              "مش لاقية أي طلب على رقمك ده. ابعتلي رقم الطلب زي ORD-12345، أو الرقم اللي طلبت بيه،"
                  + " وأنا أتابعه معاك.",
              "لم أجد أي طلب على رقمك هذا. أرسل لي رقم الطلب مثل ORD-12345، أو رقم الهاتف الذي طلبت"
                  + " به، وسأتابعه معك.",
              "Msh la2ya ay order 3ala rakamak da. Ab3atly rakam el order zay ORD-12345, aw el rakam"
                  + " elly talabt beeh, w ana atabe3o ma3ak.",
              "I can't see any order on this phone number. Send me the order number (like ORD-12345),"
                  + " or the number you ordered with, and I'll check."));
    }
    if (order.isEmpty()) {
      return new Tracked(
          null,
          SalesContext.say(
              execution,
              "مش لاقية طلب بالرقم ده على رقمك. ابعتلي رقم الطلب زي ORD-12345 وأنا أتابعه معاك.",
              "لم أجد طلباً بهذا الرقم على رقمك. أرسل لي رقم الطلب مثل ORD-12345 وسأتابعه معك.",
              "Msh la2ya order bel rakam da 3ala rakamak. Ab3atly rakam el order zay ORD-12345 w ana atabe3o ma3ak.",
              "I can't find that order on your number. Send me the order number (like ORD-12345) and I'll check."));
    }
    Order o = order.get();
    boolean ar = arabic(execution);
    String product = ar ? o.productNameAr() : o.productNameEn();
    int form = SalesContext.form(execution);
    String status =
        switch (o.status()) {
          case "RESERVED" ->
              pick(form, "مستني الدفع", "بانتظار الدفع", "mestanni el daf3", "awaiting payment");
          case "PAID" ->
              pick(
                  form,
                  "اتدفع وبيتجهز للشحن",
                  "تم الدفع ويجري تجهيزه للشحن",
                  "etdafa3 w byetgahez lel sha7n",
                  "paid and being prepared for shipping");
          case "CONFIRMED" ->
              pick(
                  form,
                  "متأكد والدفع عند الاستلام، وبيتجهز",
                  "مؤكد والدفع عند الاستلام، ويجري تجهيزه",
                  "met2aked w el daf3 3and el estelam",
                  "confirmed, cash on delivery, being prepared");
          case "SHIPPED" ->
              pick(
                  form,
                  "اتشحن مع Bosta",
                  "تم شحنه مع Bosta",
                  "etsha7an ma3 Bosta",
                  "shipped with Bosta");
          case "DELIVERED" -> pick(form, "اتسلّم", "تم تسليمه", "etsallem", "delivered");
          case "CANCELLED" -> pick(form, "اتلغى", "أُلغي", "etlagha", "cancelled");
          default -> o.status();
        };
    java.util.Optional<app.wasla.commerce.shipment.ShipmentEvent> shipped =
        shipments.latest(o.id());
    String link = "";
    if (shipped.isPresent()) {
      // the business's latest shipment event says more than the order's status
      status = app.wasla.commerce.shipment.ShipmentTexts.status(shipped.get(), form);
      if (shipped.get().trackingUrl() != null) {
        link =
            "\n"
                + pick(
                    form,
                    "تتبّعه من هنا: ",
                    "تابعه من هنا: ",
                    "Tab3o men hena: ",
                    "Track it here: ")
                + shipped.get().trackingUrl();
      }
    }
    String tracking =
        o.tracking() == null
            ? ""
            : pick(
                    form,
                    "\nرقم التتبع: ",
                    "\nرقم التتبع: ",
                    "\nRakam el tatabo3: ",
                    "\nTracking number: ")
                + o.tracking();
    return new Tracked(
        o,
        pick(form, "طلبك ", "طلبك ", "El order ", "Your order ")
            + o.id()
            + " ("
            + product
            + "): "
            + status
            + "."
            + tracking
            + link);
  }

  private static String pick(
      int form, String egyptian, String msa, String arabizi, String english) {
    return switch (form) {
      case 1 -> msa;
      case 2 -> arabizi;
      case 3 -> english;
      default -> egyptian;
    };
  }

  private static String toWesternDigits(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      b.append(c >= '\u0660' && c <= '\u0669' ? (char) ('0' + c - '\u0660') : c);
    }
    return b.toString();
  }
}
