package app.wasla.persona;

import app.wasla.persona.nlp.ArabicNormalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A customer following up on what a person told them: after an agent answered (within {@link
 * #WINDOW}), a message that names her, says "you said / قالتلي / وعدتني / اتفقنا / otolty /
 * promised", or asks about something her recent messages mention (a coupon or code, a discount, a
 * call back, a delivery date, a replacement, a refund) is hers to answer, not the playbook's: the
 * bot would otherwise contradict her ("no offers right now" after "I'll send you a 10% code"). A
 * message that merely goes on shopping is answered as usual.
 */
public final class PersonFollowUp {

  /** How long after a person's message the customer's words may refer back to it. */
  public static final Duration WINDOW = Duration.ofHours(72);

  /** The handoff reason ({@link HandoffReasons}: {@code agent_follow_up}). */
  public static final String REASON = "agent follow-up";

  private static final String START = "(?<![\\p{L}\\p{N}])";

  /** "you said", "قالتلي", "وعدتني", "اتفقنا", "otolty", "promised". */
  private static final Pattern REFERS_BACK =
      Pattern.compile(
          START
              + "(قلتلي|قلتيلي|قولتلي|قولتيلي|قلتولي|قولتولي|قالتلي|قالتلي|قالتي|قاللي|قالي|قالولي|"
              + "وعدتني|وعدتيني|وعدتوني|وعدتونا|وعدني|وعدتنا|اتفقنا|متفقين|اتفقت معاك|زي ما قلت|زي ما قولت|"
              + "زي ما قالت|زي ما قال|كما قلت|كما وعدت|كما ذكرت|كما اتفقنا|اخبرتني|اخبرتموني|ذكرت لي|"
              + "ذكرتي لي|وعدتموني|you said|you told me|she said|he said|told me|you promised|promised|"
              + "you mentioned|we agreed|as agreed|as you said|otolty|otoltely|2oltely|2oltly|2olty|"
              + "oltly|oltely|olteli|2olteli|2oltoly|oltoly|2aletly|2alitly|aletly|alitly|2aletli|"
              + "2ally|2aly|wa3adteny|wa3adtini|wa3adtny|wa3adtoni|wa3adtony|et2afa2na|etfa2na|"
              + "ettafa2na|zay ma 2olt|zay ma olt|zay ma otolt|zay ma 2alet)");

  /** What a person may have promised, as her message and the customer's both say it. */
  private enum Subject {
    CODE(
        "(كود|كوبون|خصم|برومو|فاوتشر|قسيمه|رمز الخصم|"
            + START
            + "(code|coupon|promo|voucher|discount|kod|koud|khasm|5asm|5sm|off)\\b)",
        "(كود|كوبون|خصم|برومو|فاوتشر|قسيمه|"
            + START
            + "(code|coupon|promo|voucher|discount|kod|koud|khasm|5asm|5sm)\\b)"),
    CALL_BACK(
        "(هنكلمك|هكلمك|هتكلمك|نكلمك|اكلمك|هنتصل|هتصل|هيتصل|هتتصل|هنرن|نتصل بيك|هنتواصل|هتواصل|سنتصل|سنتواصل|"
            + "نتواصل معك|اتصال|مكالمه|"
            + START
            + "(call you|call back|callback|give you a call|ring you|phone you|contact you|"
            + "h?n?kall?emak|h?n?kalm(a|e)k|hanetsel|hnetesel|hatsel|han?ettesel)\\b)",
        "(كلمني|يكلمني|تكلمني|كلمتوني|تكلموني|يكلموني|اتصل|تتصل|يتصل|مكلمنيش|ماكلمنيش|محدش كلمني|لم يتصل|"
            + "لم تتصلوا|مكالمه|رن علي|"
            + START
            + "(call|called|calling|ring|rang|phoned|kall?emny|kalemny|yekallemny|ettasal|etasal|"
            + "tetselo|yetsel|mokalma)\\b)"),
    DELIVERY_DATE(
        "((هيوصل|هتوصل|يوصل|توصل|هيتشحن|هتتشحن|يتشحن|تتشحن|هنشحن|نشحن|هيخرج|هتخرج|هنبعت|هيتبعت|هتتبعت|"
            + "سيصل|ستصل|سيتم شحن|"
            + START
            + "(ship|ships|shipped|deliver|delivered|arrive|arrives|dispatch|yewsal|tewsal|"
            + "hayewsal|hatewsal|hayetsha7an|hatetsha7an|hanesha7no?))"
            + ".*(بكره|بكرا|غدا|النهارده|الحد|الاحد|الاتنين|الاثنين|التلات|الثلاثاء|الاربع|الخميس|الجمعه|"
            + "السبت|"
            + START
            + "(tomorrow|today|sunday|monday|tuesday|wednesday|thursday|friday|saturday|bokra|"
            + "bukra|el ?7ad|el ?etnen|el ?talat|el ?arba3|el ?5ames|el ?khamis|el ?gom3a|"
            + "el ?sabt))"
            + "|(بكره|بكرا|غدا|النهارده|الحد|الاحد|الاتنين|الاثنين|التلات|الثلاثاء|الاربع|الخميس|الجمعه|"
            + "السبت|"
            + START
            + "(tomorrow|today|sunday|monday|tuesday|wednesday|thursday|friday|saturday|bokra|"
            + "bukra))"
            + ".*(هيوصل|هتوصل|يوصل|توصل|هيتشحن|هتتشحن|يتشحن|تتشحن|هنشحن|نشحن|هيخرج|هتخرج|هنبعت|هيتبعت|"
            + "سيصل|ستصل|سيتم شحن|"
            + START
            + "(ship|deliver|arrive|dispatch|yewsal|tewsal|hayewsal|hatewsal|hayetsha7an)))",
        "(وصل|يوصل|توصل|هيوصل|هتوصل|وصلش|اتشحن|يتشحن|الشحنه|شحن|سيصل|"
            + START
            + "(ship|shipped|shipping|deliver|delivery|arrive|arrived|package|parcel|shipment|"
            + "wesel|weselsh|wesl|yewsal|tewsal|etsha7an|sha7n)\\b)"),
    REPLACEMENT(
        "(استبدال|البديل|بديل|تبديل|هنبدل|نبدل|هنغير|"
            + START
            + "(replacement|replace|exchange|swap|badal|badil|estebdal|tabdil)\\b)",
        "(استبدال|البديل|بديل|تبديل|يتبدل|يتغير|"
            + START
            + "(replacement|replace|exchange|swap|badal|badil|estebdal|tabdil)\\b)"),
    REFUND(
        "(استرجاع|استرداد|رد المبلغ|فلوسك|المبلغ|هترجعلك|هنرجعلك|ترجعلك|"
            + START
            + "(refund|money back|reimburs|flosak|floosak|felosak)\\b)",
        "(استرجاع|استرداد|فلوسي|المبلغ|رد المبلغ|"
            + START
            + "(refund|refunded|my money|money back|flosy|floosy|felosy)\\b)");

    private final Pattern promised;
    private final Pattern asked;

    Subject(String promised, String asked) {
      this.promised = Pattern.compile(promised);
      this.asked = Pattern.compile(asked);
    }
  }

  private PersonFollowUp() {}

  /**
   * The person whose words this turn follows up, or empty: a person wrote to the customer within
   * {@link #WINDOW} before {@code now} and the customer's message names her, refers back to what
   * was said, or asks about a subject her recent messages mention.
   */
  public static Optional<TranscriptLine.Person> of(PersonaTurn turn, Instant now) {
    List<TranscriptLine> persons = new ArrayList<>();
    Instant since = now.minus(WINDOW);
    for (TranscriptLine line : turn.recentTranscript()) {
      if (line.person() != null && line.at() != null && !line.at().isBefore(since)) {
        persons.add(line);
      }
    }
    if (persons.isEmpty()) {
      return Optional.empty();
    }
    String said = " " + normalize(turn.text()) + " ";
    if (said.isBlank()) {
      return Optional.empty();
    }
    TranscriptLine latest = persons.get(persons.size() - 1);
    for (int i = persons.size() - 1; i >= 0; i--) {
      TranscriptLine.Person p = persons.get(i).person();
      if (names(said, p)) {
        return Optional.of(p); // "where's the coupon sara promised?"
      }
    }
    if (REFERS_BACK.matcher(said).find()) {
      return Optional.of(latest.person());
    }
    for (Subject subject : Subject.values()) {
      if (!subject.asked.matcher(said).find()) {
        continue;
      }
      for (int i = persons.size() - 1; i >= 0; i--) {
        TranscriptLine line = persons.get(i);
        if (line.text() != null
            && subject.promised.matcher(" " + normalize(line.text()) + " ").find()) {
          return Optional.of(line.person());
        }
      }
    }
    return Optional.empty();
  }

  /** The latest person who wrote within {@link #WINDOW} before {@code now}, if any. */
  public static Optional<TranscriptLine.Person> latest(List<TranscriptLine> lines, Instant now) {
    Instant since = now.minus(WINDOW);
    for (int i = lines.size() - 1; i >= 0; i--) {
      TranscriptLine line = lines.get(i);
      if (line.person() != null && line.at() != null && !line.at().isBefore(since)) {
        return Optional.of(line.person());
      }
    }
    return Optional.empty();
  }

  /**
   * The answer that tells the customer the person will follow up: named in the customer's script
   * ("هبلّغ سارة حالاً"), else "the colleague who answered you"; to a woman in her address ({@code
   * feminine}: "معاكي").
   */
  public static String reply(TranscriptLine.Person person, Language replyIn, boolean feminine) {
    boolean arabic = replyIn == Language.AR_EG || replyIn == Language.AR;
    String name = arabic ? person.nameInArabic() : person.firstName();
    return name == null || name.isBlank()
        ? ReplyTexts.getTo("personFollowUpUnnamed", replyIn, feminine)
        : ReplyTexts.getTo("personFollowUp", replyIn, feminine, name.strip());
  }

  private static boolean names(String said, TranscriptLine.Person p) {
    for (String name : new String[] {p.firstName(), p.userId(), p.nameInArabic()}) {
      if (name == null || name.strip().length() < 2) {
        continue;
      }
      String n = normalize(name);
      if (Pattern.compile(START + "(ال|و|ل|ب|يا ?)?" + Pattern.quote(n) + "(?![\\p{L}\\p{N}])")
          .matcher(said)
          .find()) {
        return true;
      }
    }
    return false;
  }

  private static String normalize(String text) {
    return ArabicNormalizer.normalize(text == null ? "" : text).toLowerCase(Locale.ROOT);
  }
}
