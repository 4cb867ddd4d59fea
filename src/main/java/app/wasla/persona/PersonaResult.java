package app.wasla.persona;

/**
 * What the persona made of a turn.
 *
 * @param language language and script of the customer's messages
 * @param intent one of {@link Intents}
 * @param intentConfidence 0..1
 * @param sentiment label and score
 * @param entities products, quantity, date/time, reference, amount
 * @param reply the answer to send (never null)
 * @param handoff whether a human must take over
 * @param handoffReason why, or null
 * @param summary one line for the agent
 * @param topic the store topic the reply answered ({@code delivery_fees}, {@code repairs}, …), or
 *     null: the next turn's context
 * @param retailBigDeal a big deal ({@code handoffReason} "big deal") of one unit of one product for
 *     a customer, no company's or wholesale order: the customer may order it with the bot rather
 *     than wait for sales
 */
public record PersonaResult(
    Language language,
    String intent,
    double intentConfidence,
    Sentiment sentiment,
    Entities entities,
    PersonaReply reply,
    boolean handoff,
    String handoffReason,
    String summary,
    String topic,
    boolean retailBigDeal) {

  public PersonaResult(
      Language language,
      String intent,
      double intentConfidence,
      Sentiment sentiment,
      Entities entities,
      PersonaReply reply,
      boolean handoff,
      String handoffReason,
      String summary,
      String topic) {
    this(
        language,
        intent,
        intentConfidence,
        sentiment,
        entities,
        reply,
        handoff,
        handoffReason,
        summary,
        topic,
        false);
  }

  public PersonaResult(
      Language language,
      String intent,
      double intentConfidence,
      Sentiment sentiment,
      Entities entities,
      PersonaReply reply,
      boolean handoff,
      String handoffReason,
      String summary) {
    this(
        language,
        intent,
        intentConfidence,
        sentiment,
        entities,
        reply,
        handoff,
        handoffReason,
        summary,
        null);
  }

  /**
   * Below this intent confidence a turn counts as low-confidence; the caller adds one to its
   * streak, else resets it.
   */
  public static final double LOW_CONFIDENCE_THRESHOLD = 0.45;

  /** True when the caller should count this turn in its low-confidence streak. */
  public boolean lowConfidence() {
    return intentConfidence < LOW_CONFIDENCE_THRESHOLD;
  }
}
