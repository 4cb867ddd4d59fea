package app.wasla.persona.nlp;

import java.util.regex.Pattern;

/**
 * Two readings about what the customer already has, in Egyptian, MSA, Arabizi and English.
 *
 * <p>{@link #asked}: a change to an order ("معلش ممكن اخليهم واحد بس بدل اتنين؟", "ينفع يوصل بكرة
 * قبل الضهر؟", "tab momken a8ayar el address? ana 3ayzo yewsal el sho8l msh el beit", "change the
 * delivery address of ORD-12007 to ..."): its quantity, its delivery day or time, its address or an
 * item. Such a turn is about the order, never a booking, nor a question about the branches. Paying
 * another way and cancelling are not changes here (their own flows serve them), nor is a booking
 * named without an order.
 *
 * <p>{@link #declinesABooking}: the customer says they want no repair or appointment ("مش عايز
 * صيانة", "يا عم مش عايز احجز حاجة", "سيبك من الصيانة", "msh 3ayez seyana", "I don't want a
 * repair").
 */
public final class OrderChanges {

  /** The persona's topic of a turn that asks to change an order ({@code personaTopic}). */
  public static final String TOPIC = "order_change";

  private OrderChanges() {}

  /** A verb of changing, in each form ("اغير", "تعديل", "a8ayar", "change", "make it"). */
  private static final Pattern CHANGE =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:و|ف)?(?:[انتي]غير|يتغير|تتغير|تغيير|[انتي]عدل|تعديل|يتعدل"
              + "|[انتي]بدل|تبديل|[ان]?خلي(?:ه|ها|هم|هولي)|ازود|نزود|زود|اقلل|نقلل|قلل"
              + "|(?:a|n|t|ne|te)?(?:8|gh|3')ayy?ar|(?:ta|te)(?:8|gh)yee?r|(?:a|n|ne)?3addel|ta3dee?l"
              + "|(?:a|ne|n)?(?:5|kh)alee?(?:h|ha|hom|hoom)|change|changing|update|modify|edit|switch"
              + "|make (?:it|them)|reduce|increase)(?![\\p{L}\\p{N}])");

  /** The order named ("الطلب", "بالاوردر", "order"); "بطلب" is "I ask", no order. */
  private static final Pattern ORDER_WORD =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:(?:و|ل|لل|ف)?(?:ال)?|و?بال)(?:طلب|طلبي|طلبيه|طلبيتي|اوردر|اوردري)"
              + "(?![\\p{L}\\p{N}])|(?<![\\p{L}\\p{N}])(?:el ?)?(?:order|orders|ordr|talaby|el talab)"
              + "(?![\\p{L}\\p{N}])|\\bord[-#\\s]*\\d{4,12}\\b");

  private static final Pattern ADDRESS =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:و|ل|ب)?(?:ال)?(?:عنوان|عنواني|لوكيشن)(?![\\p{L}\\p{N}])"
              + "|\\b(?:el ?)?(?:address|adress|addres|3enwan|3enwany|3onwan|el3enwan|location)\\b");

  /** Where it should go instead ("يوصل الشغل مش البيت", "yewsal el sho8l msh el beit"). */
  private static final Pattern DELIVERED_ELSEWHERE =
      Pattern.compile(
          "(?:يوصل|توصل|يوصلني|توصلني|يتوصل|يروح|yewsal|tewsal|yrou7|deliver|delivered|sent|go)"
              + "\\s+(?:\\S+\\s+){0,3}(?:ال)?(?:شغل|مكتب|بيت|شركه|sho8l|shoghl|sho3'l|maktab|beit|bet|work"
              + "|office|home|company)\\b.*(?:مش|مو|بدل|msh|mesh|mish|not|instead)");

  private static final Pattern DELIVERY_VERB =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:ي|ت)(?:وصل|وصلني|وصلوه|وصلوها|جي|جيلي|جيني)(?![\\p{L}\\p{N}])"
              + "|(?<![\\p{L}\\p{N}])(?:ال)?توصيل(?![\\p{L}\\p{N}])"
              + "|\\b(?:yewsal|tewsal|yewsalni|yeegi|yegy|yegi|deliver|delivered|delivery|arrive|come)\\b");

  private static final Pattern WHEN =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:بكره|بكرا|النهارده|النهاردا|غدا|اليوم|الصبح|صباحا|الضهر|الظهر|العصر"
              + "|المغرب|بالليل|المسا|مساء|السبت|الاحد|الحد|الاتنين|الاثنين|الثلاثاء|التلات|الاربع"
              + "|الاربعاء|الخميس|الجمعه)(?![\\p{L}\\p{N}])|(?<![\\p{L}\\p{N}])الساعه\\s*\\d"
              + "|\\b(?:bokra|bukra|el ?sob7|el ?dohr|el ?3asr|tomorrow|today|morning|noon|afternoon"
              + "|evening|saturday|sunday|monday|tuesday|wednesday|thursday|friday)\\b");

  private static final Pattern ASKING =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:ينفع|ممكن|عايز|عاوز|عايزه|عاوزه|اريد|أريد|ياريت|يمكن|هل يمكن"
              + "|لو سمحت)(?![\\p{L}\\p{N}])"
              + "|\\b(?:please|pls|plz|can|could|momken|yenfa3|3ayez|3ayz|3ayza|3awez)\\b");

  /** A count said in words or as one digit ("واحد بس", "etnen", "2"). */
  private static final Pattern COUNT =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:واحد|واحده|وحده|اتنين|اثنين|اثنان|تلاته|ثلاثه|قطعه|قطعتين"
              + "|[1-9])(?![\\p{L}\\p{N}])"
              + "|\\b(?:one|two|three|wa7ed|wa7da|etnen|itnen|talata|piece|pieces)\\b");

  /** "بدل اتنين", "instead of 2": another count than the order's. */
  private static final Pattern INSTEAD_OF_COUNT =
      Pattern.compile(
          "(?:بدل|بدلا من|بدال|instead of|bdal|badal)\\s+(?:ال)?(?:واحد|واحده|اتنين|اثنين|تلاته|ثلاثه"
              + "|[1-9]|one|two|three|wa7ed|etnen|talata)(?![\\p{L}\\p{N}])");

  /** "لو طلبت النهارده يوصل بكرة؟": a question before ordering. */
  private static final Pattern BEFORE_ORDERING =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])لو\\s+(?:\\S+\\s+)?(?:طلبت|اطلب|طلبنا|اشتريت)|\\bif i (?:order|buy)\\b"
              + "|\\blaw (?:talabt|atlob)\\b");

  private static final Pattern PAYING =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:ادفع|الدفع|دفع|كاش|فيزا|كارت|انستاباي|فودافون|تقسيط)(?![\\p{L}\\p{N}])"
              + "|\\b(?:pay|payment|cash|card|visa|instapay|instalments?|edfa3|el daf3)\\b");

  private static final Pattern CANCELLING =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:و)?(?:[اتنه])?لغ[يو]\\S*|كنسل\\S*|\\b(?:cancel|elghy|elghi|alghi|el8y)\\b");

  private static final Pattern BOOKING =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:و)?(?:ال)?(?:حجز|حجزي|ميعاد|ميعادي|موعد|موعدي|معاد|صيانه)(?![\\p{L}\\p{N}])"
              // "انا حاجز بكرة ... ينفع اخليها ٥؟", "ana kont 7agez yom el sabt": a booking of
              // theirs
              + "|(?<![\\p{L}\\p{N}])(?:حاجز|حاجزه|حاجزين|حجزت|حجزنا)(?![\\p{L}\\p{N}])"
              + "|\\b(?:7agez|7agza|7agzeen|hagez|hagza|7agazt|hagazt)\\b"
              + "|\\bbk[-#\\s]*\\d{3,12}\\b|\\b(?:el ?)?(?:7agz|7agzy|ma3ad|me3ad|seyana|siana|siyana|syana|booking"
              + "|appointment|repair|slot)\\b");

  /** True when the text asks to change something about an order (not pay or cancel it). */
  public static boolean asked(String raw) {
    String t = " " + ArabicNormalizer.normalize(raw) + " ";
    if (PAYING.matcher(t).find() || CANCELLING.matcher(t).find()) {
      return false;
    }
    boolean order = ORDER_WORD.matcher(t).find();
    if (BOOKING.matcher(t).find() && !order) {
      return false;
    }
    boolean change = CHANGE.matcher(t).find();
    if (change && (order || ADDRESS.matcher(t).find())) {
      return true; // "a8ayar el address", "عايز اعدل الاوردر"
    }
    if (DELIVERED_ELSEWHERE.matcher(t).find()) {
      return true; // "3ayzo yewsal el sho8l msh el beit"
    }
    if (INSTEAD_OF_COUNT.matcher(t).find() || change && COUNT.matcher(t).find()) {
      return true; // "اخليهم واحد بس بدل اتنين", "make it 1"
    }
    // "ينفع يوصل بكرة قبل الضهر؟": a day or time for the delivery of what was ordered
    return DELIVERY_VERB.matcher(t).find()
        && WHEN.matcher(t).find()
        && (ASKING.matcher(t).find() || change)
        && !BEFORE_ORDERING.matcher(t).find()
        && !ORDERS_NOW.matcher(t).find();
  }

  /**
   * An order placed in the same message ("عايز أطلب Galaxy S24 وياريت يوصل بكرة", "I want to order
   * the A55, can it arrive tomorrow?"): its delivery day is a wish for the new order, not a change.
   */
  private static final Pattern ORDERS_NOW =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:اطلب|هطلب|نطلب|اشتري|هشتري|هاخد|اخد|ابغي اطلب|ابي اطلب)(?![\\p{L}\\p{N}])"
              + "|\\b(?:want to order|like to order|place an order|order (?:a|an|the|one|two)|atlob|hatlob"
              + "|a3mel order|3ayez order|buy (?:a|an|the|one|two))\\b");

  /** The address after "to" in an address change ("a8ayar el 3enwan le 20 shar3 ..."). */
  private static final Pattern NEW_ADDRESS =
      Pattern.compile(
          "(?i)(?:address|adress|3enwan|3onwan|location|عنوان|العنوان|عنواني|لوكيشن)\\S*"
              + "(?:\\s+\\S+){0,6}?\\s+(?:le|l|to|ila|ela|الى|إلى|لـ|ل)\\s*(\\S.{5,})$");

  /**
   * True when the text asks to change the delivery address ("momken a8ayar el address?", "عايز اغير
   * العنوان").
   */
  public static boolean addressChangeAsked(String raw) {
    String t = " " + ArabicNormalizer.normalize(raw) + " ";
    return (CHANGE.matcher(t).find() && ADDRESS.matcher(t).find())
        || DELIVERED_ELSEWHERE.matcher(t).find();
  }

  /**
   * The new address an address change gives ("ana 3ayez a8ayar el 3enwan le 20 shar3 gameat el
   * dowal, mohandseen" → "20 shar3 gameat el dowal, mohandseen"), or null when it gives none.
   */
  public static String newAddress(String raw) {
    if (raw == null || !addressChangeAsked(raw)) {
      return null;
    }
    java.util.regex.Matcher m = NEW_ADDRESS.matcher(raw.strip());
    if (!m.find()) {
      return null;
    }
    String address = m.group(1).strip();
    return address.split("\\s+").length >= 3 ? address : null;
  }

  private static final Pattern DECLINES =
      Pattern.compile(
          "(?:(?<![\\p{L}\\p{N}])(?:مش|مو) (?:عايز|عاوز|عايزه|عاوزه|عايزين|محتاج|محتاجه|حابب|ناوي)"
              + "|(?<![\\p{L}\\p{N}])لا (?:اريد|احتاج|ابغي|اود|ارغب)|(?<![\\p{L}\\p{N}])ما (?:ابي|ابغي|بدي|اريد)"
              + "|(?<![\\p{L}\\p{N}])مابدي|\\b(?:msh|mesh|mish) (?:3ayez|3ayz|3ayza|3awez|3awza|me7tag|me7taga|7abeb)"
              + "|\\b(?:don'?t|do not|dont) (?:want|need)|\\bno need for|\\bnot interested in)"
              + "\\s+(?:\\S+\\s+){0,2}"
              + "(?:(?:ال)?(?:صيانه|تصليح|حجز|ميعاد|موعد)|احجز|نحجز|اصلح|seyana|siana|syana|el seyana"
              + "|7agz|a7gez|ne7gez|ma3ad|me3ad|repair|repairs|booking|appointment|book)"
              + "(?![\\p{L}\\p{N}])"
              + "|سيبك من (?:ال)?(?:صيانه|حجز|ميعاد)|انسي (?:ال)?(?:صيانه|حجز)"
              + "|\\bsebak (?:men|mn) (?:el )?(?:seyana|7agz)\\b|\\bforget (?:about )?the (?:repair|booking)\\b");

  /** True when the text says the customer wants no repair or appointment. */
  public static boolean declinesABooking(String raw) {
    return DECLINES.matcher(" " + ArabicNormalizer.normalize(raw) + " ").find();
  }
}
