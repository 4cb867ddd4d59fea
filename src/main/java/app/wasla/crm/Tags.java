package app.wasla.crm;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a tag name may be: letters (any script, lower-cased), digits, '_' and '-', up to 64
 * characters; spaces become '_'.
 */
final class Tags {

  private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}_-]{1,64}");

  private Tags() {}

  /** The tag in its stored form; IllegalArgumentException when it is not a valid tag. */
  static String normalize(String tag) {
    String t = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
    if (!VALID.matcher(t).matches()) {
      throw new IllegalArgumentException("a tag is 1 to 64 letters, digits, '_' or '-'");
    }
    return t;
  }
}
