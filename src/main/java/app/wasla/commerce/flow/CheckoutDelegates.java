package app.wasla.commerce.flow;

import static app.wasla.commerce.flow.SalesContext.say;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.channel.whatsapp.OutboundMessage.ListMessage;
import app.wasla.channel.whatsapp.OutboundMessage.ReplyButtons;
import app.wasla.channel.whatsapp.OutboundMessage.ReplyButtons.Button;
import app.wasla.commerce.CommerceProperties;
import app.wasla.commerce.catalogue.Catalogue;
import app.wasla.commerce.catalogue.Product;
import app.wasla.commerce.catalogue.StockLevel;
import app.wasla.commerce.order.CheckoutWords;
import app.wasla.commerce.order.DeliveryZones;
import app.wasla.commerce.order.Order;
import app.wasla.commerce.order.Orders;
import app.wasla.conversation.FlowMessages;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The checkout of order-and-pay: quantity, delivery (an address in words or a shared location; the
 * fee by zone, free above the threshold) or pickup at a branch that has the quantity, a summary to
 * confirm, then how to pay (online, cash on delivery within the limit, instalments with a person).
 * It fills these in any order: each turn's answer is applied (a button tapped on an earlier
 * question sets what that question asked) and the first thing still missing is asked. What it
 * cannot read goes to the persona, and the question is asked again after its answer.
 */
final class CheckoutDelegates {

  static final String STEP_QUANTITY = "quantity";
  static final String STEP_FULFILMENT = "fulfilment";
  static final String STEP_ADDRESS = "address";
  static final String STEP_ZONE = "zone";
  static final String STEP_BRANCH = "branch";
  static final String STEP_CONFIRM = "confirm";
  static final String STEP_PAYMENT = "payment";

  private CheckoutDelegates() {}

  /** What checkout knows, read from and written to the flow's variables. */
  @Component
  static class Checkout {
    private final Catalogue catalogue;
    private final FlowMessages messages;
    private final DeliveryZones zones;
    private final CommerceProperties props;

    Checkout(
        Catalogue catalogue, FlowMessages messages, DeliveryZones zones, CommerceProperties props) {
      this.catalogue = catalogue;
      this.messages = messages;
      this.zones = zones;
      this.props = props;
    }

    Product product(DelegateExecution e) {
      String sku = (String) e.getVariable(SalesVariables.PRODUCT_SKU);
      return catalogue
          .product(sku)
          .orElseThrow(() -> new IllegalStateException("unknown SKU " + sku));
    }

    Integer quantity(DelegateExecution e) {
      return e.getVariable(SalesVariables.QUANTITY) instanceof Number n ? n.intValue() : null;
    }

    String string(DelegateExecution e, String name) {
      return e.getVariable(name) instanceof String s ? s : null;
    }

    boolean confirmed(DelegateExecution e) {
      return Boolean.TRUE.equals(e.getVariable(SalesVariables.CHECKOUT_CONFIRMED));
    }

    List<StockLevel> branchesWith(DelegateExecution e, int quantity) {
      return catalogue.stock((String) e.getVariable(SalesVariables.PRODUCT_SKU)).stream()
          .filter(s -> s.available() >= quantity)
          .toList();
    }

    int mostAvailable(DelegateExecution e) {
      return catalogue.stock((String) e.getVariable(SalesVariables.PRODUCT_SKU)).stream()
          .mapToInt(StockLevel::available)
          .max()
          .orElse(0);
    }

    /** The first thing checkout still needs, or null when all is there (then: how to pay). */
    String missing(DelegateExecution e) {
      if (quantity(e) == null) {
        return STEP_QUANTITY;
      }
      String fulfilment = string(e, SalesVariables.FULFILMENT);
      if (fulfilment == null) {
        return STEP_FULFILMENT;
      }
      if ("delivery".equals(fulfilment)) {
        if (string(e, SalesVariables.DELIVERY_ADDRESS) == null) {
          return STEP_ADDRESS;
        }
        if (string(e, SalesVariables.DELIVERY_ZONE) == null) {
          return STEP_ZONE;
        }
      } else if (string(e, SalesVariables.PICKUP_BRANCH) == null) {
        return STEP_BRANCH;
      }
      return confirmed(e) ? STEP_PAYMENT : STEP_CONFIRM;
    }

    BigDecimal goods(DelegateExecution e) {
      return product(e).priceEgp().multiply(BigDecimal.valueOf(quantity(e)));
    }

    /**
     * Delivery fee (zero for pickup) and the total, kept in the variables the order and the link
     * read.
     */
    BigDecimal[] totals(DelegateExecution e) {
      BigDecimal goods = goods(e);
      BigDecimal fee = BigDecimal.ZERO;
      if ("delivery".equals(string(e, SalesVariables.FULFILMENT))) {
        Optional<DeliveryZones.Zone> zone = zones.zone(string(e, SalesVariables.DELIVERY_ZONE));
        fee = zone.map(z -> zones.fee(z, goods)).orElse(BigDecimal.ZERO);
      }
      e.setVariable(SalesVariables.DELIVERY_FEE_EGP, SalesContext.wholeEgp(fee));
      e.setVariable(SalesVariables.ORDER_TOTAL_EGP, SalesContext.wholeEgp(goods.add(fee)));
      return new BigDecimal[] {goods, fee, goods.add(fee)};
    }

    boolean cashAllowed(DelegateExecution e) {
      return totals(e)[2].compareTo(props.checkout().codLimit()) <= 0;
    }

    /**
     * Where a transfer of this kind goes ({@code checkout.instapay} or {@code
     * checkout.vodafone-cash}); null when the business set none.
     */
    String transferTarget(boolean instapay) {
      String target = instapay ? props.checkout().instapay() : props.checkout().vodafoneCash();
      return target == null || target.isBlank() ? null : target.strip();
    }

