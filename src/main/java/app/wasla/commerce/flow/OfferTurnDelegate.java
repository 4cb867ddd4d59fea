package app.wasla.commerce.flow;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.commerce.catalogue.Catalogue;
import app.wasla.commerce.catalogue.Product;
import app.wasla.commerce.order.CheckoutWords;
import app.wasla.conversation.FlowMessages;
import app.wasla.persona.PersonaVariables;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${offerTurn}}: while an offer waits, what the customer's turn means, after the persona has
 * read it (and answered it, unless it is a sales question it leaves to the flows). Into {@code
 * offerChoice}:
 *
 * <ul>
 *   <li>{@code order}: "Order now" (this offer's button or an older one's, which acts on its own
 *       product), or the offer taken in words ("تمام هاخده", "ok i'll take it", "2 please", which
 *       also gives the quantity), or a turn the persona read as an order naming no other product
 *       ("ايوه اطلبهم");
 *   <li>{@code human}: "Talk to someone", or the persona handed off;
 *   <li>{@code product}: another product named: it is looked up and offered instead;
 *   <li>{@code topic}: a booking: the flow ends and the conversation serves it;
 *   <li>{@code track}: "where is my order?": answered here, the offer kept (and shown again);
 *   <li>{@code answered}: anything else; the persona answered, or the offer is shown again for a
 *       sales question about it, and the offer stays open.
 * </ul>
 */
@Component("offerTurn")
class OfferTurnDelegate implements JavaDelegate {

  static final Set<String> BOOKING_INTENTS =
      Set.of("booking_new", "booking_change", "booking_cancel");
  static final Set<String> PRODUCT_INTENTS = Set.of("product_inquiry", "availability", "order");

  private final Catalogue catalogue;
  private final FlowMessages messages;
  private final LookUpStockDelegate offers;
  private final TrackOrderDelegate tracking;

  OfferTurnDelegate(
      Catalogue catalogue,
      FlowMessages messages,
      LookUpStockDelegate offers,
      TrackOrderDelegate tracking) {
    this.catalogue = catalogue;
    this.messages = messages;
    this.offers = offers;
    this.tracking = tracking;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(SalesVariables.OFFER_CHOICE, choose(execution));
  }

  /**
   * Before the persona: the offer's own buttons and the offer taken in words are the flow's to read
   * (a persona might take "أريد طلبه" for a complaint); anything else is {@code read}: the persona
   * reads it, then {@link Topic}.
   */
  private String choose(DelegateExecution execution) {
    String replyId = SalesContext.replyId(execution);
    String text = SalesContext.turnText(execution);
    String sku = (String) execution.getVariable(SalesVariables.PRODUCT_SKU);

    if (replyId != null
        && (replyId.equals(SalesVariables.REPLY_ORDER)
            || replyId.startsWith(SalesVariables.REPLY_ORDER_PREFIX))) {
      Optional<Product> tapped = offers.tappedProduct(execution);
      if (tapped.isPresent() && !tapped.get().sku().equals(sku)) {
        // an older offer's button: it orders what it was offered for
        offers.remember(execution, tapped.get());
        if (offers.inStock(tapped.get()).isEmpty()) {
          offers.offer(execution, tapped.get(), null);
          return "answered";
        }
      }
      return "order";
    }
    if (SalesVariables.REPLY_HUMAN.equals(replyId)) {
      return "human";
    }
    if (SalesVariables.REPLY_OTHER_PRODUCT.equals(replyId)) {
      messages.send(
          execution,
          OutboundMessage.Text.of(
              SalesContext.say(
                  execution,
                  "قولّي اسم المنتج التاني اللي بتدور عليه وأنا أقولك سعره ومتوفر فين.",
                  "أخبرني باسم المنتج الآخر الذي تبحث عنه وسأخبرك بسعره وأين يتوفر.",
                  "2oly esm el montag el tany w a2olak se3ro w metwaffar fen.",
                  "Tell me which other product you're looking for and I'll tell you its price and where it's in stock.")));
      return "answered";
    }
    if (replyId != null && (replyId.startsWith("checkout_") || replyId.startsWith("pay_"))) {
      return "order"; // a checkout button of an earlier order of this offer: check out again
    }
    List<Product> named = catalogue.search(text);
    boolean otherProduct = !named.isEmpty() && named.stream().noneMatch(p -> p.sku().equals(sku));
    // the offered product's own number is no quantity ("عايز فري بودز ٤ واحدة" is one)
    List<String> names = new java.util.ArrayList<>();
    names.add((String) execution.getVariable(SalesVariables.PRODUCT_NAME));
    named.stream().filter(p -> p.sku().equals(sku)).forEach(p -> names.addAll(p.names()));
    Integer said = CheckoutWords.quantityAnswer(text, names);
    if (!otherProduct && (said != null || CheckoutWords.takesOffer(text))) {
      // a quantity said to an offer takes it ("3ayz etneen", "10", "تمام هاخد ٥")
      Integer quantity = said != null ? said : CheckoutWords.quantity(text, names);
      if (quantity != null) {
        execution.setVariable(SalesVariables.QUANTITY, quantity);
      }
      return "order";
    }
    return "read";
  }

