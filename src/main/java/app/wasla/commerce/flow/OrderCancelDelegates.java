package app.wasla.commerce.flow;

import static app.wasla.commerce.flow.SalesContext.say;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.channel.whatsapp.OutboundMessage.ListMessage;
import app.wasla.channel.whatsapp.OutboundMessage.ReplyButtons;
import app.wasla.commerce.booking.BookingAnswers;
import app.wasla.commerce.order.Order;
import app.wasla.commerce.order.Orders;
import app.wasla.commerce.payment.Payments;
import app.wasla.conversation.FlowMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The delegates of order-cancel: which order, "are you sure?", the cancellation. An order that is
 * neither paid nor shipped (awaiting payment, or confirmed for cash on delivery) is cancelled in
 * the backend (its reservation released or its units put back) and any open payment link for it
 * closed, as the payment expiry does; a paid or shipped order is not cancelled in chat: the
 * customer is offered a person.
 */
final class OrderCancelDelegates {

  /** What the flow does next: {@code none}, {@code choose}, {@code confirm}, {@code cannot}. */
  static final String STEP = "orderCancelStep";

  /** The answer read: {@code yes}, {@code no}, {@code pick}, {@code other}. */
  static final String ANSWER = "orderCancelAnswer";

  /** The order the customer picked from the list (its number). */
  static final String PICKED = "orderCancelPick";

  static final String BUTTON_PREFIX = "ocancel_";
  static final String YES = "ocancel_yes";
  static final String KEEP = "ocancel_keep";
  static final String PICK_PREFIX = "ocancel_pick:";

  /** The button that asks for a person, answered by the conversation's persona as a handoff. */
  static final String HUMAN = "menu_human";

  private OrderCancelDelegates() {}

  private static boolean cancellable(Order o) {
    return (Order.RESERVED.equals(o.status()) || Order.CONFIRMED.equals(o.status()))
        && o.tracking() == null;
  }

  private static String describe(DelegateExecution execution, Order o) {
    String product = SalesContext.form(execution) >= 2 ? o.productNameEn() : o.productNameAr();
    return o.id()
        + " ("
        + product
        + " × "
        + o.quantity()
        + ", "
        + SalesContext.money(execution, o.amountEgp())
        + ")";
  }

  /**
   * {@code ${findOrderToCancel}}: the order named (its number, a product of an open order, a row
   * picked), or the customer's only open order; several open orders and none named: a list to
   * choose from. Someone else's order number is not found, as in tracking.
   */
  @Component("findOrderToCancel")
  static class FindOrderToCancel implements JavaDelegate {
    private final Orders orders;
    private final OrderCancelRequests requests;
    private final FlowMessages messages;

