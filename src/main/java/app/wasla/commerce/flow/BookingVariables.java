package app.wasla.commerce.flow;

/**
 * Process variables of the booking flow (booking-change.bpmn), besides {@link
 * SalesVariables#BOOKING_ID}, {@link SalesVariables#BOOKING_STARTS_AT}, {@link
 * SalesVariables#BOOKING_FOUND} and {@link SalesVariables#SALES_OUTCOME}. Small scalars: what the
 * customer chose so far.
 */
public final class BookingVariables {

  /** new (book an appointment), change (move the next booking) or cancel (cancel it). */
  public static final String MODE = "bookingMode";

  /**
   * The step the flow is at: ask_service, ask_branch, ask_day, ask_slot, ask_confirm, ask_move,
   * ask_cancel (it waits for the customer), or book, move, cancel, kept, handoff, no_booking (it
   * acts).
   */
  public static final String STEP = "bookingStep";

  public static final String SERVICE = "bookingService";

  /**
   * The words that began a new booking ("الشاشة اتكسرت"): read again with the answer to the list of
   * services, so that "iPhone 15" then names the iPhone 15 screen.
   */
  public static final String ASKED = "bookingAsked";

  public static final String BRANCH = "bookingBranch";

  /** The day asked for, ISO (2026-12-10), in the business's time zone. */
  public static final String DAY = "bookingDay";

  /** A time of day the customer asked for ("14:00"), kept until a day is known. */
  public static final String TIME = "bookingTime";

  /** The chosen slot, epoch seconds. */
  public static final String SLOT = "bookingSlot";

  /** The customer said yes to the summary (or to "are you sure?"). */
  public static final String CONFIRMED = "bookingConfirmed";

  /**
   * How the customer's latest message was read: step (an answer to the flow), other (for the
   * persona); after the persona: resume, topic_changed, stopped or handoff.
   */
  public static final String ANSWER = "bookingAnswer";

  /** A line to put before the flow's next question (e.g. "that slot was just taken"). */
  public static final String NOTE = "bookingNote";

  /**
   * How many answers to the list of services named no service and asked nothing: a person instead
   * of the list after the second.
   */
  public static final String SERVICE_MISSES = "bookingServiceMisses";

  /** Reply ids of the flow's buttons and list rows. */
  public static final String SERVICE_PREFIX = "service:";

  public static final String BRANCH_PREFIX = "branch:";
  public static final String DAY_PREFIX = "day:";
  public static final String CONFIRM = "bk_confirm";
  public static final String CHANGE_TIME = "bk_change";
  public static final String CHANGE_SERVICE = "bk_change_service";
  public static final String CANCEL_YES = "bk_cancel_yes";
  public static final String MOVE_YES = "bk_move_yes";
  public static final String KEEP = "bk_keep";

  /**
   * salesOutcome when the customer turned to another topic mid-flow: the caller serves {@code
   * intent} next.
   */
  public static final String TOPIC_CHANGED = "topic_changed";

  private BookingVariables() {}
}
