package app.wasla.persona;

import java.util.List;

/** The intent names the persona answers with; the flow branches on them. */
public final class Intents {
  public static final String GREETING = "greeting";
  public static final String PRODUCT_INQUIRY = "product_inquiry";
  public static final String AVAILABILITY = "availability";
  public static final String ORDER = "order";
  public static final String BOOKING_NEW = "booking_new";
  public static final String BOOKING_CHANGE = "booking_change";
  public static final String BOOKING_CANCEL = "booking_cancel";
  public static final String ORDER_STATUS = "order_status";
  public static final String PAYMENT = "payment";
  public static final String COMPLAINT = "complaint";
  public static final String HUMAN_REQUEST = "human_request";
  public static final String THANKS_GOODBYE = "thanks_goodbye";
  public static final String OTHER = "other";

  public static final List<String> ALL =
      List.of(
          GREETING,
          PRODUCT_INQUIRY,
          AVAILABILITY,
          ORDER,
          BOOKING_NEW,
          BOOKING_CHANGE,
          BOOKING_CANCEL,
          ORDER_STATUS,
          PAYMENT,
          COMPLAINT,
          HUMAN_REQUEST,
          THANKS_GOODBYE,
          OTHER);

  private Intents() {}
}
