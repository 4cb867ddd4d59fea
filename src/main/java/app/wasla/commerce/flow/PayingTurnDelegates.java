package app.wasla.commerce.flow;

import static app.wasla.commerce.flow.SalesContext.say;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.commerce.CommerceProperties;
import app.wasla.commerce.catalogue.Catalogue;
import app.wasla.commerce.catalogue.Product;
import app.wasla.commerce.order.CheckoutWords;
import app.wasla.commerce.order.Order;
import app.wasla.commerce.order.Orders;
import app.wasla.commerce.payment.Payments;
import app.wasla.conversation.ConversationVariables;
import app.wasla.conversation.FlowMessages;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The customer's turns while a payment link is open (order-and-pay's "Wait for payment"): cash on
 * delivery instead (the link given up, the reserved order confirmed like checkout does), where an
 * order is (answered at once), a product (offered, the link kept), a booking (the booking flow runs
 * inside the wait), another product ordered (the unpaid order given up for it), or anything else
 * (the persona answers); the customer is told that the link stays open.
 */
final class PayingTurnDelegates {

  /**
   * {@code payingChoice}: {@code cod} (switch to cash on delivery), {@code order} (another product
   * ordered instead), {@code answered} (already answered), {@code read} (for the persona); after
   * the persona: {@code product}, {@code booking}, {@code human}, {@code answered}; after a
   * booking: {@code again} (read the turn again).
   */
  static final String PAYING_CHOICE = "payingChoice";

  /** The product offered during the payment wait (its sku): what "تمام هاخده" then takes. */
  static final String OFFERED_WHILE_PAYING = "offeredWhilePaying";

  /** The product ordered instead of the unpaid order (its sku). */
  static final String ORDER_INSTEAD_SKU = "orderInsteadSku";

  /**
   * True while the booking flow runs inside the payment wait (an interrupting payment event leaves
   * it true).
   */
  static final String BOOKING_WHILE_PAYING = "bookingWhilePaying";

  /**
   * The turn a booking inside the payment wait ended on: that turn is not sent to the booking flow
   * again.
   */
  static final String BOOKING_WHILE_PAYING_TURN = "bookingWhilePayingTurn";

  /** The turn an order cancel inside the payment wait ended on: not sent to order-cancel again. */
  static final String CANCEL_WHILE_PAYING_TURN = "orderCancelWhilePayingTurn";

  /** The order awaiting payment, kept while order-cancel runs inside the wait. */
  static final String PAYING_ORDER_ID = "payingOrderId";

  private PayingTurnDelegates() {}

  /**
   * {@code ${payingTurn}}: before the persona reads the turn: "cash on delivery please" / "عايز
   * ادفع عند الاستلام" (or an earlier "Cash on delivery" button) gives up the link when the total
   * is within {@code checkout.cod-limit}; above it the customer hears the limit and the link stays
   * open. "Order now" of another product, or the product offered during this wait taken in words,
   * orders it instead of the unpaid order.
   */
  @Component("payingTurn")
  static class PayingTurn implements JavaDelegate {
    private final CheckoutDelegates.Checkout checkout;
    private final Payments payments;
    private final FlowMessages messages;
    private final CommerceProperties props;
    private final LookUpStockDelegate offers;
    private final Catalogue catalogue;
    private final OrderCancelRequests cancelRequests;

    PayingTurn(
        CheckoutDelegates.Checkout checkout,
        Payments payments,
        FlowMessages messages,
        CommerceProperties props,
        LookUpStockDelegate offers,
        Catalogue catalogue,
        OrderCancelRequests cancelRequests) {
      this.cancelRequests = cancelRequests;
      this.checkout = checkout;
      this.payments = payments;
      this.messages = messages;
      this.props = props;
      this.offers = offers;
      this.catalogue = catalogue;
    }

    @Override
    public void execute(DelegateExecution e) {
      e.setVariable(PAYING_CHOICE, choose(e));
    }