    /** Asks the question of the step and remembers it as the one checkout waits on. */
    void ask(DelegateExecution e, String step, String intro) {
      e.setVariable(SalesVariables.CHECKOUT_STEP, step);
      String lead = intro == null ? "" : intro + "\n";
      boolean arabicScript = SalesContext.form(e) < 2;
      Product product = product(e);
      String name = SalesContext.productName(e, product);
      switch (step) {
        case STEP_QUANTITY -> {
          int most = Math.min(mostAvailable(e), 3);
          List<Button> buttons = new ArrayList<>();
          for (int n = 1; n <= Math.max(most, 1); n++) {
            buttons.add(new Button(SalesVariables.REPLY_QUANTITY_PREFIX + n, Integer.toString(n)));
          }
          messages.send(
              e,
              new ReplyButtons(
                  lead
                      + say(
                          e,
                          "تمام! كام قطعة من " + name + "؟",
                          "حسناً! كم قطعة تريد من " + name + "؟",
                          "Tamam! kam 7etta mn " + name + "?",
                          "Great! How many " + name + " would you like?"),
                  buttons,
                  null,
                  null));
        }
        case STEP_FULFILMENT ->
            messages.send(
                e,
                new ReplyButtons(
                    lead
                        + SalesContext.sayTo(
                            e,
                            "تحب نوصلهولك ولا تستلمه من الفرع؟",
                            "تحبي نوصلهولك ولا تستلميه من الفرع؟",
                            "هل تفضل التوصيل إلى عنوانك أم الاستلام من الفرع؟",
                            "Te7eb nwaslholak wala testelmo mn el far3?",
                            "Te7ebi nwaslholek wala testelmih mn el far3?",
                            "Shall we deliver it, or will you pick it up at a branch?"),
                    List.of(
                        new Button(
                            SalesVariables.REPLY_DELIVERY,
                            say(e, "توصيل", "توصيل", "Tawsil", "Delivery")),
                        new Button(
                            SalesVariables.REPLY_PICKUP,
                            say(
                                e,
                                "استلام من الفرع",
                                "استلام من الفرع",
                                "Estelam mn el far3",
                                "Pickup at a branch"))),
                    null,
                    null));
        case STEP_ADDRESS ->
            messages.send(
                e,
                OutboundMessage.Text.of(
                    lead
                        + SalesContext.sayTo(
                            e,
                            "ابعتلي عنوان التوصيل بالتفصيل (الشارع والمنطقة والمحافظة)، أو شاركني اللوكيشن من واتساب 📍",
                            "ابعتيلي عنوان التوصيل بالتفصيل (الشارع والمنطقة والمحافظة)، أو شاركيني اللوكيشن من واتساب 📍",
                            "أرسل لي عنوان التوصيل بالتفصيل (الشارع والمنطقة والمحافظة)، أو شارك موقعك من واتساب 📍",
                            "Ab3atly 3enwan el tawsil bel tafseel (el share3 w el mante2a w el mo7afza), aw sharekny el location 📍",
                            "Ab3atily 3enwan el tawsil bel tafseel (el share3 w el mante2a w el mo7afza), aw sharkeeny el location 📍",
                            "Send me the delivery address (street, area and governorate), or share your location on WhatsApp 📍")));
        case STEP_ZONE -> {
          List<ListMessage.Row> rows =
              zones.zones().stream()
                  .map(
                      z ->
                          new ListMessage.Row(
                              SalesVariables.REPLY_ZONE_PREFIX + z.code(),
                              arabicScript ? z.nameAr() : z.nameEn(),
                              SalesContext.money(e, z.feeEgp())))
                  .toList();
          messages.send(
              e,
              new ListMessage(
                  lead
                      + say(
                          e,
                          "العنوان ده في أنهي محافظة؟",
                          "في أي محافظة يقع هذا العنوان؟",
                          "El 3enwan da f anhy mo7afza?",
                          "Which governorate is that address in?"),
                  say(e, "المحافظات", "المحافظات", "El mo7afzat", "Governorates"),
                  List.of(new ListMessage.Section(null, rows)),
                  null,
                  null));
        }
        case STEP_BRANCH -> {
          List<Button> buttons =
              branchesWith(e, quantity(e)).stream()
                  .limit(3)
                  .map(
                      s ->
                          new Button(
                              SalesVariables.REPLY_BRANCH_PREFIX + s.branchCode(),
                              cut(arabicScript ? s.branchNameAr() : s.branchNameEn(), 20)))
                  .toList();
          if (buttons.isEmpty()) {
            e.setVariable(SalesVariables.FULFILMENT, null);
            ask(
                e,
                STEP_FULFILMENT,
                say(
                    e,
                    "للأسف مفيش فرع فيه الكمية دي للاستلام، لكن نقدر نوصلهالك.",
                    "للأسف لا يتوفر هذا العدد في فرع واحد للاستلام، لكن يمكننا توصيله إليك.",
                    "Lel asaf mafeesh far3 fih el kameya di lel estelam, bas n2dar nwaslhalak.",
                    "Sorry, no single branch has that many for pickup, but we can deliver them."));
            return;
          }
          if (buttons.size() < 3) {
            // delivery stays a way on from the branch question (a branch without the product)
            buttons = new ArrayList<>(buttons);
            buttons.add(
                new Button(
                    SalesVariables.REPLY_DELIVERY, say(e, "توصيل", "توصيل", "Tawsil", "Delivery")));
          }
          messages.send(
              e,
              new ReplyButtons(
                  lead
                      + say(
                          e,
                          "تستلمه من أنهي فرع؟",
                          "من أي فرع تفضل الاستلام؟",
                          "Testelmo mn anhy far3?",
                          "Which branch will you pick it up from?"),
                  buttons,
                  null,
                  null));
        }
        case STEP_CONFIRM ->
            messages.send(
                e,
                new ReplyButtons(
                    lead + summary(e),
                    List.of(
                        new Button(
                            SalesVariables.REPLY_CONFIRM,
                            say(e, "تأكيد", "تأكيد", "Akked", "Confirm")),
                        new Button(
                            SalesVariables.REPLY_CHANGE,
                            say(e, "تعديل", "تعديل", "Ta3deel", "Change")),
                        new Button(
                            SalesVariables.REPLY_CANCEL,
                            say(e, "إلغاء الطلب", "إلغاء الطلب", "Elghi", "Cancel"))),
                    null,
                    null));
        case STEP_PAYMENT -> {
          List<Button> buttons = new ArrayList<>();
          buttons.add(
              new Button(
                  SalesVariables.REPLY_PAY_ONLINE,
                  say(e, "ادفع أونلاين", "الدفع الإلكتروني", "Edfa3 online", "Pay online")));
          if (cashAllowed(e)) {
            boolean pickup = "pickup".equals(string(e, SalesVariables.FULFILMENT));
            buttons.add(
                new Button(
                    SalesVariables.REPLY_PAY_COD,
                    pickup
                        ? say(
                            e,
                            "الدفع في الفرع",
                            "الدفع في الفرع",
                            "Edfa3 fel far3",
                            "Pay at the branch")
                        : say(
                            e,
                            "الدفع عند الاستلام",
                            "الدفع عند الاستلام",
                            "Cash 3and el estelam",
                            "Cash on delivery")));
          }
          buttons.add(
              new Button(
                  SalesVariables.REPLY_PAY_INSTALMENTS,
                  say(e, "تقسيط", "التقسيط", "Ta2seet", "Instalments")));
          messages.send(
              e,
              new ReplyButtons(
                  lead
                      + say(
                          e,
                          "هتدفع إزاي؟ الإجمالي " + SalesContext.money(e, totals(e)[2]) + ".",
                          "كيف تود الدفع؟ الإجمالي " + SalesContext.money(e, totals(e)[2]) + ".",
                          "Hatedfa3 ezay? El egmaly " + SalesContext.money(e, totals(e)[2]) + ".",
                          "How would you like to pay? The total is "
                              + SalesContext.money(e, totals(e)[2])
                              + "."),
                  buttons,
                  null,
                  null));
        }
        default -> throw new IllegalStateException("unknown checkout step " + step);
      }
    }

    /** "ملخص طلبك: …": product × quantity, delivery or pickup, fee, total; asks to confirm. */
    String summary(DelegateExecution e) {
      BigDecimal[] t = totals(e);
      String name = SalesContext.productName(e, product(e));
      boolean arabicScript = SalesContext.form(e) < 2;
      String goods = name + " × " + quantity(e) + " = " + SalesContext.money(e, t[0]);
      String where;
      if ("delivery".equals(string(e, SalesVariables.FULFILMENT))) {
        DeliveryZones.Zone zone = zones.zone(string(e, SalesVariables.DELIVERY_ZONE)).orElseThrow();
        String fee =
            t[1].signum() == 0
                ? say(e, "مجاني", "مجاني", "bbalash", "free")
                : SalesContext.money(e, t[1]);
        where =
            say(e, "التوصيل لـ: ", "التوصيل إلى: ", "El tawsil l: ", "Delivery to: ")
                + string(e, SalesVariables.DELIVERY_ADDRESS)
                + " ("
                + (arabicScript ? zone.nameAr() : zone.nameEn())
                + ")\n"
                + say(
                    e,
                    "مصاريف التوصيل: ",
                    "رسوم التوصيل: ",
                    "Masareef el tawsil: ",
                    "Delivery fee: ")
                + fee;
      } else {
        String branch = branchName(e, string(e, SalesVariables.PICKUP_BRANCH));
        where =
            say(
                    e,
                    "الاستلام من فرع ",
                    "الاستلام من فرع ",
                    "El estelam mn far3 ",
                    "Pickup at our branch ")
                + branch;
      }
      return say(e, "ملخص طلبك:", "ملخص طلبك:", "Molakhas el order:", "Your order:")
          + "\n"
          + goods
          + "\n"
          + where
          + "\n"
          + say(e, "الإجمالي: ", "الإجمالي: ", "El egmaly: ", "Total: ")
          + SalesContext.money(e, t[2])
          + "\n"
          + say(e, "أأكد الطلب؟", "هل أؤكد الطلب؟", "A2akked el order?", "Shall I confirm it?");
    }

    String branchName(DelegateExecution e, String code) {
      boolean arabicScript = SalesContext.form(e) < 2;
      return catalogue.stock((String) e.getVariable(SalesVariables.PRODUCT_SKU)).stream()
          .filter(s -> s.branchCode().equals(code))
          .findFirst()
          .map(s -> arabicScript ? s.branchNameAr() : s.branchNameEn())
          .orElse(code);
    }

    /**
     * The branch a text names ("pickup from alex branch", "استلام من فرع مدينة نصر"), by its name
     * or its city; null when it names none or more than one.
     */
    String namedBranch(DelegateExecution e, String text) {
      String folded = CheckoutWords.fold(text);
      java.util.Set<String> codes = new java.util.LinkedHashSet<>();
      for (StockLevel s : catalogue.stock((String) e.getVariable(SalesVariables.PRODUCT_SKU))) {
        for (String name : List.of(s.branchNameEn(), s.branchNameAr())) {
          for (String part : name.split("[()]")) {
            String p = CheckoutWords.fold(part);
            if (!p.isBlank() && folded.contains(p)) {
              codes.add(s.branchCode());
            }
          }
        }
      }
      zones
          .find(text)
          .map(
              z ->
                  switch (z.code()) {
                    case "cairo" -> "CAI";
                    case "alexandria" -> "ALX";
                    default -> null;
                  })
          .ifPresent(codes::add);
      return codes.size() == 1 ? codes.iterator().next() : null;
    }

