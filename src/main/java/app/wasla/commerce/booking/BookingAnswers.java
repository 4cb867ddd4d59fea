package app.wasla.commerce.booking;

import app.wasla.persona.nlp.ClockTimes;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a customer writes while booking an appointment, in Egyptian Arabic, MSA, Arabizi and
 * English: a day ("الخميس", "يوم الخميس", "بكرة", "bokra", "next Sunday", "el sabt", "12/12"), a
 * time ("الساعة ٢", "2:30 pm", "٤ ونص"), yes or no, a service and a branch. Text is normalised
 * first (letter variants, Arabic-Indic digits, Arabizi spellings), so the patterns are written in
 * that form. Stateless and thread-safe.
 */
public final class BookingAnswers {

  private BookingAnswers() {}

  /**
   * The text in the form the patterns are written in: normalised, Latin words in their canonical
   * Arabizi spelling.
   */
  static String canonical(String text) {
    return ClockTimes.canonical(text);
  }

  /** Whole words or phrases, each alternative spelled as {@link #canonical} spells the text. */
  private static Pattern words(String alternatives) {
    StringBuilder sb = new StringBuilder();
    for (String alternative : alternatives.split("\\|")) {
      sb.append(sb.isEmpty() ? "" : "|").append(Pattern.quote(canonical(alternative).trim()));
    }
    return Pattern.compile("(?<=\\s)(" + sb + ")(?=\\s)");
  }

  private static final Pattern AFTER_TOMORROW =
      words(
          "بعد بكره|بعد بكرا|بعد غد|بعد الغد|بعدبكره|day after tomorrow|"
              + "ba3d bokra|ba3d bokrah|b3d bokra");
  private static final Pattern TOMORROW =
      words("بكره|بكرا|لبكره|لبكرا|غدا|الغد|للغد|غدوه|tomorrow|tmrw|tmw|bokra|bokrah|bkra");
  private static final Pattern TODAY =
      words(
          "النهارده|انهارده|النهاردا|النهارده ده|اليوم|today|tonight|naharda|"
              + "el naharda|elnaharda|enharda|el nharda|nharda");
  private static final Map<DayOfWeek, Pattern> WEEKDAYS = new LinkedHashMap<>();

  static {
    WEEKDAYS.put(DayOfWeek.SATURDAY, words("السبت|سبت|للسبت|saturday|sat|sabt|el sabt|elsabt"));
    WEEKDAYS.put(
        DayOfWeek.SUNDAY,
        words("الاحد|الحد|احد|للاحد|للحد|sunday|sun|el had|elhad|yom el had|el ahad|ahad"));
    // "اتنين" and "تلات" alone are numbers: the days need their article
    WEEKDAYS.put(
        DayOfWeek.MONDAY,
        words(
            "الاتنين|الاثنين|للاتنين|للاثنين|monday|mon|el etnen|el etnein|eletnen|el ethnen|etnen"));
    WEEKDAYS.put(
        DayOfWeek.TUESDAY,
        words(
            "التلات|الثلاثاء|للتلات|للثلاثاء|الثلاثا|التلاتاء|التلاته|tuesday|tue|tues|el talat|eltalat|"
                + "el talata|talat"));
    WEEKDAYS.put(
        DayOfWeek.WEDNESDAY,
        words(
            "الاربع|الاربعاء|للاربع|للاربعاء|الاربعا|اربعاء|wednesday|wed|el arba3|elarba3|arba3|"
                + "el arba3a|arba3a"));
    WEEKDAYS.put(
        DayOfWeek.THURSDAY,
        words(
            "الخميس|خميس|للخميس|thursday|thu|thur|thurs|el 5ames|el5ames|5ames|el 5amees|"
                + "5amees"));
    WEEKDAYS.put(
        DayOfWeek.FRIDAY,
        words("الجمعه|جمعه|للجمعه|friday|fri|el gom3a|elgom3a|gom3a|el gam3a|gam3a"));
  }

