package app.wasla.persona.handoff;

/** Decides whether a human must take over a conversation. */
public interface HandoffRules {

  /**
   * What the rules look at. orderValue (EGP) is null when the turn is not an order with a known
   * value.
   */
  record Input(
      String intent,
      double sentimentScore,
      Double orderValue,
      int lowConfidenceStreak,
      double intentConfidence) {}

  /** The decision; reason is null when there is no handoff. */
  record Decision(boolean handoff, String reason) {
    public static final Decision NONE = new Decision(false, null);
  }

  Decision decide(Input input);
}