    /**
     * Pickup at the branch the customer named: taken when it has the quantity; else the customer
     * hears it has none there (the branch question then offers the others, or delivery). Returns
     * the intro to ask the next question with, or null.
     */
    String pickupAt(DelegateExecution e, String code) {
      e.setVariable(SalesVariables.FULFILMENT, "pickup");
      e.setVariable(SalesVariables.CHECKOUT_CONFIRMED, false);
      Integer quantity = quantity(e);
      int wanted = quantity == null ? 1 : quantity;
      if (branchesWith(e, wanted).stream().anyMatch(s -> s.branchCode().equals(code))) {
        e.setVariable(SalesVariables.PICKUP_BRANCH, code);
        return null;
      }
      e.setVariable(SalesVariables.PICKUP_BRANCH, null);
      String branch = branchName(e, code);
      if (branch.equals(code)) {
        branch =
            SalesContext.form(e) < 2
                ? ("ALX".equals(code) ? "إسكندرية" : "القاهرة")
                : ("ALX".equals(code) ? "Alexandria" : "Cairo");
      }
      boolean others = !branchesWith(e, wanted).isEmpty();
      return others
          ? say(
              e,
              "للأسف فرع "
                  + branch
                  + " مفيهوش الكمية دي دلوقتي. تقدر تستلم الطلب من فرع تاني، أو تقولّي «توصيل» ونوصلهولك.",
              "للأسف لا يتوفر في فرع "
                  + branch
                  + " حالياً. يمكنك استلام الطلب من فرع آخر، أو اكتب «توصيل» لنوصله إليك.",
              "Lel asaf far3 "
                  + branch
                  + " mafihoosh meno delwa2ty. Te2dar testelmo mn far3 tany, aw 2oly \"tawsil\" w nwaslholak.",
              "Sorry, our "
                  + branch
                  + " branch doesn't have it right now. You can pick it up at another branch, or say \"delivery\" and we'll deliver it.")
          : null;
    }

    /** The text names a product other than the one checked out ("iPhone 15" is no quantity). */
    boolean namesOtherProduct(DelegateExecution e, String text) {
      String sku = (String) e.getVariable(SalesVariables.PRODUCT_SKU);
      return catalogue.search(text).stream().anyMatch(p -> !p.sku().equals(sku));
    }

    /** "بدل", "instead of", "badal": what follows is what the customer no longer wants. */
    private static final java.util.regex.Pattern INSTEAD =
        java.util.regex.Pattern.compile(
            "(?:^|[\\s,،])(?:بدل|بدال|بدلا|بدلاً|عوضا|عوضاً|instead|rather\\s+than|badal|bdal)"
                + "(?=[\\s,،.!]|$)",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * "لا استني خليها A15 بدل الريدمي", "make it the A15 instead of the Redmi": the product named
     * before "instead", taken in place of the one in the order; null when the text names no other
     * product before it, or names the other one as the one dropped.
     */
    Product switchedTo(DelegateExecution e, String text) {
      if (text == null) {
        return null;
      }
      java.util.regex.Matcher m = INSTEAD.matcher(text);
      if (!m.find()) {
        return null;
      }
      String sku = (String) e.getVariable(SalesVariables.PRODUCT_SKU);
      List<Product> wanted =
          catalogue.search(text.substring(0, m.start())).stream()
              .filter(p -> !p.sku().equals(sku))
              .toList();
      if (wanted.isEmpty()) {
        return null;
      }
      Product taken = wanted.get(0);
      boolean dropsTaken =
          catalogue.search(text.substring(m.end())).stream()
              .anyMatch(p -> p.sku().equals(taken.sku()));
      return dropsTaken ? null : taken;
    }

    boolean inStock(Product product) {
      return catalogue.stock(product.sku()).stream().anyMatch(s -> s.available() > 0);
    }

    /** The order's product is now {@code product}: its name and price; the choices kept fit it. */
    void switchTo(DelegateExecution e, Product product) {
      e.setVariable(SalesVariables.PRODUCT_SKU, product.sku());
      e.setVariable(SalesVariables.PRODUCT_NAME, SalesContext.productName(e, product));
      e.setVariable(SalesVariables.PRICE_EGP, SalesContext.wholeEgp(product.priceEgp()));
      e.setVariable(SalesVariables.PRODUCT_AVAILABLE, mostAvailable(e) > 0);
      e.setVariable(SalesVariables.CHECKOUT_CONFIRMED, false);
      Integer n = quantity(e);
      if (n != null && n > mostAvailable(e)) {
        e.setVariable(SalesVariables.QUANTITY, null);
      }
      String branch = string(e, SalesVariables.PICKUP_BRANCH);
      if (branch != null
          && branchesWith(e, n == null ? 1 : n).stream()
              .noneMatch(s -> s.branchCode().equals(branch))) {
        e.setVariable(SalesVariables.PICKUP_BRANCH, null);
      }
    }

    /** "We only have 4 in stock right now." */
    String onlyInStock(DelegateExecution e) {
      int most = mostAvailable(e);
      return say(
          e,
          "المتوفر دلوقتي " + most + " بس.",
          "المتوفر حالياً " + most + " فقط.",
          "Metwaffar meno " + most + " bas delwa2ty.",
          "We only have " + most + " in stock right now.");
    }

    /** "Cash on delivery is for orders up to 20,000 EGP; this one is above it." */
    String codLimitText(DelegateExecution e) {
      String limit = SalesContext.money(e, props.checkout().codLimit());
      String total = SalesContext.money(e, totals(e)[2]);
      return say(
          e,
          "الدفع عند الاستلام متاح للطلبات لحد "
              + limit
              + "، وطلبك "
              + total
              + " فوق الحد ده، فممكن تدفع أونلاين أو بالتقسيط.",
          "الدفع عند الاستلام متاح للطلبات حتى "
              + limit
              + "، وطلبك "
              + total
              + " يتجاوز هذا الحد، لذا يمكنك الدفع إلكترونياً أو بالتقسيط.",
          "El daf3 3and el estelam l7ad "
              + limit
              + ", w el order bta3ak "
              + total
              + " fo2 el 7ad da, f momken tedfa3 online aw ta2seet.",
          "Cash on delivery is available for orders up to "
              + limit
              + "; yours is "
              + total
              + ", above that, so you can pay online or in instalments.");
    }

    private static String cut(String s, int max) {
      return s.length() <= max ? s : s.substring(0, max);
    }

    /** Clears what the customer chose, from the quantity on. */
    void reset(DelegateExecution e) {
      for (String name :
          List.of(
              SalesVariables.QUANTITY,
              SalesVariables.FULFILMENT,
              SalesVariables.DELIVERY_ADDRESS,
              SalesVariables.ADDRESS_DETAILS,
              SalesVariables.DELIVERY_ZONE,
              SalesVariables.PICKUP_BRANCH,
              SalesVariables.PAYMENT_METHOD)) {
        e.setVariable(name, null);
      }
      e.setVariable(SalesVariables.CHECKOUT_CONFIRMED, false);
    }

    /** Goes on after an answer: the next question, or the way to pay when every detail is there. */
    void next(DelegateExecution e, String intro) {
      String step = missing(e);
      String method = string(e, SalesVariables.PAYMENT_METHOD);
      if (STEP_PAYMENT.equals(step) && method != null) {
        if ("cod".equals(method) && !cashAllowed(e)) {
          e.setVariable(SalesVariables.PAYMENT_METHOD, null);
          ask(e, STEP_PAYMENT, codLimitText(e));
          e.setVariable(SalesVariables.CHECKOUT_NEXT, "ask");
          return;
        }
        totals(e);
        if ("instalments".equals(method)) {
          messages.send(
              e,
              OutboundMessage.Text.of(
                  say(
                      e,
                      "تمام، التقسيط بيكون من غير فوايد لحد ١٢ شهر مع فاليو وبنوك مختارة. هحوّلك لزميل يرتبه معاك دلوقتي.",
                      "حسناً، التقسيط بدون فوائد حتى ١٢ شهراً مع فاليو وبنوك مختارة. سأحولك إلى زميل يرتبه معك الآن.",
                      "Tamam, el ta2seet mn gheir fawayed l7ad 12 shahr ma3 valU w bonook mo5tara. Ha7awlak l zameel yrattebo"
                          + " ma3ak delwa2ty.",
                      "Sure: 0% instalments up to 12 months with valU and selected banks. I'm passing you to a colleague"
                          + " who will arrange it now.")));
          e.setVariable("handoff", true);
          e.setVariable(
              "handoffReason", "instalments for " + quantity(e) + " x " + product(e).sku());
        }
        e.setVariable(SalesVariables.CHECKOUT_NEXT, method);
        return;
      }
      if (STEP_CONFIRM.equals(step)
          && "delivery".equals(string(e, SalesVariables.FULFILMENT))
          && "pin".equals(string(e, SalesVariables.ADDRESS_DETAILS))) {
        // a pin finds the street, not the door: the building, floor and apartment, asked once
        String details =
            say(
                e,
                "ابعتلي رقم العمارة والدور والشقة عشان المندوب يوصلك بسهولة 🏢",
                "أرسل لي رقم المبنى والطابق والشقة ليصل إليك المندوب بسهولة 🏢",
                "Ab3atly rakam el 3omara w el dor w el sha2a 3ashan el mandoob yewsalak bsohola 🏢",
                "Please send me the building number, floor and apartment so the courier finds you"
                    + " easily 🏢");
        intro = intro == null ? details : intro + "\n" + details;
        e.setVariable(SalesVariables.ADDRESS_DETAILS, "asked");
      }
      ask(e, step, intro);
      e.setVariable(SalesVariables.CHECKOUT_NEXT, "ask");
    }
  }

