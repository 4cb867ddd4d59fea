package app.wasla.persona.nlp;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One spelling for the many ways Egyptian Arabic is written in Latin letters: ch → sh, kh → 5, 7 →
 * h, 8 → gh, 2 → a, i → e, u → o, doubled vowels to one, "al" → "el", a leading "be" before a
 * consonant → "b" (bekam → bkam), an article written onto its word dropped (elsa3a → sa3a,
 * welfatora → fatora), and the usual variants of a few frequent words (3ayz, 3awez, 3awz → 3ayez).
 * English words, model codes (a55, s24) and Arabic script are left alone. Stateless and
 * thread-safe.
 */
public final class Arabizi {

  private static final Pattern MODEL =
      Pattern.compile("[a-z]{1,2}\\d{2,}[a-z]?|\\d+(w|k|gb|mah|pm|am|m|h|st|nd|rd|th|s|g)?");
  private static final Pattern DOUBLED_VOWEL = Pattern.compile("([aeo])\\1+");
  private static final Pattern BE_PREFIX = Pattern.compile("^be(?=[^aeo])");

  /**
   * The article or "and the" written onto its word ("elsa3a", "welfatora"), not "elgh..." (cancel)
   * or "ela".
   */
  private static final Pattern ATTACHED_ARTICLE = Pattern.compile("^w?el(?!gh)(?=[a-z0-9]{3,}$)");

  private static final Map<String, String> WORDS =
      Map.ofEntries(
          Map.entry("3ayz", "3ayez"),
          Map.entry("3awez", "3ayez"),
          Map.entry("3awz", "3ayez"),
          Map.entry("3aez", "3ayez"),
          Map.entry("3awza", "3ayza"),
          Map.entry("3ayzah", "3ayza"),
          Map.entry("3awzen", "3ayzen"),
          Map.entry("al", "el"),
          Map.entry("l", "el"),
          Map.entry("mesh", "msh"),
          Map.entry("mosh", "msh"),
          Map.entry("keda", "kda"),
          Map.entry("fe", "f"),
          Map.entry("ahlen", "ahlan"),
          // an appointment in its spellings: "ma3ad", "m3ad", "mi3ad", "me3ad"
          Map.entry("ma3ad", "me3ad"),
          Map.entry("m3ad", "me3ad"),
          Map.entry("ma3ady", "me3ady"),
          Map.entry("m3ady", "me3ady"),
          // the repair centre in its spellings: "siana", "syana", "sayana", "siyana"
          Map.entry("seana", "seyana"),
          Map.entry("syana", "seyana"),
          Map.entry("sayana", "seyana"),
          // shipping: "el shi7n kam?" ("sha7n" is the same word)
          Map.entry("shehn", "shahn"));
  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  private Arabizi() {}

  /**
   * The canonical spelling of one normalised word; the word itself unless it is Latin-script
   * Arabizi.
   */
  public static String canonical(String word) {
    if (word.isEmpty()
        || ArabicNormalizer.isArabic(word)
        || English.WORDS.contains(word)
        || MODEL.matcher(word).matches()
        || word.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
      return word;
    }
    String s =
        word.replace("ch", "sh")
            .replace("kh", "5")
            .replace("7", "h")
            .replace("8", "gh")
            .replace("2", "a")
            .replace('i', 'e')
            .replace('u', 'o');
    s = DOUBLED_VOWEL.matcher(s).replaceAll("$1");
    s = BE_PREFIX.matcher(s).replaceFirst("b");
    String bare = ATTACHED_ARTICLE.matcher(s).replaceFirst("");
    if (!bare.equals(s) && !English.WORDS.contains(bare) && !word.startsWith("else")) {
      s = bare; // "elsa3a" is "el sa3a", read like the Arabic article's clitic
    }
    return WORDS.getOrDefault(s, s);
  }

  /**
   * A lexicon pattern (one word or a phrase, maybe ending in $) with each word in its canonical
   * spelling.
   */
  public static String canonicalPattern(String pattern) {
    return CACHE.computeIfAbsent(
        pattern,
        p -> {
          boolean whole = p.endsWith("$");
          String[] words = (whole ? p.substring(0, p.length() - 1) : p).split(" ");
          StringBuilder sb = new StringBuilder();
          for (String w : words) {
            sb.append(sb.length() == 0 ? "" : " ").append(canonical(w));
          }
          return whole ? sb + "$" : sb.toString();
        });
  }

  /**
   * The English words that look like Arabizi but must keep their spelling (from the language
   * detector's list).
   */
  static final class English {
    static final Set<String> WORDS = LanguageDetector.englishWords();
  }
}
