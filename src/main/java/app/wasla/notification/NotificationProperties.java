package app.wasla.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Transactional notifications: which template each event type becomes and which of the event's
 * fields fill its parameters ({@code wasla.notifications.types.<type>.template}, {@code
 * .parameters} by position, {@code .named-parameters} by name, {@code .header}, {@code .buttons});
 * the language when neither the event nor the CRM knows the customer's; the business number when
 * the event names none; whether a customer who opted out of marketing still gets them (yes by
 * default: they are utility messages, which WhatsApp's policy allows).
 */
@ConfigurationProperties("wasla.notifications")
public record NotificationProperties(
    Map<String, Type> types,
    @DefaultValue("ar") String defaultLanguage,
    String phoneNumberId,
    @DefaultValue("false") boolean respectMarketingOptOut) {

  /**
   * One event type: its template; the fields, in the order of the body's parameters, or the field
   * of each named parameter ({@code parameter name -> field}); the header's parameter; the buttons'
   * parameters.
   */
  public record Type(
      String template,
      List<String> parameters,
      Map<String, String> namedParameters,
      Header header,
      List<Button> buttons) {
    public Type {
      parameters = parameters == null ? List.of() : List.copyOf(parameters);
      namedParameters =
          namedParameters == null
              ? Map.of()
              : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(namedParameters));
      buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }
  }

  /**
   * The header's parameter: {@code type} text, image, video or document, and the event's {@code
   * field} that holds the text or the media's http(s) link; a document's file name from {@code
   * filename-field} (optional).
   */
  public record Header(String type, String field, String filenameField) {}

  /**
   * A button's parameter: the button's {@code index} in the template (from 0) and the event's
   * {@code field} that holds it (a dynamic URL's suffix, a quick reply's payload, a coupon code);
   * {@code type} (url, quick_reply, copy_code) only when no template list is known.
   */
  public record Button(Integer index, String type, String field) {}

  public NotificationProperties {
    types = types == null ? Map.of() : Map.copyOf(types);
    types.forEach(
        (name, type) -> {
          String prefix = "wasla.notifications.types." + name;
          if (type.template() == null || type.template().isBlank()) {
            throw new IllegalArgumentException(prefix + ".template is required");
          }
          if (!type.parameters().isEmpty() && !type.namedParameters().isEmpty()) {
            throw new IllegalArgumentException(
                prefix + ": parameters (by position) or named-parameters, not both");
          }
          if (type.header() != null
              && (type.header().type() == null
                  || !List.of("text", "image", "video", "document").contains(type.header().type())
                  || type.header().field() == null)) {
            throw new IllegalArgumentException(
                prefix + ".header needs a type (text, image, video or document) and a field");
          }
          for (int i = 0; i < type.buttons().size(); i++) {
            Button b = type.buttons().get(i);
            if (b.index() == null || b.field() == null) {
              throw new IllegalArgumentException(
                  prefix + ".buttons[" + i + "] needs the button's index and a field");
            }
          }
        });
  }
}
