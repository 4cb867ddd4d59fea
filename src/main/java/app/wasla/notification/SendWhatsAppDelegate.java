package app.wasla.notification;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.conversation.FlowMessages;
import app.wasla.conversation.MarketingConsent;
import app.wasla.conversation.MarketingOptOutException;
import app.wasla.conversation.TemplateCategory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${sendWhatsApp}}: a step an analyst adds to a flow to send the conversation's customer one
 * WhatsApp message of its own: a text, reply buttons, a list, an approved template, a photo, a
 * document or a location. What to send comes from the task's input parameters (the element
 * templates "Send a WhatsApp ..." set them); texts may hold expressions such as {@code
 * ${customerName}}. A tapped button or list row comes back as the next turn's {@code replyId}: its
 * title. The message leaves after the step's transaction commits, through the outbox, like the
 * persona's replies; a template is checked against the business's list first, and a marketing
 * template is not sent to a customer who opted out. Bad input is a technical failure (an incident
 * in Cockpit), never a half-sent message.
 */
@Component("sendWhatsApp")
class SendWhatsAppDelegate implements JavaDelegate {

  static final String KIND = "messageKind";
  static final String TEXT = "messageText";
  static final String BUTTONS = "messageButtons";
  static final String LIST_BUTTON = "listButtonText";
  static final String ROWS = "listRows";
  static final String TEMPLATE_NAME = "templateName";
  static final String TEMPLATE_LANGUAGE = "templateLanguage";
  static final String TEMPLATE_PARAMETERS = "templateParameters";
  static final String TEMPLATE_NAMED_PARAMETERS = "templateNamedParameters";
  static final String TEMPLATE_HEADER_TYPE = "templateHeaderType";
  static final String TEMPLATE_HEADER = "templateHeader";
  static final String TEMPLATE_BUTTONS = "templateButtons";
  static final String MEDIA_LINK = "mediaLink";
  static final String CAPTION = "mediaCaption";
  static final String FILENAME = "documentFilename";
  static final String LATITUDE = "latitude";
  static final String LONGITUDE = "longitude";
  static final String LOCATION_NAME = "locationName";
  static final String LOCATION_ADDRESS = "locationAddress";

  private final FlowMessages messages;
  private final TemplateCatalogue templates;
  private final MarketingConsent consent;

  SendWhatsAppDelegate(
      FlowMessages messages, TemplateCatalogue templates, MarketingConsent consent) {
    this.messages = messages;
    this.templates = templates;
    this.consent = consent;
  }

  @Override
  public void execute(DelegateExecution execution) {
    messages.send(execution, message(execution));
  }

  OutboundMessage message(DelegateExecution execution) {
    String kind = required(execution, KIND);
    return switch (kind) {
      case "text" -> OutboundMessage.Text.of(required(execution, TEXT));
      case "buttons" ->
          new OutboundMessage.ReplyButtons(
              required(execution, TEXT),
              choices(required(execution, BUTTONS)).stream()
                  .map(title -> new OutboundMessage.ReplyButtons.Button(title, title))
                  .toList(),
              null,
              null);
      case "list" ->
          new OutboundMessage.ListMessage(
              required(execution, TEXT),
              required(execution, LIST_BUTTON),
              List.of(
                  new OutboundMessage.ListMessage.Section(
                      null,
                      choices(required(execution, ROWS)).stream()
                          .map(title -> new OutboundMessage.ListMessage.Row(title, title, null))
                          .toList())),
              null,
              null);
      case "template" -> template(execution);
      case "image" ->
          OutboundMessage.Image.ofLink(
              required(execution, MEDIA_LINK), optional(execution, CAPTION));
      case "document" ->
          new OutboundMessage.Document(
              required(execution, MEDIA_LINK),
              null,
              optional(execution, FILENAME),
              optional(execution, CAPTION));
      case "location" ->
          new OutboundMessage.Location(
              number(execution, LATITUDE),
              number(execution, LONGITUDE),
              optional(execution, LOCATION_NAME),
              optional(execution, LOCATION_ADDRESS));
      default ->
          throw new IllegalArgumentException(
              "${sendWhatsApp}: "
                  + KIND
                  + " must be text, buttons, list, template, image, document or location, got "
                  + kind);
    };
  }

