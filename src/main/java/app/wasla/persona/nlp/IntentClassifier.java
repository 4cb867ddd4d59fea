package app.wasla.persona.nlp;

import app.wasla.persona.Intents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The intent of a text: weighted keyword patterns per intent (persona/lexicon/intents.tsv, in
 * Egyptian, MSA, Arabizi and English) blended with the naive Bayes model. Confidence is the blended
 * share of the winner.
 */
public final class IntentClassifier {

  /** The intent, its confidence 0..1, and all blended scores. */
  public record Classification(String intent, double confidence, Map<String, Double> scores) {}

  private record Rule(String intent, double weight, String pattern) {}

  /**
   * Words that name a booking the customer already has ("ميعادي", "الحجز اللي عندي", "my booking is
   * on thursday", "3andy me3ad"): a message about it moves or cancels it, it books nothing new.
   */
  private static final List<String> EXISTING_BOOKING =
      List.of(
          "ميعادي$",
          "موعدي$",
          "معادي$",
          "حجزي$",
          "ميعادنا$",
          "الحجز اللي عندي",
          "الميعاد اللي عندي",
          "الحجز بتاعي",
          "الميعاد بتاعي",
          "المعاد بتاعي",
          "الحجز بتاع",
          "الميعاد بتاع",
          "عندي ميعاد",
          "عندي موعد",
          "عندي حجز",
          "عندي معاد",
          "حجزت",
          "حجزنا",
          "الحجز المسجل",
          "حجز الغد",
          "حجز بكره",
          "حجزا يوم",
          "حجزت موعدا",
          "لدي موعد",
          "لدي حجز",
          "موعدي المحدد",
          "my booking",
          "my appointment",
          "my slot",
          "my reservation",
          "i booked",
          "i have an appointment",
          "i have a booking",
          "i have a slot",
          "i have an 1",
          "i have a 1",
          "booking is on",
          "appointment is on",
          "tomorrow's booking",
          "tomorrow's appointment",
          "tomorrow's slot",
          "me3ady$",
          "ma3ady$",
          "7agzy$",
          "hagzy$",
          "el 7agz bta3y",
          "el me3ad bta3y",
          "el ma3ad bta3y",
          "el 7agz elly 3andy",
          "el me3ad elly 3andy",
          "3andy me3ad",
          "3andy 7agz",
          "3andy ma3ad",
          "7agazt",
          "hagazt",
          "el 7agz bta3",
          // "انا حاجز تغيير شاشة يوم ١٢", "booked for thursday", "ana 7agez ma3ad el 5amees"
          "انا حاجز",
          "كنت حاجز",
          "حاجز$",
          "حاجزه$",
          "الحجز اللي علي اسم",
          "الحجز رقم",
          "الموعد المحجوز",
          "موعدي$",
          "ana 7agez",
          "ana 7agza",
          "kont 7agez",
          "7agez$",
          "7agza$",
          "booked for",
          "im booked",
          "i m booked",
          "my repair appointment",
          "my repair slot",
          "tomorrows slot",
          "tomorrows appointment",
          "appointment bta3y",
          "ma3ad el siyana",
          "me3ad el siyana",
          // the booked time found too early or too late: "الميعاد اللي الساعه ١١ ده بدري اوي عليا",
          // "el ma3ad el sa3a 11 badry awy"
          "بدري اوي",
          "بدري عليا",
          "بدري قوي",
          "متاخر اوي",
          "متاخر عليا",
          "badry awy",
          "badry 3alaya",
          "badry 3alya",
          "bdry awy",
          "met2a5ar awy",
          "mt2a5ar awy",
          "too early",
          "too late for me");

  /**
   * Words of a booking called off: an existing booking with one of these is cancelled, else it is
   * moved.
   */
  private static final List<String> CALLED_OFF =
      List.of(
          "ملغي",
          "ملغى",
          "مش محتاج",
          "مش محتاجين",
          "لم تعد",
          "لم اعد",
          "شطب",
          "شيلي اسمي",
          "شيل اسمي",
          "مش هاجي",
          "مش هقدر اجي",
          "لن احضر",
          "malghy",
          "msh me7tag",
          "msh me7tageen",
          "shely esmy",
          "msh hagy",
          "no need",
          "cancelled",
          "canceled",
          "take my name off",
          "won't come",
          "wont come",
          "not coming",
          "no longer",
          "don't need",
          "dont need",
          "لم يعد",
          "مش عايز الميعاد",
          "مش عايز الحجز",
          "msh 3ayez el me3ad",
          "msh 3ayez el 7agz",
          // "انا مسافر ومش هعرف اجي، كانسل الحجز", "phone started working again so i wont need the
          // slot"
          "مش جاي",
          "مش هعرف اجي",
          "كانسل",
          "لغيه",
          "الغيه",
          "لا داعي",
          "لا حاجه للموعد",
          "لا حاجه الي الموعد",
          "لا اريد الموعد",
          "نهائيا",
          "mesh hanet7tag",
          "msh hanet7tag",
          "mesh ha7tag",
          "mesh 3ayz ma3ad tany",
          "msh 3ayez ma3ad tany",
          "wont need",
          "won t need",
          "remove my slot",
          "remove my appointment",
          "drop my",
          "dont want another",
          "don t want another",
          "not bringing");

