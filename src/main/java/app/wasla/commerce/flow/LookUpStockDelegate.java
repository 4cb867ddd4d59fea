package app.wasla.commerce.flow;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.channel.whatsapp.OutboundMessage.ReplyButtons;
import app.wasla.channel.whatsapp.OutboundMessage.ReplyButtons.Button;
import app.wasla.commerce.CommerceProperties;
import app.wasla.commerce.catalogue.Catalogue;
import app.wasla.commerce.catalogue.Product;
import app.wasla.commerce.catalogue.StockLevel;
import app.wasla.commerce.order.CheckoutWords;
import app.wasla.conversation.ConversationVariables;
import app.wasla.conversation.FlowMessages;
import app.wasla.persona.PersonaVariables;
import app.wasla.persona.nlp.ArabicNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${lookUpStock}}: finds the product the customer named, answers with its price and where it
 * is in stock, with buttons order / another product / talk to someone. A tap on an older offer's
 * "Order now" ({@code sales_order:<sku>}) acts on what that offer was for: the product is taken
 * from the button and checkout starts at once ({@code orderTapped}), or the customer hears that it
 * is sold out, or no longer sold.
 */
@Component("lookUpStock")
class LookUpStockDelegate implements JavaDelegate {

  private final Catalogue catalogue;
  private final FlowMessages messages;
  private final boolean productPhotos;

