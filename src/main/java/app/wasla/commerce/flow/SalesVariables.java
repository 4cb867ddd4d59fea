package app.wasla.commerce.flow;

/** Process variables of the sales flows (small scalars only; the backend holds the rest). */
public final class SalesVariables {

  public static final String PRODUCT_FOUND = "productFound";
  public static final String PRODUCT_SKU = "productSku";
  public static final String PRODUCT_NAME = "productName";
  public static final String PRICE_EGP = "priceEgp";
  public static final String PRODUCT_AVAILABLE = "productAvailable";

  /**
   * The conversation's product on show when order-and-pay is called (its {@code productSku}): what
   * "order it" names.
   */
  public static final String SHOWN_PRODUCT = "shownProductSku";

  /** The product whose photo this flow sent: an offer shown again comes without it. */
  public static final String PHOTO_SHOWN = app.wasla.persona.ProductPhotos.SHOWN_VARIABLE;

  public static final String ORDER_ID = "orderId";
  public static final String ORDER_AMOUNT_EGP = "orderAmountEgp";
  public static final String ORDER_STATUS = "orderStatus";
  public static final String PAYMENT_ID = "paymentId";
  public static final String PAYMENT_URL = "paymentUrl";
  public static final String BOOKING_FOUND = "bookingFound";
  public static final String BOOKING_ID = "bookingId";
  public static final String BOOKING_STARTS_AT = "bookingStartsAt";

  /**
   * How the last sales flow ended: paid, cash_on_delivery, failed, expired, cancelled, not_found,
   * out_of_stock, handoff, no_answer, or topic_changed: the customer turned to a sales topic the
   * flow does not serve (a booking, say); the turn's reading (intent, turnText) is returned as it
   * was, for the conversation to serve it in the same turn.
   */
  public static final String SALES_OUTCOME = "salesOutcome";

  public static final String OUTCOME_TOPIC_CHANGED = "topic_changed";

  /**
   * The offer's wait: what the customer's turn meant (order, human, product, track, topic,
   * answered).
   */
  public static final String OFFER_CHOICE = "offerChoice";

  /** True when the flow started from a tap on an older offer's "Order now": checkout at once. */
  public static final String ORDER_TAPPED = "orderTapped";

  /**
   * The wamid of the turn whose order the customer chose to take with the bot rather than wait for
   * a person (a handoff's "order now"): that turn's product goes to checkout at once, as its "Order
   * now" would; a later turn (another wamid) is an order as any.
   */
  public static final String ORDER_CHOSEN_AT = "orderChosenAt";

  /**
   * The products ordered beside this order's ("I'll take both"), names separated by "|": an order
   * is of one product, so the next is offered once this one is confirmed.
   */
  public static final String PRODUCTS_NEXT = "productsNext";

  /** Checkout: what the customer chose so far, and where it stands. */
  public static final String QUANTITY = "orderQuantity";

  public static final String FULFILMENT = "fulfilment";
  public static final String DELIVERY_ADDRESS = "deliveryAddress";

  /**
   * "pin" while the delivery address is a shared location and nothing more, "asked" once the
   * building, floor and apartment were asked for (once an order), null otherwise.
   */
  public static final String ADDRESS_DETAILS = "addressDetails";

  public static final String DELIVERY_ZONE = "deliveryZone";
  public static final String DELIVERY_FEE_EGP = "deliveryFeeEgp";
  public static final String PICKUP_BRANCH = "pickupBranch";
  public static final String CHECKOUT_CONFIRMED = "checkoutConfirmed";
  public static final String PAYMENT_METHOD = "paymentMethod";

  /**
   * The question checkout waits on: quantity, fulfilment, address, zone, branch, confirm, payment.
   */
  public static final String CHECKOUT_STEP = "checkoutStep";

  /** How the customer chose to transfer the money: {@code instapay} or {@code vodafone_cash}. */
  public static final String TRANSFER_VIA = "transferVia";

  /** Where that transfer goes: the configured InstaPay address or wallet number. */
  public static final String TRANSFER_TO = "transferTo";

  /**
   * Where checkout goes after a turn: ask, persona, online, cod, instalments, human, topic,
   * product, cancel.
   */
  public static final String CHECKOUT_NEXT = "checkoutNext";

  /** Goods plus delivery, what the customer pays. */
  public static final String ORDER_TOTAL_EGP = "orderTotalEgp";

  /** Counts the orders placed in this checkout (a new one after a failed payment). */
  public static final String ORDER_ATTEMPT = "orderAttempt";

  /** Reply ids of the buttons and list rows the flows send. */
  public static final String REPLY_ORDER = "sales_order";

  public static final String REPLY_OTHER_PRODUCT = "sales_other";
  public static final String REPLY_HUMAN = "sales_human";
  public static final String SLOT_PREFIX = "slot:";

  /** "sales_order:<sku>": the order button names what it was offered for. */
  public static final String REPLY_ORDER_PREFIX = REPLY_ORDER + ":";

  public static final String REPLY_QUANTITY_PREFIX = "checkout_qty:";
  public static final String REPLY_DELIVERY = "checkout_delivery";
  public static final String REPLY_PICKUP = "checkout_pickup";
  public static final String REPLY_ZONE_PREFIX = "checkout_zone:";
  public static final String REPLY_BRANCH_PREFIX = "checkout_branch:";
  public static final String REPLY_CONFIRM = "checkout_confirm";
  public static final String REPLY_CHANGE = "checkout_change";
  public static final String REPLY_CANCEL = "checkout_cancel";
  public static final String REPLY_PAY_ONLINE = "pay_online";
  public static final String REPLY_PAY_COD = "pay_cod";
  public static final String REPLY_PAY_INSTALMENTS = "pay_instalments";

  /** BPMN error codes. */
  public static final String ERROR_OUT_OF_STOCK = "OUT_OF_STOCK";

  private SalesVariables() {}
}
