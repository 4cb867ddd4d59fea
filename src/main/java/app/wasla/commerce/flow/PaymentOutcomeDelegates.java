package app.wasla.commerce.flow;

import static app.wasla.commerce.flow.SalesContext.say;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.commerce.invoice.Invoice;
import app.wasla.commerce.invoice.Invoices;
import app.wasla.commerce.order.Order;
import app.wasla.commerce.order.Orders;
import app.wasla.commerce.payment.Payments;
import app.wasla.conversation.FlowMessages;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** The delegates of the payment wait's outcomes: paid, failed, reminder, expired. */
final class PaymentOutcomeDelegates {

  private PaymentOutcomeDelegates() {}

  /** Published when an order is paid, for outbound webhooks and the CRM. */
  public record OrderPaid(
      String conversationKey, String orderId, String paymentId, long amountEgp) {}

  /**
   * A booking the customer was making inside the payment wait, ended by the payment's outcome
   * before it was booked: a line telling how to go on (empty when there was none); the flag is
   * cleared.
   */
  static String bookingLeft(DelegateExecution execution) {
    if (!Boolean.TRUE.equals(execution.getVariable(PayingTurnDelegates.BOOKING_WHILE_PAYING))) {
      return "";
    }
    execution.setVariable(PayingTurnDelegates.BOOKING_WHILE_PAYING, false);
    return "\n"
        + say(
            execution,
            "ميعادك لسه ما اتحجزش: ابعتلي \"عايز احجز ميعاد\" ونكمّل الحجز.",
            "لم يُحجز موعدك بعد: أرسل لي \"أريد حجز موعد\" لنكمل الحجز.",
            "El ma3ad lessa ma et7agazsh: ab3atly \"3ayez a7gez ma3ad\" w nkammel el 7agz.",
            "Your appointment isn't booked yet: send me \"book an appointment\" and we'll carry on.");
  }

  /**
   * {@code ${confirmPayment}}: the order becomes paid in the backend; the customer gets a
   * confirmation, then the invoice as a PDF document (in Arabic for Arabic-script customers, else
   * in English; kept once per order, {@code commerce/invoice}).
   */
  @Component("confirmPayment")
  static class ConfirmPayment implements JavaDelegate {
    private final Orders orders;
    private final FlowMessages messages;
    private final ApplicationEventPublisher events;
    private final SalesEvents sales;
    private final Invoices invoices;
    private final Payments payments;
    private final Clock clock;
    private final LookUpStockDelegate stock;

    ConfirmPayment(
        Orders orders,
        FlowMessages messages,
        ApplicationEventPublisher events,
        SalesEvents sales,
        Invoices invoices,
        Payments payments,
        Clock clock,
        LookUpStockDelegate stock) {
      this.stock = stock;
      this.orders = orders;
      this.messages = messages;
      this.events = events;
      this.sales = sales;
      this.invoices = invoices;
      this.payments = payments;
      this.clock = clock;
    }

    /** Keeps the paid order's invoice and sends it as a PDF document. */
    private void sendInvoice(DelegateExecution execution, Order order, String paymentId) {
      BigDecimal fee =
          execution.getVariable(SalesVariables.DELIVERY_FEE_EGP) instanceof Number n
              ? BigDecimal.valueOf(n.longValue())
              : BigDecimal.ZERO;
      int quantity = Math.max(1, order.quantity());
      Invoice invoice =
          new Invoice(
              order.id(),
              order.customerId(),
              execution.getProcessBusinessKey(),
              SalesContext.arabic(execution) ? "ar" : "en",
              clock.instant(),
              List.of(
                  new Invoice.Line(
                      order.sku(),
                      order.productNameEn(),
                      order.productNameAr(),
                      quantity,
                      order
                          .amountEgp()
                          .divide(BigDecimal.valueOf(quantity), 2, RoundingMode.HALF_UP))),
              fee,
              order.amountEgp().add(fee),
              "online",
              paymentId == null
                  ? null
                  : payments.find(paymentId).map(Payments.Payment::provider).orElse(null));
      String link = invoices.issue(invoice);
      messages.send(
          execution,
          new OutboundMessage.Document(
              link,
              null,
              invoice.filename(),
              say(
                  execution,
                  "فاتورة طلبك " + order.id(),
                  "فاتورة طلبك " + order.id(),
                  "Fatoret el order " + order.id(),
                  "Invoice for order " + order.id())));
    }