  private static final List<String> ORDER_WORDS =
      List.of(
          "طلبي$",
          "الطلب$",
          "طلب$",
          "الاوردر",
          "اوردر",
          "order",
          "orders$",
          "talaby$",
          "el talab$");

  /** Words that name an appointment or a booking itself. */
  private static final List<String> APPOINTMENT =
      List.of(
          "ميعاد",
          "موعد",
          "معاد",
          "حجز",
          "appointment",
          "booking",
          "slot",
          "reservation",
          "me3ad",
          "ma3ad",
          "m3ad",
          "hagz",
          "7agz");

  private static final List<String> REPAIR_OBJECTS =
      List.of(
          "شاشه",
          "بطاريه",
          "screen",
          "battery",
          "shasha",
          "shashet",
          "batarya",
          // the other parts a repair changes: "a8ayar el charging port", "اغير مدخل الشحن"
          "charging port",
          "port$",
          "مدخل الشحن",
          "منفذ الشحن",
          "سوكت",
          "socket",
          "كاميرا",
          "camera",
          "back glass",
          "mada5al el sha7n");

  /**
   * A verb of changing with a part of the phone for its object ("a8ayar el charging port", "اغير
   * البطارية", "te8yeer shasha"): the part is changed at a repair, no appointment is moved.
   */
  private static final java.util.regex.Pattern PART_CHANGED =
      java.util.regex.Pattern.compile(
          "(?:^|\\s)(?:[انتي]غير|تغيير|لتغيير|[انتي]بدل|تبديل|استبدال|(?:a|n|t|te|ne)?gh?a?yy?a?r|t[ae]?gh?ye?r"
              + "|change|replace|swap)\\s+(?:(?:el|the|my)\\s+|ال)?"
              + "(?:شاش|بطاري|مدخل|منفذ|سوكت|كاميرا|screen|battery|batar|shash|charging|port|socket|camera|kamera|back glass|mada5al)");

  /** The appointment itself changed: "اغير الميعاد", "a8ayar el ma3ad", "change my appointment". */
  private static final java.util.regex.Pattern APPOINTMENT_CHANGED =
      java.util.regex.Pattern.compile(
          "(?:^|\\s)(?:[انتي]غير|تغيير|[انتي]بدل|تبديل|(?:a|n|t|te|ne)?gh?a?yy?a?r|t[ae]?gh?ye?r|change|move)"
              + "\\s+(?:(?:el|the|my)\\s+|ال)?(?:ميعاد|موعد|معاد|حجز|me3ad|hagz|appointment|booking|slot)");

  /**
   * Verbs that move a time ("ne2gel", "انقل", "postpone"): their object is an appointment, never a
   * part of the phone.
   */
  private static final List<String> MOVES =
      List.of(
          "ااجل",
          "نأجل",
          "ناجل",
          "تاجيل",
          "انقل",
          "ننقل",
          "a2agel",
          "n2agel",
          "ne2gel",
          "a2gel",
          "te2gel",
          "an2ol",
          "n2ol",
          "ne2ol",
          "an2el",
          "جدوله",
          "اجدول",
          "نجدول",
          "reschedule",
          "postpone",
          "move my");

  /**
   * The booking made another day or hour ("خليها الاتنين", "ينفع اخليها ٥ العصر؟", "n5aleeh el
   * arba3"): a move, even beside "I can't come".
   */
  private static final java.util.regex.Pattern MOVED_TO =
      java.util.regex.Pattern.compile(
          "(?:^|\\s)(?:[انتي]?خلي(?:ها|ه|هولي|هالي)|(?:a|n|ne)?5alee?(?:ha|h)|(?:a|n|ne)?khalee?(?:ha|h))"
              + "\\s+(?:(?:يوم|ل|yom|el|l)\\s+)?(?:ال)?"
              + "(?:سبت|احد|حد|اتنين|اثنين|تلات|ثلاثاء|اربع|خميس|جمعه|بكره|بكرا|ساعه|\\d|الصبح|الضهر|العصر|بعد"
              + "|sabt|7ad|had|etnen|itnen|talat|arba3|5ames|5amees|khamees|gom3a|bokra|sa3a|dohr|3asr|ba3d)");

