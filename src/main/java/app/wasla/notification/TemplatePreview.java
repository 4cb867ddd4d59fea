package app.wasla.notification;

import app.wasla.channel.whatsapp.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template send as the customer's phone shows it: the header (its text, or the photo, video,
 * document or place the send gave), the body with its parameters filled in, the footer, and the
 * buttons (a quick reply with the payload that comes back when it is tapped, a link with its URL
 * completed). {@code known} is false when the template list does not know the template in that
 * language: the body is then a readable line of the send's parameters.
 */
public record TemplatePreview(
    String name,
    String language,
    boolean known,
    Header header,
    String body,
    String footer,
    List<Button> buttons) {

  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

  /**
   * The header: {@code type} text, image, video, document or location, with the text, the media's
   * link or media id (and a document's file name), or the place.
   */
  public record Header(
      String type,
      String text,
      String link,
      String mediaId,
      String filename,
      Double latitude,
      Double longitude,
      String name,
      String address) {

    static Header text(String text) {
      return new Header("text", text, null, null, null, null, null, null, null);
    }

    static Header of(OutboundMessage.Template.Header given) {
      return new Header(
          given.type(),
          given.text(),
          given.link(),
          given.mediaId(),
          given.filename(),
          given.latitude(),
          given.longitude(),
          given.name(),
          given.address());
    }
  }

  /**
   * A button as the customer sees it: {@code type} quick_reply (tapping it sends back {@code
   * payload}, the send's payload or else the label), url (opens {@code url}), phone (calls {@code
   * url}, a {@code tel:} link), copy_code (copies {@code code}) or another of Meta's types, in
   * lower case.
   */
  public record Button(
      int index, String type, String text, String payload, String url, String code) {}

  /**
   * The preview as one text for the transcript: the header's text (or {@code [image]}, {@code
   * [document name]}, {@code [location name]}), the body, the footer, then the buttons' labels in
   * brackets.
   */
  public String asRead() {
    List<String> lines = new ArrayList<>();
    if (header != null) {
      lines.add(
          switch (header.type()) {
            case "text" -> header.text();
            case "document" ->
                "[document" + (header.filename() == null ? "" : " " + header.filename()) + "]";
            case "location" ->
                "[location" + (header.name() == null ? "" : " " + header.name()) + "]";
            default -> "[" + header.type() + "]";
          });
    }
    lines.add(body);
    if (footer != null && !footer.isBlank()) {
      lines.add(footer);
    }
    if (!buttons.isEmpty()) {
      lines.add(String.join(" ", buttons.stream().map(b -> "[" + b.text() + "]").toList()));
    }
    return String.join("\n", lines);
  }

  /** The preview of {@code send}; {@code template} is the list's, null when it is not known. */
  static TemplatePreview of(WhatsAppTemplate template, OutboundMessage.Template send) {
    if (template == null) {
      return unknown(send);
    }
    Header header = null;
    if (template.header() != null) {
      WhatsAppTemplate.Header spec = template.header();
      if ("TEXT".equals(spec.format())) {
        String given = send.header() != null ? send.header().text() : null;
        String text =
            spec.text() == null
                ? given
                : fill(
                    spec.text(),
                    given == null ? List.of() : List.of(given),
                    given == null || spec.parameterName() == null
                        ? Map.of()
                        : Map.of(spec.parameterName(), given));
        header = text == null ? null : Header.text(text);
      } else if (send.header() != null) {
        header = Header.of(send.header());
      }
    }
    String body =
        template.body() == null
            ? parameters(send)
            : fill(template.body(), send.bodyParameters(), send.namedParameters());
    List<Button> buttons = new ArrayList<>();
    for (WhatsAppTemplate.Button spec : template.buttons()) {
      String given =
          send.buttons().stream()
              .filter(b -> b.index() == spec.index())
              .map(OutboundMessage.Template.Button::text)
              .findFirst()
              .orElse(null);
      buttons.add(
          switch (spec.type()) {
            case "QUICK_REPLY" ->
                new Button(
                    spec.index(),
                    "quick_reply",
                    spec.text(),
                    given != null ? given : spec.text(),
                    null,
                    null);
            case "URL" ->
                new Button(
                    spec.index(),
                    "url",
                    spec.text(),
                    null,
                    spec.url() == null
                        ? given
                        : fill(spec.url(), given == null ? List.of() : List.of(given), Map.of()),
                    null);
            case "PHONE_NUMBER" ->
                new Button(spec.index(), "phone", spec.text(), null, spec.url(), null);
            case "COPY_CODE", "OTP" ->
                new Button(
                    spec.index(),
                    "copy_code",
                    spec.text().isEmpty() ? "Copy code" : spec.text(),
                    null,
                    null,
                    given);
            default ->
                new Button(
                    spec.index(),
                    spec.type().toLowerCase(Locale.ROOT),
                    spec.text(),
                    null,
                    null,
                    null);
          });
    }
    return new TemplatePreview(
        send.name(), send.languageCode(), true, header, body, template.footer(), buttons);
  }

  /**
   * A template the list does not know: its name and parameters as a readable line, the header as
   * given, and the buttons whose parameters the send gives (a quick reply labelled with its
   * payload, a link's end, a code).
   */
  private static TemplatePreview unknown(OutboundMessage.Template send) {
    List<Button> buttons = new ArrayList<>();
    for (OutboundMessage.Template.Button b : send.buttons()) {
      String type = b.subType() == null ? "" : b.subType();
      buttons.add(
          switch (type) {
            case "quick_reply" ->
                new Button(b.index(), "quick_reply", b.text(), b.text(), null, null);
            case "copy_code" ->
                new Button(b.index(), "copy_code", "Copy code", null, null, b.text());
            default -> new Button(b.index(), "parameter", b.text(), null, null, null);
          });
    }
    String parameters = parameters(send);
    return new TemplatePreview(
        send.name(),
        send.languageCode(),
        false,
        send.header() == null ? null : Header.of(send.header()),
        "Template "
            + send.name()
            + " ("
            + send.languageCode()
            + ")"
            + (parameters.isEmpty() ? "" : ": " + parameters),
        null,
        buttons);
  }

  /** The body's parameters as a line: {@code Mariam, ORD-1} or {@code first_name=Mariam}. */
  private static String parameters(OutboundMessage.Template send) {
    if (!send.namedParameters().isEmpty()) {
      List<String> named = new ArrayList<>();
      send.namedParameters().forEach((k, v) -> named.add(k + "=" + v));
      return String.join(", ", named);
    }
    return String.join(", ", send.bodyParameters());
  }

  /**
   * The text with each {@code {{n}}} replaced by the n-th positional parameter and each {@code
   * {{name}}} by the named one; a variable the send does not fill stays as it is.
   */
  static String fill(String text, List<String> positional, Map<String, String> named) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String variable = m.group(1);
      String value = null;
      if (variable.length() <= 3 && variable.chars().allMatch(Character::isDigit)) {
        int n = Integer.parseInt(variable);
        value = n >= 1 && n <= positional.size() ? positional.get(n - 1) : null;
      }
      if (value == null) {
        value = named.get(variable);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