  /**
   * {@code ${offerTopic}}: after the persona read a turn that was neither a button of the offer nor
   * taking it.
   */
  @Component("offerTopic")
  static class Topic implements JavaDelegate {
    private final OfferTurnDelegate offer;

    Topic(OfferTurnDelegate offer) {
      this.offer = offer;
    }

    @Override
    public void execute(DelegateExecution execution) {
      execution.setVariable(SalesVariables.OFFER_CHOICE, offer.topic(execution));
    }
  }

  String topic(DelegateExecution execution) {
    String text = SalesContext.turnText(execution);
    String intent = (String) execution.getVariable("intent");
    String sku = (String) execution.getVariable(SalesVariables.PRODUCT_SKU);
    if (Boolean.TRUE.equals(execution.getVariable("handoff"))) {
      return "human";
    }
    List<Product> named = catalogue.search(text);
    if (named.isEmpty()
        && execution.getVariable(PersonaVariables.PRODUCT_READ) instanceof String read) {
      named = catalogue.search(read); // "والعادي ١٥؟": the product the persona read
    }
    boolean otherProduct = !named.isEmpty() && named.stream().noneMatch(p -> p.sku().equals(sku));
    if ("order_status".equals(intent)) {
      TrackOrderDelegate.Tracked tracked = tracking.track(execution);
      messages.send(
          execution, TrackOrderDelegate.message(execution, tracked.text(), tracked.offerPerson()));
      reoffer(
          execution,
          SalesContext.say(
              execution,
              "ولسه عرضك موجود:",
              "وما زال عرضك متاحاً:",
              "W lessa el 3ard mawgood:",
              "Your offer is still open:"));
      return "track";
    }
    if (intent != null && BOOKING_INTENTS.contains(intent)) {
      String name = (String) execution.getVariable(SalesVariables.PRODUCT_NAME);
      messages.send(
          execution,
          OutboundMessage.Text.of(
              SalesContext.say(
                  execution,
                  "تمام، هنسيب عرض " + name + " على جنب؛ لو حبيته بعدين ابعتلي اسمه.",
                  "حسناً، سنضع عرض " + name + " جانباً؛ إذا أردته لاحقاً أرسل لي اسمه.",
                  "Tamam, hansib 3ard " + name + " 3ala ganb; law 3ayzo ba3deen ab3atly esmo.",
                  "OK, I'll put the "
                      + name
                      + " offer aside; send me its name whenever you want it.")));
      return "topic";
    }
    // a product question the persona answered itself names nothing to look up ("no, I asked
    // about a Dell laptop, not an iPhone": we don't sell laptops)
    boolean personaAnswered = Boolean.TRUE.equals(execution.getVariable("personaAnswered"));
    if (otherProduct && !personaAnswered && (intent == null || PRODUCT_INTENTS.contains(intent))) {
      return "product";
    }
    if ("order".equals(intent)
        && !otherProduct
        && !personaAnswered
        && !Boolean.FALSE.equals(execution.getVariable(SalesVariables.PRODUCT_AVAILABLE))) {
      // "ايوه اطلبهم", "I want to order it": the persona read an order of the product on offer
      if (execution.getVariable(PersonaVariables.QUANTITY) instanceof Number n
          && n.intValue() >= 1
          && n.intValue() < 100) {
        execution.setVariable(SalesVariables.QUANTITY, n.intValue());
      }
      return "order";
    }
    if (intent != null && PRODUCT_INTENTS.contains(intent) && !personaAnswered) {
      // a sales question about this offer (or an order of it while it is sold out: it says so),
      // which the persona left to the flow: the offer again
      // (not one the persona answered itself: "no, I asked about a Dell laptop, not an iPhone")
      reoffer(execution, null);
    }
    return "answered";
  }

  private void reoffer(DelegateExecution execution, String intro) {
    String sku = (String) execution.getVariable(SalesVariables.PRODUCT_SKU);
    catalogue.product(sku).ifPresent(p -> offers.offer(execution, p, intro));
  }
}
