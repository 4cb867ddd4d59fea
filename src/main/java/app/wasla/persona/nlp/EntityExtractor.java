package app.wasla.persona.nlp;

import app.wasla.persona.Entities;
import app.wasla.persona.playbook.Product;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what a customer mentions: catalogue products (by their Arabic, English and Arabizi
 * aliases), order and booking references (#12345, ORD-1234, BK-…, "رقم 12345"), money (EGP, جنيه,
 * ج.م, الف), dates and times (بكرة، النهارده، tomorrow، الساعة 5، 5pm, weekdays) and quantities
 * (digits incl. Arabic-Indic, number words). Each finding is cut out before the next is looked for,
 * so "ايفون 15" is a product and not a quantity of 15.
 */
public final class EntityExtractor {

  private record Alias(String text, Product product) {}

  private static final String B = "(?<![\\p{L}\\p{N}])";
  private static final String E = "(?![\\p{L}\\p{N}])";
  private static final Pattern REFERENCE =
      Pattern.compile(
          "#\\s?(\\d{4,})|"
              + B
              + "((?:ord|bk|inv|ref)\\s?-?\\s?\\d{3,})"
              + E
              + "|"
              + B
              + "(?:رقم|رقمه|رقمها|رقمو|rakam|rakamo|number|no)\\s*:?\\s*(\\d{4,})"
              + E
              + "|"
              + B
              + "(?:order|الطلب|طلب|الاوردر|اوردر)\\s+(\\d{4,})"
              + E
              + "|"
              + B
              + "(\\d{5,})"
              + E
              + "(?!\\s*(?:جنيه|ج|egp|le|pounds?|الف|k|mah)(?![\\p{L}\\p{N}]))");
  private static final Pattern AMOUNT =
      Pattern.compile(
          B
              // "LE 500" is an amount; Arabizi "le 3 a55" ("for 3 A55") is a count: "le" before a
              // number of one or two digits is "for"
              + "(?:(?:egp|le(?=\\s*\\d[\\d,]{2}))\\s*(\\d[\\d,]*(?:\\.\\d+)?)|(\\d[\\d,]*(?:\\.\\d+)?)\\s*"
              + "(k|الف|الاف|الفين|الوف|alf|alaf|aalaf)?\\s*(جنيه|جنيها|جنيهات|جنية|ج\\.?\\s?م|egp|le|pounds?|geneh|gneh|genih)?)"
              + E);

  /**
   * A number with its currency word ("٢٥٠٠ جنيه", "2500 EGP", "EGP 2500", "2500 geneh", "3 آلاف
   * جنيه"): an amount, never an order number ("لو الطلب ٢٥٠٠ جنيه؟").
   */
  private static final Pattern CURRENCY_AMOUNT =
      Pattern.compile(
          B
              // "le 3 a55" is "for 3 A55": "le" is the pound's only before three digits or more
              + "(?:(?:egp|le(?=\\s*\\d[\\d,]{2}))\\s*(\\d[\\d,]*(?:\\.\\d+)?)|(\\d[\\d,]*(?:\\.\\d+)?)\\s*"
              + "(k|الف|الاف|الفين|الوف|alf|alaf|aalaf)?\\s*"
              + "(?:جنيه|جنيها|جنيهات|جنية|ج\\.?\\s?م|ج|egp|le|pounds?|geneh|gneh|genih|geneih|gnih|ginih|gneih))"
              + E);

