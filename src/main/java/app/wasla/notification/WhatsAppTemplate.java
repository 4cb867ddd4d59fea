package app.wasla.notification;

import app.wasla.conversation.TemplateCategory;
import java.util.List;

/**
 * One message template as Meta approved it, in one language.
 *
 * @param parameterCount how many body parameters a send must give ({{1}}..{{n}}, or the named ones)
 * @param parameterNames the names of a template with named parameters, in the order of the body;
 *     empty for positional ones
 * @param buttons each button as {@code TYPE: text}
 */
public record WhatsAppTemplate(
    String name,
    String language,
    TemplateCategory category,
    String status,
    int parameterCount,
    List<String> parameterNames,
    List<String> buttons) {

  public WhatsAppTemplate {
    parameterNames = List.copyOf(parameterNames);
    buttons = List.copyOf(buttons);
  }

  /** Only an approved template can be sent. */
  public boolean approved() {
    return "APPROVED".equalsIgnoreCase(status);
  }

  /** name and language, as the error messages name them: {@code order_shipped/ar}. */
  public String label() {
    return name + "/" + language;
  }
}
