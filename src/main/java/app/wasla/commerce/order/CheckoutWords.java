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
          "i want two");

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
          "حبه");

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
          "من المتجر");

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
    String t = fold(text);
    if (words(t) > 8) {
      return null;
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

  public static boolean cashOnDelivery(String text) {
    return has(fold(text), COD);
  }

  public static boolean payOnline(String text) {
    return has(fold(text), ONLINE);
  }

  public static boolean instalments(String text) {
    return has(fold(text), INSTALMENTS);
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

  public static boolean cancel(String text) {
    return has(fold(text), CANCEL);
  }

  /** The folded form every phrase and text is compared in: " word word " with single spaces. */
  static String fold(String text) {
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
