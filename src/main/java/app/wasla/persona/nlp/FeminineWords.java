package app.wasla.persona.nlp;

import java.util.regex.Pattern;

/**
 * Whether customers speak of themselves in the feminine, by their own words: "انا عايزة", "محتاجة",
 * "مستنية", "3ayza", "me7taga", "mestanya". Only spellings that cannot be something else count:
 * Arabic with its ة ("عايزه" may be "I want it"), Arabizi with its -a ending ("3ayzo" is "want
 * it").
 */
public final class FeminineWords {

  private static final Pattern FEMININE =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:"
              + "(?:و|ف)?(?:عايزة|عاوزة|محتاجة|مستنية|مستنياه|حابة|متأكدة|متاكدة|ناوية|مهتمة|"
              + "فاضية|مضطرة|زعلانة|مبسوطة|شارية|دافعة)"
              + "|(?:w|we)?(?:3ayza|3aiza|3ayzah|3awza|me7taga|mehtaga|mestanya|mestaneya|7abba|"
              + "mot2akda|nawya|mehtamma|mabsoota|za3lana|daf3a)"
              + ")(?![\\p{L}\\p{N}])",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private FeminineWords() {}

  /** Whether the text has a word by which its writer speaks of herself in the feminine. */
  public static boolean in(String text) {
    return text != null && FEMININE.matcher(text).find();
  }
}
