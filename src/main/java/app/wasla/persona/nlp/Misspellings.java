package app.wasla.persona.nlp;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Product names typed with one wrong letter ("ايفوم 15" for "ايفون 15"): a word of the text that is
 * not itself a known name word is read as the one known name word it differs from in exactly one
 * letter. Only Arabic-script words of five letters or more, and never the first letter, so that
 * short words and other words of the language ("phone" is not "iphone") are left alone.
 */
public final class Misspellings {

  private static final int MIN_LENGTH = 5;
  private static final String[] ARTICLES = {"وال", "بال", "فال", "لل", "ال"};

  private final Set<String> words = new HashSet<>();

  /** The name words of these names (normalised text, words split on spaces). */
  public Misspellings(List<String> names) {
    for (String name : names) {
      for (String w : name.split("\\s+")) {
        if (w.length() >= MIN_LENGTH
            && ArabicNormalizer.isArabic(w)
            && w.chars().allMatch(Character::isLetter)) {
          words.add(w);
        }
      }
    }
  }

  /** The text with each misspelt name word replaced by the name word; spacing is kept. */
  public String correct(String text) {
    if (words.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      if (!Character.isLetter(text.charAt(i))) {
        out.append(text.charAt(i++));
        continue;
      }
      int j = i;
      while (j < text.length() && Character.isLetter(text.charAt(j))) {
        j++;
      }
      out.append(correctWord(text.substring(i, j)));
      i = j;
    }
    return out.toString();
  }

  private String correctWord(String word) {
    if (word.length() < MIN_LENGTH || !ArabicNormalizer.isArabic(word) || words.contains(word)) {
      return word;
    }
    String fixed = oneLetterOff(word);
    if (fixed != null) {
      return fixed;
    }
    for (String article : ARTICLES) {
      if (word.startsWith(article)) {
        String rest = word.substring(article.length());
        if (rest.length() >= MIN_LENGTH && !words.contains(rest)) {
          fixed = oneLetterOff(rest);
          if (fixed != null) {
            return article + fixed;
          }
        }
        break;
      }
    }
    return word;
  }

  /** The one known word that differs from this one in one letter (not the first); else null. */
  private String oneLetterOff(String word) {
    String found = null;
    for (String known : words) {
      if (known.length() != word.length() || known.charAt(0) != word.charAt(0)) {
        continue;
      }
      int diff = 0;
      for (int k = 1; k < word.length() && diff < 2; k++) {
        if (known.charAt(k) != word.charAt(k)) {
          diff++;
        }
      }
      if (diff == 1) {
        if (found != null && !found.equals(known)) {
          return null; // two names are as close: not a guess to make
        }
        found = known;
      }
    }
    return found;
  }
}
