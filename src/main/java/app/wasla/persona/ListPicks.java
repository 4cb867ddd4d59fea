package app.wasla.persona;

import app.wasla.persona.nlp.TextView;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A pick from the products the bot's last message listed: "the first one", "الاولى", "tany wa7da",
 * "the last one", "the most expensive one", "الارخص فيهم"; the listed products set side by side
 * ("الفرق بينهم ايه", "what's the difference between them"); and an order that names no product
 * ("order now", "عايز اطلب", "هاخد"), which is about one of them.
 */
final class ListPicks {

  private ListPicks() {}

  private static final Pattern FIRST =
      Pattern.compile(
          "\\s(الاول|الاولي|الاوله|الاولانيه|الاولاني|اول (?:واحد|واحده|حاجه|منتج)|first|1st|awel"
              + " (?:wa7da|wa7ed|wahda|wahed)|el awel|el awal|el awla|el oula|el ola|el ula"
              + "|number one|no 1|رقم 1|رقم واحد)\\s");

  private static final Pattern SECOND =
      Pattern.compile(
          "\\s(التاني|التانيه|الثاني|الثانيه|تاني (?:واحد|واحده)|ثاني (?:واحد|واحده)|second|2nd"
              + "|(?:tany|tani|tanya|tanya) (?:wa7da|wa7ed|wahda|wahed|one)|el tany|el tani|el tanya"
              + "|number two|no 2|رقم 2|رقم اتنين)\\s");

  private static final Pattern THIRD =
      Pattern.compile(
          "\\s(التالت|التالته|الثالث|الثالثه|تالت (?:واحد|واحده)|ثالث (?:واحد|واحده)|third|3rd"
              + "|(?:talet|talt|talta) (?:wa7da|wa7ed|wahda|wahed|one)|el talet|el talta|el talt"
              + "|number three|no 3|رقم 3|رقم تلاته)\\s");

  private static final Pattern LAST =
      Pattern.compile(
          "\\s(الاخير|الاخيره|الاخرانيه|الاخراني|اخر (?:واحد|واحده|حاجه)|last|el a5er|el akher"
              + "|el a5eer|el akheer|a5er wa7da|akher wa7da)\\s");

  /**
   * The dearest of them: "الاغلى", "والأغلى بكام", "اغلى واحد", "a8la wa7da", "el a8la", "the most
   * expensive one". An Arabic "اغلى" alone is a comparative ("في حاجة اغلى؟"): it takes the
   * article, "واحد" or "فيهم".
   */
  private static final Pattern DEAREST =
      Pattern.compile(
          "\\s(?:(?:و|ف)?الاغلي|(?:و|ف)?الاغلى|(?:اغلي|اغلى) (?:واحد|واحده|حاجه|فيهم|منهم|فيها|موديل)"
              + "|اغلاهم|اغلاها|اعلى سعر|اعلي سعر|(?:el|w el|wel|w|we)? ?(?:a8la|aghla|a4la|a8li)"
              + " (?:wa7da|wa7ed|wahda|wahed|fehom|menhom|one|7aga)|el (?:a8la|aghla)|a8lahom|aghlahom"
              + "|(?:the )?most expensive|the priciest|priciest|the dearest|dearest|highest price|top one)\\s");

  /**
   * The cheapest of them: "الارخص", "الأرخص فيهم", "ارخص واحد", "ar5as wa7da", "el ar5as", "the
   * cheapest". An Arabic "ارخص" alone is a comparative ("في حاجة ارخص؟"): something cheaper.
   */
  private static final Pattern CHEAPEST =
      Pattern.compile(
          "\\s(?:(?:و|ف)?الارخص|(?:ارخص|اوفر) (?:واحد|واحده|حاجه|فيهم|منهم|فيها|موديل)|ارخصهم|ارخصها"
              + "|اقل سعر فيهم|(?:el|w el|wel|w|we)? ?(?:ar5as|arkhas|ar5s|ar7as)"
              + " (?:wa7da|wa7ed|wahda|wahed|fehom|menhom|one|7aga)|el (?:ar5as|arkhas)|ar5ashom"
              + "|arkhashom|(?:the )?cheapest|least expensive|lowest price)\\s");

  /** "them", "both", "دول", "بينهم": the products just listed, as one. */
  private static final Pattern THEM =
      Pattern.compile(
          "\\s(?:بينهم|بينهما|فيهم|منهم|دول|الاتنين|الاثنين|الاثنتين|كلهم|them|both|these|those|the two"
              + "|benhom|beinhom|bnhom|benhum|benhm|dol|dool|el etnen|el 2etnen|el itnen|etnenhom)\\s");

  /**
   * The dearest or the cheapest of the listed products the text asks for ("والأغلى بكام؟", "the
   * cheapest one"), or null.
   */
  static <T> T byPrice(
      TextView text, List<T> listed, java.util.function.Function<T, java.math.BigDecimal> price) {
    if (text.tokens().size() > 8 || listed.isEmpty()) {
      return null;
    }
    String t = padded(text);
    java.util.Comparator<T> byPrice = java.util.Comparator.comparing(price);
    if (DEAREST.matcher(t).find()) {
      return listed.stream().max(byPrice).orElse(null);
    }
    if (CHEAPEST.matcher(t).find()) {
      return listed.stream().min(byPrice).orElse(null);
    }
    return null;
  }

  /** The text speaks of the listed products together: "بينهم", "them", "dol". */
  static boolean meansThem(TextView text) {
    return THEM.matcher(padded(text)).find();
  }

  /** "order now", "اطلب الآن", "عايز اطلب", "هاخد", "otlob": ordering, without a product's name. */
  private static final Pattern ORDER_WORDS =
      Pattern.compile(
          "\\s(اطلب|اطلبه|اطلبها|اطلبهم|هطلب|هطلبه|هطلبها|عايز اطلب|عاوز اطلب|عايزه اطلب|اريد ان اطلب|اريد الطلب|اود الطلب|هاخد|هاخده"
              + "|هاخدها|ساخذ|اشتري|هشتري|order now|order it|order one|i want to order|i d like to order|place an"
              + " order|i ll take|i ll take it|i ll take one|buy now|i ll buy|otlob|atlob|hatlob"
              + "|3ayez atlob|3ayz atlob|ha5od|ha5do|ha5odha|hashtery)\\s");

  /** The listed product the text picks by its place ("the first one"), or null. */
  static <T> T pick(TextView text, List<T> listed) {
    String t = padded(text);
    if (text.tokens().size() > 7 || listed.isEmpty()) {
      return null;
    }
    if (FIRST.matcher(t).find()) {
      return listed.get(0);
    }
    if (SECOND.matcher(t).find()) {
      return listed.size() >= 2 ? listed.get(1) : null;
    }
    if (THIRD.matcher(t).find()) {
      return listed.size() >= 3 ? listed.get(2) : null;
    }
    if (LAST.matcher(t).find()) {
      return listed.get(listed.size() - 1);
    }
    return null;
  }

  /** A short order that names no product: "order now", "اطلب الآن", "عايز اطلب", "هاخد". */
  static boolean ordersWithoutAName(TextView text) {
    return text.tokens().size() <= 6 && ORDER_WORDS.matcher(padded(text)).find();
  }

  private static String padded(TextView text) {
    return " "
        + String.join(" ", text.tokens())
        + " "
        + text.raw().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ")
        + " ";
  }
}