  /**
   * {@code ${startCheckout}}: "Order now": checkout begins (with the quantity if the customer named
   * it).
   */
  @Component("startCheckout")
  static class StartCheckout implements JavaDelegate {
    private final Checkout checkout;

    StartCheckout(Checkout checkout) {
      this.checkout = checkout;
    }

    @Override
    public void execute(DelegateExecution e) {
      Integer quantity = checkout.quantity(e);
      checkout.reset(e);
      String intro = null;
      if (quantity != null && quantity <= checkout.mostAvailable(e)) {
        e.setVariable(SalesVariables.QUANTITY, quantity);
      } else if (quantity != null) {
        intro = checkout.onlyInStock(e); // more than the branches have: the quantity asked again
      }
      // "عايز اطلبه cash on delivery": the way to pay, said with the order, is not asked again
      String said = SalesContext.replyId(e) == null ? SalesContext.turnText(e) : "";
      if (!said.contains("?") && !said.contains("؟")) {
        if (CheckoutWords.instalments(said)) {
          e.setVariable(SalesVariables.PAYMENT_METHOD, "instalments");
        } else if (CheckoutWords.cashOnDelivery(said)) {
          e.setVariable(SalesVariables.PAYMENT_METHOD, "cod");
        } else if (CheckoutWords.payOnline(said)) {
          e.setVariable(SalesVariables.PAYMENT_METHOD, "online");
        }
      }
      if (!(e.getVariable(SalesVariables.ORDER_ATTEMPT) instanceof Number)) {
        e.setVariable(SalesVariables.ORDER_ATTEMPT, 0);
      }
      checkout.next(e, intro);
    }
  }

  /**
   * {@code ${checkoutAnswer}}: applies the customer's answer. Sets {@code checkoutNext}: ask (the
   * next question was sent), persona (not an answer: the persona reads it), online / cod /
   * instalments, product (an older offer's order button for another product), human, cancel.
   */
  @Component("checkoutAnswer")
  static class CheckoutAnswer implements JavaDelegate {
    private final Checkout checkout;
    private final DeliveryZones zones;
    private final FlowMessages messages;

    private final app.wasla.conversation.Transcript transcript;

    CheckoutAnswer(
        Checkout checkout,
        DeliveryZones zones,
        FlowMessages messages,
        app.wasla.conversation.Transcript transcript) {
      this.checkout = checkout;
      this.zones = zones;
      this.messages = messages;
      this.transcript = transcript;
    }

    /** How far back "the location I sent you" is looked for: the conversation's latest lines. */
    private static final int LOCATION_LOOKBACK = 60;

    /**
     * The location the customer shared last ("📍 name (lat, lng)"), for "نفس اللوكيشن اللي
     * بعتهولك"; null when none is among the conversation's latest lines.
     */
    private String lastSharedLocation(DelegateExecution e) {
      List<app.wasla.conversation.Transcript.Line> lines =
          transcript.latest(e.getProcessBusinessKey(), LOCATION_LOOKBACK);
      for (int i = lines.size() - 1; i >= 0; i--) {
        app.wasla.conversation.Transcript.Line line = lines.get(i);
        if ("in".equals(line.direction())
            && line.text() != null
            && line.text().startsWith("📍")
            && DeliveryZones.coordinates(line.text()) != null) {
          return line.text();
        }
      }
      return null;
    }

    @Override
    public void execute(DelegateExecution e) {
      String replyId = SalesContext.replyId(e);
      String text = SalesContext.turnText(e);
      String step = checkout.string(e, SalesVariables.CHECKOUT_STEP);
      String[] intro = {null};
      String verdict = replyId != null ? tapped(e, replyId, intro) : typed(e, step, text, intro);
      switch (verdict) {
        case "applied" -> checkout.next(e, intro[0]);
        case "persona", "human", "cancel", "product" ->
            e.setVariable(SalesVariables.CHECKOUT_NEXT, verdict);
        default -> {
          // read but not usable (too many, say): the reason was sent, the question is asked again
          checkout.ask(e, checkout.missing(e), null);
          e.setVariable(SalesVariables.CHECKOUT_NEXT, "ask");
        }
      }
      if ("cancel".equals(verdict)) {
        messages.send(
            e,
            OutboundMessage.Text.of(
                say(
                    e,
                    "تمام، لغيت الطلب ومفيش حاجة اتحجزت. لو غيرت رأيك ابعتلي في أي وقت.",
                    "حسناً، ألغيت الطلب ولم يُحجز شيء. إذا غيرت رأيك راسلني في أي وقت.",
                    "Tamam, lagheit el order w mafeesh 7aga et7agazet. Law ghayart ra2yak ab3atly f ay wa2t.",
                    "OK, I've cancelled it and nothing was reserved. Message me any time if you change your mind.")));
      }
    }

    /**
     * A cancel said while the count, the delivery choice, the address, the zone or the branch is
     * asked ("الغي الطلب", "مش عايز اكمل", "cancel", "never mind"): not a question, no count, no
     * delivery or pickup word, no street ("مش عايز توصيل" chooses; "مش عايز ٢" counts).
     */
    private boolean cancelsCheckout(
        DelegateExecution e, String step, String text, boolean question) {
      if (question
          || text == null
          || !(STEP_QUANTITY.equals(step)
              || STEP_FULFILMENT.equals(step)
              || STEP_ADDRESS.equals(step)
              || STEP_ZONE.equals(step)
              || STEP_BRANCH.equals(step))
          || !CheckoutWords.cancel(text)
          || CheckoutWords.pickup(text)
          || CheckoutWords.delivery(text)
          || CheckoutWords.streetGiven(text)
          || text.chars().anyMatch(Character::isDigit)) {
        return false;
      }
      return !STEP_QUANTITY.equals(step)
          || CheckoutWords.quantity(text, checkout.product(e).names()) == null;
    }

    /**
     * A button or list row: it sets what its question asked, whichever question checkout waits on
     * now.
     */
    private String tapped(DelegateExecution e, String id, String[] intro) {
      if (id.startsWith(SalesVariables.REPLY_QUANTITY_PREFIX)) {
        return quantity(
            e, Integer.parseInt(id.substring(SalesVariables.REPLY_QUANTITY_PREFIX.length())));
      }
      switch (id) {
        case SalesVariables.REPLY_DELIVERY -> {
          e.setVariable(SalesVariables.FULFILMENT, "delivery");
          e.setVariable(SalesVariables.PICKUP_BRANCH, null);
          e.setVariable(SalesVariables.CHECKOUT_CONFIRMED, false);
          return "applied";
        }
        case SalesVariables.REPLY_PICKUP -> {
          e.setVariable(SalesVariables.FULFILMENT, "pickup");
          e.setVariable(SalesVariables.CHECKOUT_CONFIRMED, false);
          return "applied";
        }
        case SalesVariables.REPLY_CONFIRM -> {
          if (checkout.missing(e).equals(STEP_CONFIRM)
              || checkout.missing(e).equals(STEP_PAYMENT)) {
            e.setVariable(SalesVariables.CHECKOUT_CONFIRMED, true);
          }
          return "applied";
        }
        case SalesVariables.REPLY_CHANGE -> {
          checkout.reset(e);
          return "applied";
        }
        case SalesVariables.REPLY_CANCEL -> {
          return "cancel";
        }
        case SalesVariables.REPLY_PAY_ONLINE -> {
          return payment(e, "online");
        }
        case SalesVariables.REPLY_PAY_COD -> {
          return payment(e, "cod");
        }
        case SalesVariables.REPLY_PAY_INSTALMENTS -> {
          return payment(e, "instalments");
        }
        case SalesVariables.REPLY_HUMAN -> {
          return "human";
        }
        default -> {}
      }
      if (id.startsWith(SalesVariables.REPLY_ZONE_PREFIX)) {
        e.setVariable(
            SalesVariables.DELIVERY_ZONE, id.substring(SalesVariables.REPLY_ZONE_PREFIX.length()));
        e.setVariable(SalesVariables.FULFILMENT, "delivery");
        e.setVariable(SalesVariables.CHECKOUT_CONFIRMED, false);
        if (checkout.string(e, SalesVariables.DELIVERY_ADDRESS) == null) {
          e.setVariable(SalesVariables.DELIVERY_ADDRESS, "-");
        }
        return "applied";
      }
      if (id.startsWith(SalesVariables.REPLY_BRANCH_PREFIX)) {
        // an older message's branch may no longer have it (or never had this product)
        intro[0] = checkout.pickupAt(e, id.substring(SalesVariables.REPLY_BRANCH_PREFIX.length()));
        return "applied";
      }
      if (id.equals(SalesVariables.REPLY_ORDER)
          || id.startsWith(SalesVariables.REPLY_ORDER_PREFIX)) {
        String sku = (String) e.getVariable(SalesVariables.PRODUCT_SKU);
        // this product's "Order now" again: go on where checkout is; another product's: offer that
        // one
        return id.equals(SalesVariables.REPLY_ORDER) || id.endsWith(":" + sku) ? "same" : "product";
      }
      return "persona";
    }

