package app.wasla.persona;

import java.util.List;

/**
 * One customer turn.
 *
 * @param conversationKey the conversation this turn belongs to
 * @param customerMessages the new customer messages of this turn, oldest first
 * @param interactiveReplyId id of a tapped button or list row, or null
 * @param recentTranscript the recent transcript, oldest first (may be empty)
 * @param customer what the CRM knows about the customer, or null
 * @param lowConfidenceStreak low-confidence turns in a row before this one (the caller keeps it,
 *     see {@link PersonaResult#lowConfidence()})
 * @param contextProductSku the catalogue product the conversation is about (the one the sales flow
 *     last showed), or null: what "a cheaper one" is cheaper than
 * @param contextTopic the store topic the persona answered on the previous turn (a {@link
 *     PersonaResult#topic()}), or null: what a follow-up without a subject ("and how long does it
 *     take?") is about
 * @param ordersWithTheBot whether the customer chose to order with the bot rather than wait for
 *     sales ({@link PersonaVariables#ORDERS_WITH_THE_BOT}): an order of one unit is no big deal for
 *     sales any more in this conversation
 */
public record PersonaTurn(
    String conversationKey,
    List<String> customerMessages,
    String interactiveReplyId,
    List<TranscriptLine> recentTranscript,
    CustomerContext customer,
    int lowConfidenceStreak,
    String contextProductSku,
    String contextTopic,
    boolean ordersWithTheBot) {

  /** A turn of a customer who has not chosen to order with the bot. */
  public PersonaTurn(
      String conversationKey,
      List<String> customerMessages,
      String interactiveReplyId,
      List<TranscriptLine> recentTranscript,
      CustomerContext customer,
      int lowConfidenceStreak,
      String contextProductSku,
      String contextTopic) {
    this(
        conversationKey,
        customerMessages,
        interactiveReplyId,
        recentTranscript,
        customer,
        lowConfidenceStreak,
        contextProductSku,
        contextTopic,
        false);
  }

  /** A turn without a store topic in context. */
  public PersonaTurn(
      String conversationKey,
      List<String> customerMessages,
      String interactiveReplyId,
      List<TranscriptLine> recentTranscript,
      CustomerContext customer,
      int lowConfidenceStreak,
      String contextProductSku) {
    this(
        conversationKey,
        customerMessages,
        interactiveReplyId,
        recentTranscript,
        customer,
        lowConfidenceStreak,
        contextProductSku,
        null);
  }

  /** A turn without a product in context. */
  public PersonaTurn(
      String conversationKey,
      List<String> customerMessages,
      String interactiveReplyId,
      List<TranscriptLine> recentTranscript,
      CustomerContext customer,
      int lowConfidenceStreak) {
    this(
        conversationKey,
        customerMessages,
        interactiveReplyId,
        recentTranscript,
        customer,
        lowConfidenceStreak,
        null);
  }

  public PersonaTurn {
    customerMessages = customerMessages == null ? List.of() : List.copyOf(customerMessages);
    recentTranscript = recentTranscript == null ? List.of() : List.copyOf(recentTranscript);
  }

  /** A turn of one text message without context, for tests and the simulator. */
  public static PersonaTurn of(String conversationKey, String message) {
    return new PersonaTurn(conversationKey, List.of(message), null, List.of(), null, 0);
  }

  /** The same turn about another catalogue product. */
  public PersonaTurn withContextProduct(String sku) {
    return new PersonaTurn(
        conversationKey,
        customerMessages,
        interactiveReplyId,
        recentTranscript,
        customer,
        lowConfidenceStreak,
        sku,
        contextTopic,
        ordersWithTheBot);
  }

  /** The turn's messages joined into one text. */
  public String text() {
    return String.join("\n", customerMessages);
  }
}
