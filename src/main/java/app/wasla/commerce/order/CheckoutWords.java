package app.wasla.commerce.order;

import app.wasla.persona.nlp.ArabicNormalizer;
import app.wasla.persona.nlp.Arabizi;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a customer says while an offer or a checkout waits, in Egyptian Arabic, MSA, Arabizi
 * and English: taking the offer ("تمام هاخده", "ok i'll take it", "2 please"), a quantity, delivery
 * or pickup, confirming, and how to pay ("عايز ادفع عند الاستلام"). Plain logic: texts and phrases
 * are folded the same way (letter variants, digits, Arabizi spellings) and matched as whole words.
 */
public final class CheckoutWords {

  private static final List<String> TAKE =
      phrases(
          // Egyptian
          "هاخده",
          "هاخدها",
          "هاخدهم",
          "ه اخده",
          "اخده",
          "اخدها",
          "هشتريه",
          "هشتريها",
          "اطلبه",
          "اطلبها",
          "اطلبهولي",
          "عايز اطلبه",
          "عاوز اطلبه",
          "عايز اشتريه",
          "عايزه",
          "عايزاه",
          "احجزهولي",
          "احجزه",
          "اطلب",
          "هطلب",
          "عايز اطلب",
          "اوردر",
          "ابعتهولي",
          "خلاص هاخد",
          "موافق",
          // MSA
          "ساخذه",
          "ساخذها",
          "اريد شراءه",
          "اريد شراءها",
          "اريد طلبه",
          "اريد طلبها",
          "ارغب في شرائه",
          "اود طلبه",
          "اود شراءه",
          "اطلبه لي",
          "احجزه لي",
          "اشتريه",
          // Arabizi
          "ha5do",
          "ha5odo",
          "ha5dha",
          "a5do",
          "hashtereh",
          "hashtereeh",
          "atlobo",
          "3ayez atlobo",
          "3ayez ashtereh",
          "e7gezo",
          "ehgezo",
          "ahgezo",
          "hatlob",
          "3ayez atlob",
          "ab3atholy",
          // English
          "i ll take it",
          "ill take it",
          "i will take it",
          "take it",
          "i ll take",
          "i ll have it",
          "i want it",
          "i ll buy",
          "buy it",
          "order it",
          "i want to order",
          "i d like to order",
          "place the order",
          "place an order",
          "order now",
          "reserve it",
          "i want to buy",
          "i ll get it",
          "i want one",
          "i want two",
          // going on with the order: "tamam kamel el order", "كمل الطلب", "go ahead with the order"
          "كمل الطلب",
          "كمل الاوردر",
          "كملي الطلب",
          "نكمل الطلب",
          "اكمل الطلب",
          "kamel el order",
          "kammel el order",
          "kamel el talab",
          "nkamel el order",
          "go ahead with the order",
          "continue with the order",
          "proceed with the order");

  private static final List<String> PLEASE =
      phrases(
          "please",
          "pls",
          "plz",
          "من فضلك",
          "لو سمحت",
          "لو سمحتي",
          "law sama7t",
          "men fadlak",
          "قطعه",
          "قطع",
          "حته",
          "حتت",
          "pieces",
          "pcs",
          "units",
          "wa7da",
          "حبه",
          "حبات",
          "حبايات",
          "قطعه واحده",
          "7abba",
          "7etta");

  private static final List<String> COD =
      phrases(
          "عند الاستلام",
          "عند الاستلم",
          "كاش",
          "نقدا",
          "نقدي",
          "نقدًا",
          "الدفع عند",
          "ادفع لما",
          "لما يوصل",
          "لما يوصلني",
          "cash",
          "cod",
          "on delivery",
          "3and el estelam",
          "3nd el estelam",
          "kash",
          "lama yewsal",
          "pay on delivery",
          "pay when",
          "when it arrives",
          "عند التسليم",
          "عند الاستلام");

  private static final List<String> ONLINE =
      phrases(
          "اونلاين",
          "أونلاين",
          "فيزا",
          "كارت",
          "بطاقه",
          "ماستر",
          "لينك",
          "رابط",
          "online",
          "visa",
          "card",
          "mastercard",
          "link",
          "meeza",
          "ميزه",
          "credit",
          "debit");

  /**
   * A wallet or an instant transfer ("هحول فودافون كاش", "instapay"): paying before delivery, never
   * cash on delivery, though "كاش" is in the name.
   */
  private static final List<String> WALLET =
      phrases(
          "فودافون كاش",
          "فودافون",
          "vodafone cash",
          "vodafone",
          "voda cash",
          "fawdafon cash",
          "اتصالات كاش",
          "etisalat cash",
          "اورانج كاش",
          "اورنج كاش",
          "orange cash",
          "انستاباي",
          "انستا باي",
          "انستاپاي",
          "instapay",
          "insta pay",
          "instapy",
          "محفظه",
          "المحفظه",
          "wallet",
          "e wallet",
          "ewallet",
          "ma7faza",
          "تحويل بنكي",
          "bank transfer",
          "هحول",
          "حولت",
          "هحوله",
          "احول",
          "سأحول",
          "ساحول",
          "ha7awel",
          "7awelt",
          "transfer");

