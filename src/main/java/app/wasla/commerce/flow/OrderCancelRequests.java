package app.wasla.commerce.flow;

import app.wasla.commerce.booking.Bookings;
import app.wasla.commerce.order.Order;
import app.wasla.commerce.order.Orders;
import app.wasla.persona.nlp.ArabicNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * {@code ${orderCancelRequests.asked(execution)}}: whether the customer's turn asks to cancel an
 * order rather than a booking, so that the conversation calls order-cancel instead of the booking
 * flow (the persona reads every "cancel" as a booking cancellation, and "cancel order ORD-12004" as
 * an order-status question).
 *
 * <p>An order cancellation has a cancel verb ("الغي", "إلغاء", "elghy", "alghi", "el8y", "cancel";
 * not "اتلغى", "ملغي", "cancelled": those report, they do not ask) and names an order: an order
 * number, an order word ("طلب", "الاوردر", "order", "el order"), or a product of one of the
 * customer's open orders ("the charger order"). A turn that names a booking ("حجز", "ميعاد",
 * "7agz", "appointment", BK-5004) and no order number is a booking's, unless it says it is not one
 * ("cancel my order, not a booking"). With neither named, a cancel is the order's when the customer
 * has an open order and no upcoming booking ("ana 3ayez el8eeh" after asking about an order). A tap
 * on one of order-cancel's buttons on an older message counts too.
 */
@Component("orderCancelRequests")
public class OrderCancelRequests {

  static final Pattern ORDER_NUMBER = Pattern.compile("(?i)\\bord[-#\\s]*(\\d{4,12})\\b");
  private static final Pattern BOOKING_NUMBER = Pattern.compile("(?i)\\bbk[-#\\s]*\\d{3,12}\\b");
  private static final Pattern CANCEL_ARABIC = Pattern.compile("^و?(?:[اتنه])?لغ[ياىو].*|^كنسل.*");
  private static final Pattern CANCEL_LATIN =
      Pattern.compile("^(?:e|a|te|t|ne|n|ha)lgh[a-z]*$|^cancel(?!l?ed$)[a-z]*$");
  private static final Set<String> ORDER_WORDS =
      Set.of(
          "طلب",
          "طلبي",
          "الطلب",
          "طلبك",
          "طلبيه",
          "الطلبيه",
          "طلبيتي",
          "اوردر",
          "الاوردر",
          "اوردري",
          "والطلب",
          "والاوردر",
          "order",
          "orders",
          "ordr",
          "ordar");
  private static final Pattern BOOKING_ARABIC =
      Pattern.compile("^(?:و|ال|وال)?(?:حجز|ميعاد|موعد|معاد|مواعيد|صيانه).*");
  private static final Pattern BOOKING_LATIN =
      Pattern.compile(
          "^(?:el)?(?:7agz|hagz|7ogz|ma3ad|me3ad|maw3ed|mo3ad|seyana|siana|syana)[a-z]*$|"
              + "^(?:booking|bookings|appointment|appointments|repair|visit)$");

  private final Orders orders;
  private final Bookings bookings;

  OrderCancelRequests(Orders orders, Bookings bookings) {
    this.orders = orders;
    this.bookings = bookings;
  }

  /** True when the turn asks to cancel one of the customer's orders. */
  public boolean asked(DelegateExecution execution) {
    String replyId = SalesContext.replyId(execution);
    if (replyId != null && replyId.startsWith(OrderCancelDelegates.BUTTON_PREFIX)) {
      return true;
    }
    Object intent = execution.getVariable("intent");
    if ("human_request".equals(intent) || "complaint".equals(intent)) {
      return false;
    }
    String text = SalesContext.turnText(execution);
    List<String> tokens = tokens(text);
    if (!cancelVerb(tokens)) {
      return false;
    }
    if (ORDER_NUMBER.matcher(toWesternDigits(text)).find()) {
      return true;
    }
    if (namesBooking(text, tokens)) {
      return false;
    }
    if (tokens.stream().anyMatch(ORDER_WORDS::contains)) {
      return true;
    }
    String customer = SalesContext.customerId(execution);
    List<Order> open = open(customer);
    if (open.isEmpty()) {
      return false;
    }
    return !named(open, tokens).isEmpty() || bookings.upcoming(customer).isEmpty();
  }

  /** The customer's orders that are neither cancelled nor delivered, newest first. */
  List<Order> open(String customer) {
    return orders.forCustomer(customer, 20).stream()
        .filter(o -> !Order.CANCELLED.equals(o.status()) && !"DELIVERED".equals(o.status()))
        .toList();
  }

  /** The orders among these whose product the text names ("the charger order", "الايربودز"). */
  static List<Order> named(List<Order> orders, List<String> tokens) {
    List<Order> named = new ArrayList<>();
    for (Order o : orders) {
      if (nameWords(o).stream().anyMatch(tokens::contains)) {
        named.add(o);
      }
    }
    return named;
  }

  /** The order number the text names (ORD-12008), or null. */
  static String orderNumber(String text) {
    Matcher m = ORDER_NUMBER.matcher(toWesternDigits(text));
    return m.find() ? "ORD-" + m.group(1) : null;
  }

  static List<String> tokens(String text) {
    String normalized = ArabicNormalizer.normalize(text).toLowerCase(Locale.ROOT);
    List<String> tokens = new ArrayList<>();
    for (String t : normalized.split("[^\\p{L}\\p{N}]+")) {
      if (!t.isEmpty()) {
        tokens.add(latin(t) ? t.replace("8", "gh") : t);
      }
    }
    return tokens;
  }

  private static boolean cancelVerb(List<String> tokens) {
    return tokens.stream()
        .anyMatch(
            t -> latin(t) ? CANCEL_LATIN.matcher(t).matches() : CANCEL_ARABIC.matcher(t).matches());
  }

  private static boolean namesBooking(String text, List<String> tokens) {
    if (BOOKING_NUMBER.matcher(text).find()) {
      return true;
    }
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      boolean booking =
          latin(t) ? BOOKING_LATIN.matcher(t).matches() : BOOKING_ARABIC.matcher(t).matches();
      if (booking && !negated(tokens, i)) {
        return true;
      }
    }
    return false;
  }

  /** "not a booking", "مش حجز", "msh 7agz": the booking word is what the turn is not about. */
  private static boolean negated(List<String> tokens, int i) {
    int j = i - 1;
    if (j >= 0 && ARTICLES.contains(tokens.get(j))) {
      j--;
    }
    return j >= 0 && NEGATIONS.contains(tokens.get(j));
  }

  private static final Set<String> NEGATIONS =
      Set.of("not", "no", "مش", "مو", "ليس", "وليس", "لا", "msh", "mesh", "mish", "mosh");

  private static final Set<String> ARTICLES = Set.of("a", "an", "the", "my", "any");

  /** The distinctive words of the order's product name, as {@link #tokens} spells them. */
  private static Set<String> nameWords(Order o) {
    Set<String> words = new java.util.HashSet<>();
    for (String name : new String[] {o.productNameEn(), o.productNameAr()}) {
      for (String t : tokens(name == null ? "" : name)) {
        if (t.length() >= 4 && !t.chars().allMatch(Character::isDigit)) {
          words.add(t);
          if (!latin(t)) {
            words.add("ال" + t);
          }
        }
      }
    }
    return words;
  }

  private static boolean latin(String token) {
    return token.chars().noneMatch(c -> ArabicNormalizer.isArabicLetter((char) c));
  }

  static String toWesternDigits(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      b.append(c >= '\u0660' && c <= '\u0669' ? (char) ('0' + c - '\u0660') : c);
    }
    return b.toString();
  }
}