  LookUpStockDelegate(Catalogue catalogue, FlowMessages messages, CommerceProperties props) {
    this.catalogue = catalogue;
    this.messages = messages;
    this.productPhotos = props.productPhotos();
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(SalesVariables.ORDER_TAPPED, false);
    if ("order".equals(execution.getVariable(PersonaVariables.INTENT))
        && execution.getVariable(PersonaVariables.PRODUCTS_MORE) instanceof String more
        && !more.isBlank()) {
      // "I'll take both": the others wait for this order's confirmation (a question read during
      // checkout does not keep the persona's variable)
      execution.setVariable(SalesVariables.PRODUCTS_NEXT, more);
    }
    List<Product> found = catalogue.search(SalesContext.turnText(execution));
    // "تمام عايزة اطلبه بالتقسيط" after the product's price or instalments: an order of the product
    // already shown, naming none, starts its checkout as its "Order now" would
    String said = SalesContext.turnText(execution);
    boolean ordersShown =
        found.isEmpty()
            && said != null
            && (CheckoutWords.instalments(said)
                || CheckoutWords.cashOnDelivery(said)
                || CheckoutWords.wallet(said)
                || CheckoutWords.card(said))
            && SalesContext.replyId(execution) == null
            && "order".equals(execution.getVariable(PersonaVariables.INTENT))
            && execution.getVariable(PersonaVariables.PRODUCT_READ) instanceof String r
            && execution.getVariable(PersonaVariables.QUANTITY) == null
            && execution.getVariable(SalesVariables.SHOWN_PRODUCT) instanceof String shown
            && catalogue.search(r).stream()
                .findFirst()
                .filter(p -> p.sku().equals(shown))
                .isPresent();
    if (execution.getVariable(PersonaVariables.PRODUCT_READ) instanceof String read) {
      // "بكام؟", "is it available in Alexandria?": the product the persona read the turn as about;
      // and of two named, the one it read ("ال band 8 بتشتغل مع iPhone؟" asks about the band)
      List<Product> persona = catalogue.search(read);
      if (!persona.isEmpty()) {
        List<Product> first = new ArrayList<>(persona.subList(0, 1));
        found.stream().filter(p -> !p.sku().equals(persona.get(0).sku())).forEach(first::add);
        found = first;
      }
    }
    // "order now with the bot" tapped on a handoff: the order it replays needs no second "Order
    // now"
    Object chosenAt = execution.getVariable(SalesVariables.ORDER_CHOSEN_AT);
    boolean chosen =
        chosenAt != null
            && chosenAt.equals(execution.getVariable(ConversationVariables.LAST_WAMID))
            && "order".equals(execution.getVariable(PersonaVariables.INTENT));
    Optional<Product> tapped =
        ordersShown || chosen && !found.isEmpty()
            ? found.stream().findFirst()
            : found.isEmpty() ? tappedProduct(execution) : Optional.empty();
    if (tapped.isPresent()) {
      remember(execution, tapped.get());
      execution.setVariable(SalesVariables.PRODUCT_FOUND, true);
      if (inStock(tapped.get()).isEmpty()) {
        offer(execution, tapped.get(), null);
        return;
      }
      if (chosen
          && execution.getVariable(PersonaVariables.QUANTITY) instanceof Number n
          && n.intValue() == 1) {
        execution.setVariable(SalesVariables.QUANTITY, 1); // "ايفون 15 واحد": not asked again
      }
      execution.setVariable(SalesVariables.ORDER_TAPPED, true);
      return;
    }
    execution.setVariable(SalesVariables.PRODUCT_FOUND, !found.isEmpty());
    if (found.isEmpty() && tappedGone(execution)) {
      messages.send(
          execution,
          OutboundMessage.Text.of(
              SalesContext.say(
                  execution,
                  "المنتج ده مبقاش موجود عندنا للأسف، فالعرض ده انتهى. قولّي بتدور على إيه وأنا أقولك البدائل المتوفرة.",
                  "للأسف لم يعد هذا المنتج متوفراً لدينا، فانتهى هذا العرض. أخبرني بما تبحث عنه وسأخبرك بالبدائل المتوفرة.",
                  "Lel asaf el montag da mab2ash mawgood 3andena, fa el 3ard da 5eles. 2oly btdawar 3ala eh w a2olak el"
                      + " bada2el el metwaffra.",
                  "Sorry, we no longer sell that product, so that offer has ended. Tell me what you're looking for and I'll"
                      + " suggest what we have.")));
      return;
    }
    if (found.isEmpty()) {
      messages.send(
          execution,
          OutboundMessage.Text.of(
              SalesContext.sayTo(
                  execution,
                  "قولّي اسم المنتج اللي بتدور عليه (مثلا: آيفون ١٥ أو ايربودز برو) وأنا أقولك سعره ومتوفر فين.",
                  // "عايزة سماعة": to a woman
                  "قوليلي اسم المنتج اللي بتدوري عليه (مثلا: آيفون ١٥ أو ايربودز برو) وأنا أقولك سعره ومتوفر فين.",
                  "أخبرني باسم المنتج الذي تبحث عنه (مثلاً: آيفون ١٥ أو إيربودز برو) وسأخبرك بسعره وأين يتوفر.",
                  " 2oly esm el montag elly btdawar 3aleh (masalan iPhone 15 aw AirPods Pro) w ana a2olak se3ro w metwaffar fen.",
                  " 2oolily esm el montag elly btdawary 3aleh (masalan iPhone 15 aw AirPods Pro) w ana a2olek se3ro w metwaffar fen.",
                  "Tell me the product's name (for example iPhone 15 or AirPods Pro) and I'll tell you its price and"
                      + " where it's in stock.")));
      return;
    }
    if (ordersInWords(execution, found)) {
      // "تمام هاخد A15، عايزة اطلبه", "ok I'll take the S24, order it": an order in words of one
      // product starts its checkout, as its "Order now" would; its price is said first
      Product ordered = found.get(0);
      remember(execution, ordered);
      execution.setVariable(SalesVariables.PRODUCT_FOUND, true);
      if (execution.getVariable(PersonaVariables.QUANTITY) instanceof Number n
          && n.intValue() >= 1
          && n.intValue() < 100) {
        execution.setVariable(SalesVariables.QUANTITY, n.intValue());
      }
      sendPhoto(execution, ordered);
      String name = SalesContext.productName(execution, ordered);
      String price = SalesContext.money(execution, ordered.priceEgp());
      messages.send(
          execution,
          OutboundMessage.Text.of(
              SalesContext.say(
                  execution,
                  name + ": " + price + " 👌",
                  name + ": " + price + ".",
                  name + ": " + price + " 👌",
                  "The " + name + ": " + price + " 👌")));
      execution.setVariable(SalesVariables.ORDER_TAPPED, true);
      return;
    }
    remember(execution, found.get(0));
    // the pieces named with the product in an order or a stock question ("عايز فري بودز ٤ واحدة":
    // one) are not asked again; a number in another question ("٣ الوان؟") is no order's
    Object intent = execution.getVariable(PersonaVariables.INTENT);
    if (("order".equals(intent) || "availability".equals(intent))
        && execution.getVariable(PersonaVariables.QUANTITY) instanceof Number n
        && n.intValue() >= 1
        && n.intValue() < 100) {
      execution.setVariable(SalesVariables.QUANTITY, n.intValue());
    }
    offer(execution, found.get(0), severalOrdered(execution, found.get(0)));
  }

