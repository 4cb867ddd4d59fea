package app.wasla.persona;

import app.wasla.persona.nlp.TextView;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A pick from the products the bot's last message listed: "the first one", "الاولى", "tany wa7da",
 * "the last one"; and an order that names no product ("order now", "عايز اطلب", "هاخد"), which is
 * about one of them.
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

  /** "order now", "اطلب الآن", "عايز اطلب", "هاخد", "otlob": ordering, without a product's name. */
  private static final Pattern ORDER_WORDS =
      Pattern.compile(
          "\\s(اطلب|هطلب|عايز اطلب|عاوز اطلب|عايزه اطلب|اريد ان اطلب|اريد الطلب|اود الطلب|هاخد|هاخده"
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
