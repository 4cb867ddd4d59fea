package app.wasla.crm;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Recognises a marketing opt-out or opt-in message: a keyword alone (STOP, إلغاء, الغاء الاشتراك,
 * unsubscribe; START, اشتراك), or a request in the customer's own words whose point is the
 * marketing itself ({@link ConsentPhrases}): a verb and its object with filler around them ("الغي
 * الاشتراك", "مش عايزة عروض تاني خلاص", "wa2afo el rasayel", "remove me from your list"; "tamam
 * eshtrak", "yes please send me your offers"). Nothing else may be in the message: "stop sending me
 * the wrong size", "الغي الحجز" and "send me the offer for the S24" are not consent. A few
 * dictionary look-ups per message: it runs on every one.
 */
public final class ConsentKeywords {

  /** What a message says about marketing consent. */
  public enum Verdict {
    OPT_OUT,
    OPT_IN,
    NONE
  }

  public static final Set<String> DEFAULT_OPT_OUT =
      Set.of(
          "stop",
          "unsubscribe",
          "stop all",
          "opt out",
          "optout",
          "إلغاء",
          "الغاء",
          "إلغاء الاشتراك",
          "الغاء الاشتراك",
          "ايقاف",
          "إيقاف",
          "وقف",
          "ستوب",
          "stop sending",
          "stop messaging",
          "stop texting",
          "stop promotions");
  public static final Set<String> DEFAULT_OPT_IN =
      Set.of(
          "start",
          "subscribe",
          "unstop",
          "opt in",
          "اشتراك",
          "اشترك",
          "تفعيل الاشتراك",
          "eshtrak",
          "eshterak",
          "eshtirak",
          "eshtrek",
          "sign up",
          "sign me up");

  /**
   * Keywords that are consent only alone: with filler around them they are as likely an order's or
   * a booking's ("خلاص الغاء" after a booking's summary).
   */
  private static final Set<String> ONLY_ALONE = Set.of("الغاء", "ايقاف", "وقف");

  /** A longer message says more than its consent; {@link #mentionsOptOut} reads it. */
  private static final int MAX_CHARS = 120;

  private static final Pattern DIACRITICS_AND_TATWEEL =
      Pattern.compile("[\\u064B-\\u0652\\u0670\\u0640]");
  private static final Pattern ALEF_FORMS = Pattern.compile("[\\u0622\\u0623\\u0625\\u0671]");
  private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");

  private final Set<String> optOut;
  private final Set<String> optIn;
  private final Phrases filler;
  private final Phrases outVerbs;
  private final Phrases outObjects;
  private final Phrases inVerbs;
  private final Phrases inObjects;
  private final Phrases prepositions;
  private final Set<String> arabizi;

  public ConsentKeywords(Collection<String> optOut, Collection<String> optIn) {
    this(optOut, optIn, ConsentPhrases.defaults());
  }

  public ConsentKeywords(
      Collection<String> optOut, Collection<String> optIn, ConsentPhrases phrases) {
    this.optOut =
        optOut.stream().map(ConsentKeywords::words).collect(Collectors.toUnmodifiableSet());
    this.optIn = optIn.stream().map(ConsentKeywords::words).collect(Collectors.toUnmodifiableSet());
    this.filler = new Phrases(phrases.filler());
    this.outVerbs = new Phrases(phrases.optOutVerbs());
    this.outObjects = new Phrases(phrases.optOutObjects());
    this.inVerbs = new Phrases(phrases.optInVerbs());
    this.inObjects = new Phrases(phrases.optInObjects());
    this.prepositions = new Phrases(phrases.prepositions());
    this.arabizi = Set.copyOf(ConsentPhrases.ARABIZI_WORDS);
  }

  public static ConsentKeywords defaults() {
    return new ConsentKeywords(DEFAULT_OPT_OUT, DEFAULT_OPT_IN);
  }

  public Verdict classify(String text) {
    if (text == null || text.length() > MAX_CHARS) {
      return Verdict.NONE;
    }
    String t = words(text);
    if (t.isEmpty()) {
      return Verdict.NONE;
    }
    if (optOut.contains(t)) {
      return Verdict.OPT_OUT;
    }
    if (optIn.contains(t)) {
      return Verdict.OPT_IN;
    }
    String[] tokens = t.split(" ");
    if (isRequest(tokens, optOut, outVerbs, outObjects)) {
      return Verdict.OPT_OUT;
    }
    return isRequest(tokens, optIn, inVerbs, inObjects) ? Verdict.OPT_IN : Verdict.NONE;
  }

  /**
   * A message that speaks of stopping the marketing among other things ("...وكفاية رسايل بقى" in a
   * complaint, "how do I unsubscribe?"), which {@link #classify} leaves alone: its answer should
   * say the exact word that stops it.
   */
  public boolean mentionsOptOut(String text) {
    if (text == null || text.isBlank() || classify(text) != Verdict.NONE) {
      return false;
    }
    String[] tokens = words(text.length() > 2000 ? text.substring(0, 2000) : text).split(" ");
    for (int i = 0; i < tokens.length; i++) {
      // "...وكفاية رسايل": the conjunction written onto the word
      if (tokens[i].length() > 3
          && tokens[i].charAt(0) == '\u0648'
          && (outVerbs.startsWith(tokens[i].substring(1))
              || outObjects.startsWith(tokens[i].substring(1)))) {
        tokens[i] = tokens[i].substring(1);
      }
    }
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i].equals("unsubscribe") || tokens[i].equals("ستوب")) {
        return true;
      }
      int verbEnd = outVerbs.longestAt(tokens, i);
      if (verbEnd < 0) {
        continue;
      }
      // the object within a few words of the verb: "stop sending me all these offers"
      for (int j = verbEnd; j < Math.min(tokens.length, verbEnd + 3); j++) {
        if (outObjects.longestAt(tokens, j) > 0) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The register a consent message is written in, for its confirmation: ar (Arabic script), arabizi
   * (a Latin phrase with a word only Arabizi has: "tamam eshtrak") or en.
   */
  public String register(String text) {
    if (text.chars().anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.ARABIC)) {
      return "ar";
    }
    return Arrays.stream(words(text).split(" ")).anyMatch(arabizi::contains) ? "arabizi" : "en";
  }

  /**
   * filler* (keyword | verb filler* [preposition] object) filler*, the whole message: a keyword
   * that may be an order's or a booking's ({@link #ONLY_ALONE}) counts only alone.
   */
  private boolean isRequest(String[] tokens, Set<String> keywords, Phrases verbs, Phrases objects) {
    int start = skip(tokens, 0);
    for (int end = tokens.length; end > start; end--) {
      String keyword = String.join(" ", Arrays.copyOfRange(tokens, start, end));
      if (keywords.contains(keyword)
          && !ONLY_ALONE.contains(keyword)
          && skip(tokens, end) == tokens.length) {
        return true;
      }
    }
    for (int verbEnd : verbs.allAt(tokens, start)) {
      int i = skip(tokens, verbEnd);
      int afterPreposition = prepositions.longestAt(tokens, i);
      for (int from : afterPreposition > 0 ? new int[] {i, afterPreposition} : new int[] {i}) {
        for (int objectEnd : objects.allAt(tokens, from)) {
          if (skip(tokens, objectEnd) == tokens.length) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The first word after the filler that starts at {@code i}. */
  private int skip(String[] tokens, int i) {
    int next;
    while (i < tokens.length && (next = filler.longestAt(tokens, i)) > 0) {
      i = next;
    }
    return i;
  }

  /**
   * Lower case, one Alef for all its hamza forms, no diacritics, tatweel, punctuation or emoji,
   * single spaces.
   */
  static String normalize(String text) {
    String t = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    t = DIACRITICS_AND_TATWEEL.matcher(t).replaceAll("");
    t = ALEF_FORMS.matcher(t).replaceAll("\u0627");
    return NOT_LETTER_OR_DIGIT.matcher(t).replaceAll(" ").strip();
  }

  /** {@link #normalize}, and ة as ه, ى as ي: "عايزة" and "عايزه" are one word to the phrases. */
  static String words(String text) {
    return normalize(text).replace('\u0629', '\u0647').replace('\u0649', '\u064A');
  }

  /** Phrases of one or more words, looked up by their first word. */
  private static final class Phrases {
    private final Map<String, List<String[]>> byFirstWord = new HashMap<>();

    Phrases(List<String> phrases) {
      for (String phrase : phrases) {
        String w = words(phrase);
        if (!w.isEmpty()) {
          String[] split = w.split(" ");
          byFirstWord.computeIfAbsent(split[0], k -> new ArrayList<>()).add(split);
        }
      }
      byFirstWord.values().forEach(l -> l.sort(Comparator.comparingInt(p -> -p.length)));
    }

    boolean startsWith(String word) {
      return byFirstWord.containsKey(word);
    }

    /** Where each phrase that starts at {@code i} ends, longest first. */
    List<Integer> allAt(String[] tokens, int i) {
      if (i >= tokens.length) {
        return List.of();
      }
      List<String[]> candidates = byFirstWord.get(tokens[i]);
      if (candidates == null) {
        return List.of();
      }
      List<Integer> ends = new ArrayList<>(2);
      for (String[] p : candidates) {
        if (matches(tokens, i, p)) {
          ends.add(i + p.length);
        }
      }
      return ends;
    }

    /** Where the longest phrase that starts at {@code i} ends, or -1. */
    int longestAt(String[] tokens, int i) {
      List<Integer> ends = allAt(tokens, i);
      return ends.isEmpty() ? -1 : ends.get(0);
    }

    private static boolean matches(String[] tokens, int i, String[] phrase) {
      if (i + phrase.length > tokens.length) {
        return false;
      }
      for (int k = 0; k < phrase.length; k++) {
        if (!tokens[i + k].equals(phrase[k])) {
          return false;
        }
      }
      return true;
    }
  }
}
