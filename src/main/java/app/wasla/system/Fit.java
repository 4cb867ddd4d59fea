package app.wasla.system;

/**
 * Cuts text to fit a length-limited column (Wasla's VARCHAR(n) and the engine's, e.g. a task's NAME_ of 255): a
 * value from outside (a WhatsApp profile name, a model's reason) must not fail the transaction that writes it.
 */
public final class Fit {

  private Fit() {
  }

  /** At most {@code max} chars; a cut value ends in "…" and never splits a surrogate pair. */
  public static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    } else if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
