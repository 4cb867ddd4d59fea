package app.wasla.persona;

import java.util.List;
import java.util.Locale;

/**
 * Why a conversation was handed to a person, in a few fixed words: what the reports and the {@code
 * reason} label of {@code wasla_handoffs_total} show. The persona, its DMN rules and the sales
 * flows give reasons in words (some with details, e.g. "instalments for 2 x IP15-128"); each maps
 * to one of {@link #ALL}, anything else to {@code other}, so a metric label never grows without
 * bound.
 */
public final class HandoffReasons {

  public static final String UNANSWERED = "unanswered_question";

  /**
   * A supervisor took the conversation from the bot herself (the inbox's "Take over"): a handoff
   * nobody asked for, reported apart from the others and left out of the handoff rate.
   */
  public static final String TAKEN_OVER = "taken_over";

  /**
   * The customer followed up on what a person told them ({@link PersonFollowUp}): the person's to
   * answer, not the playbook's.
   */
  public static final String AGENT_FOLLOW_UP = "agent_follow_up";

  /** Every category, {@code other} last. */
  public static final List<String> ALL =
      List.of(
          "customer_asked",
          "complaint",
          "angry_customer",
          "big_deal",
          "low_confidence",
          UNANSWERED,
          "discount_request",
          "instalments",
          "booking",
          "order_change",
          TAKEN_OVER,
          AGENT_FOLLOW_UP,
          "other");

  private HandoffReasons() {}

  /** The category of a reason as given (null or blank: {@code other}). */
  public static String category(String reason) {
    if (reason == null || reason.isBlank()) {
      return "other";
    }
    String r = reason.strip().toLowerCase(Locale.ROOT);
    if (r.equals("customer asked for a human")
        || r.equals("human_request")
        || r.startsWith("customer asked for a person")
        // the learned handoff model read a wish for a person in words no rule names
        || r.equals("needs a person")) {
      return "customer_asked";
    }
    if (r.equals("complaint")) {
      return "complaint";
    }
    if (r.equals("angry customer")) {
      return "angry_customer";
    }
    if (r.equals("big deal")) {
      return "big_deal";
    }
    if (r.equals("low confidence")) {
      return "low_confidence";
    }
    if (r.equals("unanswered question")) {
      return UNANSWERED;
    }
    if (r.startsWith("discount")) {
      return "discount_request";
    }
    if (r.startsWith("instalments")) {
      return "instalments";
    }
    if (r.startsWith("booking")) {
      return "booking";
    }
    if (r.startsWith("order change")) {
      return "order_change"; // "order change ORD-12007: \"...\""
    }
    if (r.equals(PersonFollowUp.REASON)) {
      return AGENT_FOLLOW_UP;
    }
    if (r.startsWith("taken over by ")) {
      return TAKEN_OVER;
    }
    return "other";
  }
}
