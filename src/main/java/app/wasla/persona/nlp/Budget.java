package app.wasla.persona.nlp;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a customer can spend, said in so many words: an upper bound ("تحت ١٠ الاف", "أقل من عشرة
 * آلاف جنيه", "لا يتجاوز 10000", "less than 15000", "max 20k", "budget 10k", "ta7t 10k"), a range
 * ("between 10k and 20k", "من ١٠ لـ ٢٠ الف", "ben 10 w 20 alf") or a lower bound ("فوق ٢٠ الف",
 * "above 20k"). The amount may be digits ("20,000", "20k", "٢٠ الف") or number words in Egyptian,
 * MSA, Arabizi or English ("عشرين ألف", "عشرة آلاف", "khamastashar alf", "fifteen thousand"). A
 * budget is what the customer can pay, never the value of an order.
 */
public final class Budget {

  /** The bounds said (either may be null, not both), and where in the text they were said. */
  public record Range(BigDecimal min, BigDecimal max, int start, int end) {

    /** The amount that limits the products: the upper bound, else the lower. */
    public BigDecimal amount() {
      return max != null ? max : min;
    }

    public boolean admits(BigDecimal price) {
      return price != null
          && (max == null || price.compareTo(max) <= 0)
          && (min == null || price.compareTo(min) >= 0);
    }
  }

  private static final Map<String, Integer> WORDS =
      Map.ofEntries(
          Map.entry("واحد", 1),
          Map.entry("اتنين", 2),
          Map.entry("اثنين", 2),
          Map.entry("اثنان", 2),
          Map.entry("تلات", 3),
          Map.entry("تلاته", 3),
          Map.entry("ثلاث", 3),
          Map.entry("ثلاثه", 3),
          Map.entry("اربع", 4),
          Map.entry("اربعه", 4),
          Map.entry("خمس", 5),
          Map.entry("خمسه", 5),
          Map.entry("ست", 6),
          Map.entry("سته", 6),
          Map.entry("سبع", 7),
          Map.entry("سبعه", 7),
          Map.entry("تمن", 8),
          Map.entry("تمانيه", 8),
          Map.entry("ثمان", 8),
          Map.entry("ثماني", 8),
          Map.entry("ثمانيه", 8),
          Map.entry("تسع", 9),
          Map.entry("تسعه", 9),
          Map.entry("عشر", 10),
          Map.entry("عشره", 10),
          Map.entry("حداشر", 11),
          Map.entry("اتناشر", 12),
          Map.entry("تلتاشر", 13),
          Map.entry("اربعتاشر", 14),
          Map.entry("خمستاشر", 15),
          Map.entry("ستاشر", 16),
          Map.entry("سبعتاشر", 17),
          Map.entry("تمنتاشر", 18),
          Map.entry("تسعتاشر", 19),
          Map.entry("عشرين", 20),
          Map.entry("عشرون", 20),
          Map.entry("تلاتين", 30),
          Map.entry("ثلاثين", 30),
          Map.entry("ثلاثون", 30),
          Map.entry("اربعين", 40),
          Map.entry("اربعون", 40),
          Map.entry("خمسين", 50),
          Map.entry("خمسون", 50),
          Map.entry("ستين", 60),
          Map.entry("سبعين", 70),
          Map.entry("تمانين", 80),
          Map.entry("ثمانين", 80),
          Map.entry("one", 1),
          Map.entry("two", 2),
          Map.entry("three", 3),
          Map.entry("four", 4),
          Map.entry("five", 5),
          Map.entry("six", 6),
          Map.entry("seven", 7),
          Map.entry("eight", 8),
          Map.entry("nine", 9),
          Map.entry("ten", 10),
          Map.entry("eleven", 11),
          Map.entry("twelve", 12),
          Map.entry("fifteen", 15),
          Map.entry("twenty", 20),
          Map.entry("thirty", 30),
          Map.entry("forty", 40),
          Map.entry("fifty", 50),
          Map.entry("sixty", 60),
          Map.entry("seventy", 70),
          Map.entry("eighty", 80),
          Map.entry("khamsa", 5),
          Map.entry("5amsa", 5),
          Map.entry("3ashra", 10),
          Map.entry("3ashara", 10),
          Map.entry("3ashar", 10),
          Map.entry("khamastashar", 15),
          Map.entry("5amasta3sh", 15),
          Map.entry("5amastashar", 15),
          Map.entry("3eshreen", 20),
          Map.entry("3eshrin", 20),
          Map.entry("3ishreen", 20),
          Map.entry("talateen", 30),
          Map.entry("talatin", 30),
          Map.entry("arbe3een", 40),
          Map.entry("khamseen", 50),
          Map.entry("5amseen", 50));

  private static final String WORD =
      WORDS.keySet().stream()
          .sorted((a, b) -> b.length() - a.length())
          .map(Pattern::quote)
          .reduce((a, b) -> a + "|" + b)
          .orElseThrow();

  /** "1,000" thousands: "الف", "آلاف" (normalised "الاف"), "ألفين" is two thousand. */
  private static final String THOUSAND = "(?:k|الف|الاف|الوف|alf|alaf|aalaf|thousand|thousands)";

  /** A number: digits ("20,000", "19.5") or words ("خمسة وعشرين"), then maybe thousands. */
  private static final String NUMBER =
      "(?:(\\d{1,3}(?:[,٬.]\\d{3})+|\\d+(?:\\.\\d+)?)|((?:"
          + WORD
          + ")(?:\\s+(?:و|w|and)\\s*(?:"
          + WORD
          + "))?)|(الفين))\\s*("
          + THOUSAND
          + ")?(?:\\s*(?:جنيه|جنيها|جنيهات|جنية|ج\\.?\\s?م|egp|le|pounds?|geneh|gneh|genih))?"
          // a storage size, a wattage or a camera is no price: "max 256 gb"
          + "(?!\\s*(?:gb|tb|جيجا\\p{L}*|تيرا|mah|watt|وات|واط|mp|ميجا|hz|هرتز|mm|مم)(?![\\p{L}]))";

  private static final String B = "(?<![\\p{L}\\p{N}])";
  private static final String E = "(?![\\p{L}\\p{N}])";

  /** A few words between a bound and its amount: "less than about 15000", "budget is 10k". */
  private static final String FILLER =
      "(?:\\s+(?:is|of|around|about|approx|roughly|like|حوالي|حوالى|تقريبا|ما|يعني|el|ya3ni|ta2riban|"
          + "7awaly|hawaly|my|mine|\\$|~))*";

  private static final String UPPER =
      "(?:اقل من|اقل|تحت|لحد|لغايه|في حدود|فى حدود|حدود|لا يتجاوز|لا تتجاوز|لا يتعدى|لا تتعدى|"
          + "ما يتعداش|مايتعداش|ميتعداش|لا يزيد عن|لا يزيد على|لا يزيد عن|ما يزيدش عن|مايزيدش عن|"
          + "ميزيدش عن|ما يزدش عن|بحد اقصى|حد اقصى|الحد الاقصى|اقصاه|اقصى|بحدود|ميزانيتي|ميزانيه|"
          + "بميزانيه|الميزانيه|معايا|معي|under|below|less than|lower than|cheaper than|max|maximum|"
          + "up to|upto|within|budget|no more than|not more than|not over|at most|ta7t|taht|"
          + "a2al men|a2al mn|a2al min|l7ad|le7ad|lehad|lghayet|f 7dod|fe 7dod|fi 7dod|7dod|"
          + "mizaneya|mizanyty|mizaneyti|ma3aya|m3aya|ma3aia|m3aia|"
          // "I only have 4000 for a phone": all the customer has
          + "only have|i have only|have only|only got|i only got|all i have is|all i have)(?<!pro max)";

  private static final String LOWER =
      "(?:اكتر من|اكثر من|فوق|اعلى من|more than|above|over|at least|fo2|aktar men|aktar mn)";

  private static final Pattern RANGE =
      Pattern.compile(
          B
              + "(?:بين|ما بين|من|between|from|ben|bein|mn|men|min)\\s+"
              + NUMBER
              + "\\s*(?:و|w|and|to|ل|لـ|الى|لحد|-|l|le|li|lel|till|until)\\s*"
              + NUMBER
              + E);

  private static final Pattern UPPER_BOUND =
      Pattern.compile(B + "(?:ب|و|وب|ف)?" + UPPER + FILLER + "\\s*(?:[:=]\\s*)?" + NUMBER + E);

  private static final Pattern LOWER_BOUND =
      Pattern.compile(B + LOWER + FILLER + "\\s+" + NUMBER + E);

  /** "20k max", "10000 budget", "20 الف بالكتير": the bound after the amount. */
  private static final Pattern UPPER_AFTER =
      Pattern.compile(
          B
              + NUMBER
              + "\\s*(?:max|maximum|budget|tops|at most|بالكتير|بالكثير|كحد اقصى|بحد اقصى|ba2sa|bel kteer)"
              + E);

  private Budget() {}

  /** The budget said in a normalised text, if any. */
  public static Optional<Range> in(String normalized) {
    String s = normalized == null ? "" : normalized.toLowerCase(java.util.Locale.ROOT);
    Matcher r = RANGE.matcher(s);
    while (r.find()) {
      BigDecimal low = amount(r, 1);
      BigDecimal high = amount(r, 5);
      if (low != null && high != null) {
        // "between 10 and 20k": the second's thousands are the first's too
        if (r.group(4) == null
            && r.group(8) != null
            && low.compareTo(BigDecimal.valueOf(1000)) < 0) {
          low = low.multiply(BigDecimal.valueOf(1000));
        }
        if (plausible(low) && plausible(high) && low.compareTo(high) < 0) {
          return Optional.of(new Range(low, high, r.start(), r.end()));
        }
      }
    }
    for (Pattern p : new Pattern[] {UPPER_BOUND, UPPER_AFTER}) {
      Matcher m = p.matcher(s);
      while (m.find()) {
        BigDecimal max = amount(m, 1);
        if (plausible(max)) {
          return Optional.of(new Range(null, max, m.start(), m.end()));
        }
      }
    }
    Matcher m = LOWER_BOUND.matcher(s);
    while (m.find()) {
      BigDecimal min = amount(m, 1);
      if (plausible(min)) {
        return Optional.of(new Range(min, null, m.start(), m.end()));
      }
    }
    return Optional.empty();
  }

  /** A price a customer could name: not "less than 2 days", "under 5 minutes". */
  private static boolean plausible(BigDecimal v) {
    return v != null && v.compareTo(BigDecimal.valueOf(100)) >= 0;
  }

  /** The number of groups {@code first} (digits), +1 (words), +2 (الفين), +3 (thousands). */
  private static BigDecimal amount(Matcher m, int first) {
    BigDecimal v;
    if (m.group(first) != null) {
      String digits = m.group(first);
      v =
          new BigDecimal(
              digits.matches("\\d{1,3}(?:[,٬.]\\d{3})+") ? digits.replaceAll("[,٬.]", "") : digits);
    } else if (m.group(first + 1) != null) {
      int n = 0;
      for (String w : m.group(first + 1).split("\\s+(?:و|w|and)\\s*|\\s+")) {
        Integer value = WORDS.get(w.strip());
        if (value != null) {
          n += value;
        }
      }
      if (n == 0) {
        return null;
      }
      v = BigDecimal.valueOf(n); // "عشرة" alone is a count, which plausible() refuses
    } else if (m.group(first + 2) != null) {
      return BigDecimal.valueOf(2000);
    } else {
      return null;
    }
    String thousands = m.group(first + 3);
    if (thousands != null) {
      v = v.multiply(BigDecimal.valueOf(1000));
    }
    return v;
  }
}