  private static final List<String> INSTALMENTS =
      phrases(
          "تقسيط",
          "قسط",
          "اقساط",
          "بالتقسيط",
          "installment",
          "installments",
          "instalment",
          "instalments",
          "ta2seet",
          "ta2set",
          "a2sat",
          "valu",
          "فاليو",
          "monthly",
          "اقسط",
          "هقسط",
          "اقسطه",
          "اقسطها",
          "بالقسط",
          "a2aset",
          "ha2aset");

  /**
   * Words around a quantity that make it one ("make it just 1", "خليهم ٣", "3ayz etneen", "تمام
   * هاخد ٥").
   */
  private static final List<String> QUANTITY_CUES =
      phrases(
          "make it",
          "make that",
          "change it to",
          "change to",
          "instead",
          "only",
          "just",
          "i want",
          "i need",
          "i ll take",
          "give me",
          "get me",
          "خليه",
          "خليها",
          "خليهم",
          "خليهوم",
          "اجعله",
          "اجعلها",
          "اجعلهم",
          "بدل",
          "بس",
          "فقط",
          "عايز",
          "عاوز",
          "عايزه",
          "عايزين",
          "محتاج",
          "هاخد",
          "اخد",
          "ساخذ",
          "اريد",
          "ابغي",
          "هات",
          "3ayz",
          "3ayez",
          "3awz",
          "3awez",
          "3ayza",
          "ha5od",
          "ha5d",
          "5aleh",
          "5aliha",
          "5alihom",
          "bas",
          "hat",
          // "I told you 3, not 2": a correction of the quantity given before
          "قولتلك",
          "قلتلك",
          "قلت لك",
          "قولت",
          "i said",
          "told you",
          "2oltlak",
          "2oltelak",
          "oltlak");

  /** "٣ مش ٢", "3 not 2", "3 msh 2": the first number instead of the second. */
  private static final Pattern CORRECTION =
      Pattern.compile(
          "(?<![\\w.])\\d{1,3} (?:مش|مو|وليس|ليس|not|msh|mesh|mish) \\d{1,3}(?![\\w.])");

  /** An address, not a quantity: "45 Syria St", "١٢ شارع عباس العقاد". */
  private static final List<String> ADDRESS_MARKERS =
      phrases(
          "شارع",
          "ش",
          "share3",
          "street",
          "st",
          "road",
          "rd",
          "شقه",
          "الدور",
          "عماره",
          "برج",
          "ميدان",
          "floor",
          "apartment",
          "apt",
          "building",
          "flat",
          "block",
          "بلوك");

  /**
   * A complaint or a question about an order that exists: not the offer taken ("أريد طلبه الذي لم
   * يصل").
   */
  private static final List<String> NOT_TAKING =
      phrases(
          "لم يصل",
          "ما وصلش",
          "موصلش",
          "موصلتش",
          "متاخر",
          "اتاخر",
          "فين",
          "اين",
          "where",
          "late",
          "delayed",
          "مشكله",
          "problem",
          "شكوي",
          "complaint",
          "wasal",
          "fen",
          "refund",
          "استرجاع",
          "ارجاع");

  private static final List<String> PICKUP =
      phrases(
          "من الفرع",
          "استلم من",
          "هستلم من",
          "هاجي الفرع",
          "هعدي",
          "اعدي",
          "استلام من الفرع",
          "الاستلام من الفرع",
          "استلام من",
          "pickup",
          "pick up",
          "pick it up",
          "collect",
          "in store",
          "from the branch",
          "at the branch",
          "mn el far3",
          "ha3ady",
          "a3ady",
          "ha3dy",
          "estelam mn el far3",
          "ساستلم",
          "سأستلم",
          "من المتجر",
          "من المحل",
          "هستلمه",
          "هستلمها",
          "هستلمهم",
          "استلمه",
          "استلمها",
          "استلمهم",
          "هاجي اخده",
          "هاجي اخدها",
          "هعدي اخده",
          "من فرع",
          "في الفرع",
          "pick them up",
          "pick em up",
          "pick it",
          "pick them",
          "pick up",
          "picking",
          "from the store",
          "at the store",
          "from your store",
          "from the shop",
          "at the shop",
          "from store",
          "store pickup",
          "from branch",
          "hastelmo",
          "hastelemo",
          "astelmo",
          "estelam");

  private static final List<String> DELIVERY =
      phrases(
          "توصيل",
          "وصلهولي",
          "وصلوه",
          "يوصلني",
          "يوصل",
          "شحن",
          "ابعتوه",
          "ابعتهولي",
          "التوصيل",
          "للبيت",
          "البيت",
          "delivery",
          "deliver",
          "ديليفري",
          "دليفري",
          "ديلفري",
          "دليفرى",
          "ديليفرى",
          "delivary",
          "dilivery",
          "shipping",
          "ship",
          "home",
          "tawsil",
          "tawseel",
          "wasalholy",
          "sha7n",
          "توصيله",
          "إيصال",
          "ايصال للمنزل",
          "للمنزل");

