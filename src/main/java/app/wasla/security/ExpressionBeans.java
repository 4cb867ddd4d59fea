package app.wasla.security;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationContext;

/**
 * The beans an expression may name: Wasla's delegates and helpers that the flows in {@code
 * processes/} use (and {@code publishEvent}, which analysts add), plus {@code
 * wasla.security.expression-beans}. Every other bean (the environment, data sources, the engine's
 * services) is unknown to expressions. Looked up when first named, since the delegates need the
 * engine that this map is built for.
 */
final class ExpressionBeans extends AbstractMap<Object, Object> {

  static final List<String> WASLA =
      List.of(
          // persona and conversation
          "personaReply",
          "personaTurns",
          "salesTopics",
          // commerce
          "salesTurns",
          "loadSmartInfo",
          "lookUpStock",
          "placeOrder",
          "createPaymentLink",
          "confirmPayment",
          "paymentFailed",
          "remindPayment",
          "expireOrder",
          "trackOrder",
          "handOrderChange",
          "lookUpOrder",
          "orderCancelRequests",
          "findOrderToCancel",
          "readOrderCancelAnswer",
          "cancelOrder",
          "keepOrder",
          "findBooking",
          "rescheduleBooking",
          "cancelBooking",
          "commerceTimers",
          "returnTexts",
          // checkout (order-and-pay)
          "offerTurn",
          "offerTopic",
          "startCheckout",
          "checkoutAnswer",
          "checkoutResume",
          "confirmCashOnDelivery",
          "payingTurn",
          "payingTopic",
          "offerWhilePaying",
          "afterBookingWhilePaying",
          "afterOrderCancelWhilePaying",
          "giveUpUnpaidOrder",
          // booking
          "nextBookingStep",
          "readBookingAnswer",
          "bookingOtherTopic",
          "bookAppointment",
          "keepBooking",
          "sendBookingReminder",
          // handoff
          "handoffTaskListener",
          "handoffSla",
          "handoffOverdue",
          "handoffReminder",
          "refreshHandoff",
          "sendAgentReply",
          "handoffWithdrawal",
          "withdrawHandoff",
          // outbound webhooks
          "publishEvent",
          // a message of the flow's own
          "sendWhatsApp",
          // crm
          "tagCustomer",
          // marketing campaigns (campaign.bpmn)
          "selectAudience",
          "remindUnread",
          "closeCampaign");

  private final ApplicationContext context;
  private final Set<String> allowed;

  ExpressionBeans(ApplicationContext context, List<String> extra) {
    this.context = context;
    this.allowed = new TreeSet<>(WASLA);
    extra.stream().map(String::trim).filter(name -> !name.isEmpty()).forEach(allowed::add);
  }

  Set<String> names() {
    return Set.copyOf(allowed);
  }

  @Override
  public boolean containsKey(Object name) {
    return name instanceof String s && allowed.contains(s) && context.containsBean(s);
  }

  @Override
  public Object get(Object name) {
    return containsKey(name) ? context.getBean((String) name) : null;
  }

  @Override
  public Set<Entry<Object, Object>> entrySet() {
    Map<Object, Object> resolved = new LinkedHashMap<>();
    allowed.stream()
        .filter(this::containsKey)
        .forEach(name -> resolved.put(name, context.getBean(name)));
    return resolved.entrySet();
  }
}
