package app.wasla.persona.playbook;

/**
 * One playbook passage: Egyptian Arabic (ar), English (en), and optionally Modern Standard Arabic
 * (msa) and Arabizi; intent is the intent it answers best (may be null).
 */
public record Passage(
    String id, String intent, String keywords, String ar, String en, String msa, String arabizi) {

  public Passage(String id, String intent, String keywords, String ar, String en) {
    this(id, intent, keywords, ar, en, null, null);
  }

  /** The text for a reply in Arabic (true) or English (false); falls back to the other language. */
  public String text(boolean arabic) {
    String t = arabic ? ar : en;
    return t == null || t.isBlank() ? (arabic ? en : ar) : t;
  }

  /** The MSA text, or the Arabic one when the passage has none. */
  public String msaText() {
    return msa == null || msa.isBlank() ? text(true) : msa;
  }

  /** The Arabizi text, or null when the passage has none. */
  public String arabiziText() {
    return arabizi == null || arabizi.isBlank() ? null : arabizi;
  }
}