  private static final List<String> YES =
      phrases(
          "تمام",
          "اكد",
          "أكد",
          "تاكيد",
          "اكيد",
          "موافق",
          "ايوه",
          "ايوا",
          "اه",
          "نعم",
          "ماشي",
          "اوكي",
          "حلو",
          "ok",
          "okay",
          "yes",
          "yep",
          "yeah",
          "sure",
          "confirm",
          "confirmed",
          "correct",
          "right",
          "tamam",
          "aywa",
          "ah",
          "mashy",
          "akked",
          "akeed",
          "مضبوط",
          "صح",
          "اؤكد");

  /**
   * Going on or confirming in more words than a short yes: "ok go ahead and confirm my order",
   * "تمام كمل الطلب", "ok kamel", "akked el order".
   */
  private static final List<String> GO_ON =
      phrases(
          "confirm",
          "confirmed",
          "go ahead",
          "proceed",
          "continue",
          "carry on",
          "place it",
          "place my order",
          "place the order",
          "كمل",
          "كملي",
          "كمله",
          "اكمل",
          "نكمل",
          "كمل الطلب",
          "اكد",
          "أكد",
          "اكدي",
          "اكده",
          "اكدلي",
          "اكد الطلب",
          "تاكيد",
          "اعتمد",
          "اعتمده",
          "استمر",
          "kamel",
          "kammel",
          "kamml",
          "kamil",
          "kamal",
          "nkamel",
          "akked",
          "akkedo",
          "akedo",
          "2akked",
          "a2akked",
          "yalla");

  /** A no inside a confirmation ("don't confirm yet", "مش دلوقتي"): not a confirmation. */
  private static final List<String> NOT_YET =
      phrases(
          "مش", "لا", "لسه", "استنى", "استني", "انتظر", "not", "don t", "dont", "wait", "no", "msh",
          "mesh", "la2", "lessa", "estana", "change", "غير", "عدل", "تعديل");

  private static final List<String> CANCEL =
      phrases(
          "الغي",
          "الغاء",
          "إلغاء",
          "الغيه",
          "بلاش",
          "مش عايز",
          "مش عاوز",
          "لا شكرا",
          "خلاص مش",
          "cancel",
          "never mind",
          "nevermind",
          "no thanks",
          "don t want",
          "dont want",
          "msh 3ayez",
          "balash",
          "elghi",
          "lagh",
          "لا اريد",
          "لا أريد",
          "لم اعد اريد");

  private static final Map<String, Integer> NUMBER_WORDS =
      Map.ofEntries(
          Map.entry("واحد", 1),
          Map.entry("واحده", 1),
          Map.entry("وحده", 1), // Gulf "وحدة بس"
          Map.entry("one", 1),
          Map.entry("wahed", 1),
          Map.entry("wa7ed", 1),
          Map.entry("wahda", 1),
          Map.entry("wa7da", 1),
          Map.entry("اتنين", 2),
          Map.entry("اثنين", 2),
          Map.entry("اثنان", 2),
          Map.entry("قطعتين", 2),
          Map.entry("حتتين", 2),
          Map.entry("حبتين", 2),
          Map.entry("two", 2),
          Map.entry("etnen", 2),
          Map.entry("etneen", 2),
          Map.entry("itnen", 2),
          Map.entry("tnen", 2),
          Map.entry("couple", 2),
          Map.entry("تلاته", 3),
          Map.entry("تلاتة", 3),
          Map.entry("ثلاثه", 3),
          Map.entry("ثلاث", 3),
          Map.entry("three", 3),
          Map.entry("talata", 3),
          Map.entry("tlata", 3),
          Map.entry("اربعه", 4),
          Map.entry("اربع", 4),
          Map.entry("four", 4),
          Map.entry("arba3a", 4),
          Map.entry("خمسه", 5),
          Map.entry("خمس", 5),
          Map.entry("five", 5),
          Map.entry("5amsa", 5));

  /** The number words in their folded spelling (an Arabizi "etneen" is read as "etnen"). */
  private static final Map<String, Integer> FOLDED_NUMBER_WORDS =
      NUMBER_WORDS.entrySet().stream()
          .collect(
              java.util.stream.Collectors.toMap(
                  e -> fold(e.getKey()).trim(), Map.Entry::getValue, (a, b) -> a));

