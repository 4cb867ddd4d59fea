package app.wasla.persona;

import app.wasla.conversation.ConversationVariables;
import app.wasla.persona.learning.PersonaLearning;
import app.wasla.persona.playbook.Product;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The persona's answer to a message that arrives while a handoff waits for a person who has not
 * taken it up yet: a store question, a product's price or stock, what the shop sells. What it would
 * hand to a person anyway (a complaint, an unsure reading, a request for a person), and what only a
 * sales flow can carry on (placing an order, booking, tracking, which need the flow the handoff
 * holds), it leaves to the waiting handoff: empty.
 *
 * <p>Only the embedded persona answers here: the handoff's wait runs in the mailbox's transaction,
 * where an LLM's network call has no place; with an LLM the waiting customer is acknowledged as
 * before.
 */
@Component
public class PersonaWhileWaiting {

  /**
   * Intents left to the waiting handoff: a flow of several steps it holds back, and a greeting or
   * thanks, which the acknowledgement answers (a welcome menu would read as if nobody were coming).
   */
  private static final Set<String> LEFT_TO_THE_HANDOFF =
      Set.of(
          Intents.ORDER,
          Intents.BOOKING_NEW,
          Intents.BOOKING_CHANGE,
          Intents.BOOKING_CANCEL,
          Intents.GREETING,
          Intents.THANKS_GOODBYE,
          Intents.COMPLAINT,
          Intents.HUMAN_REQUEST);

  private final PersonaReplyDelegate reply;
  private final PersonaTurns inline;
  private final ObjectProvider<OrderStatus> orders;
  private final PersonaLearning learning;

  PersonaWhileWaiting(
      PersonaReplyDelegate reply,
      PersonaTurns inline,
      ObjectProvider<OrderStatus> orders,
      PersonaLearning learning) {
    this.reply = reply;
    this.inline = inline;
    this.orders = orders;
    this.learning = learning;
  }

  /** The answer and the language it is in, or empty: the handoff takes the message. */
  public Optional<Answer> answer(DelegateExecution execution) {
    if (!inline.inline(execution)) {
      return Optional.empty();
    }
    String text = (String) execution.getVariable(ConversationVariables.TURN_TEXT);
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    List<String> lines = Arrays.asList(text.split("\n"));
    MediaTurns.Kind media = MediaTurns.kindOf(lines);
    if (media != null) {
      // a photo or voice note without words is for the colleague who will look at it
      return Optional.empty();
    }
    String bigDeal = bigDealSku(execution);
    PersonaResult result =
        reply.read(aboutTheBigDeal(reply.turn(execution, lines, null, 0), bigDeal));
    reply.record(execution, result, text);
    if (result.handoff()
        || result.lowConfidence()
        || result.reply() == null
        || result.reply().text() == null
        || result.reply().text().isBlank()
        || LEFT_TO_THE_HANDOFF.contains(result.intent())) {
      return Optional.empty();
    }
    if (Intents.ORDER_STATUS.equals(result.intent())) {
      // "فين طلبي ORD-12001؟": the order's status, as the tracking flow tells it when nothing waits
      Optional<String> status = orderStatus(execution, result);
      return status.map(s -> new Answer(s, result.language().tag()));
    }
    String sku = result.reply().aboutProductSku();
    if (bigDeal == null && sku != null && !sku.isEmpty()) {
      // "how much?" next is about this product; while a big deal waits, follow-ups stay about the
      // big deal's product (a product the customer names is answered, and read, for that product)
      execution.setVariable(PersonaVariables.CONTEXT_PRODUCT, sku);
    }
    return Optional.of(new Answer(result.reply().text(), result.language().tag()));
  }

  /**
   * The status of the order asked about, read through the order port in the form the persona read
   * the turn in; empty when the orders cannot be read (the person answers).
   */
  private Optional<String> orderStatus(DelegateExecution execution, PersonaResult result) {
    Object before = execution.getVariable(PersonaVariables.REPLY_LANGUAGE);
    // the tracking answer is worded in the reply language: this turn's, not the handoff turn's
    execution.setVariable(PersonaVariables.REPLY_LANGUAGE, result.language().tag());
    try {
      return orders
          .getIfAvailable(() -> OrderStatus.UNKNOWN)
          .answer(execution)
          .filter(s -> !s.isBlank());
    } finally {
      if (before == null) {
        execution.removeVariable(PersonaVariables.REPLY_LANGUAGE);
      } else {
        execution.setVariable(PersonaVariables.REPLY_LANGUAGE, before);
      }
    }
  }

  /**
   * The SKU of the product of the big deal whose handoff waits ("عايز ٣ ايفون ١٥ برو ماكس"), or
   * null when the waiting handoff is no big deal or named no catalogue product.
   */
  private String bigDealSku(DelegateExecution execution) {
    if (!"big deal".equals(execution.getVariable(PersonaVariables.HANDOFF_REASON))
        || !(execution.getVariable(PersonaVariables.PRODUCT_READ) instanceof String name)) {
      return null;
    }
    return learning.persona().playbook().product(name).map(Product::sku).orElse(null);
  }

