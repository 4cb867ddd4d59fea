package app.wasla.commerce.flow;

/** Process variables of the sales flows (small scalars only; the backend holds the rest). */
public final class SalesVariables {

  public static final String PRODUCT_FOUND = "productFound";
  public static final String PRODUCT_SKU = "productSku";
  public static final String PRODUCT_NAME = "productName";
  public static final String PRICE_EGP = "priceEgp";
  public static final String PRODUCT_AVAILABLE = "productAvailable";
  public static final String ORDER_ID = "orderId";
  public static final String ORDER_AMOUNT_EGP = "orderAmountEgp";
  public static final String ORDER_STATUS = "orderStatus";
  public static final String PAYMENT_ID = "paymentId";
  public static final String PAYMENT_URL = "paymentUrl";
  public static final String BOOKING_FOUND = "bookingFound";
  public static final String BOOKING_ID = "bookingId";
  public static final String BOOKING_STARTS_AT = "bookingStartsAt";
  /** How the last sales flow ended: paid, failed, expired, not_found, out_of_stock, handoff, other, ... */
  public static final String SALES_OUTCOME = "salesOutcome";

  /** Reply ids of the buttons and list rows the flows send. */
  public static final String REPLY_ORDER = "sales_order";
  public static final String REPLY_OTHER_PRODUCT = "sales_other";
  public static final String REPLY_HUMAN = "sales_human";
  public static final String SLOT_PREFIX = "slot:";

  /** BPMN error codes. */
  public static final String ERROR_OUT_OF_STOCK = "OUT_OF_STOCK";

  private SalesVariables() {
  }
}