    @Override
    public void execute(DelegateExecution execution) {
      String orderId = (String) execution.getVariable(SalesVariables.ORDER_ID);
      String paymentId = (String) execution.getVariable(SalesVariables.PAYMENT_ID);
      Order order = orders.markPaid(orderId, paymentId);
      execution.setVariable(SalesVariables.ORDER_STATUS, order.status());
      execution.setVariable(SalesVariables.SALES_OUTCOME, "paid");
      sales.paymentSucceeded(execution, orderId, paymentId, order.amountEgp());
      boolean pickup = "pickup".equals(execution.getVariable(SalesVariables.FULFILMENT));
      String confirmed =
          pickup
              // a pickup is not shipped: it waits at the branch the customer chose
              ? say(
                  execution,
                  "وصلنا الدفع، شكرا! طلبك "
                      + orderId
                      + " اتأكد، وهنبعتلك أول ما يبقى جاهز تستلمه من الفرع.",
                  "وصلنا الدفع، شكراً لك! طلبك "
                      + orderId
                      + " مؤكد، وسنراسلك فور تجهيزه للاستلام من الفرع.",
                  "Wasalna el daf3, shokran! El order "
                      + orderId
                      + " et2akked, w hanb3atlak awel ma yeb2a gahez testelmo men el far3.",
                  "Payment received, thank you! Order "
                      + orderId
                      + " is confirmed; we'll message you as soon as it's ready for pickup at the"
                      + " branch.")
              : say(
                  execution,
                  "وصلنا الدفع، شكرا! طلبك "
                      + orderId
                      + " اتأكد وهنجهزه للشحن، وهيوصلك رقم التتبع أول ما يتشحن.",
                  "وصلنا الدفع، شكراً لك! طلبك "
                      + orderId
                      + " مؤكد وسنجهزه للشحن، وسيصلك رقم التتبع فور شحنه.",
                  "Wasalna el daf3, shokran! El order "
                      + orderId
                      + " et2akked w hanghahzo lel sha7n, w hayewsalak rakam"
                      + " el tatabo3 awel ma yetsha7an.",
                  "Payment received, thank you! Order "
                      + orderId
                      + " is confirmed; you'll get the tracking number as soon as it ships.");
      messages.send(execution, OutboundMessage.Text.of(confirmed + bookingLeft(execution)));
      sendInvoice(execution, order, paymentId);
      stock.offerNext(execution); // "I'll take both": the second order starts now
      events.publishEvent(
          new OrderPaid(
              execution.getProcessBusinessKey(),
              orderId,
              paymentId,
              ((Number) execution.getVariable(SalesVariables.ORDER_AMOUNT_EGP)).longValue()));
    }
  }

  /**
   * {@code ${paymentFailed}}: the order is cancelled (stock released) and checkout asks again how
   * to pay: cash on delivery (within the limit), a new link, or instalments; choosing one places
   * the order again.
   */
  @Component("paymentFailed")
  static class PaymentFailed implements JavaDelegate {
    private final Orders orders;
    private final SalesEvents sales;
    private final CheckoutDelegates.Checkout checkout;
    private final FlowMessages messages;

