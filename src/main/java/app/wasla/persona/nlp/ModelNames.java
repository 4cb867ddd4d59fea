package app.wasla.persona.nlp;

import app.wasla.persona.playbook.Product;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone models named by their line and generation ("ايفون ١٦ برو ماكس", "galaxy s25", "ريدمي نوت
 * 14", "reno 12"), told apart from what the catalogue sells: a line the catalogue has (iPhone,
 * Galaxy S and A, Redmi Note, Reno) in a generation or variant it lacks is a model the shop does
 * not have, and must be said so; it is never read as the catalogue's nearest model ("برو ماكس" of
 * "ايفون ١٦ برو ماكس" is not the iPhone 15 Pro Max) nor its number as a quantity.
 */
public final class ModelNames {

  /** A model the catalogue does not have, where it stands in the text, and its nearest products. */
  public record Unsold(int start, int end, String nameEn, String nameAr, List<Product> nearest) {
    public Unsold {
      nearest = List.copyOf(nearest);
    }
  }

  private record Line(String family, String en, String ar, Pattern said) {}

  private static final String B = "(?<![\\p{L}\\p{N}])";
  private static final String E = "(?![\\p{L}\\p{N}])";

  /**
   * An Arabic conjunction or preposition written onto the name: "وآيفون 13" ("and the iPhone 13"),
   * "بايفون", "لجالاكسي".
   */
  private static final String CLITIC = "(?:و|ب|ل|ف|وب|ول|وال|بال|لل)?";

  private static final String SAMSUNG =
      CLITIC + "(?:ال)?(?:سامسونج|سامسونغ|samsung|galaxy|جالاكسي|جلاكسي)";
  private static final String VARIANT =
      "(?:\\s*(pro max|promax|برو ماكس|بروماكس|pro|برو|plus(?!\\s+(?:the|a|an|one|two|three|four|five|my|some|\\d+)(?![\\p{L}\\p{N}]))|بلس|mini|ميني|ultra|الترا))?";

  /**
   * Galaxy's variants, with FE ("s23 fe"); an Arabizi "fe" ("in") followed by a place or an article
   * ("el s24 fe far3 eskendreya?") is not one.
   */
  private static final String GALAXY_VARIANT =
      "(?:\\s*(pro max|promax|برو ماكس|بروماكس|pro|برو|plus(?!\\s+(?:the|a|an|one|two|three|four|five|my|some|\\d+)(?![\\p{L}\\p{N}]))|بلس|mini|ميني|ultra|الترا|"
          + "fe(?!\\s+(?:(?:el|al|l|ay|any)(?![\\p{L}])|far|fro|stock|sto2|eskend|iskand|alex|cairo|kahera|qahera|masr|nasr|smo|3and))))?";

  private static final List<Line> LINES =
      List.of(
          new Line(
              "iphone",
              "iPhone ",
              "آيفون ",
              Pattern.compile(
                  B
                      + CLITIC
                      + "(?:ال)?(?:ايفون|ايفن|iphone|i phone|ifone|ayfon|aifon)\\s*()(\\d{1,2})"
                      + VARIANT
                      + E)),
          new Line(
              "galaxy",
              "Galaxy ",
              "جالاكسي ",
              Pattern.compile(B + "(?:" + SAMSUNG + "\\s+)*([sa])(\\d{2})" + GALAXY_VARIANT + E)),
          new Line(
              "galaxy",
              "Galaxy ",
              "جالاكسي ",
              Pattern.compile(
                  B + "(?:" + SAMSUNG + "\\s+)+(s|a|اس|ايه)\\s+(\\d{2})" + GALAXY_VARIANT + E)),
          new Line(
              "note",
              "Redmi Note ",
              "ريدمي نوت ",
              Pattern.compile(
                  B
                      + CLITIC
                      + "(?:(?:(?:ال)?(?:ريدمي|ردمي|redmi|شاومي|xiaomi)\\s+)+(?:note|نوت)|نوت)\\s*()(\\d{1,2})"
                      + VARIANT
                      + E)),
          new Line(
              "reno",
              "Reno ",
              "رينو ",
              Pattern.compile(
                  B
                      + CLITIC
                      + "(?:(?:اوبو|oppo)\\s+)?(?:رينو|reno)\\s*()(\\d{1,2})"
                      + VARIANT
                      + E)));