    FindOrderToCancel(Orders orders, OrderCancelRequests requests, FlowMessages messages) {
      this.orders = orders;
      this.requests = requests;
      this.messages = messages;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String customer = SalesContext.customerId(execution);
      String picked = (String) execution.getVariable(PICKED);
      String replyId = SalesContext.replyId(execution);
      if (picked == null && replyId != null && replyId.startsWith(PICK_PREFIX)) {
        picked = replyId.substring(PICK_PREFIX.length());
      }
      if (picked == null && replyId != null && replyId.startsWith(YES + ":")) {
        picked = replyId.substring(YES.length() + 1);
      }
      String text = SalesContext.turnText(execution);
      String number = picked != null ? picked : OrderCancelRequests.orderNumber(text);
      Optional<Order> order;
      if (number != null) {
        Optional<Order> any = orders.find(number);
        order = any.filter(o -> customer.equals(o.customerId()));
        if (any.isPresent() && order.isEmpty()) {
          // on another phone number: said so, nothing of it told, a person offered
          execution.setVariable(STEP, "none");
          messages.send(
              execution,
              ReplyButtons.of(
                  TrackOrderDelegate.onAnotherNumber(execution, any.get().id()),
                  new ReplyButtons.Button(
                      HUMAN,
                      SalesContext.say(
                          execution,
                          "كلم موظف",
                          "تحدث مع موظف",
                          "Kalem 7ad",
                          "Talk to a person"))));
          return;
        }
        if (order.isEmpty()) {
          say(
              execution,
              "none",
              "مش لاقية طلب بالرقم ده على رقمك. ابعتلي رقم الطلب زي ORD-12345 وأنا أتابعه معاك.",
              "لم أجد طلباً بهذا الرقم على رقمك. أرسل لي رقم الطلب مثل ORD-12345 وسأتابعه معك.",
              "Msh la2ya order bel rakam da 3ala rakamak. Ab3atly rakam el order zay ORD-12345 w ana atabe3o ma3ak.",
              "I can't find that order on your number. Send me the order number (like ORD-12345) and I'll check.");
          return;
        }
      } else {
        List<Order> open = requests.open(customer);
        List<Order> named =
            OrderCancelRequests.named(open, OrderCancelRequests.tokens(text)).stream().toList();
        List<Order> candidates = named.isEmpty() ? open : named;
        List<Order> cancellable =
            candidates.stream().filter(OrderCancelDelegates::cancellable).toList();
        if (candidates.size() > 1 && cancellable.size() == 1 && named.isEmpty()) {
          // "cancel my order": of the open ones, only one can still be cancelled
          candidates = cancellable;
        }
        if (candidates.isEmpty()) {
          say(
              execution,
              "none",
              "مش لاقية طلب مفتوح على رقمك يتلغي.",
              "لا أجد طلباً مفتوحاً على رقمك لإلغائه.",
              "Msh la2ya order maftoo7 3ala rakamak yetlegh.",
              "I can't find an open order on your number to cancel.");
          return;
        }
        if (candidates.size() > 1) {
          offerChoice(execution, candidates);
          return;
        }
        order = Optional.of(candidates.get(0));
      }
      Order o = order.get();
      execution.setVariable(SalesVariables.ORDER_ID, o.id());
      execution.setVariable(SalesVariables.ORDER_STATUS, o.status());
      if (Order.CANCELLED.equals(o.status())) {
        say(
            execution,
            "none",
            "طلبك " + o.id() + " متلغي خلاص.",
            "الطلب " + o.id() + " ملغى بالفعل.",
            "El order " + o.id() + " metlaghy aslan.",
            "Order " + o.id() + " is already cancelled.");
        return;
      }
      if (!cancellable(o)) {
        cannot(execution, messages, o);
        return;
      }
      execution.setVariable(STEP, "confirm");
      messages.send(
          execution,
          ReplyButtons.of(
              SalesContext.say(
                  execution,
                  "متأكد إنك عايز تلغي طلب " + describe(execution, o) + "؟",
                  "هل أنت متأكد أنك تريد إلغاء الطلب " + describe(execution, o) + "؟",
                  "Enta met2aked enak 3ayez tlghy el order " + describe(execution, o) + "?",
                  "Are you sure you want to cancel order " + describe(execution, o) + "?"),
              new ReplyButtons.Button(
                  YES + ":" + o.id(),
                  SalesContext.say(
                      execution, "أيوه، الغيه", "نعم، ألغه", "Aywa, elghih", "Yes, cancel it")),
              new ReplyButtons.Button(
                  KEEP,
                  SalesContext.say(
                      execution, "لا، خليه", "لا، أبقه", "La2, khallih", "No, keep it"))));
    }

