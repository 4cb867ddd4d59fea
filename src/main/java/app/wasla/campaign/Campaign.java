package app.wasla.campaign;

import app.wasla.channel.whatsapp.OutboundMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A marketing campaign as stored: its template, where each body parameter comes from and the
 * header's and buttons' parameters every recipient gets, its audience's filters, schedule, pace and
 * optional reminder, and where it is.
 */
public record Campaign(
    String id,
    String name,
    String phoneNumberId,
    String template,
    String language,
    List<Parameter> parameters,
    OutboundMessage.Template.Header header,
    List<OutboundMessage.Template.Button> buttons,
    Audience audience,
    Instant startAt,
    Integer ratePerSecond,
    String reminderTemplate,
    Duration reminderAfter,
    Status status,
    Stage stage,
    String processInstanceId,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {

  /** Where a campaign is. */
  public enum Status {
    DRAFT,
    SCHEDULED,
    SENDING,
    PAUSED,
    /** The audience was sent; the reminder (if any) waits for its time. */
    SENT,
    COMPLETED,
    CANCELLED
  }

  /** The audience's first message, or the reminder to those who did not read it. */
  public enum Stage {
    INITIAL,
    REMINDER
  }

  /**
   * One body parameter: a CRM field ({@code name}, {@code firstName}, {@code orders}, {@code
   * totalSpend}, {@code lastOrderDate}, or {@code attribute:<name>} such as {@code
   * attribute:last_product}) and the text used when the customer has none; {@code name} the
   * template's variable ({@code first_name}) for a template with named parameters, null for
   * positional ones.
   */
  public record Parameter(
      String field,
      String fallback,
      @com.fasterxml.jackson.annotation.JsonInclude(
              com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
          String name) {

    public Parameter(String field, String fallback) {
      this(field, fallback, null);
    }
  }

  /** The audience's filters (see {@link app.wasla.crm.MarketingAudience.Filter}). */
  public record Audience(
      List<String> tags,
      List<String> languages,
      Instant lastOrderAfter,
      Instant lastOrderBefore,
      java.math.BigDecimal minTotalSpend,
      java.math.BigDecimal maxTotalSpend,
      List<String> cities) {
    public Audience {
      tags = tags == null ? List.of() : List.copyOf(tags);
      languages = languages == null ? List.of() : List.copyOf(languages);
      cities = cities == null ? List.of() : List.copyOf(cities);
    }
  }

  public Campaign {
    buttons = buttons == null ? List.of() : List.copyOf(buttons);
  }

  /** Whether the template's body parameters go by name ({@code {{first_name}}}). */
  public boolean namedParameters() {
    return !parameters.isEmpty() && parameters.get(0).name() != null;
  }

  /**
   * The template's body parameters for one recipient's values (in the order of {@link
   * #parameters}): by name for a named template, else by position.
   */
  public java.util.Map<String, String> named(List<String> values) {
    java.util.Map<String, String> named = new java.util.LinkedHashMap<>();
    if (namedParameters()) {
      for (int i = 0; i < parameters.size() && i < values.size(); i++) {
        named.put(parameters.get(i).name(), values.get(i));
      }
    }
    return named;
  }

  public boolean reminds() {
    return reminderTemplate != null;
  }

  /**
   * The outbound send's key: one send per campaign, stage and recipient, ever. The recipient is
   * named by its place in the audience, so the key carries no phone number (an erasure leaves it).
   */
  static String sendKey(String campaignId, Stage stage, int seq) {
    return "campaign:" + campaignId + ":" + stage.name().toLowerCase() + ":" + seq;
  }
}
