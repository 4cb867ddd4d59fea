package app.wasla.system;

/**
 * Cuts text to fit a length-limited column (Wasla's VARCHAR(n) and the engine's, e.g. a task's
 * NAME_ of 255): a value from outside (a WhatsApp profile name, a model's reason) must not fail the
 * transaction that writes it.
 */
public final class Fit {

  private Fit() {}

  /** At most {@code max} chars; a cut value ends in "…" and never splits a surrogate pair. */
  public static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isLowSurrogate(text.charAt(end))
        && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    } else if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }

  /**
   * The text without the bidi embedding, override and isolate controls (U+202A-U+202E,
   * U+2066-U+2069), which could make a name shown to agents read otherwise; the marks Arabic text
   * uses (U+200E/F, ZWJ, ZWNJ) stay.
   */
  public static String withoutBidiControls(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length());
    text.chars()
        .filter(c -> !(c >= 0x202A && c <= 0x202E) && !(c >= 0x2066 && c <= 0x2069))
        .forEach(c -> out.append((char) c));
    return out.toString();
  }
}
