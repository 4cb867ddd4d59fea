package app.wasla.crm;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Recognises a marketing opt-out (STOP, إلغاء, الغاء الاشتراك, unsubscribe) or opt-in (START,
 * اشتراك) message. Only a message that is just the keyword counts (case, hamza forms, diacritics,
 * tatweel, punctuation and emoji aside): "stop sending me the wrong size" is a complaint, not an
 * opt-out.
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
          "stop promotions");
  public static final Set<String> DEFAULT_OPT_IN =
      Set.of("start", "subscribe", "unstop", "opt in", "اشتراك", "اشترك", "تفعيل الاشتراك");

  private static final Pattern DIACRITICS_AND_TATWEEL =
      Pattern.compile("[\\u064B-\\u0652\\u0670\\u0640]");
  private static final Pattern ALEF_FORMS = Pattern.compile("[\\u0622\\u0623\\u0625\\u0671]");
  private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");

  private final Set<String> optOut;
  private final Set<String> optIn;

  public ConsentKeywords(Collection<String> optOut, Collection<String> optIn) {
    this.optOut =
        optOut.stream().map(ConsentKeywords::normalize).collect(Collectors.toUnmodifiableSet());
    this.optIn =
        optIn.stream().map(ConsentKeywords::normalize).collect(Collectors.toUnmodifiableSet());
  }

  public static ConsentKeywords defaults() {
    return new ConsentKeywords(DEFAULT_OPT_OUT, DEFAULT_OPT_IN);
  }

  public Verdict classify(String text) {
    if (text == null || text.length() > 64) {
      return Verdict.NONE;
    }
    String t = normalize(text);
    if (t.isEmpty()) {
      return Verdict.NONE;
    }
    return optOut.contains(t) ? Verdict.OPT_OUT : optIn.contains(t) ? Verdict.OPT_IN : Verdict.NONE;
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
}
