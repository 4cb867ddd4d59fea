package app.wasla.persona;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the CRM knows about the customer: {@code tags} are the rules' (DMN), {@code manualTags} the
 * agents' own, which may say things about the customer that are not for a model's prompt.
 */
public record CustomerContext(
    String name,
    String preferredLanguage,
    List<String> tags,
    BigDecimal totalSpend,
    int orders,
    BigDecimal openBalance,
    List<String> manualTags) {

  public CustomerContext {
    tags = tags == null ? List.of() : List.copyOf(tags);
    manualTags = manualTags == null ? List.of() : List.copyOf(manualTags);
  }

  /** A customer without manual tags. */
  public CustomerContext(
      String name,
      String preferredLanguage,
      List<String> tags,
      BigDecimal totalSpend,
      int orders,
      BigDecimal openBalance) {
    this(name, preferredLanguage, tags, totalSpend, orders, openBalance, List.of());
  }
}
