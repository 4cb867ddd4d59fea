package app.wasla.commerce.flow;

import static app.wasla.commerce.flow.SalesContext.arabic;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.commerce.order.Order;
import app.wasla.commerce.order.Orders;
import app.wasla.conversation.FlowMessages;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${trackOrder}}: the status of the order the customer named (ORD-12345), or else of their
 * latest order. An order number of someone else's is said to be on another number, nothing of it
 * told: a chat must not leak another's order.
 */
@Component("trackOrder")
class TrackOrderDelegate implements JavaDelegate {

  private static final Pattern ORDER_NUMBER = Pattern.compile("(?i)(?:ord)?[-#\\s]*(\\d{4,12})");

  private final Orders orders;
  private final FlowMessages messages;
  private final app.wasla.commerce.shipment.ShipmentEvents shipments;
  private final app.wasla.conversation.Transcript transcript;

  TrackOrderDelegate(
      Orders orders,
      FlowMessages messages,
      app.wasla.commerce.shipment.ShipmentEvents shipments,
      app.wasla.conversation.Transcript transcript) {
    this.orders = orders;
    this.messages = messages;
    this.shipments = shipments;
    this.transcript = transcript;
  }

  /** How many of the conversation's latest lines are read for the previous answer. */
  private static final int LOOKBACK = 6;

  /** How the answers to an order number not found begin, in every form. */
  private static final List<String> NOT_FOUND_OPENINGS =
      List.of(
          "مش لاقية طلب بالرقم ده",
          "لسه مش لاقية طلب بالرقم ده",
          "لم أجد طلباً بهذا الرقم",
          "ما زلت لا أجد طلباً بهذا الرقم",
          "Msh la2ya order bel rakam da",
          "Lessa msh la2ya order bel rakam da",
          "I can't find that order",
          "I still can't find that order");