  private final List<Rule> rules = new ArrayList<>();
  private final IntentModel model;
  private final HandoffModel handoffModel;
  private final double lexiconWeight;

  public IntentClassifier(IntentModel model, double lexiconWeight) {
    this(model, new HandoffModel(List.of()), lexiconWeight);
  }

  public IntentClassifier(IntentModel model, HandoffModel handoffModel, double lexiconWeight) {
    this.model = model;
    this.handoffModel = handoffModel;
    this.lexiconWeight = lexiconWeight;
    for (String[] row : Lexicons.rows("persona/lexicon/intents.tsv")) {
      rules.add(new Rule(row[0], Double.parseDouble(row[1]), Lexicons.pattern(row[2])));
    }
  }

  public static IntentClassifier createDefault() {
    return trainedOn(IntentModel.load(IntentModel.DEFAULT_RESOURCE));
  }

  /**
   * The default classifier with its model trained on {@code examples} instead of the shipped
   * utterances alone.
   */
  public static IntentClassifier trainedOn(List<IntentModel.Example> examples) {
    return new IntentClassifier(
        IntentModel.trainedOn(Intents.ALL, examples), new HandoffModel(examples), 2.0);
  }

  /** How likely (0..1) a person should take this message over, by the learned handoff model. */
  public double handoffDue(TextView text) {
    return handoffModel.due(text);
  }

  /** The raw lexicon score per intent. */
  public Map<String, Double> lexiconScores(TextView text) {
    Map<String, Double> r = new HashMap<>();
    for (Rule rule : rules) {
      if (text.matches(rule.pattern())) {
        r.merge(rule.intent(), rule.weight(), Double::sum);
      }
    }
    // "change / cancel" only mean a booking change when they are about the booking, not "change my
    // screen"
    double booking = r.getOrDefault(Intents.BOOKING_NEW, 0.0);
    boolean repairObject = REPAIR_OBJECTS.stream().anyMatch(text::matches);
    String both = " " + text.normalized() + " " + String.join(" ", text.stems()) + " ";
    boolean partChanged =
        PART_CHANGED.matcher(both).find() && !APPOINTMENT_CHANGED.matcher(both).find();
    // "yenfa3 ne2gel ma3ad el battery?", "إعادة جدولة موعد تغيير البطارية": a time moved is an
    // appointment's, whatever part it is for
    boolean moved = MOVES.stream().anyMatch(text::matches);
    if (booking > 0 && r.containsKey(Intents.BOOKING_CHANGE) && (!repairObject || moved)) {
      r.merge(Intents.BOOKING_CHANGE, booking, Double::sum);
      r.remove(Intents.BOOKING_NEW); // "move my appointment" names an appointment but books none
    }
    if (repairObject
        && !moved
        && r.containsKey(Intents.BOOKING_CHANGE)
        && (APPOINTMENT.stream().noneMatch(text::matches)
            // "3awz appointment a8ayar el charging port": an appointment to change the part
            || partChanged && EXISTING_BOOKING.stream().noneMatch(text::matches))) {
      // "عايز اجي اغير بطارية الموبايل": the part is changed, not an appointment
      r.merge(Intents.BOOKING_NEW, r.remove(Intents.BOOKING_CHANGE), Double::sum);
    }
    if (r.containsKey(Intents.BOOKING_CANCEL)) {
      r.merge(Intents.BOOKING_CANCEL, booking, Double::sum);
      r.remove(Intents.BOOKING_NEW);
    }
    if (r.containsKey(Intents.BOOKING_CANCEL)
        && !r.containsKey(Intents.BOOKING_NEW)
        && booking == 0
        && ORDER_WORDS.stream().anyMatch(text::matches)) {
      r.remove(Intents.BOOKING_CANCEL); // "my order got cancelled" names an order, no booking
    }
    if (MOVED_TO.matcher(both).find()
        && (EXISTING_BOOKING.stream().anyMatch(text::matches)
            || APPOINTMENT.stream().anyMatch(text::matches))) {
      // "اني حاجز السبت ومش هقدر اجي، خليها الاتنين": the booking made another day, not called off
      double to = 3.0 + r.getOrDefault(Intents.BOOKING_NEW, 0.0);
      Double cancel = r.remove(Intents.BOOKING_CANCEL);
      r.remove(Intents.BOOKING_NEW);
      r.merge(Intents.BOOKING_CHANGE, to + (cancel == null ? 0.0 : cancel), Double::sum);
      return r;
    }
    boolean calledOff = CALLED_OFF.stream().anyMatch(text::matches);
    if (r.containsKey(Intents.BOOKING_NEW)
        && (calledOff || EXISTING_BOOKING.stream().anyMatch(text::matches))) {
      String to = calledOff ? Intents.BOOKING_CANCEL : Intents.BOOKING_CHANGE;
      r.merge(
          to,
          r.remove(Intents.BOOKING_NEW) + 1.0,
          Double::sum); // the booking named is one already made
    }
    return r;
  }

