package app.wasla.persona.nlp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time of day as customers write it, where "ساعة" is the hour and not a watch: a number or an
 * hour word after the hour word ("الساعة ١١", "الساعة الحادية عشرة", "el sa3a 5", "at eleven"), or
 * before a part of the day ("خمسة العصر", "الخامسة مساءً", "11 el sob7", "11 o'clock"). Hour words
 * in Egyptian, MSA (ordinals), Arabizi and English are read as their numbers. Works on the
 * canonical form ({@link #canonical}). Stateless and thread-safe.
 */
public final class ClockTimes {

  private ClockTimes() {}

  /**
   * The text in canonical form: normalised ({@link ArabicNormalizer}), Latin words in their
   * canonical Arabizi spelling ({@link Arabizi}), punctuation other than time and date separators
   * as spaces, with a space at each end.
   */
  public static String canonical(String text) {
    // "check-up" is two words; "2026-12-20" stays a date
    // "around 7pm?": a question mark or comma is no part of the word (Arabizi would read "7pm?" as
    // letters)
    String normalized =
        ArabicNormalizer.normalize(text)
            .replaceAll("(?<=\\p{L})-(?=\\p{L})", " ")
            .replaceAll("[?؟!,،]+", " ");
    StringBuilder sb = new StringBuilder();
    for (String word : normalized.split(" ")) {
      sb.append(sb.isEmpty() ? "" : " ").append(word.isEmpty() ? word : Arabizi.canonical(word));
    }
    // punctuation apart from the time and date separators does not matter
    return " "
        + sb.toString().replaceAll("[^\\p{L}\\p{N}:/.\\-]+", " ").replaceAll("\\s+", " ").trim()
        + " ";
  }

  /** Alternatives ("a|b c") as a regex group body, each spelled as {@link #canonical} spells. */
  private static String alternatives(String alternatives) {
    List<String> spelled = new ArrayList<>();
    for (String alternative : alternatives.split("\\|")) {
      String c = canonical(alternative).trim();
      if (!spelled.contains(c)) {
        spelled.add(c);
      }
    }
    // the longest first, so "الحاديه عشره" wins over a shorter word it starts with
    spelled.sort(Comparator.comparingInt(String::length).reversed());
    return String.join("|", spelled.stream().map(Pattern::quote).toList());
  }

  /** The hour word before a time: "الساعة", "el sa3a", "at". */
  public static final String HOUR_WORD =
      alternatives(
          "الساعه|ساعه|سعه|الساعا|el sa3a|elsa3a|sa3a|el sa3ah|sa3ah|at|around|على الساعه|ع الساعه");

  /** A part of the day said after the hour: "العصر", "صباحًا", "el sob7", "pm", "o'clock". */
  public static final String PART_OF_DAY =
      alternatives(
          "الصبح|صباحا|صباح|الصباح|ص|م|مساء|مساءا|المسا|المساء|بالليل|بليل|ليلا|العصر|عصرا|المغرب|الضهر|"
              + "الظهر|ظهرا|بعد الضهر|بعد الظهر|am|pm|a.m.|p.m.|o clock|oclock|in the morning|"
              + "in the afternoon|in the evening|at night|el sob7|sob7|el sobh|el 3asr|3asr|el dohr|dohr|"
              + "ba3d el dohr|bel leil|bel lel|bl lel|bllel|el maghreb");

  private static final Map<String, Integer> HOUR_WORDS = new LinkedHashMap<>();

  static {
    String[] hours = {
      "",
      "الواحده|واحده|wahda|wa7da",
      "الثانيه|التانيه|اتنين|اثنين|two|etnen|etneen|etnein",
      "الثالثه|التالته|التلاته|تلاته|ثلاثه|three|talata|tlata",
      "الرابعه|اربعه|four|arba3a",
      "الخامسه|خمسه|five|khamsa|5amsa",
      "السادسه|السته|سته|ستة|six|setta|sitta",
      "السابعه|سبعه|seven|sab3a",
      "الثامنه|التامنه|تمانيه|ثمانيه|تمنيه|eight|tamanya|tmanya",
      "التاسعه|تسعه|nine|tes3a|tis3a",
      "العاشره|عشره|ten|3ashara|3ashra",
      "الحاديه عشره|الحاديه عشر|الحداشر|حداشر|احداشر|احدعشر|احدي عشره|احدي عشر|eleven|7edashar|"
          + "hedashar|7dashar",
      "الثانيه عشره|الثانيه عشر|الاتناشر|اتناشر|اثنا عشر|اثني عشره|اثنتا عشره|twelve|etnashar|"
          + "itnashar"
    };
    for (int h = 1; h < hours.length; h++) {
      for (String word : hours[h].split("\\|")) {
        HOUR_WORDS.putIfAbsent(canonical(word).trim(), h);
      }
    }
  }

  private static final String HOUR_WORD_ALTERNATIVES =
      alternatives(String.join("|", HOUR_WORDS.keySet()));

  private static final String HALF = "(?:ونص|و نص|والنص|والنصف|ونصف|w nos|wnos|we nos|and a half)";

  /** "الساعة الحادية عشرة": an hour word after the hour word. */
  private static final Pattern WORD_AFTER_HOUR =
      Pattern.compile("(?<=\\s)(" + HOUR_WORD + ") (" + HOUR_WORD_ALTERNATIVES + ")(?=\\s)");

  /** "الخامسة مساءً", "خمسة ونص العصر": an hour word before a part of the day. */
  private static final Pattern WORD_BEFORE_PART =
      Pattern.compile(
          "(?<=\\s)("
              + HOUR_WORD_ALTERNATIVES
              + ")(?=\\s(?:"
              + HALF
              + "\\s)?(?:"
              + PART_OF_DAY
              + ")\\s)");

  /**
   * The canonical text with the hour words said as a time replaced by their numbers: " الساعه
   * الحاديه عشره صباحا " is " الساعه 11 صباحا ", " el sa3a khamsa " is " el sa3a 5 ". A number word
   * that is no time ("عايز اتنين") stays.
   */
  public static String hourDigits(String canonical) {
    String s = replace(WORD_AFTER_HOUR, canonical, 2);
    return replace(WORD_BEFORE_PART, s, 1);
  }

  private static String replace(Pattern pattern, String s, int group) {
    Matcher m = pattern.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Integer hour = HOUR_WORDS.get(m.group(group));
      String whole = m.group();
      String replaced =
          hour == null
              ? whole
              : whole.substring(0, m.start(group) - m.start())
                  + hour
                  + whole.substring(m.end(group) - m.start());
      m.appendReplacement(out, Matcher.quoteReplacement(replaced));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A number after the hour word: "الساعه 11", "sa3a 5:30", "at 2". */
  private static final Pattern NUMBER_AFTER_HOUR =
      Pattern.compile("(?<=\\s)(?:" + HOUR_WORD + ") \\d{1,2}(?:[.:]\\d{2})?(?=\\s)");

  /** A number before a part of the day: "11 الصبح", "5 el 3asr", "11am", "11 o clock". */
  private static final Pattern NUMBER_BEFORE_PART =
      Pattern.compile(
          "(?<=\\s)\\d{1,2}(?:[.:]\\d{2})?\\s?(?:" + HALF + "\\s)?(?:" + PART_OF_DAY + ")(?=\\s)");

  /**
   * True when the text says a time of day: "الساعة الحادية عشرة صباحًا", "الساعه 5 العصر", "el sa3a
   * 5", "at 11am", "11 o'clock". Its "ساعة" is then the hour, not a watch.
   */
  public static boolean saysTime(String text) {
    String s = hourDigits(canonical(text));
    return NUMBER_AFTER_HOUR.matcher(s).find() || NUMBER_BEFORE_PART.matcher(s).find();
  }

  /** "ساعة", "الساعة", "sa3a", "el sa3a" in the raw text (any letter forms). */
  private static final Pattern HOUR_WORD_RAW =
      Pattern.compile(
          "(?iu)(?<![\\p{L}\\p{M}])(?:[وب]?ال|لل)?س[\\p{M}]*ا[\\p{M}]*ع[\\p{M}]*[ةه][\\p{M}]*(?![\\p{L}])"
              + "|(?<![\\p{L}])(?:el ?)?sa3ah?(?![\\p{L}\\p{N}])");

  /**
   * The text without its hour word when it says a time ("الساعة ١١ الصبح" is " ١١ الصبح"), so that
   * a search for what it is about does not take the hour for a watch; the text itself otherwise.
   */
  public static String withoutHourWord(String text) {
    if (text == null || !saysTime(text)) {
      return text;
    }
    return HOUR_WORD_RAW.matcher(text).replaceAll(" ").replaceAll("\\s+", " ").trim();
  }
}