  /**
   * The answer Wasla sent last in this conversation, before this turn, said that an order number
   * was not found: the customer is sending a wrong number again.
   */
  private boolean notFoundBefore(DelegateExecution execution) {
    String key = execution.getProcessBusinessKey();
    if (key == null) {
      return false;
    }
    List<app.wasla.conversation.Transcript.Line> lines = transcript.latest(key, LOOKBACK);
    for (int i = lines.size() - 1; i >= 0; i--) {
      app.wasla.conversation.Transcript.Line line = lines.get(i);
      if ("out".equals(line.direction()) && line.text() != null && !line.text().isBlank()) {
        String text = line.text().strip();
        return NOT_FOUND_OPENINGS.stream().anyMatch(text::startsWith);
      }
    }
    return false;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Tracked tracked = track(execution);
    execution.setVariable(
        SalesVariables.ORDER_STATUS, tracked.order() == null ? null : tracked.order().status());
    if (tracked.order() != null) {
      execution.setVariable(SalesVariables.ORDER_ID, tracked.order().id());
    }
    messages.send(execution, message(execution, tracked.text(), tracked.offerPerson()));
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

  /**
   * The answer as a message: with a "talk to a person" button when the answer offers one (an order
   * on another number, a number not found twice), else a text.
   */
  static OutboundMessage message(DelegateExecution execution, String text, boolean offerPerson) {
    return offerPerson
        ? OutboundMessage.ReplyButtons.of(
            text,
            new OutboundMessage.ReplyButtons.Button(
                HUMAN_BUTTON,
                SalesContext.say(
                    execution, "كلم موظف", "التحدث لموظف", "Akalem 7ad", "Talk to a person")))
        : OutboundMessage.Text.of(text);
  }

  /** A checkout of this conversation waits for an answer and has placed no order yet. */
  private static boolean checkoutUnderWay(DelegateExecution execution) {
    return execution.getVariable(SalesVariables.CHECKOUT_STEP) instanceof String
        && execution.getVariable(SalesVariables.ORDER_ID) == null;
  }

  /**
   * An existing order that is not on the customer's phone number: registered to another number, so
   * nothing of it is told here; a person can check it with the customer.
   */
  static String onAnotherNumber(DelegateExecution execution, String orderId) {
    return SalesContext.say(
        execution,
        "الطلب "
            + orderId
            + " متسجل على رقم تاني، فعشان الخصوصية مقدرش أقولك تفاصيله من هنا. لو الطلب بتاعك"
            + " وطلبته من رقم تاني، كلمني من الرقم ده، أو دوس \"كلم موظف\" وزميل يتأكد معاك.",
        "الطلب "
            + orderId
            + " مسجل على رقم هاتف آخر، لذا لا يمكنني مشاركة تفاصيله هنا حفاظاً على الخصوصية. إن كان"
            + " طلبك من رقم آخر فراسلنا منه، أو اختر \"التحدث لموظف\" ليتحقق معك أحد زملائي.",
        "El order "
            + orderId
            + " metsagel 3ala rakam tany, fa 3ashan el khososeya ma2darsh a2olak tafaseelo mn"
            + " hena. Law el order bta3ak w talabto mn rakam tany, kalemny mn el rakam da, aw dos"
            + " \"Akalem 7ad\" w zameel yet2aked ma3ak.",
        "Order "
            + orderId
            + " is registered to another number, so for privacy I can't share its details here."
            + " If it's yours and you ordered from another phone, message us from that number, or"
            + " tap \"Talk to a person\" and a colleague will check it with you.");
  }

  /** The reply id of the main menu's "talk to a person", which the persona reads as that. */
  private static final String HUMAN_BUTTON = "menu_human";

  /**
   * The order asked about (null when none is found), the answer to send, and whether a person is
   * offered beside it (a button).
   */
  record Tracked(Order order, String text, boolean offerPerson) {
    Tracked(Order order, String text) {
      this(order, text, false);
    }
  }

  /**
   * The answer to a tracking question, without touching the flow's variables (an offer or checkout
   * may wait).
   */
  Tracked track(DelegateExecution execution) {
    String customer = SalesContext.customerId(execution);
    Matcher m = ORDER_NUMBER.matcher(toWesternDigits(SalesContext.turnText(execution)));
    boolean numbered = m.find();
    Optional<Order> any = numbered ? orders.find("ORD-" + m.group(1)) : Optional.empty();
    Optional<Order> order =
        numbered
            ? any.filter(o -> customer.equals(o.customerId()))
            : orders.forCustomer(customer, 1).stream().findFirst();
    if (any.isPresent() && order.isEmpty()) {
      // the number is right but the order is on another phone: said so (never its details, for
      // privacy), and a person who can check who the customer is; never asked for the number again
      return new Tracked(null, onAnotherNumber(execution, any.get().id()), true);
    }
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
    boolean pickupAsked = PICKUP_TOPIC.equals(execution.getVariable(PERSONA_TOPIC));
    if (order.isEmpty() && !numbered && pickupAsked) {
      // "when can i pick it up?" with no order: how pickup works (the playbook's pickup passage
      // says the same), no time promised
      return new Tracked(
          null,
          SalesContext.say(
              execution,
              "مفيش طلب على رقمك لسه. تقدر تستلم طلبك بنفسك من فرع القاهرة (مدينة نصر) أو فرع"
                  + " إسكندرية (سموحة): اختار \"استلام من الفرع\" وانت بتطلب. بعد ما الطلب يتأكد"
                  + " بنجهزهولك، وبنبعتلك رسالة هنا أول ما يبقى جاهز تستلمه في مواعيد الفرع.",
              "لا يوجد طلب على رقمك بعد. يمكنك استلام طلبك بنفسك من فرع القاهرة (مدينة نصر) أو فرع"
                  + " الإسكندرية (سموحة): اختر \"استلام من الفرع\" عند الطلب. بعد تأكيد الطلب نجهزه"
                  + " ونرسل لك رسالة هنا فور أن يصبح جاهزاً للاستلام خلال مواعيد عمل الفرع.",
              "Mafish order 3ala rakamak lessa. Te2dar testelem el order bnafsak mn far3 el Kahera"
                  + " (Madinet Nasr) aw far3 Eskendereya (Smouha): ekhtar \"Estelam mn el far3\" w"
                  + " enta btotlob. Ba3d ma el order yet2akked bnghahzo w bnb3atlak message hena awel"
                  + " ma yeb2a gahez testelmo f mawa3ed el far3.",
              "There's no order on your number yet. You can collect an order yourself from our Cairo"
                  + " (Nasr City) or Alexandria (Smouha) branch: choose \"Pickup at a branch\" when"
                  + " you order. Once it's confirmed we prepare it and send you a message here as soon"
                  + " as it's ready to pick up during the branch's opening hours."));
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
    if (order.isEmpty() && notFoundBefore(execution)) {
      // a wrong number twice: where the number is, and a person to look for it with
      return new Tracked(
          null,
          SalesContext.say(
              execution,
              "لسه مش لاقية طلب بالرقم ده على رقمك. رقم الطلب بيبدأ بـ ORD- وهتلاقيه في رسالة التأكيد"
                  + " اللي بعتناهالك هنا لما طلبت. لو مش لاقيها، دوس \"كلم موظف\" وزميل يدور معاك.",
              "ما زلت لا أجد طلباً بهذا الرقم على رقمك. يبدأ رقم الطلب بـ ORD- وتجده في رسالة التأكيد"
                  + " التي أرسلناها إليك هنا عند الطلب. إذا لم تجدها، اختر \"التحدث لموظف\" ليبحث"
                  + " معك أحد زملائي.",
              "Lessa msh la2ya order bel rakam da 3ala rakamak. Rakam el order byebda2 b ORD- w"
                  + " hatla2ih f message el confirmation elly ba3atnahalak hena lama talabt. Law msh"
                  + " la2eha, dos \"Akalem 7ad\" w zameel ydawar ma3ak.",
              "I still can't find that order on your number. Order numbers start with ORD- and are"
                  + " in the confirmation message we sent you here when you ordered. If you can't find"
                  + " it, tap \"Talk to a person\" and a colleague will look it up with you."),
          true);
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
                  "اتأكد والدفع عند الاستلام، وبيتجهز",
                  "مؤكد والدفع عند الاستلام، ويجري تجهيزه",
                  "et2akked w el daf3 3and el estelam",
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
            + link
            + (pickupAsked && shipped.isEmpty() ? pickupNote(execution, o, form) : ""));
  }

  /** The conversation's variable of the topic the persona read the turn as. */
  private static final String PERSONA_TOPIC = "personaTopic";

  /** The persona's topic of "when can i pick it up?". */
  private static final String PICKUP_TOPIC = "pickup";

  /**
   * "when can i pick it up?" of an order to be picked up at a branch (this conversation's checkout
   * chose pickup at the order's branch) and not yet handed over: it is being prepared and a message
   * comes when it is ready; no time is promised. Nothing for an order to be delivered, or one
   * picked up or cancelled.
   */
  private static String pickupNote(DelegateExecution execution, Order o, int form) {
    boolean pickup =
        "pickup".equals(execution.getVariable(SalesVariables.FULFILMENT))
            && o.branchCode() != null
            && (!(execution.getVariable(SalesVariables.PICKUP_BRANCH) instanceof String b)
                || b.equals(o.branchCode()));
    boolean waiting =
        Order.RESERVED.equals(o.status())
            || Order.PAID.equals(o.status())
            || Order.CONFIRMED.equals(o.status());
    if (!pickup || !waiting) {
      return "";
    }
    boolean alex = "ALX".equals(o.branchCode());
    String branch =
        form < 2
            ? (alex ? "إسكندرية (سموحة)" : "القاهرة (مدينة نصر)")
            : (alex ? "Alexandria (Smouha)" : "Cairo (Nasr City)");
    boolean unpaid = Order.RESERVED.equals(o.status());
    return "\n"
        + pick(
            form,
            (unpaid ? "أول ما الدفع يوصلنا بنجهزهولك" : "بنجهزهولك دلوقتي")
                + "، وهنبعتلك رسالة هنا أول ما يبقى جاهز تستلمه من فرع "
                + branch
                + " في مواعيد الفرع.",
            (unpaid ? "بعد وصول الدفع نقوم بتجهيزه" : "نقوم بتجهيزه الآن")
                + "، وسنرسل لك رسالة هنا فور أن يصبح جاهزاً للاستلام من فرع "
                + branch
                + " خلال مواعيد عمل الفرع.",
            (unpaid ? "Awel ma el daf3 yewsalna bnghahzo" : "Bnghahzo delwa2ty")
                + ", w hanb3atlak message hena awel ma yeb2a gahez testelmo mn far3 "
                + branch
                + " f mawa3ed el far3.",
            (unpaid ? "We prepare it once the payment comes through" : "We're preparing it now")
                + ", and we'll send you a message here as soon as it's ready to pick up at our "
                + branch
                + " branch, during its opening hours.");
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
