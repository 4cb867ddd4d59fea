package app.wasla.notification;

import app.wasla.conversation.TemplateCategory;
import java.util.List;
import java.util.Locale;

/**
 * One message template as Meta approved it, in one language, with what a send must give.
 *
 * @param parameterCount how many body parameters a send must give ({{1}}..{{n}}, or the named ones)
 * @param parameterNames the names of a template with named parameters, in the order of the body;
 *     empty for positional ones
 * @param header the header, null when the template has none
 * @param buttons the buttons in their order (the index a send names them by)
 * @param body the body's text as approved, with its variables ({{1}} or {{order_number}}); null
 *     when the list does not say
 * @param footer the footer's fixed text, null without one
 */
public record WhatsAppTemplate(
    String name,
    String language,
    TemplateCategory category,
    String status,
    int parameterCount,
    List<String> parameterNames,
    Header header,
    List<Button> buttons,
    String body,
    String footer) {

  public WhatsAppTemplate {
    parameterNames = List.copyOf(parameterNames);
    buttons = List.copyOf(buttons);
  }

  /** A template whose texts are not known. */
  public WhatsAppTemplate(
      String name,
      String language,
      TemplateCategory category,
      String status,
      int parameterCount,
      List<String> parameterNames,
      Header header,
      List<Button> buttons) {
    this(
        name,
        language,
        category,
        status,
        parameterCount,
        parameterNames,
        header,
        buttons,
        null,
        null);
  }

  /**
   * The template's header: {@code format} TEXT, IMAGE, VIDEO, DOCUMENT or LOCATION; {@code
   * parameter} whether a send must give it (a text header's variable, the media, the place); {@code
   * parameterName} the variable's name in a template with named parameters; {@code text} a TEXT
   * header's text as approved (with its variable), null for the others.
   */
  public record Header(String format, boolean parameter, String parameterName, String text) {
    public Header {
      format = format.toUpperCase(Locale.ROOT);
    }

    public Header(String format, boolean parameter, String parameterName) {
      this(format, parameter, parameterName, null);
    }

    /** The type a send's header parameter has: text, image, video, document, location. */
    public String parameterType() {
      return format.toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One button: its {@code index} (0-based), Meta's {@code type} (URL, QUICK_REPLY, COPY_CODE, OTP,
   * PHONE_NUMBER, FLOW, ...) and label; {@code parameter} the sub type of the parameter a send
   * gives it (url for a dynamic URL's suffix or an authentication code, quick_reply for a payload,
   * copy_code for a coupon code), null when it takes none; {@code required} whether a send must
   * give it (a quick reply's payload is optional: without it the button's label comes back); {@code
   * url} a URL button's link as approved (ending with {{1}} when dynamic), or {@code tel:<number>}
   * for a phone number button, null for the others.
   */
  public record Button(
      int index, String type, String text, String parameter, boolean required, String url) {

    public Button(int index, String type, String text, String parameter, boolean required) {
      this(index, type, text, parameter, required, null);
    }

    /** How the error messages name it: {@code button 0 (URL "Track")}. */
    public String label() {
      return "button " + index + " (" + type + (text.isEmpty() ? "" : " \"" + text + "\"") + ")";
    }
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
