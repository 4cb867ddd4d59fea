package app.wasla.dialogue;

import java.util.regex.Pattern;

/**
 * How a dialogue compares what Wasla said with what it expects, forgiving in the ways a reader is:
 * case, Arabic-Indic and Latin digits (٦٠ = 60), thousands separators (72,999 = 72999 = ٧٢٬٩٩٩),
 * Arabic letter variants (أ/إ/آ = ا, ة = ه, ى = ي), tatweel, diacritics and runs of white space.
 */
public final class Forgiving {

  // a thousands separator between digits: comma, Arabic thousands separator, Arabic comma,
  // apostrophe, thin spaces
  private static final Pattern THOUSANDS = Pattern.compile("(?<=\\d)[,٬،'\u2009\u202F](?=\\d{3})");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private Forgiving() {}

  /** The text as the comparison sees it. */
  public static String normalize(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              if (c >= '٠' && c <= '٩') {
                out.append((char) ('0' + (c - '٠')));
              } else if (c >= '۰' && c <= '۹') {
                out.append((char) ('0' + (c - '۰')));
              } else if (c == 'أ' || c == 'إ' || c == 'آ' || c == 'ٱ') {
                out.append('ا');
              } else if (c == 'ة') {
                out.append('ه');
              } else if (c == 'ى') {
                out.append('ي');
              } else if (c == '٫') {
                out.append('.');
              } else if (c == 'ـ'
                  || (c >= 0x064B && c <= 0x065F)
                  || c == 0x0670
                  || (c >= 0x200B && c <= 0x200F)
                  || (c >= 0x202A && c <= 0x202E)
                  || (c >= 0x2066 && c <= 0x2069)) {
                // tatweel, diacritics, zero-width and direction marks: dropped
              } else {
                out.appendCodePoint(Character.toLowerCase(c));
              }
            });
    String folded = THOUSANDS.matcher(out).replaceAll("");
    // a second pass: 1,000,000 leaves "1000,000" after one lookahead pass over overlapping groups
    folded = THOUSANDS.matcher(folded).replaceAll("");
    return SPACES.matcher(folded).replaceAll(" ").trim();
  }

  /** Whether {@code text} contains {@code expected}, forgivingly. */
  public static boolean contains(String text, String expected) {
    return normalize(text).contains(normalize(expected));
  }

  /** Whether the two are the same, forgivingly. */
  public static boolean same(String a, String b) {
    return normalize(a).equals(normalize(b));
  }
}