  private static final Pattern NUMERIC_DATE =
      Pattern.compile(
          "(?<=\\s)(\\d{4})-(\\d{1,2})-(\\d{1,2})(?=\\s)|(?<=\\s)(\\d{1,2})[/\\-.](\\d{1,2})(?:[/\\-.](\\d{2,4}))?(?=\\s)");
  private static final String[][] MONTHS = {
    {"january", "jan", "يناير"},
    {"february", "feb", "فبراير"},
    {"march", "mar", "مارس"},
    {"april", "apr", "ابريل"},
    {"may", "may", "مايو"},
    {"june", "jun", "يونيو"},
    {"july", "jul", "يوليو"},
    {"august", "aug", "اغسطس"},
    {"september", "sep", "سبتمبر"},
    {"october", "oct", "اكتوبر"},
    {"november", "nov", "نوفمبر"},
    {"december", "dec", "ديسمبر"}
  };
  private static final Pattern DAY_MONTH =
      Pattern.compile("(?<=\\s)(\\d{1,2})(?:st|nd|rd|th)? (?:of )?(\\p{L}+)(?=\\s)");

  /**
   * The day the text names, counted from {@code today} (the business's local date); null when it
   * names none. A weekday means its next occurrence after today ("الخميس" said on a Thursday is
   * next week's).
   */
  public static LocalDate day(String text, LocalDate today) {
    return dayIn(withoutTheDayReplaced(canonical(text), today), today);
  }

  /**
   * "بدل", "بدلا من", "instead of", "badal", "مش", "not": the day said right after is the one given
   * up ("خليها الخميس بدل بكره": Thursday, not tomorrow).
   */
  private static final Pattern INSTEAD_OF =
      words(
          "بدل|بدال|بدلا من|بدلا عن|عوضا عن|بدل من|مش|وليس|ليس|instead of|rather than|not|"
              + "badal|bdal|bedal|badal men|msh|mesh|mish|mush");

  /** Words between "instead of" and its day: "بدل يوم الخميس", "badal el sabt". */
  private static final java.util.Set<String> BEFORE_THE_DAY =
      java.util.Set.of(
          "يوم", "ميعاد", "معاد", "موعد", "من", "of", "the", "on", "next", "this", "yom", "el",
          "al", "il", "ma3ad", "me3ad");

  /**
   * The canonical text without the day that "instead of" gives up ("الخميس بدل بكره" is "الخميس"):
   * the longest run of up to three words after it that names a day on its own; the text as it is
   * when no day follows.
   */
  private static String withoutTheDayReplaced(String s, LocalDate today) {
    Matcher m = INSTEAD_OF.matcher(s);
    StringBuilder out = new StringBuilder();
    int from = 0;
    while (m.find()) {
      if (m.start() < from) {
        continue;
      }
      String[] after = s.substring(m.end()).trim().split(" ");
      int skip = 0;
      while (skip < after.length && BEFORE_THE_DAY.contains(after[skip])) {
        skip++;
      }
      int end = -1;
      // the shortest run that names a day, each of its words needed ("بعد بكره"; not "هقدر بكره")
      for (int n = 1; n <= Math.min(3, after.length - skip); n++) {
        String[] run = java.util.Arrays.copyOfRange(after, skip, skip + n);
        LocalDate named = dayIn(" " + String.join(" ", run) + " ", today);
        LocalDate withoutFirst =
            n == 1
                ? null
                : dayIn(
                    " " + String.join(" ", java.util.Arrays.copyOfRange(run, 1, n)) + " ", today);
        if (named != null && !named.equals(withoutFirst)) {
          end = skip + n;
          break;
        }
      }
      if (end < 0) {
        continue;
      }
      int cut = m.end();
      for (int i = 0; i < end; i++) {
        cut = s.indexOf(after[i], cut) + after[i].length();
      }
      out.append(s, from, m.start()).append(' ');
      from = cut;
    }
    return from == 0 ? s : out.append(s.substring(from)).toString();
  }

  private static LocalDate dayIn(String s, LocalDate today) {
    if (AFTER_TOMORROW.matcher(s).find()) {
      return today.plusDays(2);
    }
    if (TOMORROW.matcher(s).find()) {
      return today.plusDays(1);
    }
    LocalDate date = date(s, today);
    if (date != null) {
      return date;
    }
    for (Map.Entry<DayOfWeek, Pattern> e : WEEKDAYS.entrySet()) {
      if (e.getValue().matcher(s).find()) {
        return today.with(TemporalAdjusters.next(e.getKey()));
      }
    }
    if (TODAY.matcher(s).find()) {
      return today;
    }
    return null;
  }