    /**
     * Words: read for the question checkout waits on; a payment choice in words is heard at any
     * step.
     */
    private String typed(DelegateExecution e, String step, String text, String[] intro) {
      boolean question = text.contains("?") || text.contains("؟");
      Product instead = question ? null : checkout.switchedTo(e, text);
      if (instead != null) {
        if (checkout.inStock(instead)) {
          String before = SalesContext.productName(e, checkout.product(e));
          checkout.switchTo(e, instead);
          String now = SalesContext.productName(e, instead);
          intro[0] =
              say(
                  e,
                  "تمام، خليته " + now + " بدل " + before + " 👍",
                  "حسناً، جعلته " + now + " بدلاً من " + before + " 👍",
                  "Tamam, khaleto " + now + " badal " + before + " 👍",
                  "OK, I've made it the " + now + " instead of the " + before + " 👍");
          return "applied";
        }
        return "product"; // sold out everywhere: that product's offer says so
      }
      if (!question && CheckoutWords.instalments(text)) {
        payment(e, "instalments");
        return paymentSaidEarly(e, step, text, "instalments", intro);
      }
      if (!question
          && CheckoutWords.transferred(text)
          && !CheckoutWords.walletNamed(text)
          && !STEP_ADDRESS.equals(step)) {
        // "حولت خلاص", "I've transferred" before the order is placed: a payment done, not a way to
        // pay chosen (the one chosen stays); the order is confirmed first, then the receipt is sent
        intro[0] =
            say(
                e,
                "شكراً 🙏 الطلب لسه ما اتأكدش: اضغط «تأكيد» الأول، وبعدها ابعتلي صورة إيصال التحويل هنا وزميل من فريقنا هيراجع الدفع ويأكدلك.",
                "شكراً لك 🙏 لم يُؤكَّد الطلب بعد: اضغط «تأكيد» أولاً، ثم أرسل صورة إيصال التحويل هنا وسيراجع أحد زملائنا الدفع ويؤكده لك.",
                "Shokran 🙏 el order lesa ma et2akedsh: dous \"Akked\" el awel, w ba3deen ab3atly sorat e2sal el ta7weel hena w zameel mn el team hayraga3 el daf3 w y2akedlak.",
                "Thank you 🙏 The order isn't confirmed yet: tap \"Confirm\" first, then send me a photo of the transfer receipt here and a colleague will check the payment and confirm it.");
        return "applied";
      }
      if (!question && CheckoutWords.wallet(text) && !STEP_ADDRESS.equals(step)) {
        // "هحول فودافون كاش", "هحول انستاباي": paying before delivery, by a transfer to the
        // business's wallet or InstaPay address; the order is placed and the transfer's details
        // come with it (the card link beside them)
        boolean instapay = CheckoutWords.instaPay(text);
        String target = checkout.transferTarget(instapay);
        if (target == null) {
          messages.send(
              e,
              OutboundMessage.Text.of(
                  instapay
                      ? say(
                          e,
                          "تمام، زميل من فريقنا هيبعتلك بيانات التحويل على إنستاباي دلوقتي.",
                          "حسناً، سيرسل لك أحد زملائنا بيانات التحويل عبر إنستاباي الآن.",
                          "Tamam, zameel mn el team hayeb3atlak beyanat el ta7weel 3ala InstaPay delwa2ty.",
                          "OK, a colleague will send you the InstaPay transfer details now.")
                      : say(
                          e,
                          "تمام، زميل من فريقنا هيبعتلك بيانات التحويل على المحفظة دلوقتي.",
                          "حسناً، سيرسل لك أحد زملائنا بيانات التحويل إلى المحفظة الآن.",
                          "Tamam, zameel mn el team hayeb3atlak beyanat el ta7weel 3al wallet delwa2ty.",
                          "OK, a colleague will send you the wallet transfer details now.")));
          e.setVariable("handoff", true);
          e.setVariable("handoffReason", "transfer details");
          return "human";
        }
        String applied = payment(e, "online");
        e.setVariable(SalesVariables.TRANSFER_VIA, instapay ? "instapay" : "vodafone_cash");
        e.setVariable(SalesVariables.TRANSFER_TO, target);
        return paymentSaidEarly(e, step, text, instapay ? "instapay" : "vodafone_cash", intro);
      }
      if (question
          && CheckoutWords.cashOnDelivery(text)
          && (STEP_CONFIRM.equals(step) || STEP_PAYMENT.equals(step))
          && !checkout.cashAllowed(e)) {
        // "مفيش دفع كاش عند الاستلام؟" above the limit: the limit, and that this order is above it
        intro[0] = checkout.codLimitText(e);
        return "applied";
      }
      if (!question
          && (STEP_FULFILMENT.equals(step)
              || STEP_BRANCH.equals(step)
              || STEP_CONFIRM.equals(step)
              || STEP_PAYMENT.equals(step))
          && !checkout.namesOtherProduct(e, text)) {
        // "Actually make it just 1" at the summary: the quantity changed, the summary again
        Integer n = CheckoutWords.quantityAnswer(text, checkout.product(e).names());
        if (n != null) {
          return changedQuantity(e, n, intro);
        }
      }
      if (!question
          && (STEP_ADDRESS.equals(step) || STEP_ZONE.equals(step))
          && !checkout.namesOtherProduct(e, text)) {
        // an address holds numbers: only a quantity said as one ("خليهم ٣", "I said 3 not 2")
        Integer n = CheckoutWords.quantityCorrection(text);
        if (n != null) {
          return changedQuantity(e, n, intro);
        }
      }
      if (!question && CheckoutWords.cashOnDelivery(text) && !STEP_ADDRESS.equals(step)) {
        payment(e, "cod");
        return paymentSaidEarly(e, step, text, "cod", intro);
      }
      if (!question
          && CheckoutWords.card(text)
          && step != null
          && !STEP_ADDRESS.equals(step)
          && !STEP_PAYMENT.equals(step)
          && !checkout.namesOtherProduct(e, text)) {
        // "فيزا", "card" before the payment question: kept for it
        payment(e, "online");
        return paymentSaidEarly(e, step, text, "online", intro);
      }
      if (cancelsCheckout(e, step, text, question)) {
        // "لا خلاص الغي الموضوع ده دلوقتي", "مش عايز اكمل الطلب", "الغاء" while a question waits:
        // the checkout ends (never an address, a count or a branch)
        return "cancel";
      }
      if ((STEP_ADDRESS.equals(step) || STEP_FULFILMENT.equals(step) || STEP_ZONE.equals(step))
          && !question
          && CheckoutWords.sameLocationAsBefore(text)) {
        // "the same location I sent you": that location, never these words as the address
        String shared = lastSharedLocation(e);
        if (shared == null) {
          messages.send(
              e,
              OutboundMessage.Text.of(
                  say(
                      e,
                      "مش لاقية لوكيشن منك قبل كده 🙏",
                      "لم أجد موقعاً أرسلته من قبل 🙏",
                      "Msh la2ya location mennak 2abl keda 🙏",
                      "I can't find a location you sent before 🙏")));
          e.setVariable(SalesVariables.FULFILMENT, "delivery");
          e.setVariable(SalesVariables.DELIVERY_ADDRESS, null);
          e.setVariable(SalesVariables.DELIVERY_ZONE, null);
          return "retry";
        }
        text = shared;
      }
      double[] location = DeliveryZones.coordinates(text);
      if (location != null
          && text.startsWith("📍")
          && !DeliveryZones.inEgypt(location[0], location[1])) {
        // a pin abroad (a default location, a slip of the map): no address of ours
        messages.send(
            e,
            OutboundMessage.Text.of(
                say(
                    e,
                    "للأسف بنوصّل جوه مصر بس 🙏 ابعتلي عنوان في مصر أو شاركني اللوكيشن الصح.",
                    "نعتذر، نوصّل داخل مصر فقط 🙏 أرسل لي عنواناً داخل مصر أو شاركني الموقع الصحيح.",
                    "Lel asaf bnwasal gowa Masr bas 🙏 ab3atly 3enwan f Masr aw share el location el sa7.",
                    "Sorry, we deliver within Egypt only 🙏 Send me an address in Egypt or share the"
                        + " right location.")));
        e.setVariable(SalesVariables.FULFILMENT, "delivery");
        e.setVariable(SalesVariables.DELIVERY_ADDRESS, null);
        e.setVariable(SalesVariables.DELIVERY_ZONE, null);
        e.setVariable(SalesVariables.CHECKOUT_CONFIRMED, false);
        return "retry";
      }
      if (location != null && text.startsWith("📍")) {
        String place = text.substring(2).replaceAll("\\(.*\\)", "").trim();
        e.setVariable(SalesVariables.FULFILMENT, "delivery");
        e.setVariable(
            SalesVariables.DELIVERY_ADDRESS,
            cut(place.isEmpty() ? text.substring(2).trim() : place));
        if (!"asked".equals(checkout.string(e, SalesVariables.ADDRESS_DETAILS))) {
          e.setVariable(SalesVariables.ADDRESS_DETAILS, "pin");
        }
        e.setVariable(
            SalesVariables.DELIVERY_ZONE,
            zones
                .find(location[0], location[1])
                .or(() -> zones.find(place))
                .map(DeliveryZones.Zone::code)
                .orElse(null));
        e.setVariable(SalesVariables.CHECKOUT_CONFIRMED, false);
        return "applied";
      }
      if (step == null) {
        return "persona";
      }
      switch (step) {
        case STEP_QUANTITY -> {
          // "اتنين، وتوصيل على ١٢ شارع التحرير": the quantity is read before the address, whose
          // numbers are the building's
          String address = question ? null : CheckoutWords.addressIn(text);
          int at = address == null ? -1 : text.lastIndexOf(address);
          String head = at > 0 ? text.substring(0, at) : text;
          Integer n = question ? null : CheckoutWords.quantity(head, checkout.product(e).names());
          if (n == null && CheckoutWords.confirms(text) && !checkout.namesOtherProduct(e, text)) {
            // "ok kamel", "tamam kamel el order" at the quantity question: one piece, said so
            String verdict = quantity(e, 1);
            if ("applied".equals(verdict)) {
              intro[0] =
                  say(
                      e,
                      "تمام، حسبتهالك قطعة واحدة (لو عايز عدد تاني قولي الرقم).",
                      "حسناً، احتسبت قطعة واحدة (إن أردت عدداً آخر أخبرني به).",
                      "Tamam, 7asabtaha 7etta wa7da (law 3ayez 3adad tany 2oly el rakam).",
                      "OK, I've put down one (tell me the number if you want more).");
            }
            return verdict;
          }
          if (n == null) {
            return "persona";
          }
          String verdict = quantity(e, n);
          if ("applied".equals(verdict)) {
            // "واحدة بس، توصيل", "one please, delivery to 12 Tahrir St": what else the answer
            // gives is kept, so its question is not asked
            alsoFulfilment(e, text, intro);
          }
          return verdict;
        }
        case STEP_FULFILMENT -> {
          if (question) {
            return "persona";
          }
          if (CheckoutWords.pickup(text)) {
            return pickup(e, text, intro);
          }
          Optional<DeliveryZones.Zone> zone = zones.find(text);
          if (CheckoutWords.delivery(text) || zone.isPresent()) {
            e.setVariable(SalesVariables.FULFILMENT, "delivery");
            deliveredTo(e, text);
            return "applied";
          }
          return "persona";
        }
        case STEP_ADDRESS -> {
          if (question) {
            return "persona";
          }
          if (CheckoutWords.pickup(text)) {
            return pickup(e, text, intro);
          }
          if (CheckoutWords.addressInAPhoto(text)) {
            // the address as a photo's caption says where it is, not what it is
            messages.send(
                e,
                OutboundMessage.Text.of(
                    say(
                        e,
                        "معلش مش بقدر أقرا العنوان من الصورة 🙏 اكتبهولي (الشارع والمنطقة والمحافظة)"
                            + " أو شاركني اللوكيشن.",
                        "عذراً، لا يمكنني قراءة العنوان من الصورة 🙏 اكتبه لي (الشارع والمنطقة"
                            + " والمحافظة) أو شاركني الموقع.",
                        "Ma3lesh msh ba2dar a2ra el 3enwan mn el soura 🙏 ektebholy (el share3 w el"
                            + " manta2a w el mo7afza) aw share el location.",
                        "Sorry, I can't read the address from the photo 🙏 Please type it (street,"
                            + " area and governorate) or share your location.")));
            return "retry";
          }
          Optional<DeliveryZones.Zone> zone = zones.find(text);
          if (zone.isEmpty() && words(text) < 3) {
            return "persona";
          }
          String address = CheckoutWords.addressOnly(text);
          String known = checkout.string(e, SalesVariables.DELIVERY_ZONE);
          if (zone.isPresent() && !CheckoutWords.streetGiven(address) && words(address) <= 3) {
            // "Giza", "المعادي" at the address question: the fee's zone, and the street asked
            e.setVariable(SalesVariables.DELIVERY_ZONE, zone.get().code());
            intro[0] =
                say(
                    e,
                    "تمام 👍 محتاجة كمان اسم الشارع ورقم العمارة عشان المندوب يوصلك.",
                    "حسناً 👍 أحتاج أيضاً اسم الشارع ورقم المبنى ليصل إليك المندوب.",
                    "Tamam 👍 me7taga kaman esm el share3 w rakam el 3omara 3ashan el mandoob yewsalak.",
                    "OK 👍 I also need the street and building number so the courier can find you.");
            return "applied";
          }
          e.setVariable(SalesVariables.DELIVERY_ADDRESS, cut(address));
          e.setVariable(
              SalesVariables.DELIVERY_ZONE, zone.map(DeliveryZones.Zone::code).orElse(known));
          return "applied";
        }
        case STEP_ZONE -> {
          Optional<DeliveryZones.Zone> zone = zones.find(text);
          if (zone.isEmpty()) {
            return "persona";
          }
          e.setVariable(SalesVariables.DELIVERY_ZONE, zone.get().code());
          return "applied";
        }
        case STEP_BRANCH -> {
          if (question) {
            return "persona";
          }
          String code = checkout.namedBranch(e, text);
          if (code == null && CheckoutWords.delivery(text)) {
            // "توصيل", "delivery" at the branch question (the branch named had none): delivered
            // instead, the address asked next
            return delivered(e, text);
          }
          if (code == null) {
            return "persona";
          }
          intro[0] = checkout.pickupAt(e, code);
          return "applied";
        }
        case STEP_CONFIRM -> {
          if (CheckoutWords.cancel(text)) {
            return "cancel";
          }
          if (!question
              && "asked".equals(checkout.string(e, SalesVariables.ADDRESS_DETAILS))
              && CheckoutWords.addressDetails(text)) {
            // "عمارة ١٢ الدور ٣ شقة ٥" after the pin: added to the address, the summary again
            e.setVariable(
                SalesVariables.DELIVERY_ADDRESS,
                cut(text.strip() + "، " + checkout.string(e, SalesVariables.DELIVERY_ADDRESS)));
            e.setVariable(SalesVariables.ADDRESS_DETAILS, "given");
            return "applied";
          }
          if (!question
              && "delivery".equals(checkout.string(e, SalesVariables.FULFILMENT))
              && CheckoutWords.addressGiven(text)) {
            // "my address is 12 Tahrir St, Dokki", "el 3enwan 10 share3 Makram Ebeid", "العنوان
            // ٢٠ شارع التحرير" at the summary: the delivery address now (the summary again)
            String address = CheckoutWords.addressOnly(text);
            e.setVariable(SalesVariables.DELIVERY_ADDRESS, cut(address));
            zones
                .find(address)
                .ifPresent(z -> e.setVariable(SalesVariables.DELIVERY_ZONE, z.code()));
            e.setVariable(SalesVariables.ADDRESS_DETAILS, null);
            e.setVariable(SalesVariables.CHECKOUT_CONFIRMED, false);
            return "applied";
          }
          if ("delivery".equals(checkout.string(e, SalesVariables.FULFILMENT))
              && app.wasla.persona.nlp.OrderChanges.addressChangeAsked(text)) {
            // "a8ayar el 3enwan le 20 shar3 gameat el dowal" before confirming: the new address
            // replaces the old one (the summary again); without one, the address is asked again
            String moved = app.wasla.persona.nlp.OrderChanges.newAddress(text);
            e.setVariable(SalesVariables.DELIVERY_ADDRESS, moved == null ? null : cut(moved));
            e.setVariable(
                SalesVariables.DELIVERY_ZONE,
                moved == null
                    ? null
                    : zones.find(moved).map(DeliveryZones.Zone::code).orElse(null));
            e.setVariable(SalesVariables.ADDRESS_DETAILS, null);
            e.setVariable(SalesVariables.CHECKOUT_CONFIRMED, false);
            return "applied";
          }
          if (!question
              && "pickup".equals(checkout.string(e, SalesVariables.FULFILMENT))
              && CheckoutWords.delivery(text)
              && checkout.namedBranch(e, text) == null) {
            // "لا خليه توصيل" at a pickup's summary: delivered now, the address asked
            return delivered(e, text);
          }
          if (!question
              && "delivery".equals(checkout.string(e, SalesVariables.FULFILMENT))
              && CheckoutWords.pickup(text)) {
            // "لا استنى، هستلم من الفرع أحسن" at a delivery's summary: a pickup now
            e.setVariable(SalesVariables.DELIVERY_ADDRESS, null);
            e.setVariable(SalesVariables.DELIVERY_ZONE, null);
            return pickup(e, text, intro);
          }
          if (!question && CheckoutWords.confirms(text)) {
            // "ok go ahead and confirm my order": a confirmation, not a question about an order
            e.setVariable(SalesVariables.CHECKOUT_CONFIRMED, true);
            return "applied";
          }
          return "persona";
        }
        case STEP_PAYMENT -> {
          if (!question && CheckoutWords.payOnline(text)) {
            return payment(e, "online");
          }
          if (CheckoutWords.cancel(text) && words(text) <= 4) {
            return "cancel";
          }
          return "persona";
        }
        default -> {
          return "persona";
        }
      }
    }

