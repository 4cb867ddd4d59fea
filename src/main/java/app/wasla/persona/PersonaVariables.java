package app.wasla.persona;

/**
 * The process variables in which the persona leaves its reading of the latest turn (see DESIGN.md).
 */
public final class PersonaVariables {

  public static final String INTENT = "intent";
  public static final String INTENT_CONFIDENCE = "intentConfidence";
  public static final String SENTIMENT = "sentiment";
  public static final String SENTIMENT_SCORE = "sentimentScore";
  public static final String LANGUAGE = "language";

  /**
   * The register the persona answered the turn in ("ar-EG", "ar", "arabizi", "en"; never "mixed":
   * an MSA question that names a product in Latin letters is answered in MSA), which the flows'
   * questions follow.
   */
  public static final String REPLY_LANGUAGE = "replyLanguage";

  public static final String HANDOFF = "handoff";
  public static final String HANDOFF_REASON = "handoffReason";

  /** One line for the agent who takes over. */
  public static final String SUMMARY = "personaSummary";

  /**
   * The customer's CRM tags, comma-separated, set when the turn hands off (routing and the agent's
   * form).
   */
  public static final String CUSTOMER_TAGS = "customerTags";

  /**
   * Set when the turn follows up on what a person told the customer ({@link PersonFollowUp}): her
   * Camunda user id, whom the handoff prefers when she has room.
   */
  public static final String FOLLOW_UP_AGENT = "followUpAgent";

  /** With {@link #FOLLOW_UP_AGENT}: the team whose handoff she answered (the routing table's). */
  public static final String FOLLOW_UP_TEAM = "followUpTeam";

  /**
   * The number of pieces the turn named ("عايز فري بودز ٤ واحدة": 1), for the sales flow to keep;
   * absent when the turn named none.
   */
  public static final String QUANTITY = "personaQuantity";

  public static final String LOW_CONFIDENCE_STREAK = "lowConfidenceStreak";

  /**
   * Transient, for the flow's gateways in the turn's own transaction: true when the persona sent
   * its reply to the turn itself, false when it left the answer to a sales flow.
   */
  /**
   * The catalogue product the sales flow last showed the customer (its SKU), written by the sales
   * flows.
   */
  public static final String CONTEXT_PRODUCT = "productSku";

  public static final String PERSONA_ANSWERED = "personaAnswered";

  /**
   * The persona's latest reply when it listed products ("• X is 1,199 EGP" lines); absent after any
   * other reply. A persona that reads no transcript gets it as the turn's transcript, so that "the
   * first one" or "order now" after the list is about the products listed.
   */
  public static final String LISTED_REPLY = "personaListed";

  /**
   * The store topic the persona answered on the latest turn ({@link PersonaResult#topic()}); absent
   * after a turn about anything else.
   */
  public static final String TOPIC = "personaTopic";

  /**
   * The catalogue product the persona read the latest turn as about (its English name), also when
   * the turn only followed up on the one on show ("بكام؟", "is it available in Alexandria?"): what
   * the sales flow looks up when the turn's words name none.
   */
  public static final String PRODUCT_READ = "personaProduct";

  /**
   * True once the customer chose to order with the bot rather than wait for sales (the "order now"
   * button of a big deal's handoff): an order of one unit is then no big deal for sales again in
   * the conversation; a wholesale quantity still is.
   */
  public static final String ORDERS_WITH_THE_BOT = "ordersWithTheBot";

  /**
   * True while the turn's handoff is a big deal of one unit for a customer ({@link
   * PersonaResult#retailBigDeal()}): the customer is offered to order with the bot instead of
   * waiting for sales; absent otherwise.
   */
  public static final String RETAIL_BIG_DEAL = "retailBigDeal";

  /**
   * The other products of an order of several ("I'll take both"), English names "|"-joined, or
   * absent: an order is of one product, so the sales flow starts with the first and says these
   * follow.
   */
  public static final String PRODUCTS_MORE = "personaProductsMore";

  private PersonaVariables() {}
}