    private String choose(DelegateExecution e) {
      if (!Objects.equals(
              e.getVariable(ConversationVariables.TURN_SEQ),
              e.getVariable(CANCEL_WHILE_PAYING_TURN))
          && cancelRequests.asked(e)) {
        // "please cancel order ORD-12004", "الغي الاوردر", "momken tlghy el order": the
        // order-cancel
        // flow inside the wait ("are you sure?"), never a booking's cancellation nor an offer
        return "cancel";
      }
      if (cashInstead(e)) {
        return switchToCash(e);
      }
      String replyId = SalesContext.replyId(e);
      String ordered = (String) e.getVariable(SalesVariables.PRODUCT_SKU);
      if (replyId != null
          && (replyId.equals(SalesVariables.REPLY_ORDER)
              || replyId.startsWith(SalesVariables.REPLY_ORDER_PREFIX))) {
        Optional<Product> tapped = offers.tappedProduct(e);
        if (replyId.equals(SalesVariables.REPLY_ORDER)
            || tapped.isPresent() && tapped.get().sku().equals(ordered)) {
          // "Order now" of the product this link is for: the link is how to order it
          messages.send(e, OutboundMessage.Text.of(PayingTopic.stillOpen(e)));
          return "answered";
        }
        if (tapped.isEmpty()) {
          messages.send(
              e,
              OutboundMessage.Text.of(
                  say(
                          e,
                          "المنتج ده مبقاش موجود عندنا للأسف.",
                          "للأسف لم يعد هذا المنتج متوفراً لدينا.",
                          "Lel asaf el montag da mab2ash mawgood 3andena.",
                          "Sorry, we no longer sell that product.")
                      + "\n"
                      + PayingTopic.stillOpen(e)));
          return "answered";
        }
        return orderInstead(e, tapped.get(), null);
      }
      if (SalesVariables.REPLY_OTHER_PRODUCT.equals(replyId)) {
        messages.send(
            e,
            OutboundMessage.Text.of(
                say(
                    e,
                    "قولّي اسم المنتج اللي بتدور عليه وأنا أقولك سعره ومتوفر فين.",
                    "أخبرني باسم المنتج الذي تبحث عنه وسأخبرك بسعره وأين يتوفر.",
                    "2oly esm el montag elly btdawar 3aleh w a2olak se3ro w metwaffar fen.",
                    "Tell me which product you're looking for and I'll tell you its price and where it's in stock.")));
        return "answered";
      }
      String offered = (String) e.getVariable(OFFERED_WHILE_PAYING);
      String text = SalesContext.turnText(e);
      if (offered != null && replyId == null && CheckoutWords.takesOffer(text)) {
        List<Product> named = catalogue.search(text);
        if (named.isEmpty() || named.stream().anyMatch(p -> p.sku().equals(offered))) {
          Optional<Product> product = catalogue.product(offered);
          if (product.isPresent()) {
            return orderInstead(
                e, product.get(), CheckoutWords.quantity(text, product.get().names()));
          }
        }
      }
      if (replyId == null
          && text != null
          && !text.contains("[")
          && CheckoutWords.transferred(text)) {
        // "ana 7awelt el flos 3la vodafone cash": the receipt is what a person checks the payment
        // against; a photo or a PDF of it is then handed over ("payment receipt to confirm")
        String orderId = (String) e.getVariable(SalesVariables.ORDER_ID);
        messages.send(
            e,
            OutboundMessage.Text.of(
                say(
                    e,
                    "تمام، شكراً 🙏 ابعتلي صورة إيصال التحويل هنا (طلب "
                        + orderId
                        + ") وزميل من فريقنا هيراجع الدفع ويأكدلك.",
                    "شكراً لك 🙏 أرسل صورة إيصال التحويل هنا (طلب "
                        + orderId
                        + ") وسيراجع أحد زملائنا الدفع ويؤكده لك.",
                    "Tamam, shokran 🙏 ab3atly sorat e2sal el ta7weel hena (order "
                        + orderId
                        + ") w zameel mn el team hayraga3 el daf3 w y2akedlak.",
                    "Thank you 🙏 Send me a photo of the transfer receipt here (order "
                        + orderId
                        + ") and a colleague will check the payment and confirm it.")));
        return "answered";
      }
      return "read";
    }