  private static final Pattern TIME =
      Pattern.compile(
          B
              + "(?:(?:الساعه|الساعة|ساعه|el sa3a|sa3a|at|around)\\s*(\\d{1,2}(?::\\d{2})?)"
              + "(?:\\s*(?:الصبح|صباحا|بالليل|مساء|مساءا|العصر|الضهر|الظهر|am|pm|el sob7|bel leil))?"
              + "|(\\d{1,2}(?::\\d{2})?)\\s*(?:am|pm)|الساعه\\s+(?:الواحده|الثانيه|التالته|الثالثه|الرابعه|الخامسه|السادسه|السابعه|"
              + "التامنه|الثامنه|التاسعه|العاشره|الحاديه عشر|الحداشر|الاتناشر|الثانيه عشر)(?:\\s*(?:الصبح|صباحا|بالليل|مساء))?)"
              + E);
  private static final Pattern DAY =
      Pattern.compile(
          B
              + "(?:بعد بكره|بكره|النهارده|امبارح|غدا|اليوم|الليله|tomorrow|today|tonight|"
              + "yesterday|bokra|bukra|el naharda|naharda|(?:يوم\\s+)?(?:ال|لل)?(?:سبت|تلات|ثلاثاء|اربع|اربعاء|خميس|جمعه)|"
              // "احد" and "اثنين" alone are "someone" and "two": a day only as "يوم الاتنين",
              // "الاحد"
              + "(?:يوم\\s+(?:ال|لل)?|ال|لل)(?:حد|احد|اتنين|اثنين)|"
              + "(?:on\\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:yom\\s+)?el\\s+(?:sabt|7ad|etnen|talat|arba3|khamis|gom3a)|"
              + "الاسبوع (?:الجاي|القادم|المقبل)|next week|el esboo3 el gay)"
              + E);
  private static final Pattern NUMBER =
      Pattern.compile(
          B
              + "(\\d{1,3})"
              + E
              + "(?!\\s*(?:ايام|يوم|يومين|days?|سنه|سنين|سنوات|years?|"
              + "اسبوع|اسابيع|weeks?|ساعه|ساعات|ساعتين|hours?|وات|w|جيجا|جيجابايت|giga|gb|g|tb|شهر|شهور|months?|مرات|مره|times|%|دقيقه|دقايق|minutes?|"
              // "على ١٢ شهراً", "12 اشهر", "12 shahr", "12 mos": an instalment's months
              + "شهرا|اشهر|شهري|شهريا|mos?|mnths?|shahr|shhr|shohor|shohoor|sho7or|shoho?r|"
              + "ayam|youm|sana|sa3at|mah|الاف|الف|k|alf|alaf|aalaf)(?![\\p{L}\\p{N}]))");
  private static final Map<String, Integer> NUMBER_WORDS =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry("واحد", 1),
              Map.entry("واحده", 1),
              Map.entry("وحده", 1), // Gulf "وحدة بس"
              Map.entry("one", 1),
              Map.entry("wa7ed", 1),
              Map.entry("wa7da", 1),
              Map.entry("اتنين", 2),
              Map.entry("اثنين", 2),
              Map.entry("اثنان", 2),
              Map.entry("two", 2),
              Map.entry("etnen", 2),
              Map.entry("itnen", 2),
              Map.entry("etneen", 2),
              Map.entry("itneen", 2),
              Map.entry("تلاته", 3),
              Map.entry("تلات", 3),
              Map.entry("ثلاثه", 3),
              Map.entry("ثلاث", 3),
              Map.entry("three", 3),
              Map.entry("talata", 3),
              Map.entry("talta", 3),
              Map.entry("اربعه", 4),
              Map.entry("four", 4),
              Map.entry("arba3a", 4),
              Map.entry("arb3a", 4),
              Map.entry("اربع", 4),
              Map.entry("خمسه", 5),
              Map.entry("five", 5),
              Map.entry("khamsa", 5),
              Map.entry("5amsa", 5),
              Map.entry("خمس", 5),
              Map.entry("سته", 6),
              Map.entry("six", 6),
              Map.entry("sitta", 6),
              Map.entry("setta", 6),
              Map.entry("سبعه", 7),
              Map.entry("seven", 7),
              Map.entry("sab3a", 7),
              Map.entry("تمنيه", 8),
              Map.entry("تمانيه", 8),
              Map.entry("ثمانيه", 8),
              Map.entry("eight", 8),
              Map.entry("tamanya", 8),
              Map.entry("تسعه", 9),
              Map.entry("nine", 9),
              Map.entry("tes3a", 9),
              Map.entry("تسع", 9),
              Map.entry("عشره", 10),
              Map.entry("ten", 10),
              Map.entry("3ashara", 10),
              Map.entry("3ashra", 10),
              Map.entry("عشرين", 20),
              Map.entry("twenty", 20),
              Map.entry("3eshreen", 20),
              Map.entry("تلاتين", 30),
              Map.entry("ثلاثين", 30),
              Map.entry("thirty", 30),
              Map.entry("خمسين", 50),
              Map.entry("fifty", 50),
              Map.entry("ميه", 100),
              Map.entry("hundred", 100)));

  /** The count a number word says ("تلاته", "talata", "three"), or null. */
  public static Integer numberWord(String word) {
    return NUMBER_WORDS.get(word);
  }

  private static final Pattern NUMBER_WORD =
      Pattern.compile(B + "(?:و|ب|ل)?(" + String.join("|", NUMBER_WORDS.keySet()) + ")" + E);
  private static final Pattern CLITIC_BEFORE =
      Pattern.compile("(?:^|[\\s,.?!;:])(?:وال|بال|فال|لل|ال|و|ب|ل|ف)?$");

  private static final Pattern FOR_DEVICE =
      Pattern.compile(
          "(لل|(^|\\s)ل|(^|\\s)(لل|ل|for|for my|for the|lel|le|l|of my)\\s+"
              // "شاحن سريع لهاتف آيفون", "جراب للموبايل السامسونج": the phone it is for
              + "|(^|\\s)(لهاتف|للهاتف|لموبايل|للموبايل|لتليفون|للتليفون|لجهاز|للجهاز|for my phone|for the phone)\\s+)$");

  /**
   * "ال band 8 بتشتغل مع iPhone؟", "does it work with android?": the device something works with is
   * not what is bought.
   */
  private static final Pattern WORKS_WITH =
      Pattern.compile(
          "(?:(بتشتغل|بيشتغل|تشتغل|يشتغل|يعمل|تعمل|متوافق|متوافقه|يتوافق|تتوافق|compatible|work|works|working|"
              + "btshtghal|byshtghal|beyshtaghal|btesht8al|"
              // "ايه الشاحن اللي ينفع مع S24", "anhy charger yenfa3 m3 el S24" ("I will go with"
              // stays an order)
              + "ينفع|تنفع|بينفع|بتنفع|يركب|بيركب|تركب|بتركب|يناسب|تناسب|مناسب|مناسبه|المناسب|المناسبه|"
              + "suitable|suits|yenfa3|tenfa3|byenfa3|btenfa3|benfa3|yerkab|terkab|byerkab|monaseb)"
              + "\\s+(مع|with|m3a|ma3a|ma3|m3|for|ل|لل|le|lel|l)"
              // "which charger fits the iPhone 15?"
              + "|(?:^|\\s)(?:fits|fit|suits|suit))"
              + "(?:\\s+(?:the|my|a|el|ال))?\\s*$");

  /**
   * "I have an S24, which chargers fit?", "عندي S24 ايه الشواحن ...", "3andy S24 anhy charger": the
   * device the customer owns, named before an accessory is asked for it.
   */
  private static final Pattern OWNED =
      Pattern.compile(
          "(?:^|\\s)(?:عندي|عندى|معايا|معي|لدي|لديا|انا عندي|i have|i've got|ive got|i got|i own|"
              + "3andy|3andi|3ndy|3ndi|m3aya|ma3aya)"
              + "(?:\\s+(?:a|an|the|my|el|ال|واحد|wa7ed))?\\s*$");

  /** The accessories a device is named with: a case, a cover, a screen protector, a charger. */
  private static final String ACCESSORY_WORDS =
      "(?:جراب|جرابات|كفر|كفرات|غطاء|سكرينه|اسكرينه|لزقه|واقي شاشه|واقي|شاحن|كابل|"
          + "case|cases|cover|covers|screen protector|screen guard|protector|charger|cable|"
          + "gorab|kaver|kavar|cover|skrena|eskrena|screena|shahen|sha7en)";

  /** The catalogue's categories of accessories: never the device another accessory is for. */
  private static final Set<String> ACCESSORY_KINDS = Set.of("case", "charger", "cable", "power");

  /** Kinds of accessories: named with only a phone, they are what is asked about, not the phone. */
  private static final Pattern ACCESSORY =
      Pattern.compile(
          "(^|\\s)(?:ال)?(شاحن|شواحن|جراب|كابل|سكرينه|اسكرينه|لزقه|charger|chargers|case|cover|cable|protector|"
              + "shahen|sha7en|gorab|غطاء|واقي)");

  /**
   * An accessory named right before a device, with at most "بتاع", "of" and an article between:
   * "الجراب بتاع الايفون", "جراب الايفون", "kaver el ayfon", "case of the iphone": the device is
   * what the accessory is for.
   */
  private static final Pattern ACCESSORY_OF =
      Pattern.compile(
          "(?:^|\\s)(?:ال)?"
              + ACCESSORY_WORDS
              + "\\s+(?:(?:بتاع|بتاعه|بتاعت|حق|bta3|beta3|bta3et|of|of the|of my|for|for the|for my|lel|lil|le)\\s+)?"
              + "(?:ال|لل|el\\s+|the\\s+|my\\s+|l\\s*)?$");

  /**
   * An accessory named right after a device: "iphone case", "iphone 15 screen protector", "ايفون ١٥
   * جراب": the device is what the accessory is for.
   */
  private static final Pattern ACCESSORY_AFTER =
      Pattern.compile("^\\s*(?:\\d{1,3}\\s+)?" + ACCESSORY_WORDS + "(?![\\p{L}\\p{N}])");

  /**
   * A price said with its preposition ("ب 47999", "at 47999", "for 47,999") or written with
   * thousands separators ("47,999"): an amount, never a reference nor a quantity.
   */
  private static final Pattern PRICE =
      Pattern.compile(
          B
              + "(?:(?:ب|بسعر|بحوالي|at|for|b|be)\\s*(\\d{1,3}(?:,\\d{3})+|\\d{4,})|(\\d{1,3}(?:,\\d{3})+))"
              + E);

  /** A number right after a product's name, e.g. the "4" of "فري بودز 4". */
  /** Storage sizes: a bare 128 or 256 beside a phone is its storage, never a quantity. */
  private static final java.util.Set<Integer> STORAGE_SIZES = java.util.Set.of(64, 128, 256, 512);

  private static final Pattern OWN_NUMBER = Pattern.compile("\\s*(\\d{1,3})(?![\\p{L}\\p{N}])");

  /** "مش البرو ماكس", "not the pro max", "msh el pro max": a product the customer does not want. */
  private static final Pattern NOT_BEFORE =
      Pattern.compile(
          "(?:^|\\s)(?:مش|مو|ليس|وليس|مش عايز|not|not the|not an|not a|msh|mesh|mish|msh el|mesh el)\\s*(?:ال)?$");

  /** Words of an address: a number beside them is a house, a floor or a flat, not units. */
  private static final String ADDRESS_WORD =
      "(?:عنوان\\p{L}*|شارع|ش|عماره|برج|شقه|الدور|دور|بلوك|ميدان|address|street|st|road|rd|building|bldg|"
          + "floor|flat|apartment|apt|block|villa|فيلا|منزل|3enwan\\p{L}*|share3|shar3|"
          // Arabizi spellings of a building, a flat and a floor: "3emara 7", "sha2a 12", "el dor 3"
          + "3omara|3emara|3imara|3mara|emara|sha2a|sha2et|shaa|dor|borg)";

  /** "الدور ٣", "شقه رقم 5", "building 12": the number after an address's word. */
  private static final Pattern ADDRESS_BEFORE =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])" + ADDRESS_WORD + "\\s*(?:رقم|no\\.?|number|is|هو)?\\s*$");

  /** "١٥ شارع التحرير", "12 Qazwaq Street": the number before an address's word. */
  private static final Pattern ADDRESS_AFTER =
      Pattern.compile("^\\s*(?:\\p{L}+\\s+){0,2}" + ADDRESS_WORD + "(?![\\p{L}\\p{N}])");

  /**
   * "msh el 15 el 3adi", "not the 13", "مش ال 11": a number after an article is a model the
   * catalogue names ("iPhone 15", "Redmi Note 13"), not a count of units.
   */
  private static final Pattern ARTICLE_BEFORE = Pattern.compile("(?:^|\\s)(?:el|al|the|ال)\\s*$");

  /** Where a product is named in the text. */
  private record Mention(int start, int end, Product product) {}

  /** A quantity said, and where. */
  private record Count(int start, int end, int value) {}

  private final List<Alias> aliases = new ArrayList<>();

  /** The numbers of the catalogue's model names from 3 up ("15" of "iPhone 15", "13", "11"). */
  private final Set<Integer> modelNumbers = new java.util.HashSet<>();

  private final Misspellings misspellings;
  private final ModelNames models;

  public EntityExtractor(List<Product> catalogue) {
    for (Product p : catalogue) {
      Set<String> names = new LinkedHashSet<>();
      names.add(ArabicNormalizer.normalize(p.nameEn()));
      names.add(ArabicNormalizer.normalize(p.nameAr()));
      p.aliases().forEach(a -> names.add(ArabicNormalizer.normalize(a)));
      names.stream().filter(n -> !n.isBlank()).forEach(n -> aliases.add(new Alias(n, p)));
      for (String word : p.nameEn().split("\\s+")) {
        if (word.matches("\\d{1,3}") && Integer.parseInt(word) >= 3) {
          modelNumbers.add(Integer.parseInt(word));
        }
      }
    }
    aliases.sort(Comparator.comparingInt((Alias a) -> a.text().length()).reversed());
    misspellings = new Misspellings(aliases.stream().map(Alias::text).toList());
    models = new ModelNames(catalogue);
  }

  /** The entities of a text, and the catalogue products behind the product names. */
  public Found extract(TextView text) {
    StringBuilder s = new StringBuilder(" " + misspellings.correct(text.normalized()) + " ");
    BigDecimal amount = null;
    // "أقل من عشرة آلاف جنيه", "less than 15000": what the customer can spend, never an order's
    // value nor an order number
    Budget.Range budget = Budget.in(s.toString()).orElse(null);
    if (budget != null) {
      amount = budget.amount();
      blank(s, budget.start(), budget.end());
    }
    Matcher pm = PRICE.matcher(s);
    if (amount == null && pm.find()) {
      String number = pm.group(1) != null ? pm.group(1) : pm.group(2);
      amount = new BigDecimal(number.replace(",", ""));
      blank(s, pm.start(), pm.end());
    }
    Matcher cm = CURRENCY_AMOUNT.matcher(s);
    if (amount == null && cm.find()) {
      String number = cm.group(1) != null ? cm.group(1) : cm.group(2);
      BigDecimal v = new BigDecimal(number.replace(",", ""));
      amount = cm.group(3) != null ? v.multiply(BigDecimal.valueOf(1000)) : v;
      blank(s, cm.start(), cm.end());
    }
    List<ModelNames.Unsold> unsold = models.unsold(s);
    unsold.forEach(u -> blank(s, u.start(), u.end()));
    String reference = null;
    Matcher m = REFERENCE.matcher(s);
    if (m.find()) {
      for (int g = 1; g <= m.groupCount(); g++) {
        if (m.group(g) != null) {
          reference = m.group(g).replaceAll("\\s", "").toUpperCase();
          if (g == 1) {
            reference = "#" + reference;
          }
          break;
        }
      }
      blank(s, m.start(), m.end());
    }
    List<Product> products = new ArrayList<>();
    List<Product> devices = new ArrayList<>();
    List<Product> refused = new ArrayList<>();
    List<Mention> mentions = new ArrayList<>();
    String named = s.toString(); // before the names are blanked: an accessory's word stays readable
    for (Alias a : aliases) {
      int from = 0;
      int idx;
      while ((idx = s.indexOf(a.text(), from)) >= 0) {
        int end = idx + a.text().length();
        boolean leftOk = CLITIC_BEFORE.matcher(s.substring(Math.max(0, idx - 4), idx)).find();
        boolean rightOk =
            end >= s.length()
                || !Character.isLetterOrDigit(s.charAt(end))
                || pluralOfAModel(s, a.text(), end); // "two galaxy a55s"
        if (leftOk && rightOk) {
          if (!products.contains(a.product())) {
            products.add(a.product());
            String before = s.substring(Math.max(0, idx - 14), idx);
            if (FOR_DEVICE.matcher(before).find()
                || WORKS_WITH.matcher(s.substring(Math.max(0, idx - 30), idx)).find()
                || ACCESSORY_KINDS.stream().noneMatch(k -> k.equals(a.product().category()))
                    && OWNED.matcher(s.substring(Math.max(0, idx - 16), idx)).find()
                    && ACCESSORY.matcher(named.substring(end)).find()
                || !ACCESSORY_KINDS.contains(a.product().category())
                    && (ACCESSORY_OF.matcher(named.substring(Math.max(0, idx - 30), idx)).find()
                        || ACCESSORY_AFTER.matcher(named.substring(end)).find())) {
              devices.add(a.product()); // "a case for my iPhone 15": the phone is not bought
            }
            if (NOT_BEFORE.matcher(s.substring(Math.max(0, idx - 12), idx)).find()) {
              refused.add(a.product()); // "the regular 15, not the Pro Max"
            }
          }
          mentions.add(new Mention(idx, end, a.product()));
          blank(s, idx, end);
          // "فري بودز ٤ واحدة": the number of the product's own name ("FreePods 4") is the
          // name's, not a quantity
          Matcher own = OWN_NUMBER.matcher(s.substring(end));
          if (own.lookingAt()
              && a.product().nameEn().matches(".*\\s" + Pattern.quote(own.group(1)) + "(\\s.*)?")
              && !a.text().matches(".*\\d.*")) {
            blank(s, end, end + own.end());
          }
        }
        from = end;
      }
    }
    List<int[]> dateSpans = new ArrayList<>();
    TreeMap<Integer, String> dateParts = new TreeMap<>();
    for (Pattern p : List.of(TIME, DAY)) {
      Matcher dm = p.matcher(s);
      while (dm.find()) {
        dateParts.put(dm.start(), dm.group().strip());
        dateSpans.add(new int[] {dm.start(), dm.end()});
      }
      dateSpans.forEach(span -> blank(s, span[0], span[1]));
    }
    String dateTime = dateParts.isEmpty() ? null : String.join(" ", dateParts.values());
    Matcher am = AMOUNT.matcher(s);
    while (amount == null && am.find()) {
      String number = am.group(1) != null ? am.group(1) : am.group(2);
      boolean currency = am.group(1) != null || am.group(4) != null;
      boolean thousands = am.group(3) != null;
      if (number != null && (currency || thousands)) {
        BigDecimal v = new BigDecimal(number.replace(",", ""));
        amount = thousands ? v.multiply(BigDecimal.valueOf(1000)) : v;
        blank(s, am.start(), am.end());
        break;
      }
    }
    List<Count> digits = new ArrayList<>();
    Matcher nm = NUMBER.matcher(s);
    while (nm.find()) {
      int q = Integer.parseInt(nm.group(1));
      if (STORAGE_SIZES.contains(q)) {
        continue; // "البرو ماكس ٢٥٦", "pro max 256 price?": a storage size said without its unit
      }
      if (ADDRESS_BEFORE.matcher(s.substring(Math.max(0, nm.start() - 24), nm.start())).find()
          || ADDRESS_AFTER.matcher(s.substring(nm.end())).find()) {
        continue; // "عنواني ١٥ شارع التحرير الدور ٣": a house and a floor, not units
      }
      if (modelNumbers.contains(q)
          && ARTICLE_BEFORE.matcher(s.substring(Math.max(0, nm.start() - 8), nm.start())).find()) {
        continue; // "a2sod el pro max msh el 15 el 3adi": the plain iPhone 15, not 15 of them
      }
      digits.add(new Count(nm.start(), nm.end(), q));
    }
    List<Count> words = new ArrayList<>();
    Matcher wm = NUMBER_WORD.matcher(s);
    while (wm.find()) {
      words.add(new Count(wm.start(1), wm.end(), NUMBER_WORDS.get(wm.group(1))));
    }
    Integer quantity =
        !digits.isEmpty()
            ? (digits.get(0).value() > 0 ? digits.get(0).value() : null)
            : !words.isEmpty() ? words.get(0).value() : null;
    // what is left is what the customer wants; "لا انا بسأل على لابتوب مش ايفون": a product
    // refused is not asked about, even when nothing else of the catalogue is named
    products.removeAll(refused);
    List<Product> bought = products.stream().filter(p -> !devices.contains(p)).toList();
    List<Product> wanted =
        !bought.isEmpty()
            ? bought
            // "شاحن سريع لهاتف آيفون": an accessory for the phone, not the phone
            : !devices.isEmpty() && ACCESSORY.matcher(text.normalized()).find()
                ? List.of()
                : List.copyOf(products);
    // what would be bought first, then the device it is for ("a case for my iPhone 15")
    List<String> names =
        wanted.isEmpty()
            ? List.of()
            : java.util.stream.Stream.concat(
                    wanted.stream(), products.stream().filter(p -> !wanted.contains(p)))
                .map(Product::nameEn)
                .toList();
    List<Count> counts = new ArrayList<>(digits);
    counts.addAll(words);
    counts.sort(Comparator.comparingInt(Count::start));
    Map<Product, Integer> quantities = quantities(counts, mentions, wanted);
    if (quantities.isEmpty() && wanted.size() == 1 && quantity != null) {
      quantities = Map.of(wanted.get(0), quantity);
    }
    return new Found(
        new Entities(names, quantity, dateTime, reference, amount),
        wanted,
        unsold,
        quantities,
        budget);
  }

  /**
   * Each product's quantity: a number applies to the product it precedes ("٢ JBL فليب ٦ و٣ ساعات
   * ابل SE": 2 speakers and 3 watches), or, said after all of them, to the product before it
   * ("ايفون ١٥ عدد ٢"); the first number a product gets is its own.
   */
  private static Map<Product, Integer> quantities(
      List<Count> counts, List<Mention> mentions, List<Product> wanted) {
    List<Mention> named =
        mentions.stream()
            .filter(m -> wanted.contains(m.product()))
            .sorted(Comparator.comparingInt(Mention::start))
            .toList();
    Map<Product, Integer> quantities = new java.util.LinkedHashMap<>();
    for (int i = 0; i < counts.size(); i++) {
      Count c = counts.get(i);
      if (c.value() <= 0) {
        continue;
      }
      int next = i + 1 < counts.size() ? counts.get(i + 1).start() : Integer.MAX_VALUE;
      Mention target =
          named.stream()
              .filter(m -> m.start() >= c.end() && m.start() < next)
              .findFirst()
              .orElse(null);
      if (target == null
          && named.stream().noneMatch(m -> m.start() >= c.end())
          && !named.isEmpty()) {
        target = named.get(named.size() - 1); // "ايفون ١٥ عدد ٢", "a55 x 3"
      }
      if (target != null) {
        quantities.putIfAbsent(target.product(), c.value());
      }
    }
    return quantities;
  }

  /**
   * The entities, the catalogue products they name that would be bought (not "for my iPhone"), and
   * the models named that the catalogue does not have ("iPhone 16").
   */
  public record Found(
      Entities entities,
      List<Product> products,
      List<ModelNames.Unsold> unsold,
      Map<Product, Integer> quantities,
      Budget.Range budget) {

    public Found {
      unsold = List.copyOf(unsold);
      quantities = Map.copyOf(quantities);
    }

    public Found(
        Entities entities,
        List<Product> products,
        List<ModelNames.Unsold> unsold,
        Map<Product, Integer> quantities) {
      this(entities, products, unsold, quantities, null);
    }

    /** Entities and products with one quantity, the entities', for every product. */
    public Found(Entities entities, List<Product> products, List<ModelNames.Unsold> unsold) {
      this(entities, products, unsold, eachOf(products, entities.quantity()));
    }

    private static Map<Product, Integer> eachOf(List<Product> products, Integer quantity) {
      Map<Product, Integer> each = new java.util.HashMap<>();
      if (quantity != null && quantity > 0) {
        products.forEach(p -> each.put(p, quantity));
      }
      return each;
    }

    /** How many units of the product: the number said beside it, else one. */
    public int quantityOf(Product product) {
      return quantities.getOrDefault(product, 1);
    }

    /**
     * The value of an order: the amount named (not a budget: "any phone under 20,000?"), else the
     * sum of each product's price times its quantity; null if unknown.
     */
    public BigDecimal orderValue() {
      if (entities.amount() != null && budget == null) {
        return entities.amount();
      }
      if (products.isEmpty()) {
        return null;
      }
      return products.stream()
          .filter(p -> p.priceEgp() != null)
          .map(p -> p.priceEgp().multiply(BigDecimal.valueOf(quantityOf(p))))
          .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
  }

  /** A model code written in the plural: "a55s", "reno 11s". */
  private static boolean pluralOfAModel(StringBuilder s, String alias, int end) {
    return Character.isDigit(alias.charAt(alias.length() - 1))
        && s.charAt(end) == 's'
        && (end + 1 >= s.length() || !Character.isLetterOrDigit(s.charAt(end + 1)));
  }

  private static void blank(StringBuilder s, int from, int to) {
    for (int i = from; i < to; i++) {
      s.setCharAt(i, ' ');
    }
  }
}
