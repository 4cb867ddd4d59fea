package app.wasla.commerce.flow;

import app.wasla.commerce.order.Order;
import app.wasla.commerce.order.Orders;
import app.wasla.commerce.shipment.ShipmentEvent;
import app.wasla.commerce.shipment.ShipmentEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${lookUpOrder}}: a flow's look-up of one of the customer's orders, sending nothing: the
 * order whose number the turn names (ORD-12345, 12345), else the customer's latest order that is
 * not cancelled (of their five latest). Another customer's number is treated as unknown. Writes
 * orderFound and, when found, orderId, orderStatus, orderProduct (in the customer's script),
 * orderAmountEgp and orderAgeDays (whole days since it was delivered, or since it was placed when
 * no delivery is recorded), orderCancellable (not shipped nor paid) and orderNamed (the number
 * named, found or not), for the flow's gateways and DMN tables.
 */
@Component("lookUpOrder")
class LookUpOrderDelegate implements JavaDelegate {

  static final String FOUND = "orderFound";
  static final String PRODUCT = "orderProduct";
  static final String AMOUNT_EGP = "orderAmountEgp";
  static final String AGE_DAYS = "orderAgeDays";

  /**
   * Not shipped and not paid (reserved, or confirmed for cash on delivery): it can be cancelled.
   */
  static final String CANCELLABLE = "orderCancellable";

  /** The order number the turn named (ORD-12345), or none: a "not found" names it. */
  static final String NAMED = "orderNamed";

  private static final Pattern ORDER_NUMBER = Pattern.compile("(?i)(?:ord)?[-#\\s]*(\\d{4,12})");

  private final Orders orders;
  private final ShipmentEvents shipments;
  private final Clock clock;

  LookUpOrderDelegate(Orders orders, ShipmentEvents shipments, Clock clock) {
    this.orders = orders;
    this.shipments = shipments;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Matcher m = ORDER_NUMBER.matcher(westernDigits(SalesContext.turnText(execution)));
    execution.setVariable(NAMED, m.find() ? "ORD-" + m.group(1) : null);
    Optional<Order> order = find(execution);
    execution.setVariable(FOUND, order.isPresent());
    if (order.isEmpty()) {
      return;
    }
    Order o = order.get();
    execution.setVariable(SalesVariables.ORDER_ID, o.id());
    execution.setVariable(SalesVariables.ORDER_STATUS, o.status());
    execution.setVariable(
        CANCELLABLE,
        (Order.RESERVED.equals(o.status()) || Order.CONFIRMED.equals(o.status()))
            && o.tracking() == null);
    execution.setVariable(
        PRODUCT, SalesContext.arabic(execution) ? o.productNameAr() : o.productNameEn());
    execution.setVariable(
        AMOUNT_EGP, o.amountEgp() == null ? 0L : SalesContext.wholeEgp(o.amountEgp()));
    Instant since =
        shipments
            .latest(o.id())
            .filter(e -> ShipmentEvent.DELIVERED.equals(e.kind()))
            .map(ShipmentEvent::occurredAt)
            .orElse(o.createdAt());
    long days =
        since == null ? 0L : Math.max(0L, Duration.between(since, clock.instant()).toDays());
    execution.setVariable(AGE_DAYS, days);
  }

  private Optional<Order> find(DelegateExecution execution) {
    String customer = SalesContext.customerId(execution);
    Matcher m = ORDER_NUMBER.matcher(westernDigits(SalesContext.turnText(execution)));
    if (m.find()) {
      return orders.find("ORD-" + m.group(1)).filter(o -> customer.equals(o.customerId()));
    }
    // the latest that still stands: a cancelled order is nothing to return, track or review
    return orders.forCustomer(customer, 5).stream()
        .filter(o -> !Order.CANCELLED.equals(o.status()))
        .findFirst();
  }

  private static String westernDigits(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (c >= '٠' && c <= '٩') {
        b.append((char) ('0' + (c - '٠')));
      } else if (c >= '۰' && c <= '۹') {
        b.append((char) ('0' + (c - '۰')));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