    /**
     * Another product ordered while the link is open: in stock, it replaces the unpaid order; sold
     * out, offered.
     */
    private String orderInstead(DelegateExecution e, Product product, Integer quantity) {
      if (offers.inStock(product).isEmpty()) {
        offers.offer(e, product, null, PayingTopic.stillOpen(e));
        return "answered";
      }
      e.setVariable(ORDER_INSTEAD_SKU, product.sku());
      e.setVariable(SalesVariables.QUANTITY, quantity);
      return "order";
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
        messages.send(
            e,
            OutboundMessage.Text.of(
                say(
                    e,
                    "الدفع عند الاستلام متاح للطلبات لحد "
                        + SalesContext.money(e, props.checkout().codLimit())
                        + " بس. "
                        + PayingTopic.stillOpen(e),
                    "الدفع عند الاستلام متاح للطلبات حتى "
                        + SalesContext.money(e, props.checkout().codLimit())
                        + " فقط. "
                        + PayingTopic.stillOpen(e),
                    "El daf3 3and el estelam lel orders l7ad "
                        + SalesContext.money(e, props.checkout().codLimit())
                        + " bas. "
                        + PayingTopic.stillOpen(e),
                    "Cash on delivery is available for orders up to "
                        + SalesContext.money(e, props.checkout().codLimit())
                        + " only. "
                        + PayingTopic.stillOpen(e))));
        return "answered";
      }
      // the link is closed first, so a late payment on it is refused rather than charged twice
      payments.expire((String) e.getVariable(SalesVariables.PAYMENT_ID));
      e.setVariable(SalesVariables.PAYMENT_METHOD, "cod");
      messages.send(
          e,
          OutboundMessage.Text.of(
              say(
                  e,
                  "تمام، لغيت لينك الدفع وهتدفع عند الاستلام.",
                  "حسناً، ألغيت رابط الدفع وستدفع عند الاستلام.",
                  "Tamam, lagheit link el daf3 w hatedfa3 cash.",
                  "OK, I've cancelled the payment link; you'll pay in cash instead.")));
      return "cod";
    }
  }

  /**
   * {@code ${payingTopic}}: after the persona read the turn (leaving sales questions to the flows):
   * "where is my order?" is answered here; a product question goes to "Offer the product" ({@code
   * product}), a booking to the booking flow ({@code booking}); a question the persona answered
   * gets a line saying the link stays open.
   */
  @Component("payingTopic")
  static class PayingTopic implements JavaDelegate {
    private final FlowMessages messages;
    private final TrackOrderDelegate tracking;
    private final Catalogue catalogue;

    PayingTopic(FlowMessages messages, TrackOrderDelegate tracking, Catalogue catalogue) {
      this.messages = messages;
      this.tracking = tracking;
      this.catalogue = catalogue;
    }

    @Override
    public void execute(DelegateExecution e) {
      e.setVariable(PAYING_CHOICE, choose(e));
    }

    private String choose(DelegateExecution e) {
      if (Boolean.TRUE.equals(e.getVariable("handoff"))) {
        return "human";
      }
      String intent = (String) e.getVariable("intent");
      if ("order_status".equals(intent)) {
        TrackOrderDelegate.Tracked tracked = tracking.track(e);
        messages.send(
            e,
            TrackOrderDelegate.message(
                e, tracked.text() + "\n\n" + stillOpen(e), tracked.offerPerson()));
        return "answered";
      }
      boolean unanswered = Boolean.FALSE.equals(e.getVariable("personaAnswered"));
      if (intent != null
          && OfferTurnDelegate.BOOKING_INTENTS.contains(intent)
          && !Objects.equals(
              e.getVariable(ConversationVariables.TURN_SEQ),
              e.getVariable(BOOKING_WHILE_PAYING_TURN))) {
        return "booking";
      }
      if (intent != null && OfferTurnDelegate.PRODUCT_INTENTS.contains(intent) && unanswered) {
        String ordered = (String) e.getVariable(SalesVariables.PRODUCT_SKU);
        List<Product> named = catalogue.search(SalesContext.turnText(e));
        if (named.isEmpty() || named.stream().anyMatch(p -> !p.sku().equals(ordered))) {
          return "product";
        }
      }
      messages.send(e, OutboundMessage.Text.of(stillOpen(e)));
      return "answered";
    }

    /** "The payment link of ORD-… is still open: <url> (or cash on delivery)". */
    static String stillOpen(DelegateExecution e) {
      String orderId = (String) e.getVariable(SalesVariables.ORDER_ID);
      String url = (String) e.getVariable(SalesVariables.PAYMENT_URL);
      return say(
          e,
          "لينك الدفع لسه شغال لطلب " + orderId + ": " + url,
          "رابط الدفع ما زال مفتوحاً لطلب " + orderId + ": " + url,
          "Link el daf3 lessa shaghal l order " + orderId + ": " + url,
          "The payment link is still open for order " + orderId + ": " + url);
    }
  }

  /**
   * {@code ${offerWhilePaying}}: the product asked about while a link is open: price, stock and the
   * offer's buttons, with the open order's link and what ordering this one means (the unpaid order
   * is given up for it; to have both, pay the first, then order). No product named: which one, and
   * the link.
   */
  @Component("offerWhilePaying")
  static class OfferWhilePaying implements JavaDelegate {
    private final Catalogue catalogue;
    private final LookUpStockDelegate offers;
    private final FlowMessages messages;

    OfferWhilePaying(Catalogue catalogue, LookUpStockDelegate offers, FlowMessages messages) {
      this.catalogue = catalogue;
      this.offers = offers;
      this.messages = messages;
    }

    @Override
    public void execute(DelegateExecution e) {
      String ordered = (String) e.getVariable(SalesVariables.PRODUCT_SKU);
      List<Product> named = catalogue.search(SalesContext.turnText(e));
      Optional<Product> product = named.stream().filter(p -> !p.sku().equals(ordered)).findFirst();
      if (product.isEmpty()) {
        messages.send(
            e,
            OutboundMessage.Text.of(
                say(
                        e,
                        "قولّي اسم المنتج اللي بتدور عليه (مثلا: آيفون ١٥ أو ايربودز برو) وأنا أقولك سعره ومتوفر فين.",
                        "أخبرني باسم المنتج الذي تبحث عنه (مثلاً: آيفون ١٥ أو إيربودز برو) وسأخبرك بسعره وأين يتوفر.",
                        "2oly esm el montag elly btdawar 3aleh (masalan iPhone 15 aw AirPods Pro) w ana a2olak se3ro w"
                            + " metwaffar fen.",
                        "Tell me the product's name (for example iPhone 15 or AirPods Pro) and I'll tell you its price and"
                            + " where it's in stock.")
                    + "\n"
                    + PayingTopic.stillOpen(e)));
        return;
      }
      Product p = product.get();
      e.setVariable(OFFERED_WHILE_PAYING, p.sku());
      String orderId = (String) e.getVariable(SalesVariables.ORDER_ID);
      String url = (String) e.getVariable(SalesVariables.PAYMENT_URL);
      String name = SalesContext.productName(e, p);
      String note =
          say(
              e,
              "وطلبك "
                  + orderId
                  + " لسه محجوز ولينك الدفع بتاعه شغال: "
                  + url
                  + "\nلو طلبت "
                  + name
                  + " بداله هلغي طلب "
                  + orderId
                  + "؛ ولو عايز الاتنين ادفع "
                  + orderId
                  + " الأول وبعدين اطلب ده.",
              "وطلبك "
                  + orderId
                  + " ما زال محجوزاً ورابط دفعه مفتوح: "
                  + url
                  + "\nإذا طلبت "
                  + name
                  + " بدلاً منه سألغي الطلب "
                  + orderId
                  + "؛ وإن أردت الاثنين فادفع "
                  + orderId
                  + " أولاً ثم اطلب هذا.",
              "W el order "
                  + orderId
                  + " lessa ma7gooz w link el daf3 shaghal: "
                  + url
                  + "\nLaw talabt "
                  + name
                  + " badalo hal8y el order "
                  + orderId
                  + "; law 3ayez el etnein edfa3 "
                  + orderId
                  + " el awel w ba3deen"
                  + " otlob da.",
              "Your order "
                  + orderId
                  + " is still reserved and its payment link is open: "
                  + url
                  + "\nIf you order the "
                  + name
                  + " instead, I'll cancel order "
                  + orderId
                  + "; to have both, pay "
                  + orderId
                  + " first, then order this one.");
      offers.offer(e, p, null, note);
    }
  }

  /**
   * {@code ${afterBookingWhilePaying}}: the booking flow inside the payment wait ended. A person
   * asked for: the handoff ({@code human}); another sales topic it left (a product, an order,
   * tracking): the turn is read again as a turn of the payment wait ({@code again}); otherwise the
   * customer hears that the link stays open.
   */
  @Component("afterBookingWhilePaying")
  static class AfterBookingWhilePaying implements JavaDelegate {
    private final FlowMessages messages;

    AfterBookingWhilePaying(FlowMessages messages) {
      this.messages = messages;
    }

    @Override
    public void execute(DelegateExecution e) {
      e.setVariable(BOOKING_WHILE_PAYING_TURN, e.getVariable(ConversationVariables.TURN_SEQ));
      if (Boolean.TRUE.equals(e.getVariable("handoff"))) {
        e.setVariable(PAYING_CHOICE, "human");
        return;
      }
      if (SalesVariables.OUTCOME_TOPIC_CHANGED.equals(
          e.getVariable(SalesVariables.SALES_OUTCOME))) {
        e.setVariable(PAYING_CHOICE, "again");
        return;
      }
      messages.send(e, OutboundMessage.Text.of(PayingTopic.stillOpen(e)));
      e.setVariable(PAYING_CHOICE, "answered");
    }
  }

  /**
   * {@code ${afterOrderCancelWhilePaying}}: order-cancel inside the payment wait ended. The order
   * awaiting payment cancelled (its link closed by order-cancel): {@code cancelled}, the wait ends;
   * a person asked for: {@code human}; another topic answered in it: {@code again}; otherwise
   * (kept, another order cancelled or not cancellable) the link stays open: {@code answered}.
   */
  @Component("afterOrderCancelWhilePaying")
  static class AfterOrderCancelWhilePaying implements JavaDelegate {
    private final FlowMessages messages;
    private final Orders orders;

    AfterOrderCancelWhilePaying(FlowMessages messages, Orders orders) {
      this.messages = messages;
      this.orders = orders;
    }

    @Override
    public void execute(DelegateExecution e) {
      e.setVariable(CANCEL_WHILE_PAYING_TURN, e.getVariable(ConversationVariables.TURN_SEQ));
      String paying = (String) e.getVariable(PAYING_ORDER_ID);
      if (paying != null) {
        // order-cancel's own order (another one named) does not replace the order awaiting payment
        e.setVariable(SalesVariables.ORDER_ID, paying);
      }
      boolean cancelled =
          paying != null
              && orders.find(paying).map(o -> Order.CANCELLED.equals(o.status())).orElse(false);
      if (cancelled) {
        e.setVariable(SalesVariables.ORDER_STATUS, Order.CANCELLED);
        e.setVariable(PAYING_CHOICE, "cancelled");
        return;
      }
      if (Boolean.TRUE.equals(e.getVariable("handoff"))) {
        e.setVariable(PAYING_CHOICE, "human");
        return;
      }
      if (SalesVariables.OUTCOME_TOPIC_CHANGED.equals(
          e.getVariable(SalesVariables.SALES_OUTCOME))) {
        e.setVariable(PAYING_CHOICE, "again");
        return;
      }
      e.setVariable(
          SalesVariables.ORDER_STATUS,
          paying == null
              ? Order.RESERVED
              : orders.find(paying).map(Order::status).orElse(Order.RESERVED));
      messages.send(e, OutboundMessage.Text.of(PayingTopic.stillOpen(e)));
      e.setVariable(PAYING_CHOICE, "answered");
    }
  }

  /**
   * {@code ${giveUpUnpaidOrder}}: another product was ordered while the link was open: the link is
   * closed (a late payment on it is refused), the order cancelled and its stock released, the
   * customer told; the new product becomes the one checkout is for.
   */
  @Component("giveUpUnpaidOrder")
  static class GiveUpUnpaidOrder implements JavaDelegate {
    private final Orders orders;
    private final Payments payments;
    private final Catalogue catalogue;
    private final LookUpStockDelegate offers;
    private final FlowMessages messages;

    GiveUpUnpaidOrder(
        Orders orders,
        Payments payments,
        Catalogue catalogue,
        LookUpStockDelegate offers,
        FlowMessages messages) {
      this.orders = orders;
      this.payments = payments;
      this.catalogue = catalogue;
      this.offers = offers;
      this.messages = messages;
    }

    @Override
    public void execute(DelegateExecution e) {
      String orderId = (String) e.getVariable(SalesVariables.ORDER_ID);
      String oldName = (String) e.getVariable(SalesVariables.PRODUCT_NAME);
      payments.expire((String) e.getVariable(SalesVariables.PAYMENT_ID));
      orders.cancel(orderId, "another product ordered instead");
      Product product = catalogue.product((String) e.getVariable(ORDER_INSTEAD_SKU)).orElseThrow();
      Integer quantity =
          e.getVariable(SalesVariables.QUANTITY) instanceof Number n ? n.intValue() : null;
      offers.remember(e, product);
      e.setVariable(SalesVariables.QUANTITY, quantity);
      for (String name :
          List.of(
              SalesVariables.ORDER_ID,
              SalesVariables.PAYMENT_ID,
              SalesVariables.PAYMENT_URL,
              SalesVariables.ORDER_AMOUNT_EGP,
              SalesVariables.ORDER_TOTAL_EGP,
              OFFERED_WHILE_PAYING,
              ORDER_INSTEAD_SKU)) {
        e.setVariable(name, null);
      }
      e.setVariable(SalesVariables.ORDER_STATUS, Order.CANCELLED);
      String name = SalesContext.productName(e, product);
      messages.send(
          e,
          OutboundMessage.Text.of(
              say(
                  e,
                  "تمام، لغيت طلبك "
                      + orderId
                      + " ("
                      + oldName
                      + ") ولينك الدفع بتاعه، ورجّعت حجزه. نكمّل طلب "
                      + name
                      + ":",
                  "حسناً، ألغيت طلبك "
                      + orderId
                      + " ("
                      + oldName
                      + ") ورابط دفعه، وأعدت حجزه. لنكمل طلب "
                      + name
                      + ":",
                  "Tamam, lagheit el order "
                      + orderId
                      + " ("
                      + oldName
                      + ") w link el daf3 bta3o. Nkammel order "
                      + name
                      + ":",
                  "OK, I've cancelled order "
                      + orderId
                      + " ("
                      + oldName
                      + ") and its payment link, and released it. Now"
                      + " the "
                      + name
                      + ":")));
    }
  }
}
