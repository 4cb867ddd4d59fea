package app.wasla.persona;

/** Sentiment: label positive|neutral|negative and a score in -1..1. */
public record Sentiment(String label, double score) {

  public static final String POSITIVE = "positive";
  public static final String NEUTRAL = "neutral";
  public static final String NEGATIVE = "negative";

  /** The sentiment for a score, with the label it implies. */
  public static Sentiment ofScore(double score) {
    double s = Math.max(-1, Math.min(1, score));
    String label = s >= 0.2 ? POSITIVE : s <= -0.2 ? NEGATIVE : NEUTRAL;
    return new Sentiment(label, Math.round(s * 1000) / 1000.0);
  }
}