    PaymentFailed(
        Orders orders,
        SalesEvents sales,
        CheckoutDelegates.Checkout checkout,
        FlowMessages messages) {
      this.orders = orders;
      this.sales = sales;
      this.checkout = checkout;
      this.messages = messages;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String orderId = (String) execution.getVariable(SalesVariables.ORDER_ID);
      orders.cancel(orderId, "payment failed");
      execution.setVariable(SalesVariables.ORDER_STATUS, Order.CANCELLED);
      execution.setVariable(SalesVariables.SALES_OUTCOME, "failed");
      execution.setVariable(SalesVariables.PAYMENT_METHOD, null);
      sales.paymentFailed(
          execution, orderId, (String) execution.getVariable(SalesVariables.PAYMENT_ID));
      String booking = bookingLeft(execution);
      if (!booking.isEmpty()) {
        messages.send(execution, OutboundMessage.Text.of(booking.strip()));
      }
      boolean cash = checkout.cashAllowed(execution);
      checkout.ask(
          execution,
          CheckoutDelegates.STEP_PAYMENT,
          SalesContext.say(
              execution,
              "الدفع ما تمّش للأسف، ومفيش أي مبلغ اتخصم."
                  + (cash ? " تقدر تدفع عند الاستلام أو تجرب تاني." : ""),
              "لم تتم عملية الدفع للأسف، ولم يُخصم أي مبلغ."
                  + (cash ? " يمكنك الدفع عند الاستلام أو المحاولة مرة أخرى." : ""),
              "El daf3 ma tammesh lel asaf, w mafeesh ay mablagh et5asam."
                  + (cash ? " Te2dar tedfa3 3and el estelam aw tgarrab" + " tany." : ""),
              "The payment didn't go through and nothing was charged."
                  + (cash ? " You can pay cash on delivery or try" + " again." : "")));
    }
  }

  /** {@code ${remindPayment}}: one reminder with the same link. */
  @Component("remindPayment")
  static class RemindPayment implements JavaDelegate {
    private final FlowMessages messages;

    RemindPayment(FlowMessages messages) {
      this.messages = messages;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String url = (String) execution.getVariable(SalesVariables.PAYMENT_URL);
      messages.send(
          execution,
          new OutboundMessage.Text(
              say(
                  execution,
                  "فكرتك بس إن طلبك لسه محجوزلك. تقدر تدفع من هنا:\n" + url,
                  "للتذكير فقط: طلبك ما زال محجوزاً لك. يمكنك الدفع من هنا:\n" + url,
                  "Bafakarak bas en el order lessa ma7gooz lak. Te2dar tedfa3 mn hena:\n" + url,
                  "Just a reminder: your order is still reserved. You can pay here:\n" + url),
              true));
    }
  }

  /**
   * {@code ${expireOrder}}: nobody paid in time: the order is cancelled, its stock released, the
   * link closed.
   */
  @Component("expireOrder")
  static class ExpireOrder implements JavaDelegate {
    private final Orders orders;
    private final Payments payments;
    private final FlowMessages messages;

    ExpireOrder(Orders orders, Payments payments, FlowMessages messages) {
      this.orders = orders;
      this.payments = payments;
      this.messages = messages;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String orderId = (String) execution.getVariable(SalesVariables.ORDER_ID);
      payments.expire((String) execution.getVariable(SalesVariables.PAYMENT_ID));
      orders.cancel(orderId, "payment expired");
      execution.setVariable(SalesVariables.ORDER_STATUS, Order.CANCELLED);
      execution.setVariable(SalesVariables.SALES_OUTCOME, "expired");
      messages.send(
          execution,
          OutboundMessage.Text.of(
              say(
                      execution,
                      "لينك الدفع انتهى والحجز اتلغى. لو لسه عايزه ابعتلي وأنا أحجزهولك تاني.",
                      "انتهت صلاحية رابط الدفع وأُلغي الحجز. إن كنت ما زلت تريده راسلني وسأحجزه لك مجدداً.",
                      "Link el daf3 5eles w el 7agz etlagha. Law lessa 3ayzo ab3atly w a7gezholak tany.",
                      "The payment link has expired and the reservation was released. Message me if you still want it.")
                  + bookingLeft(execution)));
    }
  }
}