  /**
   * The text without the words that this intent's patterns match ("السلام عليكم الايفون بكام"
   * without its greeting is "الايفون بكام"), so that what else the customer wrote can be read on
   * its own.
   */
  public TextView without(TextView text, String intent) {
    return text.without(
        rules.stream().filter(r -> r.intent().equals(intent)).map(Rule::pattern).toList());
  }

  /** Thanks and nods, without a sad, angry or mocking one beside them (🙏😡 is not thanks). */
  private static final java.util.regex.Pattern THANKS_OR_NOD =
      java.util.regex.Pattern.compile("[🙏👍👌❤♥😍🥰😘🌹💐🤝✅💯🫶😊☺🙂💙💚💜🧡💛🤍]");

  private static final java.util.regex.Pattern NOT_THANKS =
      java.util.regex.Pattern.compile("[😡🤬😠🙄😒👎💔😢😭😤🤔😂🤣😑😐]");

  static boolean thanksOrNod(String raw) {
    return THANKS_OR_NOD.matcher(raw).find() && !NOT_THANKS.matcher(raw).find();
  }

  public Classification classify(TextView text) {
    List<String> intents = model.intents();
    double[] nb = model.posteriors(text);
    Map<String, Double> lex = lexiconScores(text);
    double lexTotal = lex.values().stream().mapToDouble(Double::doubleValue).sum();
    Map<String, Double> scores = new HashMap<>();
    double sum = 0;
    String best = Intents.OTHER;
    double bestScore = -1;
    for (int c = 0; c < intents.size(); c++) {
      String intent = intents.get(c);
      double l = lexTotal == 0 ? 0 : lex.getOrDefault(intent, 0.0) / (lexTotal + 1.0);
      double s = nb[c] + lexiconWeight * l;
      scores.put(intent, s);
      sum += s;
      if (s > bestScore) {
        bestScore = s;
        best = intent;
      }
    }
    if (text.tokens().isEmpty()) {
      // 🙏, 👍 or ❤️ alone is WhatsApp's everyday thanks or nod
      return thanksOrNod(text.raw())
          ? new Classification(Intents.THANKS_GOODBYE, 0.9, scores)
          : new Classification(Intents.OTHER, 0.2, scores);
    }
    // the model's "book a repair" of a booking the customer already has or calls off ("انا حاجز
    // تغيير شاشة يوم ١٢، ينفع يبقى يوم ١٥؟", "drop my repair appointment"): it moves or cancels it
    if ((Intents.BOOKING_NEW.equals(best) || Intents.BOOKING_CHANGE.equals(best))
        && !lex.containsKey(Intents.BOOKING_NEW)) {
      boolean calledOff = CALLED_OFF.stream().anyMatch(text::matches);
      boolean existing = EXISTING_BOOKING.stream().anyMatch(text::matches);
      // a move asked ("can't come, is Saturday possible?") keeps the model's move
      boolean moveAsked =
          Intents.BOOKING_CHANGE.equals(best)
              && (lex.containsKey(Intents.BOOKING_CHANGE)
                  || text.raw().contains("?")
                  || text.raw().contains("؟"));
      String to =
          calledOff && !moveAsked && (existing || APPOINTMENT.stream().anyMatch(text::matches))
              ? Intents.BOOKING_CANCEL
              : existing && Intents.BOOKING_NEW.equals(best) ? Intents.BOOKING_CHANGE : null;
      if (to != null && !to.equals(best)) {
        double moved = scores.get(best);
        scores.put(best, scores.get(to));
        scores.put(to, moved);
        best = to;
      }
    }
    double confidence = sum == 0 ? 0 : bestScore / sum;
    return new Classification(best, Math.round(confidence * 1000) / 1000.0, scores);
  }
}
