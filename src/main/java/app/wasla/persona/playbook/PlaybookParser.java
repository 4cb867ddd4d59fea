package app.wasla.persona.playbook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the playbook's Markdown: passages ({@code ## id}, {@code intent:}, {@code keywords:},
 * {@code ### ar}, {@code ### en}, and optionally {@code ### msa} and {@code ### arabizi}) and the
 * catalogue table ({@code | sku | name_en | name_ar | price_egp | category | aliases |}, optionally
 * with {@code specs_en} and {@code specs_ar}).
 */
public final class PlaybookParser {

  private PlaybookParser() {}

  /** Adds what one Markdown file holds to the given lists. */
  public static void parse(String markdown, List<Passage> passages, List<Product> products) {
    String id = null;
    String intent = null;
    String keywords = "";
    String section = null;
    StringBuilder ar = new StringBuilder();
    StringBuilder en = new StringBuilder();
    StringBuilder msa = new StringBuilder();
    StringBuilder arabizi = new StringBuilder();
    List<String> header = null;
    for (String raw : markdown.split("\\R")) {
      String line = raw.strip();
      if (line.startsWith("|")) {
        List<String> cells = cells(line);
        if (header == null) {
          header = cells.stream().map(String::toLowerCase).toList();
        } else if (!cells.isEmpty() && !cells.get(0).startsWith("-")) {
          products.add(product(header, cells));
        }
        continue;
      }
      header = line.isEmpty() ? header : null;
      if (line.startsWith("## ")) {
        add(passages, id, intent, keywords, ar, en, msa, arabizi);
        id = line.substring(3).strip();
        intent = null;
        keywords = "";
        section = null;
        ar.setLength(0);
        en.setLength(0);
        msa.setLength(0);
        arabizi.setLength(0);
      } else if (id != null && line.startsWith("### ")) {
        section = line.substring(4).strip().toLowerCase();
      } else if (id != null && section == null && line.startsWith("intent:")) {
        intent = line.substring(7).strip();
      } else if (id != null && section == null && line.startsWith("keywords:")) {
        keywords = line.substring(9).strip();
      } else if (id != null && section != null && !line.isEmpty()) {
        StringBuilder target =
            section.startsWith("arabizi")
                ? arabizi
                : section.startsWith("msa") ? msa : section.startsWith("ar") ? ar : en;
        if (target.length() > 0) {
          target.append('\n');
        }
        target.append(line);
      }
    }
    add(passages, id, intent, keywords, ar, en, msa, arabizi);
  }

  private static void add(
      List<Passage> passages,
      String id,
      String intent,
      String keywords,
      StringBuilder ar,
      StringBuilder en,
      StringBuilder msa,
      StringBuilder arabizi) {
    if (id != null && (ar.length() > 0 || en.length() > 0)) {
      passages.add(
          new Passage(
              id,
              "none".equals(intent) ? null : intent,
              keywords,
              ar.toString(),
              en.toString(),
              msa.toString(),
              arabizi.toString()));
    }
  }

  private static List<String> cells(String line) {
    String s = line.strip();
    s = s.substring(1, s.endsWith("|") && s.length() > 1 ? s.length() - 1 : s.length());
    return Arrays.stream(s.split("\\|", -1)).map(String::strip).toList();
  }

  private static Product product(List<String> header, List<String> cells) {
    String sku = cell(header, cells, "sku");
    String nameEn = cell(header, cells, "name_en");
    String nameAr = cell(header, cells, "name_ar");
    String price = cell(header, cells, "price_egp").replace(",", "");
    List<String> aliases = new ArrayList<>();
    for (String a : cell(header, cells, "aliases").split(";")) {
      if (!a.isBlank()) {
        aliases.add(a.strip());
      }
    }
    return new Product(
        sku,
        nameEn,
        nameAr,
        price.isEmpty() ? null : new BigDecimal(price),
        cell(header, cells, "category"),
        aliases,
        cell(header, cells, "specs_en"),
        cell(header, cells, "specs_ar"));
  }

  private static String cell(List<String> header, List<String> cells, String name) {
    int i = header.indexOf(name);
    return i >= 0 && i < cells.size() ? cells.get(i) : "";
  }
}