  /**
   * The customer's decision in words: "هاخد", "hat", "I'll take", "order it", "اطلبه" (the product
   * named is taken, not asked about).
   */
  private static final Pattern TAKES =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:هاخد|هاخده|هاخدها|حاخد|هخد|هناخد|خلاص هاخد|اطلبه|اطلبها|اطلبهولي|اطلبهالي|"
              + "اطلبهلي|ساخذ|ساخذه|ساخذها|سوف اخذ|ha5od|ha5do|ha5dha|hakhod|hat|hatly|hatli|atlobo|atlobha|"
              + "i ll take|ill take|i will take|i ll get|ill get|i will get|order it|order that|order this|"
              + "place the order|i ll buy|ill buy|i will buy)(?![\\p{L}\\p{N}])");

  /**
   * An order typed in words ("طيب هاخد الريدمي نوت ١٣", "5alas hat el buds FE") of one product the
   * persona read, in stock, with no other product ordered beside it: no offer card first.
   */
  private boolean ordersInWords(DelegateExecution execution, List<Product> found) {
    if (!"order".equals(execution.getVariable(PersonaVariables.INTENT))
        || SalesContext.replyId(execution) != null
        || found.isEmpty()
        || execution.getVariable(PersonaVariables.PRODUCTS_MORE) instanceof String more
            && !more.isBlank()
        || !(execution.getVariable(PersonaVariables.PRODUCT_READ) instanceof String read)) {
      return false;
    }
    String said = SalesContext.turnText(execution);
    if (said == null
        || !TAKES
            .matcher(" " + ArabicNormalizer.normalize(said).toLowerCase(Locale.ROOT) + " ")
            .find()) {
      return false; // "أريد شراء X", "i want to order X": the offer first, its price and stock
    }
    Product first = found.get(0);
    return catalogue.search(read).stream()
            .findFirst()
            .filter(p -> p.sku().equals(first.sku()))
            .isPresent()
        && !inStock(first).isEmpty()
        && !(execution.getVariable(PersonaVariables.QUANTITY) instanceof Number n
            && n.intValue() >= 100);
  }

  /**
   * "I'll take both": an order is of one product, so the first is offered and the customer told
   * that the others follow once it is ordered; null when one product was ordered.
   */
  private String severalOrdered(DelegateExecution execution, Product first) {
    if (!"order".equals(execution.getVariable(PersonaVariables.INTENT))
        || !(execution.getVariable(PersonaVariables.PRODUCTS_MORE) instanceof String more)
        || more.isBlank()) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (String name : more.split("\\|")) {
      catalogue.search(name).stream()
          .findFirst()
          .filter(p -> !p.sku().equals(first.sku()))
          .ifPresent(p -> names.add(SalesContext.productName(execution, p)));
    }
    if (names.isEmpty()) {
      return null;
    }
    String firstName = SalesContext.productName(execution, first);
    String next = String.join(SalesContext.arabic(execution) ? " و" : " and ", names);
    return SalesContext.say(
        execution,
        "كل طلب بيبقى لمنتج واحد، فهنبدأ بـ "
            + firstName
            + "، وبعد ما نأكده نطلب "
            + next
            + " على طول.",
        "كل طلب يكون لمنتج واحد، لذا سنبدأ بـ "
            + firstName
            + "، وبعد تأكيده نطلب "
            + next
            + " مباشرة.",
        "Kol order by-kon l montag wa7ed, fa hanebda2 b "
            + firstName
            + ", w ba3d ma n2akedo notlob "
            + next
            + " 3ala tool.",
        "Each order is for one product, so let's start with the "
            + firstName
            + "; once it's confirmed,"
            + " we'll order the "
            + next
            + " right after.");
  }

  /**
   * The product's photo, captioned with its name in the customer's language, before the offer's
   * text and buttons (the outbox keeps that order); once per product in a flow: an offer shown
   * again ("your offer is still open") comes without it. Nothing for a product without a photo, or
   * with {@code wasla.commerce.product-photos} off.
   */
  private void sendPhoto(DelegateExecution execution, Product product) {
    if (!productPhotos
        || product.imageUrl() == null
        || product.sku().equals(execution.getVariable(SalesVariables.PHOTO_SHOWN))) {
      return;
    }
    messages.send(
        execution,
        OutboundMessage.Image.ofLink(
            product.imageUrl(), SalesContext.productName(execution, product)));
    execution.setVariable(SalesVariables.PHOTO_SHOWN, product.sku());
  }

  /** The product of a tapped "Order now" ({@code sales_order:<sku>}), if the turn is one. */
  Optional<Product> tappedProduct(DelegateExecution execution) {
    String replyId = SalesContext.replyId(execution);
    if (replyId == null || !replyId.startsWith(SalesVariables.REPLY_ORDER_PREFIX)) {
      return Optional.empty();
    }
    return catalogue.product(replyId.substring(SalesVariables.REPLY_ORDER_PREFIX.length()));
  }

  /** A tapped "Order now" of a product the catalogue no longer has. */
  private boolean tappedGone(DelegateExecution execution) {
    String replyId = SalesContext.replyId(execution);
    return replyId != null
        && replyId.startsWith(SalesVariables.REPLY_ORDER_PREFIX)
        && tappedProduct(execution).isEmpty();
  }

  /** The offered product's variables: what "Order now" and checkout act on. */
  void remember(DelegateExecution execution, Product product) {
    execution.setVariable(SalesVariables.PRODUCT_SKU, product.sku());
    execution.setVariable(
        SalesVariables.PRODUCT_NAME, SalesContext.productName(execution, product));
    execution.setVariable(SalesVariables.PRICE_EGP, SalesContext.wholeEgp(product.priceEgp()));
    execution.setVariable(SalesVariables.PRODUCT_AVAILABLE, !inStock(product).isEmpty());
  }

  List<StockLevel> inStock(Product product) {
    return catalogue.stock(product.sku()).stream().filter(s -> s.available() > 0).toList();
  }

  /**
   * Sends the offer: price, where it is in stock, and the buttons; {@code intro} (may be null) goes
   * first, e.g. "the offer is still open" after a question was answered.
   */
  /**
   * The order just confirmed was the first of several ("I'll take both"): the next is offered at
   * once, as promised, its "Order now" going straight to checkout.
   */
  void offerNext(DelegateExecution execution) {
    if (!(execution.getVariable(SalesVariables.PRODUCTS_NEXT) instanceof String next)
        || next.isBlank()) {
      return;
    }
    execution.setVariable(SalesVariables.PRODUCTS_NEXT, null);
    Object ordered = execution.getVariable(SalesVariables.PRODUCT_SKU);
    for (String name : next.split("\\|")) {
      Optional<Product> product =
          catalogue.search(name).stream().findFirst().filter(p -> !p.sku().equals(ordered));
      if (product.isPresent()) {
        String productName = SalesContext.productName(execution, product.get());
        offer(
            execution,
            product.get(),
            SalesContext.say(
                execution,
                "ودلوقتي زي ما اتفقنا نطلب " + productName + " 👇",
                "والآن كما اتفقنا نطلب " + productName + " 👇",
                "W delwa2ty zay ma etfa2na notlob " + productName + " 👇",
                "And now, as promised, the " + productName + " 👇"));
        return;
      }
    }
  }

  void offer(DelegateExecution execution, Product product, String intro) {
    offer(execution, product, intro, null);
  }

  /**
   * The offer, with {@code outro} (may be null) after the price and stock, e.g. an open order's
   * payment link.
   */
  void offer(DelegateExecution execution, Product product, String intro, String outro) {
    sendPhoto(execution, product);
    List<StockLevel> inStock = inStock(product);
    boolean arabicScript = SalesContext.form(execution) < 2;
    String name = SalesContext.productName(execution, product);
    String where =
        inStock.stream()
            .map(s -> (arabicScript ? s.branchNameAr() : s.branchNameEn()))
            .collect(Collectors.joining(arabicScript ? "، " : ", "));
    String price = SalesContext.money(execution, product.priceEgp());
    List<Product> nearest = inStock.isEmpty() ? nearestInStock(product) : List.of();
    String body =
        (intro == null ? "" : intro + "\n")
            + SalesContext.say(
                execution,
                "سعر "
                    + name
                    + ": "
                    + price
                    + ".\n"
                    + (inStock.isEmpty()
                        ? "للأسف المخزون خلص دلوقتي في الفرعين."
                        : "متوفر في: " + where + "."),
                "سعر "
                    + name
                    + ": "
                    + price
                    + ".\n"
                    + (inStock.isEmpty()
                        ? "للأسف نفد المخزون حالياً من الفرعين."
                        : "متوفر في: " + where + "."),
                name
                    + " se3ro "
                    + price
                    + ".\n"
                    + (inStock.isEmpty()
                        ? "Lel asaf 5elis delwa2ty f el far3een."
                        : "Metwaffar f: " + where + "."),
                name
                    + " costs "
                    + price
                    + ".\n"
                    + (inStock.isEmpty()
                        ? "Sorry, it's out of stock in both branches right now."
                        : "In stock: " + where + "."))
            + nearestLines(execution, nearest)
            + (outro == null ? "" : "\n\n" + outro);
    List<Button> buttons = new ArrayList<>();
    if (!inStock.isEmpty()) {
      buttons.add(
          new Button(
              SalesVariables.REPLY_ORDER_PREFIX + product.sku(),
              SalesContext.say(
                  execution, "اطلب دلوقتي", "اطلب الآن", "Otlob delwa2ty", "Order now")));
    } else if (!nearest.isEmpty()) {
      // the nearest one's "Order now": the tap orders that one, as on its own card
      Product first = nearest.get(0);
      buttons.add(
          new Button(
              SalesVariables.REPLY_ORDER_PREFIX + first.sku(),
              buttonTitle(SalesContext.productName(execution, first))));
    }
    buttons.add(
        new Button(
            SalesVariables.REPLY_OTHER_PRODUCT,
            SalesContext.say(
                execution, "منتج تاني", "منتج آخر", "Montag tany", "Another product")));
    buttons.add(
        new Button(
            SalesVariables.REPLY_HUMAN,
            SalesContext.say(
                execution, "كلّم حد", "التحدث مع موظف", "Akalem 7ad", "Talk to someone")));
    messages.send(
        execution,
        new ReplyButtons(
            body.length() > 1024 ? body.substring(0, 1024) : body, buttons, null, null));
  }

  /** How many products in stock a sold-out one's card offers instead. */
  private static final int NEAREST = 2;

  /**
   * The products in stock nearest to a sold-out one: the same category, the closest prices first
   * (as the persona offers for a sold-out product named); empty when the catalogue cannot list the
   * category.
   */
  List<Product> nearestInStock(Product product) {
    if (product.category() == null || product.priceEgp() == null) {
      return List.of();
    }
    return catalogue.ofCategory(product.category()).stream()
        .filter(p -> !p.sku().equals(product.sku()) && p.priceEgp() != null)
        .sorted(
            java.util.Comparator.comparing(
                (Product p) -> p.priceEgp().subtract(product.priceEgp()).abs()))
        .filter(p -> !inStock(p).isEmpty())
        .limit(NEAREST)
        .toList();
  }

  /** The nearest products in stock as lines under the card's "out of stock", or nothing. */
  private static String nearestLines(DelegateExecution execution, List<Product> nearest) {
    if (nearest.isEmpty()) {
      return "";
    }
    StringBuilder sb =
        new StringBuilder(
            "\n"
                + SalesContext.say(
                    execution,
                    "الأقرب ليه ومتوفر دلوقتي:",
                    "الأقرب إليه والمتوفر حالياً:",
                    "El a2rab leeh w metwaffar delwa2ty:",
                    "The nearest ones we have in stock:"));
    for (Product p : nearest) {
      sb.append("\n• ")
          .append(SalesContext.productName(execution, p))
          .append(": ")
          .append(SalesContext.money(execution, p.priceEgp()));
    }
    return sb.toString();
  }

  /** A reply button's title: WhatsApp allows 20 characters. */
  private static String buttonTitle(String name) {
    return name.length() <= 20 ? name : name.substring(0, 19) + "…";
  }
}