  /**
   * The turn read with the big deal's product as the conversation's product, whatever was listed
   * since ("and chargers?" then "instalments?" is about the phone the customer waits about).
   */
  private static PersonaTurn aboutTheBigDeal(PersonaTurn turn, String sku) {
    return sku == null ? turn : turn.withContextProduct(sku);
  }

  /**
   * The language of a message that asks for a person again ("عايز اكلم حد بني آدم", "I said I want
   * a human"), read by the embedded persona; empty for any other message, media, or with an LLM.
   */
  public Optional<String> personAskedFor(DelegateExecution execution) {
    return typedReading(execution)
        .filter(result -> Intents.HUMAN_REQUEST.equals(result.intent()))
        .map(result -> result.language().tag());
  }

  /**
   * The embedded persona's reading of the words the customer typed, without recording it; empty for
   * media, an empty turn, or with an LLM.
   */
  private Optional<PersonaResult> typedReading(DelegateExecution execution) {
    if (!inline.inline(execution)) {
      return Optional.empty();
    }
    String text = (String) execution.getVariable(ConversationVariables.TURN_TEXT);
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    List<String> lines = Arrays.asList(text.split("\n"));
    if (MediaTurns.kindOf(lines) != null) {
      return Optional.empty();
    }
    return Optional.of(reply.read(reply.turn(execution, lines, null, 0)));
  }

  /**
   * The language of a clear purchase written while a handoff waits ("خلاص هاخد الA55 كاش عند
   * الاستلام": an order of a product named; "can i just order it now through you? i dont want to
   * wait till tomorrow"), read by the embedded persona; empty for any other message, media, or with
   * an LLM.
   */
  public Optional<String> purchase(DelegateExecution execution) {
    Optional<PersonaResult> read = typedReading(execution);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    PersonaResult result = read.get();
    String text = (String) execution.getVariable(ConversationVariables.TURN_TEXT);
    boolean ordersAProduct =
        Intents.ORDER.equals(result.intent())
                && result.entities() != null
                && !result.entities().products().isEmpty()
                && !"big deal".equals(result.handoffReason())
            || ordersTheBigDealAgain(execution, result);
    boolean ordersThroughTheBot =
        ORDER_THROUGH_THE_BOT.matcher(text.toLowerCase(java.util.Locale.ROOT)).find()
            && !Intents.COMPLAINT.equals(result.intent());
    return ordersAProduct || ordersThroughTheBot
        ? Optional.of(result.language().tag())
        : Optional.empty();
  }

  /**
   * Whether the message orders again, one unit, the product of the big deal whose handoff waits
   * ("عايز اطلبه دلوقتي", "عايز اطلب ايفون 15 دلوقتي"): a purchase the bot may take now, as the
   * order first written. Not for another product, nor several units (sales' still).
   */
  public boolean ordersTheBigDealAgain(DelegateExecution execution) {
    return typedReading(execution).filter(r -> ordersTheBigDealAgain(execution, r)).isPresent();
  }

  private static boolean ordersTheBigDealAgain(DelegateExecution execution, PersonaResult result) {
    if (!"big deal".equals(execution.getVariable(PersonaVariables.HANDOFF_REASON))
        || !Boolean.TRUE.equals(execution.getVariable(PersonaVariables.RETAIL_BIG_DEAL))
        || !Intents.ORDER.equals(result.intent())
        || result.handoff() && !result.retailBigDeal()) {
      return false;
    }
    Entities entities = result.entities() == null ? Entities.NONE : result.entities();
    Integer units = entities.quantity();
    Object product = execution.getVariable(PersonaVariables.PRODUCT_READ);
    return (units == null || units <= 1)
        && (entities.products().isEmpty()
            || entities.products().size() == 1 && entities.products().get(0).equals(product));
  }

  /**
   * A customer who wants to order with the bot rather than wait: "can i just order it now through
   * you?", "i dont want to wait", "ينفع أطلب منك دلوقتي؟", "مش عايز أستنى".
   */
  private static final java.util.regex.Pattern ORDER_THROUGH_THE_BOT =
      java.util.regex.Pattern.compile(
          "(?U)\\b(?:order|buy) (?:it |them |this |one )?(?:now )?(?:through|with|from|via) (?:you|u|the bot)\\b"
              + "|\\b(?:dont|don't|do not) want to wait\\b|\\bcan'?t wait till\\b"
              + "|(?:ينفع|ممكن) (?:اطلب|أطلب|اشتري|أشتري) (?:منك|من هنا|معاكي|معاك)"
              + "|مش (?:عايز|عاوز|عايزه|عاوزه) (?:استنى|أستنى|استني|انتظر)"
              + "|لا (?:اريد|أريد) (?:الانتظار|أن انتظر|أن أنتظر)"
              + "|\\b(?:mesh|msh) (?:3ayez|3ayza|3awez) (?:astanna|astana|estanna)\\b");

  /**
   * What the persona says (its words only: buttons would start a sales flow the handoff holds) and
   * the customer's language as it read it.
   */
  public record Answer(String text, String language) {}
}