  private OutboundMessage template(DelegateExecution execution) {
    String name = required(execution, TEMPLATE_NAME);
    String language = required(execution, TEMPLATE_LANGUAGE);
    String parameters = optional(execution, TEMPLATE_PARAMETERS);
    List<String> values = parameters == null ? List.of() : choices(parameters);
    Map<String, String> named = new LinkedHashMap<>();
    String namedParameters = optional(execution, TEMPLATE_NAMED_PARAMETERS);
    if (namedParameters != null) {
      pairs(TEMPLATE_NAMED_PARAMETERS, namedParameters).forEach(named::put);
    }
    OutboundMessage.Template.Header header = null;
    String headerType = optional(execution, TEMPLATE_HEADER_TYPE);
    if (headerType != null) {
      String value = required(execution, TEMPLATE_HEADER);
      header =
          headerType.equalsIgnoreCase("text")
              ? OutboundMessage.Template.Header.text(value)
              : OutboundMessage.Template.Header.media(headerType, value);
    }
    List<OutboundMessage.Template.Button> buttons = new ArrayList<>();
    String buttonValues = optional(execution, TEMPLATE_BUTTONS);
    if (buttonValues != null) {
      pairs(TEMPLATE_BUTTONS, buttonValues)
          .forEach(
              (index, value) -> {
                try {
                  buttons.add(
                      new OutboundMessage.Template.Button(Integer.parseInt(index), null, value));
                } catch (NumberFormatException e) {
                  throw new IllegalArgumentException(
                      "${sendWhatsApp}: "
                          + TEMPLATE_BUTTONS
                          + " takes index=value pairs (0=${orderId}), got "
                          + index);
                }
              });
    }
    OutboundMessage.Template message =
        templates
            .check(new OutboundMessage.Template(name, language, values, named, header, buttons))
            .message();
    TemplateCategory category =
        templates.category(name, language).orElse(TemplateCategory.MARKETING);
    if (category == TemplateCategory.MARKETING
        && !consent.allowsMarketing(FlowMessages.conversation(execution))) {
      throw new MarketingOptOutException(
          "${sendWhatsApp}: the customer opted out of marketing (STOP): template "
              + name
              + " not sent");
    }
    if (category == TemplateCategory.MARKETING
        && !consent.mayGetMarketing(FlowMessages.conversation(execution))) {
      throw new app.wasla.conversation.MarketingConsentMissingException(
          "${sendWhatsApp}: template "
              + name
              + " not sent: "
              + app.wasla.conversation.OutboundMessages.noOptIn(
                  FlowMessages.conversation(execution).toString()));
    }
    return message;
  }

  /** {@code key=value} pairs separated by '|', in their order; the value may hold '='. */
  private static Map<String, String> pairs(String input, String value) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String pair : choices(value)) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "${sendWhatsApp}: " + input + " takes key=value pairs separated by |, got " + pair);
      }
      pairs.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
    }
    return pairs;
  }

  /** Titles or values separated by '|', each trimmed; empty ones left out. */
  private static List<String> choices(String value) {
    return Arrays.stream(value.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String required(DelegateExecution execution, String name) {
    String value = optional(execution, name);
    if (value == null) {
      throw new IllegalArgumentException(
          "${sendWhatsApp} needs the input parameter " + name + " (the element template sets it)");
    }
    return value;
  }

  private static String optional(DelegateExecution execution, String name) {
    Object value = execution.getVariableLocal(name);
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }

  private static double number(DelegateExecution execution, String name) {
    String value = required(execution, name);
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "${sendWhatsApp}: " + name + " must be a number, got " + value, e);
    }
  }
}
