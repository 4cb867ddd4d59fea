package app.wasla.commerce.flow;

import static app.wasla.commerce.flow.SalesContext.say;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.commerce.CommerceProperties;
import app.wasla.commerce.order.CheckoutWords;
import app.wasla.commerce.payment.Payments;
import app.wasla.conversation.FlowMessages;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The customer's turns while a payment link is open (order-and-pay's "Wait for payment"): cash on delivery instead
 * (the link given up, the reserved order confirmed like checkout does), where an order is (answered at once), or
 * anything else (the persona answers); the customer is told that the link stays open.
 */
final class PayingTurnDelegates {

  /** {@code payingChoice}: {@code cod} (switch to cash on delivery), {@code answered} (already answered), or
   * {@code read} (for the persona). */
  static final String PAYING_CHOICE = "payingChoice";

  private PayingTurnDelegates() {
  }

  /**
   * {@code ${payingTurn}}: before the persona reads the turn: "cash on delivery please" / "عايز ادفع عند الاستلام" (or
   * an earlier "Cash on delivery" button) gives up the link when the total is within {@code checkout.cod-limit}; above
   * it the customer hears the limit and the link stays open.
   */
  @Component("payingTurn")
  static class PayingTurn implements JavaDelegate {
    private final CheckoutDelegates.Checkout checkout;
    private final Payments payments;
    private final FlowMessages messages;
    private final CommerceProperties props;

    PayingTurn(CheckoutDelegates.Checkout checkout, Payments payments, FlowMessages messages,
        CommerceProperties props) {
      this.checkout = checkout;
      this.payments = payments;
      this.messages = messages;
      this.props = props;
    }

    @Override
    public void execute(DelegateExecution e) {
      e.setVariable(PAYING_CHOICE, cashInstead(e) ? switchToCash(e) : "read");
    }

    private static boolean cashInstead(DelegateExecution e) {
      String replyId = SalesContext.replyId(e);
      if (replyId != null) {
        return SalesVariables.REPLY_PAY_COD.equals(replyId);
      }
      String text = SalesContext.turnText(e);
      boolean question = text.contains("?") || text.contains("؟");
      return !question && CheckoutWords.cashOnDelivery(text);
    }

    private String switchToCash(DelegateExecution e) {
      if (!checkout.cashAllowed(e)) {
        messages.send(e, OutboundMessage.Text.of(say(e,
            "الدفع عند الاستلام متاح للطلبات لحد " + SalesContext.money(e, props.checkout().codLimit())
                + " بس. " + PayingTopic.stillOpen(e),
            "الدفع عند الاستلام متاح للطلبات حتى " + SalesContext.money(e, props.checkout().codLimit())
                + " فقط. " + PayingTopic.stillOpen(e),
            "El daf3 3and el estelam lel orders l7ad " + SalesContext.money(e, props.checkout().codLimit())
                + " bas. " + PayingTopic.stillOpen(e),
            "Cash on delivery is available for orders up to " + SalesContext.money(e, props.checkout().codLimit())
                + " only. " + PayingTopic.stillOpen(e))));
        return "answered";
      }
      // the link is closed first, so a late payment on it is refused rather than charged twice
      payments.expire((String) e.getVariable(SalesVariables.PAYMENT_ID));
      e.setVariable(SalesVariables.PAYMENT_METHOD, "cod");
      messages.send(e, OutboundMessage.Text.of(say(e,
          "تمام، لغيت لينك الدفع وهتدفع عند الاستلام.",
          "حسناً، ألغيت رابط الدفع وستدفع عند الاستلام.",
          "Tamam, lagheit link el daf3 w hatedfa3 cash.",
          "OK, I've cancelled the payment link; you'll pay in cash instead.")));
      return "cod";
    }
  }

  /**
   * {@code ${payingTopic}}: after the persona read the turn (leaving sales questions to the flows): "where is my
   * order?" is answered here; a question the persona answered gets a line saying the link stays open; a sales topic
   * it left (a booking, another product) is told to wait until this order is paid or switched to cash.
   */
  @Component("payingTopic")
  static class PayingTopic implements JavaDelegate {
    private final FlowMessages messages;
    private final TrackOrderDelegate tracking;

    PayingTopic(FlowMessages messages, TrackOrderDelegate tracking) {
      this.messages = messages;
      this.tracking = tracking;
    }

    @Override
    public void execute(DelegateExecution e) {
      if (Boolean.TRUE.equals(e.getVariable("handoff"))) {
        return;
      }
      String intent = (String) e.getVariable("intent");
      if ("order_status".equals(intent)) {
        messages.send(e, OutboundMessage.Text.of(tracking.track(e).text() + "\n\n" + stillOpen(e)));
        return;
      }
      if (Boolean.FALSE.equals(e.getVariable("personaAnswered"))) {
        messages.send(e, OutboundMessage.Text.of(say(e,
            "خلّينا نخلص طلبك الأول: ",
            "لننهِ طلبك أولاً: ",
            "Khalina nkhallas el order el awel: ",
            "Let's finish your order first: ") + stillOpen(e) + " " + say(e,
            "وبعدها اسألني تاني وأنا معاك.",
            "وبعدها اسألني مجدداً وسأساعدك.",
            "W ba3daha es2alny tany w ana m3ak.",
            "Then ask me again and I'll help.")));
        return;
      }
      messages.send(e, OutboundMessage.Text.of(stillOpen(e)));
    }

    /** "The payment link of ORD-… is still open: <url> (or cash on delivery)". */
    static String stillOpen(DelegateExecution e) {
      String orderId = (String) e.getVariable(SalesVariables.ORDER_ID);
      String url = (String) e.getVariable(SalesVariables.PAYMENT_URL);
      return say(e,
          "لينك الدفع لسه شغال لطلب " + orderId + ": " + url,
          "رابط الدفع ما زال مفتوحاً لطلب " + orderId + ": " + url,
          "Link el daf3 lessa shaghal l order " + orderId + ": " + url,
          "The payment link is still open for order " + orderId + ": " + url);
    }
  }
}