    /**
     * Delivery or pickup said beside an answer to the quantity question, and an address said with
     * delivery: kept as their own answers would be.
     */
    private void alsoFulfilment(DelegateExecution e, String text, String[] intro) {
      String address = CheckoutWords.addressIn(text);
      int at = address == null ? -1 : text.lastIndexOf(address);
      String before = at > 0 ? text.substring(0, at) : text;
      if (CheckoutWords.pickup(text)) {
        pickup(e, text, intro);
        return;
      }
      if (CheckoutWords.delivery(before)
          || (address != null
              && (CheckoutWords.streetGiven(address) || zones.find(address).isPresent()))) {
        e.setVariable(SalesVariables.FULFILMENT, "delivery");
        e.setVariable(SalesVariables.PICKUP_BRANCH, null);
        e.setVariable(SalesVariables.CHECKOUT_CONFIRMED, false);
        deliveredTo(e, text);
      }
    }

    /**
     * The address and zone a delivery answer gives, if it gives them ("توصيل على ١٢ شارع التحرير
     * الدقي", "قولتلك توصيل 🙂 العنوان ..."). A city or a district alone ("deliver to Giza", "el
     * tawsil l Madinet Nasr") is where the fee is from, not an address a courier finds: its zone is
     * kept and the street asked next.
     */
    private void deliveredTo(DelegateExecution e, String text) {
      String address = CheckoutWords.addressIn(text);
      if (address == null) {
        return;
      }
      Optional<DeliveryZones.Zone> zone = zones.find(address).or(() -> zones.find(text));
      zone.ifPresent(z -> e.setVariable(SalesVariables.DELIVERY_ZONE, z.code()));
      if (CheckoutWords.streetGiven(address) && (zone.isPresent() || words(address) >= 3)) {
        e.setVariable(SalesVariables.DELIVERY_ADDRESS, cut(address));
      }
    }

