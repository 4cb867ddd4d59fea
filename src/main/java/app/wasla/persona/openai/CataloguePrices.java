package app.wasla.persona.openai;

import app.wasla.persona.nlp.EntityExtractor;
import app.wasla.persona.nlp.TextView;
import app.wasla.persona.playbook.Passage;
import app.wasla.persona.playbook.Playbook;
import app.wasla.persona.playbook.Product;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the amounts a model's reply states (EGP, LE, جنيه, ج.م, geneh) against the catalogue: a
 * model talked into "iPhone 15 for 100 EGP" must not say so to the customer. Allowed are the prices
 * of the products the reply or the model names (of all products when it names none), up to ten of
 * them, and the amounts the playbook's passages state (delivery fees, service prices). Amounts the
 * customer wrote are not allowed: the customer controls them.
 */
final class CataloguePrices {

  static final int MAX_QUANTITY = 10;

  private static final String NUMBER =
      "([0-9\\u0660-\\u0669\\u06F0-\\u06F9][0-9\\u0660-\\u0669\\u06F0-\\u06F9,\\u066C\\u060C.\\u066B]*)";
  private static final String CURRENCY =
      "(?:EGP|L\\.?E\\.?|pounds?|geneh|gneh|جنيه(?:ات|ا)?|ج\\.?م|جم)";
  private static final Pattern AFTER =
      Pattern.compile(NUMBER + "\\s*" + CURRENCY, Pattern.CASE_INSENSITIVE);
  private static final Pattern BEFORE =
      Pattern.compile("(?:EGP|LE)\\s*" + NUMBER, Pattern.CASE_INSENSITIVE);

  private final List<Product> products;
  private final EntityExtractor extractor;
  private final Set<BigDecimal> playbookAmounts = new HashSet<>();

  CataloguePrices(Playbook playbook) {
    this.products = playbook.products().stream().filter(p -> p.priceEgp() != null).toList();
    this.extractor = new EntityExtractor(playbook.products());
    for (Passage p : playbook.passages()) {
      playbookAmounts.addAll(
          amounts((p.ar() == null ? "" : p.ar()) + "\n" + (p.en() == null ? "" : p.en())));
    }
  }

  /**
   * The amounts the reply states that neither the catalogue nor the playbook gives; empty when all
   * are right.
   */
  List<BigDecimal> unknownAmounts(String reply, List<String> modelProducts) {
    List<BigDecimal> stated = amounts(reply);
    if (stated.isEmpty()) {
      return List.of();
    }
    Set<Product> named = new HashSet<>(extractor.extract(TextView.of(reply)).products());
    for (String name : modelProducts == null ? List.<String>of() : modelProducts) {
      products.stream()
          .filter(p -> p.nameEn().equalsIgnoreCase(name) || p.nameAr().equals(name))
          .forEach(named::add);
    }
    Set<BigDecimal> allowed = new HashSet<>(playbookAmounts);
    for (Product p : named.isEmpty() ? products : named) {
      for (int q = 1; q <= MAX_QUANTITY; q++) {
        allowed.add(normal(p.priceEgp().multiply(BigDecimal.valueOf(q))));
      }
    }
    if (named.size() > 1) {
      allowed.add(
          normal(named.stream().map(Product::priceEgp).reduce(BigDecimal.ZERO, BigDecimal::add)));
    }
    return stated.stream().filter(a -> !allowed.contains(a)).toList();
  }

  /** Every amount with a currency in the text, as plain numbers. */
  static List<BigDecimal> amounts(String text) {
    List<BigDecimal> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (Pattern p : List.of(AFTER, BEFORE)) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        BigDecimal v = parse(m.group(1));
        if (v != null) {
          out.add(v);
        }
      }
    }
    return out;
  }

  private static BigDecimal parse(String digits) {
    StringBuilder sb = new StringBuilder();
    for (char c : digits.toCharArray()) {
      if (c >= '\u0660' && c <= '\u0669') {
        sb.append((char) ('0' + c - '\u0660'));
      } else if (c >= '\u06F0' && c <= '\u06F9') {
        sb.append((char) ('0' + c - '\u06F0'));
      } else if (c == '.' || c == '\u066B') {
        sb.append('.');
      } else if (Character.isDigit(c)) {
        sb.append(c);
      } // thousands separators (, ٬ ،) are dropped
    }
    String s = sb.toString().replaceAll("\\.+$", "");
    // "47.999" with three digits after the only dot is a thousands separator, as often written in
    // Egypt
    if (s.matches("\\d{1,3}(\\.\\d{3})+")) {
      s = s.replace(".", "");
    }
    try {
      return s.isEmpty() ? null : normal(new BigDecimal(s));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static BigDecimal normal(BigDecimal v) {
    BigDecimal n = v.stripTrailingZeros();
    return n.scale() < 0 ? n.setScale(0) : n;
  }
}