  private static final Map<String, String> VARIANTS =
      Map.ofEntries(
          Map.entry("promax", "pro max"),
          Map.entry("برو ماكس", "pro max"),
          Map.entry("بروماكس", "pro max"),
          Map.entry("برو", "pro"),
          Map.entry("بلس", "plus"),
          Map.entry("ميني", "mini"),
          Map.entry("الترا", "ultra"));

  private static final Map<String, String> VARIANT_AR =
      Map.of(
          "pro max", "برو ماكس",
          "pro", "برو",
          "plus", "بلس",
          "mini", "ميني",
          "ultra", "الترا",
          "fe", "FE");

  private static final Pattern CATALOGUE_NAME =
      Pattern.compile(
          "(iphone|galaxy|note|reno) ([sa])?(\\d{1,2})(?: (pro max|pro|plus|mini|ultra|fe))?(?![a-z0-9])");

  /** A catalogue phone of a line: its line and letter ("galaxy" + "s"), generation and variant. */
  private record Model(String family, String letter, int number, String variant, Product product) {}

  private final List<Model> catalogue = new ArrayList<>();

  public ModelNames(List<Product> products) {
    for (Product p : products) {
      Matcher m = CATALOGUE_NAME.matcher(p.nameEn().toLowerCase(Locale.ROOT));
      if (m.find() && p.priceEgp() != null) {
        catalogue.add(
            new Model(
                m.group(1),
                m.group(2) == null ? "" : m.group(2),
                Integer.parseInt(m.group(3)),
                m.group(4) == null ? "" : m.group(4),
                p));
      }
    }
  }

  /** The models the (normalised, space-padded) text names that the catalogue does not have. */
  public List<Unsold> unsold(CharSequence text) {
    List<Unsold> found = new ArrayList<>();
    for (Line line : LINES) {
      Matcher m = line.said().matcher(text);
      while (m.find()) {
        int start = m.start();
        if (found.stream().anyMatch(u -> start < u.end() && m.end() > u.start())) {
          continue;
        }
        String letter = letter(m.group(1));
        int number = Integer.parseInt(m.group(2));
        String variant = m.group(3) == null ? "" : VARIANTS.getOrDefault(m.group(3), m.group(3));
        List<Model> line_ =
            catalogue.stream().filter(c -> c.family().equals(line.family())).toList();
        if (line_.isEmpty()) {
          continue;
        }
        boolean sold =
            line_.stream()
                .anyMatch(
                    c ->
                        c.letter().equals(letter)
                            && c.number() == number
                            && (variant.isEmpty() || c.variant().equals(variant)));
        if (sold) {
          continue;
        }
        List<Model> sameLetter = line_.stream().filter(c -> c.letter().equals(letter)).toList();
        List<Product> nearest =
            (sameLetter.isEmpty() ? line_ : sameLetter)
                .stream()
                    .sorted(
                        Comparator.comparing((Model c) -> !c.variant().equals(variant))
                            .thenComparingInt(c -> Math.abs(c.number() - number))
                            .thenComparing(c -> c.product().priceEgp(), Comparator.reverseOrder()))
                    .limit(2)
                    .map(Model::product)
                    .toList();
        String model = letter.toUpperCase(Locale.ROOT) + number;
        String en = line.en() + model + (variant.isEmpty() ? "" : " " + titleCase(variant));
        String ar = line.ar() + model + (variant.isEmpty() ? "" : " " + VARIANT_AR.get(variant));
        found.add(new Unsold(m.start(), m.end(), en, ar, nearest));
      }
    }
    return found;
  }

  private static String letter(String g) {
    if (g == null || g.isEmpty()) {
      return "";
    }
    return switch (g) {
      case "اس" -> "s";
      case "ايه" -> "a";
      default -> g;
    };
  }

  private static String titleCase(String variant) {
    if (variant.equals("fe")) {
      return "FE";
    }
    StringBuilder sb = new StringBuilder();
    for (String w : variant.split(" ")) {
      sb.append(sb.length() == 0 ? "" : " ")
          .append(Character.toUpperCase(w.charAt(0)))
          .append(w.substring(1));
    }
    return sb.toString();
  }
}