    /**
     * The quantity changed after it was given ("لا استني خليهم ٣"): set, said back, and checkout
     * goes on where it was.
     */
    private String changedQuantity(DelegateExecution e, int n, String[] intro) {
      Integer before = checkout.quantity(e);
      String verdict = quantity(e, n);
      if ("applied".equals(verdict) && before != null && before != n) {
        String name = SalesContext.productName(e, checkout.product(e));
        intro[0] =
            say(
                e,
                "تمام، خليتهم " + n + " من " + name + " 👍",
                "حسناً، عدّلت الكمية إلى " + n + " من " + name + " 👍",
                "Tamam, khaleethom " + n + " mn " + name + " 👍",
                "OK, I've changed it to " + n + " × " + name + " 👍");
      }
      return verdict;
    }

    private String quantity(DelegateExecution e, int n) {
      int most = checkout.mostAvailable(e);
      if (n < 1 || n > most) {
        messages.send(e, OutboundMessage.Text.of(checkout.onlyInStock(e)));
        return "retry";
      }
      e.setVariable(SalesVariables.QUANTITY, n);
      e.setVariable(SalesVariables.CHECKOUT_CONFIRMED, false);
      String branch = checkout.string(e, SalesVariables.PICKUP_BRANCH);
      if (branch != null
          && checkout.branchesWith(e, n).stream().noneMatch(s -> s.branchCode().equals(branch))) {
        e.setVariable(SalesVariables.PICKUP_BRANCH, null); // that branch has fewer: ask again
      }
      return "applied";
    }

    /**
     * Delivery instead of pickup, to the address the text gives if it gives one ("توصيل لمدينة نصر
     * ١٤ شارع مكرم عبيد").
     */
    private String delivered(DelegateExecution e, String text) {
      e.setVariable(SalesVariables.FULFILMENT, "delivery");
      e.setVariable(SalesVariables.PICKUP_BRANCH, null);
      e.setVariable(SalesVariables.CHECKOUT_CONFIRMED, false);
      Optional<DeliveryZones.Zone> zone = zones.find(text);
      if (zone.isPresent() && words(text) >= 3) {
        e.setVariable(SalesVariables.DELIVERY_ADDRESS, cut(CheckoutWords.addressOnly(text)));
        e.setVariable(SalesVariables.DELIVERY_ZONE, zone.get().code());
      }
      return "applied";
    }

    /** Pickup, at the branch the text names if it names one ("pickup from alex branch"). */
    private String pickup(DelegateExecution e, String text, String[] intro) {
      e.setVariable(SalesVariables.FULFILMENT, "pickup");
      e.setVariable(SalesVariables.CHECKOUT_CONFIRMED, false);
      String code = checkout.namedBranch(e, text);
      if (code != null) {
        intro[0] = checkout.pickupAt(e, code);
      }
      return "applied";
    }

    /**
     * A way to pay said before its question ("InstaPay" at the quantity, "vodafone cash" at
     * delivery or pickup): kept for the payment step and said back, so that the question asked next
     * reads as the one still open. Delivery or pickup said with it ("توصيل وكاش") is taken too; a
     * quantity said with it at the quantity question as well.
     */
    private String paymentSaidEarly(
        DelegateExecution e, String step, String text, String method, String[] intro) {
      if (step == null || STEP_PAYMENT.equals(step)) {
        return "applied";
      }
      String verdict = "applied";
      if (STEP_QUANTITY.equals(step)) {
        Integer n = CheckoutWords.quantity(text, checkout.product(e).names());
        if (n != null) {
          verdict = quantity(e, n);
        }
      }
      if (STEP_FULFILMENT.equals(step) || STEP_QUANTITY.equals(step)) {
        String fulfilment = CheckoutWords.fulfilmentBesidePayment(text);
        if ("pickup".equals(fulfilment)) {
          pickup(e, text, intro);
        } else if ("delivery".equals(fulfilment)) {
          e.setVariable(SalesVariables.FULFILMENT, "delivery");
          e.setVariable(SalesVariables.PICKUP_BRANCH, null);
          e.setVariable(SalesVariables.CHECKOUT_CONFIRMED, false);
        }
      }
      String kept = paymentKept(e, method);
      intro[0] = intro[0] == null ? kept : kept + "\n" + intro[0];
      return verdict;
    }

    /** "ماشي، هنخلي الدفع إنستاباي 👍": the way to pay heard, for when its question comes. */
    private String paymentKept(DelegateExecution e, String method) {
      boolean pickup = "pickup".equals(checkout.string(e, SalesVariables.FULFILMENT));
      String[] how =
          switch (method) {
            case "cod" ->
                pickup
                    ? new String[] {
                      "كاش في الفرع", "نقداً في الفرع", "cash fel far3", "in cash at the branch"
                    }
                    : new String[] {
                      "كاش عند الاستلام",
                      "نقداً عند الاستلام",
                      "cash 3and el estelam",
                      "cash on delivery"
                    };
            case "instapay" -> new String[] {"إنستاباي", "عبر إنستاباي", "InstaPay", "by InstaPay"};
            case "instalments" ->
                new String[] {"بالتقسيط", "بالتقسيط", "ta2seet", "in instalments"};
            case "vodafone_cash" ->
                new String[] {
                  "فودافون كاش", "عبر فودافون كاش", "Vodafone Cash", "by Vodafone Cash"
                };
            default ->
                new String[] {
                  "أونلاين بالكارت", "إلكترونياً بالبطاقة", "online bel card", "online by card"
                };
          };
      return say(
          e,
          "ماشي، هنخلي الدفع " + how[0] + " 👍",
          "حسناً، سيكون الدفع " + how[1] + " 👍",
          "Mashy, el daf3 hayb2a " + how[2] + " 👍",
          "Got it, you'll pay " + how[3] + " 👍");
    }

    /** The way to pay: used once the summary is confirmed, remembered until then. */
    private String payment(DelegateExecution e, String method) {
      e.setVariable(SalesVariables.PAYMENT_METHOD, method);
      e.removeVariable(SalesVariables.TRANSFER_VIA); // a transfer is chosen after this, in words
      e.removeVariable(SalesVariables.TRANSFER_TO);
      return "applied";
    }

    private static int words(String text) {
      String t = text.trim();
      return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    private static String cut(String text) {
      String t = text.replaceAll("\\s+", " ").trim();
      return t.length() <= 300 ? t : t.substring(0, 300);
    }
  }