  private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])(\\d{1,3})(?![\\w.])");

  private CheckoutWords() {}

  /** "تمام هاخده", "ok i'll take it", "2 please", "عايز اتنين": the customer takes the offer. */
  public static boolean takesOffer(String text) {
    String t = fold(text);
    if (has(t, NOT_TAKING)) {
      return false;
    }
    if (has(t, TAKE)) {
      return true;
    }
    // a bare quantity with a "please" or a unit ("2 please", "اتنين من فضلك", "3 pcs")
    return words(t) <= 4 && quantity(text) != null && has(t, PLEASE);
  }

  /**
   * A quantity from 1 to 99 named in a short answer ("2", "٣", "اتنين", "two please"); null when
   * none is.
   */
  public static Integer quantity(String text) {
    return quantity(text, List.of());
  }

  /**
   * As {@link #quantity(String)}, for a text that may name the product by {@code productNames} (its
   * English and Arabic names): a number right after a word of the name that is the name's own ("فري
   * بودز ٤" of "FreePods 4", "ايفون 15") is no quantity, so "عايز فري بودز ٤ واحدة" is one. A
   * number counted in pieces ("٣ قطع", "2 pcs", "٣ حبات") is the quantity before any other.
   */
  public static Integer quantity(String text, List<String> productNames) {
    String t = withoutNameNumbers(fold(text), productNames);
    if (words(t) > 8) {
      return null;
    }
    Matcher counted = COUNTED.matcher(t);
    if (counted.find()) {
      int n = Integer.parseInt(counted.group(1));
      return n >= 1 && n <= 99 ? n : null;
    }
    Matcher m = NUMBER.matcher(t);
    if (m.find()) {
      int n = Integer.parseInt(m.group(1));
      return n >= 1 && n <= 99 ? n : null;
    }
    for (String w : t.trim().split(" ")) {
      Integer n = FOLDED_NUMBER_WORDS.get(w);
      if (n != null) {
        return n;
      }
    }
    return null;
  }

  /** A number followed by a word of pieces: "٣ قطع", "2 pcs", "٣ حبات", "5 wa7dat". */
  private static final Pattern COUNTED =
      Pattern.compile(
          " (\\d{1,3}) (?:"
              + phrases(
                      "قطعه", "قطع", "حبه", "حبات", "حتت", "حته", "وحدات", "pieces", "piece", "pcs",
                      "units", "wa7dat", "7abbat", "7etat")
                  .stream()
                  .map(String::trim)
                  .map(Pattern::quote)
                  .collect(java.util.stream.Collectors.joining("|"))
              + ") ");

  /** Blanks the numbers that belong to the product's name, where they follow a word of it. */
  private static String withoutNameNumbers(String folded, List<String> productNames) {
    if (productNames.isEmpty()) {
      return folded;
    }
    java.util.Set<String> nameWords = new java.util.HashSet<>();
    for (String name : productNames) {
      if (name != null) {
        nameWords.addAll(List.of(fold(name).trim().split(" ")));
      }
    }
    String[] w = folded.trim().split(" ");
    StringBuilder b = new StringBuilder(" ");
    for (int i = 0; i < w.length; i++) {
      boolean ownNumber =
          i > 0
              && w[i].chars().allMatch(Character::isDigit)
              && nameWords.contains(w[i])
              && nameWords.contains(w[i - 1])
              && !w[i - 1].chars().allMatch(Character::isDigit);
      if (!ownNumber && !w[i].isEmpty()) {
        b.append(w[i]).append(' ');
      }
    }
    return b.toString();
  }

  /** Cash paid on delivery or at the branch; a wallet ("فودافون كاش") or InstaPay is not. */
  public static boolean cashOnDelivery(String text) {
    String t = fold(text);
    return has(t, COD) && !has(t, WALLET);
  }

  /** Paying before delivery: a card, the link, or a wallet or InstaPay transfer. */
  public static boolean payOnline(String text) {
    String t = fold(text);
    return has(t, ONLINE) || has(t, WALLET);
  }

  /** A wallet or InstaPay named ("هحول فودافون كاش", "instapay"), rather than a card. */
  public static boolean wallet(String text) {
    return has(fold(text), WALLET);
  }

  /** The words of {@link #WALLET} that only say "transfer", naming no wallet nor InstaPay. */
  private static final List<String> TRANSFER_VERBS =
      phrases(
          "هحول",
          "حولت",
          "هحوله",
          "احول",
          "سأحول",
          "ساحول",
          "ha7awel",
          "7awelt",
          "transfer",
          "تحويل بنكي",
          "bank transfer");

  /**
   * A wallet or InstaPay named ("حولت على انستاباي", "7awelt vodafone cash"), not only a transfer
   * ("حولت خلاص").
   */
  public static boolean walletNamed(String text) {
    String t = fold(text);
    return WALLET.stream()
        .filter(w -> !TRANSFER_VERBS.contains(w))
        .anyMatch(w -> has(t, List.of(w)));
  }

  private static final List<String> INSTAPAY =
      phrases("انستاباي", "انستا باي", "انستاپاي", "instapay", "insta pay", "instapy");

  /** InstaPay named ("هحول انستاباي"), as opposed to a mobile wallet. */
  public static boolean instaPay(String text) {
    return has(fold(text), INSTAPAY);
  }

  /** A transfer told as done ("ana 7awelt el flos", "حولت الفلوس", "I transferred the money"). */
  private static final List<String> TRANSFERRED =
      phrases(
          "حولت",
          "حولتلكم",
          "حولتلك",
          "حولتها",
          "حولته",
          "قمت بالتحويل",
          "تم التحويل",
          "لقد حولت",
          "7awelt",
          "hawelt",
          "7awelt el flos",
          "i transferred",
          "i have transferred",
          "i ve transferred",
          "transferred the money",
          "sent the money",
          "i sent the money");

  /** The customer says they paid by a transfer: what the payment's receipt then proves. */
  public static boolean transferred(String text) {
    String t = fold(text);
    return has(t, TRANSFERRED)
        || has(t, WALLET) && has(t, phrases("دفعت", "dafa3t", "i paid", "paid"));
  }

  /**
   * A quantity the customer gives as an answer, not a number inside something else: a short answer
   * ("10", "just 1", "3ayz etneen") or one said with a quantity word ("Actually make it just 1",
   * "تمام هاخد ٥"). Null for a question, an address ("45 Syria St") or no number.
   */
  public static Integer quantityAnswer(String text) {
    return quantityAnswer(text, List.of());
  }

  /**
   * As {@link #quantityAnswer(String)}, for a text that may name the product by {@code
   * productNames}: "عايز فري بودز ٤ واحدة" gives one, not four.
   */
  public static Integer quantityAnswer(String text, List<String> productNames) {
    if (text == null || text.contains("?") || text.contains("؟")) {
      return null;
    }
    Integer n = quantity(text, productNames);
    if (n == null) {
      return null;
    }
    String t = fold(text);
    if (has(t, ADDRESS_MARKERS) || has(t, NOT_TAKING)) {
      return null;
    }
    int w = words(t);
    return w <= 2
            || has(t, QUANTITY_CUES)
            || has(t, PLEASE)
            || has(t, TAKE)
            || CORRECTION.matcher(t).find()
        ? n
        : null;
  }

  /**
   * A quantity said as a change where an address or area is expected: only with a quantity word or
   * as a correction ("خليهم ٣", "انا قولتلك ٣ مش ٢"), never a bare number, which may be a
   * building's.
   */
  public static Integer quantityCorrection(String text) {
    Integer n = quantityAnswer(text);
    if (n == null) {
      return null;
    }
    String t = fold(text);
    return has(t, CHANGE_CUES) || CORRECTION.matcher(t).find() ? n : null;
  }

  /** Words that change a quantity given before (not "I want", which leads an address too). */
  private static final List<String> CHANGE_CUES =
      phrases(
          "make it",
          "make that",
          "change it to",
          "instead",
          "خليه",
          "خليها",
          "خليهم",
          "خليهوم",
          "اجعله",
          "اجعلها",
          "اجعلهم",
          "بدل",
          "قولتلك",
          "قلتلك",
          "i said",
          "told you",
          "2oltlak",
          "5aleh",
          "5aliha",
          "5alihom");

  /**
   * "نفس اللوكيشن اللي بعتهولك", "same address as before": a place given earlier, not an address.
   */
  public static boolean sameLocationAsBefore(String text) {
    return has(fold(text), SAME_LOCATION);
  }

  private static final List<String> SAME_LOCATION =
      phrases(
          "نفس اللوكيشن",
          "نفس اللوكشن",
          "نفس الموقع",
          "نفس العنوان",
          "نفس المكان",
          "اللوكيشن اللي بعته",
          "اللوكيشن اللي بعتهولك",
          "اللوكيشن اللي بعتلك",
          "الموقع الذي ارسلته",
          "same location",
          "same address",
          "location i sent",
          "nafs el location",
          "nafs el lokation",
          "nafs el 3enwan",
          "nafs el makan");

  private static final Pattern ADDRESS_LEAD =
      Pattern.compile(
          "^(?:(?:please|pls|plz)\\s+)?(?:(?:deliver(?:y)?|ship(?:ping)?|send)(?:\\s+(?:it|them|the order))?"
              + "(?:\\s+(?:to|at))?|to)\\b[\\s:,-]*",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern ADDRESS_LEAD_LATIN_ARABIZI =
      Pattern.compile(
          "^(?:el\\s+)?(?:tawsil|tawseel|tawseil|wasalholy|wasalhoLy|wasalo|ab3atoh|ab3ato)"
              + "(?:\\s+(?:l|le|li|3ala|3la|ela|lel))?\\b[\\s:,-]*",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern ADDRESS_LEAD_ARABIC =
      Pattern.compile(
          "^(?:مع\\s+)?و?(?:ال)?(?:توصيل|وصلهولي|وصلوه|وصله|وصلها|ابعتوه|ابعته|ابعتهولي|اشحنه|الشحن|شحن|العنوان|عنواني)"
              + "(?=[\\s:،,]|$)(?:\\s+(?:على|علي|الى|إلى|إلي|لـ|ل|في)(?=\\s))?[\\s:،,-]*");

  /** "my address is", "address:", "el 3enwan", "العنوان", "عنواني هو": an address said as one. */
  private static final Pattern ADDRESS_LABEL =
      Pattern.compile(
          "^(?:(?:here\\s+is|here's|this\\s+is)\\s+)?(?:(?:my|the|our|new)\\s+)?(?:delivery\\s+)?"
              + "address(?:\\s+(?:is|will\\s+be))?(?=[\\s:,-]|$)[\\s:,-]*"
              + "|^(?:el\\s*)?(?:3enwan|3enwany|3enwani|3nwan|3nwany|3inwan)(?:\\s+(?:howa|huwa))?(?=[\\s:,-]|$)[\\s:,-]*"
              + "|^(?:ال)?(?:عنوان|عنواني)(?:\\s+(?:هو|هيكون|الجديد))?(?=[\\s:،,-]|$)[\\s:،,-]*",
          Pattern.CASE_INSENSITIVE);

  /** A street, a number or a building: what makes a place an address the courier can find. */
  private static final List<String> STREET_WORDS =
      phrases(
          "شارع",
          "ش",
          "طريق",
          "ميدان",
          "حاره",
          "عطفه",
          "كمبوند",
          "street",
          "st",
          "road",
          "rd",
          "avenue",
          "ave",
          "square",
          "lane",
          "compound",
          "share3",
          "shar3",
          "sharea",
          "tare2",
          "midan",
          "mydan",
          "7ara",
          "compound");

  /**
   * The text gives an address as one ("my address is 12 Tahrir St", "el 3enwan 10 share3 Makram
   * Ebeid", "العنوان ٢٠ شارع التحرير"): a label, then a street.
   */
  public static boolean addressGiven(String text) {
    String t = text == null ? "" : text.trim();
    java.util.regex.Matcher m = ADDRESS_LABEL.matcher(t);
    return m.lookingAt() && m.end() > 0 && streetGiven(t.substring(m.end()));
  }

  /**
   * The address names a street, a number or a building, not only a city or a district ("Giza",
   * "مدينة نصر").
   */
  public static boolean streetGiven(String address) {
    String a = address == null ? "" : address;
    String t = fold(a);
    return a.matches("(?s).*[0-9\u0660-\u0669\u06F0-\u06F9].*")
        || has(t, STREET_WORDS)
        || has(t, ADDRESS_DETAILS);
  }

  /**
   * The address without the words that led to it: "deliver to 45 Syria St" is "45 Syria St", "توصيل
   * للمعادي، ٩ شارع…" is "المعادي، ٩ شارع…".
   */
  public static String addressOnly(String text) {
    String t = text == null ? "" : text.trim();
    String from = t;
    for (int i = 0; i < 3; i++) {
      // "قولتلك توصيل 🙂 العنوان ١٢ شارع التحرير": what is said before the address is no part of it
      String next = leadStripped(withoutLeadingChatter(from, false));
      if (next.equals(from) || next.length() < 3) {
        break;
      }
      from = next;
    }
    return from.equals(t) ? leadStripped(t) : from;
  }

  /**
   * The address in a message that may give other details before it ("واحدة بس، توصيل على ١٢ شارع
   * التحرير", "one please, delivery to 12 Tahrir St", "wa7da bas, tawsil l 12 share3 el tahrir"):
   * the text from the address on, without the words that led to it; null when nothing but a
   * quantity, delivery or pickup, and words that say nothing of a place are there ("واحدة بس،
   * توصيل").
   */
  public static String addressIn(String text) {
    String t = text == null ? "" : text.trim();
    String from = t;
    for (int i = 0; i < 3; i++) {
      String next = leadStripped(withoutLeadingChatter(from, true));
      if (next.equals(from)) {
        break;
      }
      from = next;
    }
    return from.length() < 3 || chatterOnly(from, true) ? null : from;
  }

  /**
   * Words said before an address or beside a checkout answer that name no place: a quantity, "بس",
   * "please", "delivery", "I told you", "قولتلك", "2oltlak".
   */
  private static final java.util.Set<String> CHATTER =
      java.util.stream.Stream.of(
              "قولتلك",
              "قلتلك",
              "قولتلكم",
              "قلتلكم",
              "قلت",
              "قولت",
              "لك",
              "لحضرتك",
              "زي",
              "ما",
              "انا",
              "كما",
              "ذكرت",
              "سبق",
              "واقولك",
              "اقولك",
              "يعني",
              "بس",
              "فقط",
              "بقى",
              "بقي",
              "طيب",
              "تمام",
              "اوك",
              "ماشي",
              "ايوه",
              "ايوا",
              "اه",
              "نعم",
              "يا",
              "عم",
              "و",
              "مع",
              "من",
              "فضلك",
              "لو",
              "سمحت",
              "سمحتي",
              "عايز",
              "عاوز",
              "عايزه",
              "عاوزه",
              "محتاج",
              "اريد",
              "أريد",
              "ياريت",
              "هو",
              "هي",
              "هيا",
              "هما",
              "عايزهم",
              "عايزها",
              "عايزه",
              "توصيل",
              "التوصيل",
              "وتوصيل",
              "والتوصيل",
              "ديليفري",
              "دليفري",
              "ديلفري",
              "بالتوصيل",
              "للبيت",
              "البيت",
              "قطعه",
              "قطع",
              "حبه",
              "حبات",
              "حته",
              "حتت",
              "منه",
              "منها",
              "منهم",
              "i",
              "told",
              "you",
              "already",
              "said",
              "as",
              "like",
              "just",
              "only",
              "please",
              "pls",
              "plz",
              "ok",
              "okay",
              "yes",
              "yeah",
              "sure",
              "and",
              "it",
              "them",
              "the",
              "want",
              "need",
              "would",
              "d",
              "id",
              "delivery",
              "deliver",
              "delivered",
              "piece",
              "pieces",
              "pcs",
              "unit",
              "units",
              "of",
              "2oltlak",
              "2oltelak",
              "2oltlk",
              "olt",
              "2olt",
              "lak",
              "ana",
              "bas",
              "bs",
              "tamam",
              "aywa",
              "ah",
              "w",
              "wa",
              "ma3",
              "men",
              "mn",
              "fadlak",
              "law",
              "sama7t",
              "3ayez",
              "3ayz",
              "3awez",
              "3ayza",
              "tawsil",
              "tawseel",
              "el",
              "dilivery",
              "delivary",
              "7etta",
              "7abba")
          .map(w -> fold(w).trim())
          .filter(w -> !w.isEmpty())
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  /**
   * Nothing but words that name no place ({@link #CHATTER}, number words, and, with {@code
   * numbers}, a number up to 99 that is a quantity).
   */
  private static boolean chatterOnly(String text, boolean numbers) {
    String t = fold(text).trim();
    if (t.isEmpty()) {
      return true;
    }
    for (String w : t.split(" ")) {
      boolean number = !w.isEmpty() && w.chars().allMatch(Character::isDigit);
      if (number
          ? !(numbers && w.length() <= 2)
          : !CHATTER.contains(w) && !FOLDED_NUMBER_WORDS.containsKey(w)) {
        return false;
      }
    }
    return true;
  }

  /** An address label anywhere in a text: "العنوان", "my address is", "el 3enwan". */
  private static final Pattern LABEL_ANYWHERE =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:(?:(?:here\\s+is|here's|this\\s+is)\\s+)?(?:(?:my|the|our|new)\\s+)?"
              + "(?:delivery\\s+)?address(?=[\\s:,-]|$)"
              + "|(?:el\\s*)?(?:3enwan|3enwany|3enwani|3nwan|3nwany|3inwan)(?=[\\s:,-]|$)"
              + "|(?:ال)?(?:عنوان|عنواني)(?=[\\s:،,-]|$))",
          Pattern.CASE_INSENSITIVE);

  /** A delivery word that may lead an address: "توصيل على", "delivery to", "tawsil l". */
  private static final Pattern DELIVERY_ANYWHERE =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:(?:مع\\s+)?و?(?:ال)?(?:توصيل|وصلهولي|وصلوه|وصله|وصلها|ابعتوه|ابعته|ابعتهولي|اشحنه)"
              + "(?=[\\s:،,]|$)"
              + "|(?:please\\s+)?(?:deliver(?:y)?|ship(?:ping)?)(?:\\s+(?:it|them|the order))?(?:\\s+(?:to|at))?(?=[\\s:,]|$)"
              + "|(?:el\\s+)?(?:tawsil|tawseel|tawseil|wasalholy|wasalo)(?=[\\s:,-]|$))",
          Pattern.CASE_INSENSITIVE);

  /** Where a text's parts are parted: commas, full stops, dashes, new lines, emoji. */
  private static final Pattern PARTS =
      Pattern.compile("[،,;؛\\n!.]+|\\s[-–]\\s|[\\p{So}\\p{Sk}\\x{FE0F}\\x{200D}]+");

  /**
   * The text from where its address may start: after a label or a delivery word that only chatter
   * comes before, else after its leading parts that are only chatter.
   */
  private static String withoutLeadingChatter(String t, boolean numbers) {
    for (Pattern p : List.of(LABEL_ANYWHERE, DELIVERY_ANYWHERE)) {
      Matcher m = p.matcher(t);
      if (m.find() && m.start() > 0 && chatterOnly(t.substring(0, m.start()), numbers)) {
        String rest = t.substring(m.start()).trim();
        if (rest.length() - (m.end() - m.start()) >= 3) {
          return rest;
        }
      }
    }
    Matcher parts = PARTS.matcher(t);
    int start = 0;
    while (parts.find()) {
      if (!chatterOnly(t.substring(start, parts.start()), numbers)) {
        break;
      }
      start = parts.end();
    }
    String rest = t.substring(start).trim();
    return rest.length() < 3 ? t : rest;
  }

  private static String leadStripped(String text) {
    String t = text == null ? "" : text.trim();
    java.util.regex.Matcher label = ADDRESS_LABEL.matcher(t);
    if (label.lookingAt() && label.end() > 0 && t.length() - label.end() >= 3) {
      return t.substring(label.end()).trim();
    }
    String stripped = ADDRESS_LEAD.matcher(t).replaceFirst("");
    stripped = ADDRESS_LEAD_LATIN_ARABIZI.matcher(stripped).replaceFirst("");
    java.util.regex.Matcher ar = ADDRESS_LEAD_ARABIC.matcher(stripped);
    if (ar.find()) {
      String rest = stripped.substring(ar.end());
      if (rest.startsWith("لل")) {
        rest = "ال" + rest.substring(2); // "للمعادي": "ل" + "المعادي"
      } else if (rest.startsWith("لـ")) {
        rest = rest.substring(2).trim();
      }
      stripped = rest;
    }
    stripped = stripped.trim();
    return stripped.length() < 3 ? t : stripped;
  }

  public static boolean instalments(String text) {
    return has(fold(text), INSTALMENTS);
  }

  /**
   * "ده العنوان مكتوب في الصورة", "the address is in the picture": words that point at a photo
   * instead of giving the address.
   */
  private static final List<String> ADDRESS_IN_A_PHOTO =
      phrases(
          "في الصوره",
          "فى الصوره",
          "في الصورة",
          "بالصوره",
          "في الصور",
          "في الاسكرين",
          "في السكرين",
          "in the photo",
          "in the picture",
          "in the image",
          "in the pic",
          "in the screenshot",
          "on the photo",
          "fel soura",
          "fel sora",
          "f el soura",
          "f el sora",
          "fi el soura",
          "fl sora");

  /** The building, floor or apartment of an address ("عمارة ١٢ الدور ٣", "flat 5"). */
  private static final List<String> ADDRESS_DETAILS =
      phrases(
          "عماره",
          "العماره",
          "مبني",
          "برج",
          "الدور",
          "دور",
          "الطابق",
          "طابق",
          "شقه",
          "الشقه",
          "building",
          "bldg",
          "floor",
          "apartment",
          "flat",
          "apt",
          "3omara",
          "3emara",
          "el dor",
          "dor",
          "sha2a",
          "sha2a");

  /** Words that give the building, floor or apartment of an address. */
  public static boolean addressDetails(String text) {
    return has(fold(text), ADDRESS_DETAILS);
  }

  /** The address said to be in a photo or screenshot rather than written out. */
  public static boolean addressInAPhoto(String text) {
    return has(fold(text), ADDRESS_IN_A_PHOTO);
  }

  public static boolean pickup(String text) {
    return has(fold(text), PICKUP);
  }

  public static boolean delivery(String text) {
    String t = fold(text);
    return has(t, DELIVERY) && !has(t, PICKUP);
  }

  /** A short yes ("تمام", "confirm", "aywa"); a long text is more than a yes. */
  public static boolean yes(String text) {
    String t = fold(text);
    return words(t) <= 5 && has(t, YES) && !has(t, CANCEL);
  }

  /**
   * The summary confirmed in words: a short yes, or confirm phrasing however long ("ok go ahead and
   * confirm my order", "tamam kamel el order", "اكد الطلب بتاعي"), never with a no, a wait or a
   * change in it.
   */
  public static boolean confirms(String text) {
    if (text == null || text.contains("?") || text.contains("؟")) {
      return false;
    }
    if (yes(text)) {
      return true;
    }
    String t = fold(text);
    return words(t) <= 12 && has(t, GO_ON) && !has(t, CANCEL) && !has(t, NOT_YET);
  }

  /**
   * Delivery or pickup named beside a way to pay ("delivery, cash on delivery", "هستلم من الفرع
   * وهدفع فودافون كاش"): "pickup", "delivery" or null. The way to pay is read out first, so "cash
   * on delivery" or "الدفع عند الاستلام" alone name neither.
   */
  public static String fulfilmentBesidePayment(String text) {
    String t = fold(text);
    for (List<String> payment : List.of(COD, WALLET, ONLINE, INSTALMENTS)) {
      for (String p : payment) {
        t = t.replace(p, " ");
      }
    }
    if (has(t, PICKUP)) {
      return "pickup";
    }
    return has(t, DELIVERY) ? "delivery" : null;
  }

  /** Paying by card or the link ("فيزا", "card", "ادفع اونلاين"), not a transfer. */
  public static boolean card(String text) {
    return has(fold(text), ONLINE);
  }

  public static boolean cancel(String text) {
    return has(fold(text), CANCEL);
  }

  /** The folded form every phrase and text is compared in: " word word " with single spaces. */
  public static String fold(String text) {
    String n =
        ArabicNormalizer.normalize(text == null ? "" : text)
            .replaceAll("[^\\p{L}\\p{N}]+", " ")
            .trim();
    StringBuilder b = new StringBuilder(" ");
    for (String w : n.split(" ")) {
      if (!w.isEmpty()) {
        b.append(Arabizi.canonical(w)).append(' ');
      }
    }
    return b.toString();
  }

  private static List<String> phrases(String... phrases) {
    return java.util.Arrays.stream(phrases)
        .map(CheckoutWords::fold)
        .filter(p -> !p.isBlank())
        .distinct()
        .toList();
  }

  private static boolean has(String folded, List<String> phrases) {
    for (String p : phrases) {
      if (folded.contains(p)) {
        return true;
      }
    }
    return false;
  }

  private static int words(String folded) {
    String t = folded.trim();
    return t.isEmpty() ? 0 : t.split(" ").length;
  }
}