    private void offerChoice(DelegateExecution execution, List<Order> candidates) {
      List<ListMessage.Row> rows = new ArrayList<>();
      for (Order o : candidates.subList(0, Math.min(10, candidates.size()))) {
        String product = SalesContext.form(execution) >= 2 ? o.productNameEn() : o.productNameAr();
        rows.add(new ListMessage.Row(PICK_PREFIX + o.id(), o.id(), cut(product, 72)));
      }
      execution.setVariable(STEP, "choose");
      messages.send(
          execution,
          new ListMessage(
              SalesContext.say(
                  execution,
                  "عندك أكتر من طلب مفتوح. عايز تلغي أنهي واحد؟",
                  "لديك أكثر من طلب مفتوح. أيّها تريد إلغاءه؟",
                  "3andak aktar men order maftoo7. 3ayez tlghy anhy wa7ed?",
                  "You have more than one open order. Which one should I cancel?"),
              SalesContext.say(execution, "الطلبات", "الطلبات", "El orders", "Orders"),
              List.of(new ListMessage.Section(null, rows)),
              null,
              null));
    }

    private void say(
        DelegateExecution execution,
        String step,
        String egyptian,
        String msa,
        String arabizi,
        String english) {
      execution.setVariable(STEP, step);
      messages.send(
          execution,
          OutboundMessage.Text.of(SalesContext.say(execution, egyptian, msa, arabizi, english)));
    }
  }

  /** Paid or shipped: not cancelled in chat; a person offered. */
  static void cannot(DelegateExecution execution, FlowMessages messages, Order o) {
    execution.setVariable(STEP, "cannot");
    boolean shipped = o.tracking() != null || !Order.PAID.equals(o.status());
    messages.send(
        execution,
        ReplyButtons.of(
            shipped
                ? SalesContext.say(
                    execution,
                    "طلبك "
                        + o.id()
                        + " اتشحن خلاص، فمقدرش ألغيه من هنا من الشات. تحب أوصلك بحد من زمايلي يساعدك؟",
                    "طلبك "
                        + o.id()
                        + " تم شحنه بالفعل، لذا لا يمكنني إلغاؤه من المحادثة. هل تريد أن أوصلك بأحد الزملاء ليساعدك؟",
                    "El order "
                        + o.id()
                        + " etsha7an khalas, fa ma2darsh alghih men hena. T7eb awaslak b 7ad men zomaly?",
                    "Order "
                        + o.id()
                        + " has already shipped, so I can't cancel it here in chat. Would you like a colleague to help?")
                : SalesContext.say(
                    execution,
                    "طلبك "
                        + o.id()
                        + " اتدفع خلاص، فمقدرش ألغيه من هنا من الشات. تحب أوصلك بحد من زمايلي يساعدك؟",
                    "طلبك "
                        + o.id()
                        + " تم دفعه بالفعل، لذا لا يمكنني إلغاؤه من المحادثة. هل تريد أن أوصلك بأحد الزملاء ليساعدك؟",
                    "El order "
                        + o.id()
                        + " etdafa3 khalas, fa ma2darsh alghih men hena. T7eb awaslak b 7ad men zomaly?",
                    "Order "
                        + o.id()
                        + " is already paid, so I can't cancel it here in chat. Would you like a colleague to help?"),
            new ReplyButtons.Button(
                HUMAN,
                SalesContext.say(
                    execution, "كلم موظف", "تحدث مع موظف", "Akalem 7ad", "Talk to a person"))));
  }

