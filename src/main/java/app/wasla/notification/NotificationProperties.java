package app.wasla.notification;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Transactional notifications: which template each event type becomes and which of the event's
 * fields fill its body parameters ({@code wasla.notifications.types.<type>.template}, {@code
 * .parameters}); the language when neither the event nor the CRM knows the customer's; the business
 * number when the event names none; whether a customer who opted out of marketing still gets them
 * (yes by default: they are utility messages, which WhatsApp's policy allows).
 */
@ConfigurationProperties("wasla.notifications")
public record NotificationProperties(
    Map<String, Type> types,
    @DefaultValue("ar") String defaultLanguage,
    String phoneNumberId,
    @DefaultValue("false") boolean respectMarketingOptOut) {

  /** One event type: its template and the fields, in the order of the body's parameters. */
  public record Type(String template, List<String> parameters) {
    public Type {
      parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }
  }

  public NotificationProperties {
    types = types == null ? Map.of() : Map.copyOf(types);
    types.forEach(
        (name, type) -> {
          if (type.template() == null || type.template().isBlank()) {
            throw new IllegalArgumentException(
                "wasla.notifications.types." + name + ".template is required");
          }
        });
  }
}
