package app.wasla.persona.nlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A customer text, normalised and split into words, with each word's clitic-stripped form ("والحجز"
 * → "حجز").
 */
public final class TextView {

  private static final String[] CLITICS = {
    "وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ف", "ل", "ه", "ح"
  };

  private final String raw;
  private final String normalized;
  private final List<String> tokens;
  private final List<String> stems;
  private final String joined;
  private final String joinedStems;

  private TextView(String raw) {
    this.raw = raw == null ? "" : raw;
    this.normalized = ArabicNormalizer.normalize(this.raw);
    this.tokens = List.copyOf(ArabicNormalizer.tokens(normalized));
    List<String> s = new ArrayList<>(tokens.size());
    for (String t : tokens) {
      s.add(strip(t));
    }
    this.stems = List.copyOf(s);
    this.joined = " " + String.join(" ", tokens) + " ";
    this.joinedStems = " " + String.join(" ", stems) + " ";
  }

  public static TextView of(String raw) {
    return new TextView(raw);
  }

  /**
   * The word without one leading Arabic clitic (and the article), if what stays has two letters or
   * more; a Latin word in its canonical Arabizi spelling ({@link Arabizi#canonical}).
   */
  public static String strip(String t) {
    if (!ArabicNormalizer.isArabic(t)) {
      return Arabizi.canonical(t);
    }
    for (String c : CLITICS) {
      if (t.startsWith(c) && t.length() - c.length() >= 2) {
        return t.substring(c.length());
      }
    }
    return t;
  }

  /**
   * True when the (normalised) pattern matches: one word by prefix (or whole word with a trailing
   * $), a phrase at a word start.
   */
  public boolean matches(String pattern) {
    boolean whole = pattern.endsWith("$");
    String p = whole ? pattern.substring(0, pattern.length() - 1) : pattern;
    String c = Arabizi.canonicalPattern(p);
    if (p.indexOf(' ') >= 0) {
      return joined.contains(" " + p + (whole ? " " : ""))
          || joinedStems.contains(" " + p + (whole ? " " : ""))
          || joinedStems.contains(" " + c + (whole ? " " : ""))
          || joinedStems.contains(" " + stemmed(p) + (whole ? " " : ""));
    }
    for (int i = 0; i < tokens.size(); i++) {
      if (wordMatches(tokens.get(i), p, whole)
          || wordMatches(stems.get(i), p, whole)
          || wordMatches(stems.get(i), c, whole)) {
        return true;
      }
    }
    return false;
  }

  /**
   * An Arabic phrase with each word clitic-stripped as the text's words are, so that "لم يعد
   * المبلغ" also matches "ولم يعد المبلغ".
   */
  private static String stemmed(String phrase) {
    String[] words = phrase.split(" ");
    StringBuilder sb = new StringBuilder();
    for (String w : words) {
      sb.append(sb.length() == 0 ? "" : " ").append(ArabicNormalizer.isArabic(w) ? strip(w) : w);
    }
    return sb.toString();
  }

  /** The index of the first word that the one-word pattern matches, or -1. */
  public int indexOf(String pattern) {
    boolean whole = pattern.endsWith("$");
    String p = whole ? pattern.substring(0, pattern.length() - 1) : pattern;
    String c = Arabizi.canonicalPattern(p);
    for (int i = 0; i < tokens.size(); i++) {
      if (wordMatches(tokens.get(i), p, whole)
          || wordMatches(stems.get(i), p, whole)
          || wordMatches(stems.get(i), c, whole)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The text without the words that these patterns match wherever they match, read as {@link
   * #matches} reads them; this text itself when none matches.
   */
  public TextView without(List<String> patterns) {
    boolean[] drop = new boolean[tokens.size()];
    boolean dropped = false;
    for (String pattern : patterns) {
      boolean whole = pattern.endsWith("$");
      String[] words = (whole ? pattern.substring(0, pattern.length() - 1) : pattern).split(" ");
      String c = Arabizi.canonicalPattern(pattern);
      String[] canonical = (whole ? c.substring(0, c.length() - 1) : c).split(" ");
      for (int i = 0; i + words.length <= tokens.size(); i++) {
        if (matchAt(tokens, i, words, whole)
            || matchAt(stems, i, words, whole)
            || canonical.length == words.length && matchAt(stems, i, canonical, whole)) {
          Arrays.fill(drop, i, i + words.length, true);
          dropped = true;
        }
      }
    }
    if (!dropped) {
      return this;
    }
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (!drop[i]) {
        kept.add(tokens.get(i));
      }
    }
    return of(String.join(" ", kept));
  }

  /**
   * The words from {@code i} on are the pattern's: whole but the last, which matches by prefix
   * unless {@code whole}.
   */
  private static boolean matchAt(List<String> words, int i, String[] pattern, boolean whole) {
    for (int w = 0; w < pattern.length; w++) {
      if (!wordMatches(words.get(i + w), pattern[w], whole || w < pattern.length - 1)) {
        return false;
      }
    }
    return true;
  }

  static boolean wordMatches(String word, String p, boolean whole) {
    return whole ? word.equals(p) : word.startsWith(p);
  }

  public String raw() {
    return raw;
  }

  public String normalized() {
    return normalized;
  }

  public List<String> tokens() {
    return tokens;
  }

  public List<String> stems() {
    return stems;
  }
}