  private static LocalDate date(String s, LocalDate today) {
    Matcher m = NUMERIC_DATE.matcher(s);
    while (m.find()) {
      try {
        if (m.group(1) != null) {
          return LocalDate.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)));
        }
        int day = Integer.parseInt(m.group(4));
        int month = Integer.parseInt(m.group(5));
        if (m.group(6) != null) {
          int year = Integer.parseInt(m.group(6));
          return LocalDate.of(year < 100 ? 2000 + year : year, month, day);
        }
        return upcoming(MonthDay.of(month, day), today);
      } catch (java.time.DateTimeException e) {
        // "10.30" is a time, "31/2" no date at all: keep looking
      }
    }
    Matcher dm = DAY_MONTH.matcher(s);
    while (dm.find()) {
      for (int i = 0; i < MONTHS.length; i++) {
        for (String name : MONTHS[i]) {
          if (name.equals(dm.group(2))) {
            try {
              return upcoming(MonthDay.of(i + 1, Integer.parseInt(dm.group(1))), today);
            } catch (java.time.DateTimeException e) {
              return null;
            }
          }
        }
      }
    }
    return null;
  }

  private static LocalDate upcoming(MonthDay monthDay, LocalDate today) {
    LocalDate date = monthDay.atYear(today.getYear());
    return date.isBefore(today) ? monthDay.atYear(today.getYear() + 1) : date;
  }

  private static final Pattern CLOCK =
      Pattern.compile("(?<=\\s)(\\d{1,2}):(\\d{2})(?:\\s?(am|pm))?(?=\\s)");
  private static final Pattern AM_PM =
      Pattern.compile("(?<=\\s)(\\d{1,2})(?:[.:](\\d{2}))?\\s?(am|pm|ص|م)(?=\\s)");
  private static final Pattern AFTER_HOUR_WORD =
      Pattern.compile(
          "(?<=\\s)(?:الساعه|ساعه|سعه|الساعة|الساعا|at|el sa3a|elsa3a|sa3a|el sa3ah|around|على|علي|ع)\\s(\\d{1,2})(?:[.:](\\d{2}))?(?=\\s)");

  /** "11 الصبح", "5 el 3asr", "11 o'clock": a number before a part of the day. */
  private static final Pattern BEFORE_PART_OF_DAY =
      Pattern.compile(
          "(?<=\\s)(\\d{1,2})(?:[.:](\\d{2}))?\\s(?:ونص\\s|و نص\\s|والنص\\s|والنصف\\s|w nos\\s)?(?:"
              + ClockTimes.PART_OF_DAY
              + ")(?=\\s)");

  private static final Pattern HALF =
      words("ونص|و نص|والنص|والنصف|ونصف|w nos|wnos|we nos|w nes|and a half|thirty|30");
  private static final Pattern EVENING =
      words(
          "بالليل|مساء|مساءا|المسا|المساء|بليل|ليلا|العصر|عصرا|المغرب|الضهر|الظهر|ظهرا|بعد الضهر|"
              + "بعد الظهر|pm|evening|afternoon|tonight|bl lel|bllel|bl lel|el 3asr|3asr|el dohr|dohr|ba3d el dohr|bel leil|at night");
  private static final Pattern MORNING =
      words("الصبح|صباحا|صباح|الصباح|am|morning|el sob7|sob7|el sobh|sobh|الضحي");

  /**
   * The time of day the text names ("الساعة ٢" = 14:00: the shop books 11:00–21:00, so 1–8 mean
   * afternoon).
   */
  public static LocalTime time(String text) {
    // "الساعة الحادية عشرة صباحًا", "el sa3a khamsa": the hour words as numbers
    String s = ClockTimes.hourDigits(canonical(text));
    Integer hour = null;
    int minute = 0;
    Boolean pm = null;
    Matcher m = CLOCK.matcher(s);
    if (m.find()) {
      hour = Integer.parseInt(m.group(1));
      minute = Integer.parseInt(m.group(2));
      pm = m.group(3) == null ? null : "pm".equals(m.group(3));
    } else if ((m = AM_PM.matcher(s)).find()) {
      hour = Integer.parseInt(m.group(1));
      minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
      pm = "pm".equals(m.group(3)) || "م".equals(m.group(3));
    } else if ((m = AFTER_HOUR_WORD.matcher(s)).find()
        || (m = BEFORE_PART_OF_DAY.matcher(s)).find()) {
      hour = Integer.parseInt(m.group(1));
      minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    }
    if (hour == null || hour > 23 || minute > 59) {
      return null;
    }
    if (minute == 0 && HALF.matcher(s.substring(Math.max(0, m.start()))).find()) {
      minute = 30;
    }
    if (pm == null) {
      pm =
          EVENING.matcher(s).find()
              ? Boolean.TRUE
              : MORNING.matcher(s).find() ? Boolean.FALSE : null;
    }
    if (pm == null) {
      pm = hour >= 1 && hour <= 8;
    }
    if (pm && hour < 12) {
      hour += 12;
    } else if (!pm && hour == 12) {
      hour = 12; // "12 الضهر" and a bare "12" are noon
    }
    return LocalTime.of(hour, minute);
  }

  private static final Pattern NO =
      words(
          "لا|لاء|لأ|لاا|no|nope|nah|la|laa|la2|msh|مش|مش عايز|بلاش|خليه|سيبه|"
              + "keep|keep it|cancel that|don t|dont|not now|ma3lesh");
  private static final Pattern YES =
      words(
          "نعم|ايوه|ايوا|ايوة|اه|اها|اوك|تمام|اكيد|ماشي|موافق|اكد|اكده|اكدلي|احجز|"
              + "احجزلي|احجزه|yes|yeah|yep|yup|ok|okay|sure|confirm|confirmed|go ahead|book it|aywa|aiwa|ah|tamam|aked|"
              + "mashy|mashe|ok tamam|akked|ahgez|ehgez");
  private static final Pattern CANCEL =
      words(
          "الغي|الغيه|الغيها|الغاء|cancel|cancel it|elghe|elghih|elghiha|" + "elgheh|el8eh|alghih");

  private static final Pattern SAME_TIME =
      words(
          "نفس الساعه|نفس الميعاد|نفس المعاد|نفس الموعد|نفس الوقت|في نفس الموعد|بنفس الموعد|"
              + "بنفس الساعه|بنفس الوقت|same time|same hour|same slot|the same time|"
              + "nafs el sa3a|nafs el ma3ad|nafs el me3ad|nafs el wa2t|nafs elsa3a|nafs el mi3ad");

  /**
   * True when the text keeps the time it has ("نفس الساعه", "same time", "nafs el ma3ad") and names
   * no other.
   */
  public static boolean sameTime(String text) {
    return time(text) == null && SAME_TIME.matcher(canonical(text)).find();
  }

  /** True when the text is put as a question ("?", "؟"). */
  public static boolean question(String text) {
    return text != null && (text.contains("?") || text.contains("؟"));
  }

  /** True when the text asks to cancel ("الغيه", "cancel it"). */
  public static boolean cancelWord(String text) {
    return CANCEL.matcher(canonical(text)).find();
  }

  /**
   * True for a yes, false for a no, null when the text says neither (a "no" word wins: "لا مش
   * عايز").
   */
  public static Boolean yesOrNo(String text) {
    String s = canonical(text);
    if (NO.matcher(s).find()) {
      return Boolean.FALSE;
    }
    return YES.matcher(s).find() ? Boolean.TRUE : null;
  }

  /** What a service is about, in the customers' words, and the English word its name carries. */
  private record Concept(String nameWord, String notInName, Pattern said) {}

  private static final List<Concept> CONCEPTS =
      List.of(
          new Concept(
              "protector",
              null,
              words(
                  "اسكرينه|سكرينه|اسكرينة|لزقه|لزقة|واقي|حمايه|protector|screen protector|"
                      + "glass|eskrena|skrena|eskerina|lazka|lezka")),
          new Concept(
              "screen",
              "protector",
              words(
                  "شاشه|شاشات|الشاشه|والشاشه|وشاشه|بالشاشه|شاشته|شاشتي|شاشتها|screen|screens|display|"
                      + "shasha|el shasha|shashet")),
          new Concept(
              "battery",
              null,
              words(
                  "بطاريه|بطاريات|البطاريه|والبطاريه|بطاريته|بطاريتي|battery|batteries|battarya|batarya|baterya|"
                      + "el battarya|battareya|batareya")),
          new Concept(
              "check",
              null,
              words(
                  "فحص|كشف|تشخيص|الفحص|الكشف|التشخيص|للفحص|للكشف|لفحص|لكشف|check|checkup|check up|inspection|diagnosis|fahs|fa hs|kashf|"
                      + "ka4f")));

  /**
   * The phone brands a service can be for ("iPhone 15 screen replacement" is for an iPhone): such a
   * service is taken from a part ("the screen") only when the text names that brand; a screen of a
   * phone whose make is not said is asked, not guessed.
   */
  private static final Map<String, Pattern> DEVICE_WORDS =
      Map.of(
          "iphone", words("ايفون|الايفون|آيفون|iphone|ifone|ayfon|apple|ابل"),
          "samsung", words("سامسونج|السامسونج|سامسونغ|samsung|samsong|galaxy|جالاكسي|جلاكسي"));

  /**
   * True when the text names a make of phone that the service is not for ("سامسونج ... الشاشه"
   * beside "iPhone 15 screen replacement").
   */
  private static boolean forAnotherDevice(String text, BookingOptions.Service service) {
    String name = service.nameEn().toLowerCase(java.util.Locale.ROOT);
    boolean forAMake = false;
    boolean makeFits = false;
    for (Map.Entry<String, Pattern> device : DEVICE_WORDS.entrySet()) {
      if (name.contains(device.getKey())) {
        forAMake = true;
        makeFits |= device.getValue().matcher(text).find();
      }
    }
    return forAMake && !makeFits && makeNamed(text) != null;
  }

  /** Makes of phone customers bring in, with their names to say back (Arabic, Latin). */
  private record Make(Pattern said, String arabic, String latin) {}

  private static final List<Make> MAKES =
      List.of(
          new Make(DEVICE_WORDS.get("samsung"), "سامسونج", "Samsung"),
          new Make(DEVICE_WORDS.get("iphone"), "آيفون", "iPhone"),
          new Make(
              words("شاومي|شاؤمي|ريدمي|بوكو|xiaomi|redmi|poco|shawmy|shaomi"), "شاومي", "Xiaomi"),
          new Make(words("اوبو|oppo"), "أوبو", "Oppo"),
          new Make(words("ريلمي|realme"), "ريلمي", "Realme"),
          new Make(words("هواوي|huawei"), "هواوي", "Huawei"),
          new Make(words("هونر|honor"), "هونر", "Honor"),
          new Make(words("انفينكس|infinix"), "إنفينكس", "Infinix"),
          new Make(words("تكنو|tecno"), "تكنو", "Tecno"),
          new Make(words("فيفو|vivo"), "فيفو", "Vivo"),
          new Make(words("نوكيا|nokia"), "نوكيا", "Nokia"),
          new Make(words("وان بلس|oneplus|one plus"), "وان بلس", "OnePlus"),
          new Make(words("بيكسل|pixel|google pixel"), "بيكسل", "Pixel"));

  private static Make makeNamed(String canonicalText) {
    return MAKES.stream()
        .filter(m -> m.said().matcher(canonicalText).find())
        .findFirst()
        .orElse(null);
  }

  /** "مكسورة", "مشروخة", "cracked", "mashrou5a", "مش بيشحن": something wrong with the phone. */
  private static final Pattern FAULT =
      words(
          "مكسور|مكسوره|مشروخ|مشروخه|اتكسر|اتكسرت|انكسر|انكسرت|اتشرخ|اتشرخت|بايظ|بايظه|باظ|باظت|"
              + "عطلان|عطلانه|تالف|تالفه|معطل|معطله|مش شغال|مش شغاله|مبيشحنش|مش بيشحن|لا يعمل|لا تعمل|"
              + "مكسورة|خربان|خربانه|cracked|broken|broke|smashed|dead|not working|doesnt work|"
              + "won t charge|not charging|mashrou5|mashrou5a|mashro5a|mashroo5a|maksour|maksoura|"
              + "maksora|mksora|etkasar|etkasaret|etshara5|etshara5et|bayez|bayza|3otl|3atlan|3atlana|"
              + "msh sha8al|msh sha8ala");

  /** A model code said with the make ("A54", "S23", "13"): said back as the customer wrote it. */
  private static final Pattern MODEL =
      Pattern.compile(
          "(?i)(?<![\\p{L}\\d])([a-z]{1,2}\\d{1,3}[a-z]?|\\d{1,2}(?:\\s?pro(?:\\s?max)?)?)(?![\\p{L}\\d])");

  /**
   * What the customer's phone and its fault are, to say back, when no service of the list fits them
   * ("سامسونج A54 والشاشه مشروخه": no Samsung screen service): the make and model, and the part.
   * Null when the text names no make of phone, or names neither a part nor a fault; also null
   * (unless {@code answeringTheList}) when it names no make. {@code answeringTheList}: the text
   * answers the list of services just shown, where a part or a fault alone is enough.
   */
  public static Unlisted unlisted(
      String text, List<BookingOptions.Service> services, boolean answeringTheList) {
    if (text == null || service(text, services, answeringTheList) != null) {
      return null;
    }
    String s = canonical(text);
    Make make = makeNamed(s);
    String part = null;
    for (Concept concept : CONCEPTS) {
      if (!"check".equals(concept.nameWord())
          && !"protector".equals(concept.nameWord())
          && concept.said().matcher(s).find()) {
        part = concept.nameWord();
        break;
      }
    }
    boolean fault = FAULT.matcher(s).find();
    if (part == null && !fault) {
      return null;
    }
    if (make == null && !answeringTheList) {
      return null;
    }
    String model = null;
    if (make != null) {
      Matcher m = MODEL.matcher(text);
      while (m.find()) {
        String found = m.group(1).trim();
        if (!found.isEmpty()) {
          // "a54" is written "A54"; "13 pro" stays as it is
          model =
              found.matches("(?i)[a-z]{1,2}\\d+[a-z]?")
                  ? found.toUpperCase(java.util.Locale.ROOT)
                  : found;
          break;
        }
      }
    }
    return new Unlisted(
        make == null ? null : make.arabic(), make == null ? null : make.latin(), model, part);
  }

  /**
   * A phone and its fault that no service of the list is for: the make in Arabic and Latin letters
   * and the model as said (each null when not said), the part ("screen", "battery" or null).
   */
  public record Unlisted(String makeArabic, String makeLatin, String model, String part) {}

  private static boolean forTheDeviceNamed(String text, BookingOptions.Service service) {
    String name = service.nameEn().toLowerCase(java.util.Locale.ROOT);
    for (Map.Entry<String, Pattern> device : DEVICE_WORDS.entrySet()) {
      if (name.contains(device.getKey()) && !device.getValue().matcher(text).find()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The code of the one service the text names; null when it names none or several, or when it
   * names a part ("the screen") of a service for one make of phone without naming the make.
   */
  public static String service(String text, List<BookingOptions.Service> services) {
    return service(text, services, false);
  }

  /**
   * As {@link #service(String, List)}; {@code answeringTheList}: the text answers the list of
   * services just shown, where "the screen" picks the one screen service listed, whatever its make.
   */
  public static String service(
      String text, List<BookingOptions.Service> services, boolean answeringTheList) {
    String s = canonical(text);
    for (Concept concept : CONCEPTS) {
      if (!concept.said().matcher(s).find()) {
        continue;
      }
      List<BookingOptions.Service> named = servicesOf(concept, services);
      if (named.size() == 1
          && (answeringTheList
              ? !forAnotherDevice(s, named.get(0))
              : forTheDeviceNamed(s, named.get(0)))) {
        return named.get(0).code();
      }
    }
    // a service named in full ("تغيير بطارية سامسونج", as its list row reads); a product name alone
    // ("iPhone 15")
    // is a product question, not a service
    List<String> hits =
        services.stream()
            .filter(x -> s.contains(canonical(x.nameAr())) || s.contains(canonical(x.nameEn())))
            .map(BookingOptions.Service::code)
            .toList();
    return hits.size() == 1 ? hits.get(0) : null;
  }

  /** The free check-up of the list (its English name says "check"); null when there is none. */
  public static BookingOptions.Service checkUp(List<BookingOptions.Service> services) {
    List<BookingOptions.Service> named =
        services.stream()
            .filter(x -> x.nameEn().toLowerCase(java.util.Locale.ROOT).contains("check"))
            .toList();
    return named.size() == 1 ? named.get(0) : null;
  }

  /** The services whose English name holds the concept's word (and not its excluded one). */
  private static List<BookingOptions.Service> servicesOf(
      Concept concept, List<BookingOptions.Service> services) {
    return services.stream()
        .filter(x -> x.nameEn().toLowerCase(java.util.Locale.ROOT).contains(concept.nameWord()))
        .filter(
            x ->
                concept.notInName() == null
                    || !x.nameEn().toLowerCase(java.util.Locale.ROOT).contains(concept.notInName()))
        .toList();
  }

  private static final Pattern PRICE_WORDS =
      words(
          "بكام|بكم|كم سعر|سعر|سعره|سعرها|السعر|تمن|تمنه|تمنها|تكلفه|التكلفه|تكلفته|كم يكلف|كم تكلف|"
              + "how much|price|prices|cost|costs|bkam|b kam|be kam|bekam|b kaam|se3r|se3ro|se3rha|"
              + "taman|tamano");

  /** "Free?" asked: a price question only when put as a question ("الكشف مجاني؟"). */
  private static final Pattern FREE_WORDS =
      words("مجاني|مجانا|ببلاش|بفلوس|free|bbalash|b balash|balash|bflos|b flos");

  /**
   * The services whose price the text asks ("الكشف بكام؟", "كم سعر الفحص؟", "howa el kashf b kam?",
   * "is the check-up free?"): each service the part or kind it names is in (both screen services
   * for "the screen"); empty when it asks no price or names no service.
   */
  public static List<BookingOptions.Service> pricesAsked(
      String text, List<BookingOptions.Service> services) {
    String s = canonical(text);
    if (!PRICE_WORDS.matcher(s).find() && !(question(text) && FREE_WORDS.matcher(s).find())) {
      return List.of();
    }
    String one = service(text, services);
    if (one != null) {
      return services.stream().filter(x -> x.code().equals(one)).toList();
    }
    for (Concept concept : CONCEPTS) {
      if (!concept.said().matcher(s).find()) {
        continue;
      }
      List<BookingOptions.Service> named = servicesOf(concept, services);
      if (!named.isEmpty()) {
        return named;
      }
    }
    return List.of();
  }

  private static final Map<String, Pattern> BRANCH_WORDS =
      Map.of(
          "CAI",
              words(
                  "القاهره|قاهره|مدينه نصر|نصر|مصر|cairo|kahera|el kahera|ka7era|nasr|nasr city|madinet nasr|masr"),
          "ALX",
              words(
                  "اسكندريه|الاسكندريه|اسكندرية|سموحه|alex|alexandria|eskendereya|eskendrya|eskenderia|el eskendereya|"
                      + "smouha|smoha|sumoha"));

  /** The code of the one branch the text names; null when it names none or several. */
  public static String branch(String text, List<BookingOptions.Branch> branches) {
    String s = canonical(text);
    List<String> hits = new ArrayList<>();
    for (BookingOptions.Branch branch : branches) {
      Pattern known = BRANCH_WORDS.get(branch.code());
      boolean named = known != null && known.matcher(s).find();
      if (!named) {
        for (String w : canonical(branch.nameEn() + " " + branch.nameAr()).trim().split(" ")) {
          if (w.length() >= 4 && s.contains(" " + w + " ")) {
            named = true;
            break;
          }
        }
      }
      if (named) {
        hits.add(branch.code());
      }
    }
    return hits.size() == 1 ? hits.get(0) : null;
  }
}
