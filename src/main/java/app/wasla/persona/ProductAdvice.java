package app.wasla.persona;

import app.wasla.persona.nlp.Budget;
import app.wasla.persona.playbook.Product;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which phone to recommend for what the customer uses it for most: the camera, games, the battery
 * or the price ("تصوير اكتر حاجة", "mostly camera tbh", "a7san mobile lel gaming", "أريد هاتفاً
 * بطاريته تدوم"). The answer to Nour's own "what do you use the phone for most?" after a
 * comparison, and a question of its own. Phones are ranked by the catalogue's specifications
 * ({@code specs_en}): a telephoto lens and then the main camera's megapixels for photos; the
 * screen's refresh rate and then the price (the chip) for games; the battery's mAh and then the
 * charging watts for the battery; the price for value.
 */
final class ProductAdvice {

  enum Use {
    CAMERA,
    GAMING,
    BATTERY,
    VALUE
  }

  private static final Pattern CAMERA =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:و|ب|ل|ال|بال|وال|لل)?(تصوير|كاميرا|كاميره|كاميرته|كاميرتها|كاميرات|كاميراته|كاميراتها|سيلفي|camera|cameras|photos|"
              // not "صور" or "pictures" alone: "ابعتلي صور" asks for a product's photos
              + "photography|selfie|selfies|taswer|tasweer|taswir|el taswer|kamera|camira|el camera)(?![\\p{L}\\p{N}])");

  private static final Pattern GAMING =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:و|ب|ل|ال|بال|وال|لل)?(العاب|جيمز|جيمنج|جيمينج|ببجي|فري فاير|gaming|games|game|gamer|pubg|"
              + "free fire|fortnite|al3ab|el al3ab|gamez|gaming)(?![\\p{L}\\p{N}])");

  private static final Pattern BATTERY =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:و|ب|ل|ال|بال|وال|لل)?(بطاريه|بطاريته|بطاريتها|يعيش|شحنه يقعد|battery|batteries|"
              + "battery life|betarya|battarya|el battery|el betarya|batterya)(?![\\p{L}\\p{N}])");

  private static final Pattern VALUE =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(اقتصادي|رخيص|ارخص حاجه|سعره كويس|سعر كويس|على قدي|value for money|cheap|"
              + "budget|affordable|r5ees|rekhis|ra5ees|cheapest)(?![\\p{L}\\p{N}])");

  /** Words that make it a repair or a fault: "تغيير بطارية", "battery drains fast". */
  private static final Pattern NOT_A_CHOICE =
      Pattern.compile(
          "(تغيير|تغير|اغير|هغير|نغير|يتغير|تتغير|تصليح|صيانه|اصلاح|استبدال|بتسخن|بايظ|بتفصل|بتخلص|مكسور|مشكله|replace|repair|fix|"
              + "change|drain|drains|dies|broken|problem|issue|ta8yeer|taghyeer|tasle7|ta2sleh|bayez|"
              + "betefsel|ضمان|warranty|شحن|charger|charging|shahen|sha7en)");

  /** The customer's use, when the text names one and is not about a repair or a charger. */
  static Optional<Use> of(String normalized, String raw) {
    String s = normalized + " " + raw.toLowerCase(Locale.ROOT);
    if (NOT_A_CHOICE.matcher(s).find()) {
      return Optional.empty();
    }
    if (CAMERA.matcher(s).find()) {
      return Optional.of(Use.CAMERA);
    }
    if (GAMING.matcher(s).find()) {
      return Optional.of(Use.GAMING);
    }
    if (BATTERY.matcher(s).find()) {
      return Optional.of(Use.BATTERY);
    }
    if (VALUE.matcher(s).find()) {
      return Optional.of(Use.VALUE);
    }
    return Optional.empty();
  }

  /** The phones for this use, best first, within the budget if one is said; at most three. */
  static List<Product> rank(List<Product> catalogue, Use use, Budget.Range budget) {
    Comparator<Product> best =
        switch (use) {
          case CAMERA ->
              Comparator.comparingDouble((Product p) -> zoom(p))
                  .thenComparingInt(p -> number(p, "(\\d+)\\s*MP"))
                  .thenComparing(Product::priceEgp)
                  .reversed();
          case GAMING ->
              Comparator.comparingInt((Product p) -> number(p, "(\\d+)\\s*Hz"))
                  .thenComparing(Product::priceEgp)
                  .reversed();
          case BATTERY ->
              Comparator.comparingInt((Product p) -> number(p, "([\\d,]+)\\s*mAh"))
                  .thenComparingInt(p -> number(p, "(\\d+)\\s*W charging"))
                  .reversed();
          case VALUE -> Comparator.comparing(Product::priceEgp);
        };
    return catalogue.stream()
        .filter(p -> "phone".equals(p.category()) && p.priceEgp() != null)
        .filter(p -> budget == null || budget.admits(p.priceEgp()))
        .sorted(best)
        .limit(3)
        .toList();
  }

  /** What of the product's specifications speaks to the use: "50 MP + 3x telephoto". */
  static String feature(Product p, Use use, boolean arabic) {
    String specs = arabic ? p.specsAr() : p.specsEn();
    String pattern =
        switch (use) {
          case CAMERA -> arabic ? "كاميرا[^،]*" : "\\d+ MP[^,]*";
          case GAMING ->
              arabic
                  ? "معالج [^،]*"
                  : "(?:A1\\d[\\w ]*|Exynos \\d+|Snapdragon \\d+|Dimensity \\d+|Helio \\w+)";
          case BATTERY -> arabic ? "بطارية[^،]*" : "[\\d,]+ mAh";
          case VALUE -> "$^";
        };
    Matcher m = Pattern.compile(pattern).matcher(specs);
    return m.find() ? m.group().strip() : "";
  }

  private static double zoom(Product p) {
    Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)x telephoto").matcher(p.specsEn());
    if (m.find()) {
      return Double.parseDouble(m.group(1));
    }
    return p.specsEn().contains("telephoto") ? 1.5 : 0;
  }

  private static int number(Product p, String regex) {
    Matcher m = Pattern.compile(regex).matcher(p.specsEn());
    return m.find() ? Integer.parseInt(m.group(1).replace(",", "")) : 0;
  }

  private ProductAdvice() {}
}
