package app.wasla.commerce.catalogue;

import app.wasla.persona.nlp.Misspellings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds products named in a customer's free text, in Arabic or English. Plain logic: the text and
 * every name/alias are normalised (Arabic letter variants, diacritics, Arabic-Indic digits), and
 * the longest matching name wins, so "iphone 15 pro max" beats "iphone 15".
 */
public final class ProductMatcher {

  /** One searchable name of a product. */
  public record Name(String sku, String text) {}

  private ProductMatcher() {}

  /** The SKUs named in the text, longest (most specific) match first, each once. */
  public static List<String> match(String text, List<Name> names) {
    // a name typed with one wrong letter ("ايفوم 15") is the name
    Misspellings misspelt = new Misspellings(names.stream().map(n -> normalise(n.text())).toList());
    String haystack = " " + misspelt.correct(normalise(text)) + " ";
    List<Name> hits = new ArrayList<>();
    for (Name n : names) {
      String needle = normalise(n.text());
      if (needle.length() >= 2 && haystack.contains(" " + needle + " ")) {
        hits.add(new Name(n.sku(), needle));
      }
    }
    hits.sort(Comparator.comparingInt((Name n) -> n.text().length()).reversed());
    return hits.stream().map(Name::sku).distinct().toList();
  }

  /** Lower case, unified Arabic letters, Western digits, punctuation as spaces, single spaces. */
  public static String normalise(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '\u064B' && c <= '\u0652' || c == '\u0640') {
        continue; // diacritics and tatweel
      }
      if (c >= '\u0660' && c <= '\u0669') {
        c = (char) ('0' + (c - '\u0660'));
      } else if (c >= '\u06F0' && c <= '\u06F9') {
        c = (char) ('0' + (c - '\u06F0'));
      }
      switch (c) {
        case 'أ', 'إ', 'آ', 'ٱ' -> c = 'ا';
        case 'ة' -> c = 'ه';
        case 'ى' -> c = 'ي';
        default -> {}
      }
      b.append(Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : ' ');
    }
    // "الايفون", "والايفون", "بالايفون", "للايفون" are "ايفون": drop the article and a conjunction
    // or preposition
    // written onto it, so the word matches the name
    String out =
        b.toString().toLowerCase(Locale.ROOT).replaceAll("(^|\\s)(?:[وبف]?ال|لل)(?=\\S{2,})", "$1");
    return out.replaceAll("\\s+", " ").trim();
  }
}
