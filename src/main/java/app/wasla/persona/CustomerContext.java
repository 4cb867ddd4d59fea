package app.wasla.persona;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the CRM knows about the customer: {@code tags} are the rules' (DMN), {@code manualTags} the
 * agents' own, which may say things about the customer that are not for a model's prompt.
 *
 * @param subscribedToOffers the customer opted in to marketing and has not opted out since: offers
 *     come to them as they are announced, and they are never asked to subscribe
 * @param lastMarketingAt when the latest marketing template (a campaign's) was sent to the
 *     customer, or null: a reply to it ("Show me", "what's new?") is interest in what it offered
 */
public record CustomerContext(
    String name,
    String preferredLanguage,
    List<String> tags,
    BigDecimal totalSpend,
    int orders,
    BigDecimal openBalance,
    List<String> manualTags,
    boolean subscribedToOffers,
    Instant lastMarketingAt) {

  public CustomerContext {
    tags = tags == null ? List.of() : List.copyOf(tags);
    manualTags = manualTags == null ? List.of() : List.copyOf(manualTags);
  }

  /** A customer of whose marketing nothing is known. */
  public CustomerContext(
      String name,
      String preferredLanguage,
      List<String> tags,
      BigDecimal totalSpend,
      int orders,
      BigDecimal openBalance,
      List<String> manualTags) {
    this(name, preferredLanguage, tags, totalSpend, orders, openBalance, manualTags, false, null);
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

  /** The same customer with what their marketing consent and the latest campaign send say. */
  public CustomerContext withMarketing(boolean subscribed, Instant lastMarketing) {
    return new CustomerContext(
        name,
        preferredLanguage,
        tags,
        totalSpend,
        orders,
        openBalance,
        manualTags,
        subscribed,
        lastMarketing);
  }
}