  /**
   * {@code ${readOrderCancelAnswer}}: a tap on the flow's buttons or rows, an order number while
   * choosing, a yes or no while confirming; anything else is {@code other}.
   */
  @Component("readOrderCancelAnswer")
  static class ReadOrderCancelAnswer implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
      String replyId = SalesContext.replyId(execution);
      String text = SalesContext.turnText(execution);
      String step = (String) execution.getVariable(STEP);
      String answer = "other";
      if (replyId != null && replyId.startsWith(YES)) {
        if (replyId.startsWith(YES + ":")) {
          execution.setVariable(SalesVariables.ORDER_ID, replyId.substring(YES.length() + 1));
        }
        answer = "yes";
      } else if (KEEP.equals(replyId)) {
        answer = "no";
      } else if (replyId != null && replyId.startsWith(PICK_PREFIX)) {
        execution.setVariable(PICKED, replyId.substring(PICK_PREFIX.length()));
        answer = "pick";
      } else if (replyId == null && "choose".equals(step)) {
        String number = OrderCancelRequests.orderNumber(text);
        if (number != null) {
          execution.setVariable(PICKED, number);
          answer = "pick";
        }
      } else if (replyId == null && "confirm".equals(step)) {
        Boolean yes = BookingAnswers.yesOrNo(text);
        if (Boolean.FALSE.equals(yes)) {
          answer = "no";
        } else if (Boolean.TRUE.equals(yes) || BookingAnswers.cancelWord(text)) {
          answer = "yes";
        }
      }
      execution.setVariable(ANSWER, answer);
    }
  }

  /**
   * {@code ${cancelOrder}}: cancels the order in the backend, closes any open payment link of it,
   * and tells the customer; an order that was paid or shipped meanwhile is left as it is and a
   * person is offered.
   */
  @Component("cancelOrder")
  static class CancelOrder implements JavaDelegate {
    private final Orders orders;
    private final Payments payments;
    private final FlowMessages messages;

    CancelOrder(Orders orders, Payments payments, FlowMessages messages) {
      this.orders = orders;
      this.payments = payments;
      this.messages = messages;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String customer = SalesContext.customerId(execution);
      String orderId = (String) execution.getVariable(SalesVariables.ORDER_ID);
      Optional<Order> order =
          orderId == null
              ? Optional.empty()
              : orders.find(orderId).filter(o -> customer.equals(o.customerId()));
      if (order.isEmpty()) {
        execution.setVariable(SalesVariables.SALES_OUTCOME, "order_not_found");
        messages.send(
            execution,
            OutboundMessage.Text.of(
                SalesContext.say(
                    execution,
                    "مش لاقية الطلب ده على رقمك.",
                    "لم أجد هذا الطلب على رقمك.",
                    "Msh la2ya el order da 3ala rakamak.",
                    "I can't find that order on your number.")));
        return;
      }
      if (cancellable(order.get())) {
        payments.expireOpenFor(orderId);
        orders.cancel(orderId, "cancelled by the customer");
      }
      Order after = orders.find(orderId).orElse(order.get());
      execution.setVariable(SalesVariables.ORDER_STATUS, after.status());
      if (!Order.CANCELLED.equals(after.status())) {
        execution.setVariable(SalesVariables.SALES_OUTCOME, "order_not_cancelled");
        cannot(execution, messages, after);
        return;
      }
      execution.setVariable(SalesVariables.SALES_OUTCOME, "order_cancelled");
      messages.send(
          execution,
          OutboundMessage.Text.of(
              SalesContext.say(
                  execution,
                  "تمام، طلبك " + orderId + " اتلغى ✅ لو احتجت حاجة تانية أنا موجودة.",
                  "تم إلغاء طلبك " + orderId + " ✅ إن احتجت شيئاً آخر فأنا هنا.",
                  "Tamam, el order " + orderId + " etlagha ✅ Law e7tagt ay 7aga ana mawgooda.",
                  "Done: order "
                      + orderId
                      + " is cancelled ✅ Let me know if you need anything else.")));
    }
  }

  /** {@code ${keepOrder}}: the customer said no: the order stays as it is. */
  @Component("keepOrder")
  static class KeepOrder implements JavaDelegate {
    private final FlowMessages messages;

    KeepOrder(FlowMessages messages) {
      this.messages = messages;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String orderId = (String) execution.getVariable(SalesVariables.ORDER_ID);
      execution.setVariable(SalesVariables.SALES_OUTCOME, "order_kept");
      messages.send(
          execution,
          OutboundMessage.Text.of(
              SalesContext.say(
                  execution,
                  "تمام، طلبك " + orderId + " زي ما هو.",
                  "حسناً، طلبك " + orderId + " باقٍ كما هو.",
                  "Tamam, el order " + orderId + " zay ma howa.",
                  "OK, order " + orderId + " stays as it is.")));
    }
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