  /**
   * {@code ${checkoutResume}}: after the persona read a turn that was no checkout answer (and
   * answered it, unless it is a sales question): a person, a tracking question (answered here), a
   * booking or another product (checkout ends, the customer told), or else the pending question
   * again. Sets {@code checkoutNext}.
   */
  @Component("checkoutResume")
  static class CheckoutResume implements JavaDelegate {
    private final Checkout checkout;
    private final FlowMessages messages;
    private final TrackOrderDelegate tracking;
    private final Catalogue catalogue;

    CheckoutResume(
        Checkout checkout,
        FlowMessages messages,
        TrackOrderDelegate tracking,
        Catalogue catalogue) {
      this.checkout = checkout;
      this.messages = messages;
      this.tracking = tracking;
      this.catalogue = catalogue;
    }

    @Override
    public void execute(DelegateExecution e) {
      String intent = (String) e.getVariable("intent");
      if (Boolean.TRUE.equals(e.getVariable("handoff")) || "human_request".equals(intent)) {
        e.setVariable(SalesVariables.CHECKOUT_NEXT, "human");
        return;
      }
      String name = (String) e.getVariable(SalesVariables.PRODUCT_NAME);
      String sku = (String) e.getVariable(SalesVariables.PRODUCT_SKU);
      boolean otherProduct =
          catalogue.search(SalesContext.turnText(e)).stream().anyMatch(p -> !p.sku().equals(sku));
      if (otherProduct && ASKED_ABOUT.contains(intent)) {
        // "btw how much is the galaxy s24?" at the delivery question: the price, and the order goes
        // on with what is in it; only an order of the other product ("I'll take the S24
        // instead") changes it
        Optional<Product> asked = askedAbout(e, sku, catalogue);
        if (asked.isPresent()) {
          if (!Boolean.TRUE.equals(e.getVariable("personaAnswered"))) {
            String askedName = SalesContext.productName(e, asked.get());
            String price = SalesContext.money(e, asked.get().priceEgp());
            messages.send(
                e,
                OutboundMessage.Text.of(
                    say(
                        e,
                        "سعر " + askedName + ": " + price + ".",
                        "سعر " + askedName + ": " + price + ".",
                        askedName + " se3ro " + price + ".",
                        askedName + " costs " + price + ".")));
          }
          checkout.ask(
              e,
              checkout.missing(e),
              say(
                  e,
                  "طلبك لسه " + name + " زي ما هو. ونكمل:",
                  "طلبك ما زال " + name + " كما هو. ولنكمل:",
                  "El order lessa " + name + " zay ma howa. W nkammel:",
                  "Your order is still the " + name + ". Back to it:"));
          e.setVariable(SalesVariables.CHECKOUT_NEXT, "ask");
          return;
        }
      }
      if (OfferTurnDelegate.BOOKING_INTENTS.contains(intent)
          || otherProduct && OfferTurnDelegate.PRODUCT_INTENTS.contains(intent)) {
        if (!otherProduct) {
          messages.send(
              e,
              OutboundMessage.Text.of(
                  say(
                      e,
                      "تمام، هنسيب طلب "
                          + name
                          + " دلوقتي (محدش اتحجز). لو حبيت تكمله ابعتلي «اطلبه».",
                      "حسناً، سنترك طلب "
                          + name
                          + " الآن (لم يُحجز شيء). إذا أردت إكماله أرسل «اطلبه».",
                      "Tamam, hansib order "
                          + name
                          + " delwa2ty (mafeesh 7aga et7agazet). Law 3ayez tkamelo ab3at \"otlobo\".",
                      "OK, I'll leave the "
                          + name
                          + " order for now (nothing is reserved). Say \"order it\" to pick it up"
                          + " again.")));
        }
        e.setVariable(SalesVariables.CHECKOUT_NEXT, otherProduct ? "product" : "topic");
        return;
      }
      String intro = null;
      if ("order_status".equals(intent)) {
        TrackOrderDelegate.Tracked tracked = tracking.track(e);
        messages.send(e, TrackOrderDelegate.message(e, tracked.text(), tracked.offerPerson()));
        intro = say(e, "ونكمل طلبك:", "ولنكمل طلبك:", "W nkammel el order:", "Back to your order:");
      }
      checkout.ask(e, checkout.missing(e), intro);
      e.setVariable(SalesVariables.CHECKOUT_NEXT, "ask");
    }
  }

  /** A question about a product, as opposed to an order of it. */
  private static final java.util.Set<String> ASKED_ABOUT =
      java.util.Set.of("product_inquiry", "availability");

  /**
   * The priced product other than the one being ordered that the turn asks about: the one the
   * persona read, else the first the text names.
   */
  private static Optional<Product> askedAbout(
      DelegateExecution e, String orderedSku, Catalogue catalogue) {
    List<Product> named = new ArrayList<>();
    if (e.getVariable(app.wasla.persona.PersonaVariables.PRODUCT_READ) instanceof String read) {
      named.addAll(catalogue.search(read));
    }
    named.addAll(catalogue.search(SalesContext.turnText(e)));
    return named.stream()
        .filter(p -> !p.sku().equals(orderedSku))
        .filter(p -> p.priceEgp() != null)
        .findFirst();
  }

  /**
   * {@code ${confirmCashOnDelivery}}: the reserved order is confirmed, to be paid on delivery or at
   * the branch.
   */
  @Component("confirmCashOnDelivery")
  static class ConfirmCashOnDelivery implements JavaDelegate {
    private final Orders orders;
    private final FlowMessages messages;
    private final Checkout checkout;

    private final LookUpStockDelegate stock;

    ConfirmCashOnDelivery(
        Orders orders, FlowMessages messages, Checkout checkout, LookUpStockDelegate stock) {
      this.orders = orders;
      this.messages = messages;
      this.checkout = checkout;
      this.stock = stock;
    }

    @Override
    public void execute(DelegateExecution e) {
      String orderId = (String) e.getVariable(SalesVariables.ORDER_ID);
      Order order = orders.confirmCashOnDelivery(orderId);
      e.setVariable(SalesVariables.ORDER_STATUS, order.status());
      e.setVariable(SalesVariables.SALES_OUTCOME, "cash_on_delivery");
      String total =
          SalesContext.money(
              e,
              BigDecimal.valueOf(
                  ((Number) e.getVariable(SalesVariables.ORDER_TOTAL_EGP)).longValue()));
      boolean pickup = "pickup".equals(checkout.string(e, SalesVariables.FULFILMENT));
      // the zone's days, as the delivery passage gives them; all of them when the zone is unknown
      String zone = checkout.string(e, SalesVariables.DELIVERY_ZONE);
      boolean known = zone != null && !"1-5".equals(DeliveryZones.days(zone));
      String days = DeliveryZones.days(zone);
      String daysAr = SalesContext.arabicDigits(days);
      String branch =
          pickup ? checkout.branchName(e, checkout.string(e, SalesVariables.PICKUP_BRANCH)) : null;
      messages.send(
          e,
          OutboundMessage.Text.of(
              pickup
                  ? say(
                      e,
                      "تمام! طلبك "
                          + orderId
                          + " اتأكد ✅ وهتلاقيه جاهز في فرع "
                          + branch
                          + ". هتدفع "
                          + total
                          + " كاش في الفرع لما تستلمه.",
                      "تم! طلبك "
                          + orderId
                          + " مؤكد ✅ وسيكون جاهزاً في فرع "
                          + branch
                          + ". ستدفع "
                          + total
                          + " نقداً عند الاستلام في الفرع.",
                      "Tamam! El order "
                          + orderId
                          + " et2akked ✅ w hatla2ih gahez f far3 "
                          + branch
                          + ". Hatedfa3 "
                          + total
                          + " cash fel far3 lama testelmo.",
                      "Done! Order "
                          + orderId
                          + " is confirmed ✅ and will be ready at our "
                          + branch
                          + " branch. You pay "
                          + total
                          + " in cash when you pick it up.")
                  : say(
                      e,
                      "تمام! طلبك "
                          + orderId
                          + " اتأكد ✅ وهيوصلك خلال "
                          + daysAr
                          + " أيام عمل"
                          + (known ? "" : " حسب المحافظة")
                          + ". هتدفع "
                          + total
                          + " كاش عند الاستلام.",
                      "تم! طلبك "
                          + orderId
                          + " مؤكد ✅ وسيصلك خلال "
                          + daysAr
                          + " أيام عمل"
                          + (known ? "" : " حسب المحافظة")
                          + ". ستدفع "
                          + total
                          + " نقداً عند الاستلام.",
                      "Tamam! El order "
                          + orderId
                          + " et2akked ✅ w hayewsalak f "
                          + days
                          + " ayam shoghl"
                          + (known ? "" : " 7asab el mo7afza")
                          + ". Hatedfa3 "
                          + total
                          + " cash 3and el estelam.",
                      "Done! Order "
                          + orderId
                          + " is confirmed ✅ and arrives in "
                          + days
                          + " working days"
                          + (known ? "" : " depending on the governorate")
                          + ". You pay "
                          + total
                          + " in cash on delivery.")));
      stock.offerNext(e); // "I'll take both": the second order starts now
    }
  }
}
