package app.wasla.persona.nlp;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds the many ways customers write the same word into one form: alef and hamza forms to ا, ى to
 * ي, ة to ه, no tatweel or diacritics, Arabic-Indic and Persian digits to ASCII, lam-alef ligatures
 * split, letters repeated three or more times ("حلوووو", "pleeease") to one, Latin lowercase, and a
 * space where Arabic script meets Latin letters or digits ("الA55" becomes "ال a55"). Stateless and
 * thread-safe.
 */
public final class ArabicNormalizer {

  private ArabicNormalizer() {}

  /** The normalised form of a text; "" for null. */
  public static String normalize(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String s =
        Normalizer.normalize(
            text, Normalizer.Form.NFKC); // splits lam-alef ligatures and presentation forms
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      char m = map(c);
      if (m == 0) {
        continue;
      }
      int n = out.length();
      if (n > 0) {
        char prev = out.charAt(n - 1);
        if ((isArabicLetter(prev) && isLatinOrDigit(m))
            || (isLatinOrDigit(prev) && isArabicLetter(m))) {
          out.append(' ');
          n++;
        }
      }
      out.append(m);
    }
    return collapseElongations(out).replaceAll("\\s+", " ").trim();
  }

  private static String collapseElongations(StringBuilder sb) {
    // a letter repeated three or more times is an elongation: keep one; digits and doubled letters
    // stay
    StringBuilder out = new StringBuilder(sb.length());
    String s = sb.toString();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int j = i;
      while (j < s.length() && s.charAt(j) == c) {
        j++;
      }
      if (j - i >= 3 && Character.isLetter(c)) {
        out.append(c);
      } else {
        out.append(s, i, j);
      }
      i = j;
    }
    return out.toString();
  }

  /** The mapped char, or 0 to drop it. */
  private static char map(char c) {
    if (c >= '\u064B' && c <= '\u065F'
        || c == '\u0670'
        || c >= '\u06D6' && c <= '\u06ED'
        || c == '\u0640'
        || c == '\u200C'
        || c == '\u200D'
        || c == '\u200F'
        || c == '\u200E') {
      return 0; // diacritics, superscript alef, Quranic marks, tatweel, joiners and direction marks
    }
    switch (c) {
      case 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ' -> {
        return 'ا';
      }
      case 'ى', 'ی', 'ئ', 'ې' -> {
        return 'ي';
      }
      case 'ؤ' -> {
        return 'و';
      }
      case 'ة', 'ۃ' -> {
        return 'ه';
      }
      case 'ک' -> {
        return 'ك';
      }
      case 'گ' -> {
        return 'ج';
      }
      case 'پ' -> {
        return 'ب';
      }
      case 'ڤ' -> {
        return 'ف';
      }
      case '،' -> {
        return ',';
      }
      case '؟' -> {
        return '?';
      }
      case '؛' -> {
        return ';';
      }
      case '٫' -> {
        return '.';
      }
      case '٬' -> {
        return ',';
      }
      default -> {}
    }
    if (c >= '\u0660' && c <= '\u0669') {
      return (char) ('0' + (c - '\u0660'));
    }
    if (c >= '\u06F0' && c <= '\u06F9') {
      return (char) ('0' + (c - '\u06F0'));
    }
    if (c < 128) {
      return Character.toLowerCase(c);
    }
    return Character.isUpperCase(c) ? Character.toLowerCase(c) : c;
  }

  public static boolean isArabicLetter(char c) {
    return c >= '\u0621' && c <= '\u064A' || c >= '\u066E' && c <= '\u06D3';
  }

  private static boolean isLatinOrDigit(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }

  /** The words of a normalised text: runs of letters and digits. */
  public static List<String> tokens(String normalized) {
    List<String> tokens = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= normalized.length(); i++) {
      boolean word = i < normalized.length() && Character.isLetterOrDigit(normalized.charAt(i));
      if (word && start < 0) {
        start = i;
      } else if (!word && start >= 0) {
        tokens.add(normalized.substring(start, i));
        start = -1;
      }
    }
    return tokens;
  }

  /** True when the word has at least one Arabic letter. */
  public static boolean isArabic(String token) {
    for (int i = 0; i < token.length(); i++) {
      if (isArabicLetter(token.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
