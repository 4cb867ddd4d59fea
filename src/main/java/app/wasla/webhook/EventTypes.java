package app.wasla.webhook;

import java.util.List;
import java.util.regex.Pattern;

/** The event types Wasla emits itself; flows add their own through {@code ${publishEvent}}. */
public final class EventTypes {

  public static final String CONVERSATION_STARTED = "conversation.started";
  public static final String CONVERSATION_CLOSED = "conversation.closed";
  public static final String MESSAGE_RECEIVED = "message.received";
  public static final String MESSAGE_SENT = "message.sent";
  public static final String MESSAGE_STATUS_CHANGED = "message.status_changed";
  public static final String CUSTOMER_TAGGED = "customer.tagged";
  public static final String HANDOFF_CREATED = "handoff.created";
  public static final String HANDOFF_ASSIGNED = "handoff.assigned";
  public static final String HANDOFF_COMPLETED = "handoff.completed";
  public static final String ORDER_CREATED = "order.created";
  public static final String PAYMENT_SUCCEEDED = "payment.succeeded";
  public static final String PAYMENT_FAILED = "payment.failed";
  public static final String BOOKING_CHANGED = "booking.changed";

  /** A transactional notification (POST /api/notifications) was accepted by WhatsApp. */
  public static final String NOTIFICATION_SENT = "notification.sent";

  /**
   * A transactional notification could not be sent (WhatsApp refused it, or it was not allowed).
   */
  public static final String NOTIFICATION_FAILED = "notification.failed";

  /** A marketing campaign selected its audience and began sending. */
  public static final String CAMPAIGN_STARTED = "campaign.started";

  public static final String CAMPAIGN_PAUSED = "campaign.paused";
  public static final String CAMPAIGN_RESUMED = "campaign.resumed";
  public static final String CAMPAIGN_CANCELLED = "campaign.cancelled";

  /** A marketing campaign sent to its whole audience (and its reminder, if it had one). */
  public static final String CAMPAIGN_COMPLETED = "campaign.completed";

  /** The built-in types, listed in the OpenAPI document and README. */
  public static final List<String> BUILT_IN =
      List.of(
          CONVERSATION_STARTED,
          CONVERSATION_CLOSED,
          MESSAGE_RECEIVED,
          MESSAGE_SENT,
          MESSAGE_STATUS_CHANGED,
          CUSTOMER_TAGGED,
          HANDOFF_CREATED,
          HANDOFF_ASSIGNED,
          HANDOFF_COMPLETED,
          ORDER_CREATED,
          PAYMENT_SUCCEEDED,
          PAYMENT_FAILED,
          BOOKING_CHANGED,
          NOTIFICATION_SENT,
          NOTIFICATION_FAILED,
          CAMPAIGN_STARTED,
          CAMPAIGN_PAUSED,
          CAMPAIGN_RESUMED,
          CAMPAIGN_CANCELLED,
          CAMPAIGN_COMPLETED);

  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_.\\-]{0,127}");

  private EventTypes() {}

  /**
   * Lower case letters, digits, '.', '_' and '-': safe in a header and in a comma-separated list.
   */
  public static String require(String type) {
    if (type == null || !VALID.matcher(type).matches()) {
      throw new IllegalArgumentException(
          "event type must match " + VALID.pattern() + ", got " + type);
    }
    return type;
  }
}
