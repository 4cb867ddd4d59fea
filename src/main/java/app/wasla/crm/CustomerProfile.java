package app.wasla.crm;

import app.wasla.conversation.ConversationKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the CRM knows about one customer: profile, lifetime figures, consent, tags and custom
 * attributes.
 *
 * @param conversations conversations (process instances) the customer has had
 * @param totalSpend what the customer has paid, in {@code currency}
 * @param openBalance ordered and not yet paid
 * @param negativeTurnsInARow turns in a row the persona read as negative
 * @param marketingOptOut true after STOP / إلغاء until START / اشتراك
 * @param marketingOptInAt when the customer last agreed to marketing (START, or consent the shop
 *     captured and posted), or null: a campaign reaches only customers who did and did not opt out
 * @param marketingOptInSource where that consent came from ({@code whatsapp}, {@code checkout},
 *     ...)
 * @param erasedAt when personal data was erased, or null
 */
public record CustomerProfile(
    String customerKey,
    String phoneNumberId,
    String waId,
    String name,
    String preferredLanguage,
    Instant firstContactAt,
    Instant lastContactAt,
    int conversations,
    int orders,
    BigDecimal totalSpend,
    BigDecimal openBalance,
    String currency,
    Instant lastOrderAt,
    String lastIntent,
    int negativeTurnsInARow,
    boolean marketingOptOut,
    Instant consentChangedAt,
    Instant marketingOptInAt,
    String marketingOptInSource,
    Instant erasedAt,
    List<Tag> tags,
    Map<String, String> attributes) {

  /** A tag the customer carries: {@code source} RULE (the DMN table) or MANUAL (an agent). */
  public record Tag(String name, String source, Instant since, String by) {}

  public CustomerProfile {
    tags = tags == null ? List.of() : List.copyOf(tags);
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /** The same profile with these tags. */
  public CustomerProfile withTags(List<Tag> newTags) {
    return new CustomerProfile(
        customerKey,
        phoneNumberId,
        waId,
        name,
        preferredLanguage,
        firstContactAt,
        lastContactAt,
        conversations,
        orders,
        totalSpend,
        openBalance,
        currency,
        lastOrderAt,
        lastIntent,
        negativeTurnsInARow,
        marketingOptOut,
        consentChangedAt,
        marketingOptInAt,
        marketingOptInSource,
        erasedAt,
        newTags,
        attributes);
  }

  /** The tag names, each once, sorted. */
  public List<String> tagNames() {
    return tags.stream().map(Tag::name).distinct().sorted().toList();
  }

  @Override
  public String toString() {
    return "CustomerProfile[" + ConversationKey.mask(customerKey) + ", tags=" + tagNames() + "]";
  }
}
