package app.wasla.channel.whatsapp;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A message Wasla sends to a customer, checked against Meta's limits when built, so that a bad
 * reply fails in the code that made it and not as a rejected HTTP call later. Lengths are counted
 * in Unicode code points.
 */
public sealed interface OutboundMessage {

  /**
   * The Cloud API message type: text, interactive, template, reaction, image, document or location.
   */
  String type();

  /** What the conversation transcript shows for this message. */
  String transcriptText();

  /** A plain text message; {@code previewUrl} lets WhatsApp render a preview of the first link. */
  record Text(String body, boolean previewUrl) implements OutboundMessage {
    public Text {
      MessageLimits.length("text body", body, 1, 4096);
    }

    /** A text without link preview. */
    public static Text of(String body) {
      return new Text(body, false);
    }

    @Override
    public String type() {
      return "text";
    }

    @Override
    public String transcriptText() {
      return body;
    }
  }

  /** An interactive message with 1 to 3 reply buttons; header and footer are optional text. */
  record ReplyButtons(String body, List<Button> buttons, String header, String footer)
      implements OutboundMessage {
    public ReplyButtons {
      MessageLimits.length("interactive body", body, 1, 1024);
      buttons = MessageLimits.copy("buttons", buttons);
      if (buttons.isEmpty() || buttons.size() > 3) {
        throw new IllegalArgumentException(
            "reply buttons: 1 to 3 buttons allowed, got " + buttons.size());
      }
      MessageLimits.unique("button id", buttons.stream().map(Button::id).toList());
      // WhatsApp rejects two buttons with the same label, which the customer could not tell apart
      // anyway.
      MessageLimits.unique("button title", buttons.stream().map(Button::title).toList());
      header = MessageLimits.optional("header", header, 60);
      footer = MessageLimits.optional("footer", footer, 60);
    }

    /** Buttons without header and footer. */
    public static ReplyButtons of(String body, Button... buttons) {
      return new ReplyButtons(body, List.of(buttons), null, null);
    }

    /** One reply button: {@code id} comes back in the webhook, {@code title} is its label. */
    public record Button(String id, String title) {
      public Button {
        MessageLimits.length("button id", id, 1, 256);
        MessageLimits.length("button title", title, 1, 20);
      }
    }

    @Override
    public String type() {
      return "interactive";
    }

    @Override
    public String transcriptText() {
      return body
          + "\n"
          + buttons.stream().map(b -> "[" + b.title() + "]").collect(Collectors.joining(" "));
    }
  }

  /** An interactive list: a button that opens 1 to 10 rows in total, grouped in sections. */
  record ListMessage(
      String body, String buttonText, List<Section> sections, String header, String footer)
      implements OutboundMessage {
    public ListMessage {
      MessageLimits.length("interactive body", body, 1, 1024);
      MessageLimits.length("list button text", buttonText, 1, 20);
      sections = MessageLimits.copy("sections", sections);
      if (sections.isEmpty() || sections.size() > 10) {
        throw new IllegalArgumentException(
            "list: 1 to 10 sections allowed, got " + sections.size());
      }
      if (sections.size() > 1 && sections.stream().anyMatch(s -> s.title() == null)) {
        // WhatsApp needs a title on every section as soon as there is more than one.
        throw new IllegalArgumentException(
            "list: every section needs a title when there are several sections");
      }
      List<Row> rows = sections.stream().flatMap(s -> s.rows().stream()).toList();
      if (rows.size() > 10) {
        throw new IllegalArgumentException("list: at most 10 rows in total, got " + rows.size());
      }
      MessageLimits.unique("row id", rows.stream().map(Row::id).toList());
      header = MessageLimits.optional("header", header, 60);
      footer = MessageLimits.optional("footer", footer, 60);
    }

    /** A titled group of rows; the title may be null only when the list has a single section. */
    public record Section(String title, List<Row> rows) {
      public Section {
        title = MessageLimits.optional("section title", title, 24);
        rows = MessageLimits.copy("rows", rows);
        if (rows.isEmpty()) {
          throw new IllegalArgumentException("list section needs at least 1 row");
        }
      }
    }

    /** One choice: {@code id} comes back in the webhook; the description is optional. */
    public record Row(String id, String title, String description) {
      public Row {
        MessageLimits.length("row id", id, 1, 200);
        MessageLimits.length("row title", title, 1, 24);
        description = MessageLimits.optional("row description", description, 72);
      }
    }

    @Override
    public String type() {
      return "interactive";
    }

    @Override
    public String transcriptText() {
      return body
          + "\n["
          + buttonText
          + ": "
          + sections.stream()
              .flatMap(s -> s.rows().stream())
              .map(Row::title)
              .collect(Collectors.joining(", "))
          + "]";
    }
  }

  /**
   * An interactive call-to-action URL message (Cloud API {@code interactive.type = cta_url}): a
   * body and one button that opens {@code url}, so the customer sees a labelled button instead of a
   * raw link.
   */
  record CtaUrl(String body, String displayText, String url, String header, String footer)
      implements OutboundMessage {
    public CtaUrl {
      MessageLimits.length("interactive body", body, 1, 1024);
      MessageLimits.length("cta display text", displayText, 1, 20);
      MessageLimits.length("cta url", url, 1, 2000);
      if (!url.startsWith("https://") && !url.startsWith("http://")) {
        throw new IllegalArgumentException("cta url must be an http(s) URL");
      }
      header = MessageLimits.optional("header", header, 60);
      footer = MessageLimits.optional("footer", footer, 60);
    }

    public static CtaUrl of(String body, String displayText, String url) {
      return new CtaUrl(body, displayText, url, null, null);
    }

    @Override
    public String type() {
      return "interactive";
    }

    @Override
    public String transcriptText() {
      return body + "\n[" + displayText + ": " + url + "]";
    }
  }

  /**
   * An approved template (the only thing allowed outside the 24-hour window), with positional body
   * parameters.
   */
  record Template(String name, String languageCode, List<String> bodyParameters)
      implements OutboundMessage {
    private static final Pattern LINE_BREAK_OR_TAB = Pattern.compile("[\\n\\r\\t]");

    public Template {
      MessageLimits.length("template name", name, 1, 512);
      MessageLimits.length("template language code", languageCode, 2, 15);
      bodyParameters = MessageLimits.copy("template body parameters", bodyParameters);
      for (String p : bodyParameters) {
        // Meta refuses parameters that are empty, contain line breaks or tabs, or more than 4
        // spaces in a row.
        if (p.isBlank() || LINE_BREAK_OR_TAB.matcher(p).find() || p.contains("     ")) {
          throw new IllegalArgumentException(
              "template parameter must be non-blank, without line breaks, tabs or more than 4 consecutive spaces");
        }
      }
    }

    @Override
    public String type() {
      return "template";
    }

    @Override
    public String transcriptText() {
      return bodyParameters.isEmpty()
          ? "[template " + name + "]"
          : "[template " + name + ": " + String.join(", ", bodyParameters) + "]";
    }
  }

  /** A reaction to a customer's message; an empty emoji removes an earlier reaction. */
  record Reaction(String messageWamid, String emoji) implements OutboundMessage {
    public Reaction {
      MessageLimits.length("reaction message id", messageWamid, 1, 512);
      if (emoji == null) {
        throw new IllegalArgumentException(
            "reaction emoji must not be null (use \"\" to remove a reaction)");
      }
    }

    @Override
    public String type() {
      return "reaction";
    }

    @Override
    public String transcriptText() {
      return emoji.isEmpty() ? "removed reaction" : "reacted " + emoji;
    }
  }

  /**
   * A photo (JPEG or PNG, at most 5 MB as Meta takes it), either by a public https {@code link}
   * that Meta fetches, or by the {@code mediaId} an upload ({@code POST /{phone-number-id}/media})
   * returned: exactly one of the two. The caption is optional, at most 1024 characters.
   */
  record Image(String link, String mediaId, String caption) implements OutboundMessage {
    public Image {
      MessageLimits.oneSource("image", link, mediaId);
      caption = MessageLimits.optional("image caption", caption, 1024);
    }

    public static Image ofLink(String link, String caption) {
      return new Image(link, null, caption);
    }

    public static Image ofMediaId(String mediaId, String caption) {
      return new Image(null, mediaId, caption);
    }

    @Override
    public String type() {
      return "image";
    }

    @Override
    public String transcriptText() {
      return caption == null ? "[image]" : caption;
    }
  }

  /**
   * A document (a PDF, an office file, at most 100 MB as Meta takes it) by {@code link} or {@code
   * mediaId} (exactly one), with the file name the customer sees (optional, at most 240 characters)
   * and an optional caption (at most 1024).
   */
  record Document(String link, String mediaId, String filename, String caption)
      implements OutboundMessage {
    public Document {
      MessageLimits.oneSource("document", link, mediaId);
      filename = MessageLimits.optional("document filename", filename, 240);
      caption = MessageLimits.optional("document caption", caption, 1024);
    }

    @Override
    public String type() {
      return "document";
    }

    @Override
    public String transcriptText() {
      String name = "[document" + (filename == null ? "" : ": " + filename) + "]";
      return caption == null ? name : name + " " + caption;
    }
  }

  /**
   * A location pin: coordinates in degrees, an optional place name and address (each at most 1000
   * characters).
   */
  record Location(double latitude, double longitude, String name, String address)
      implements OutboundMessage {
    public Location {
      if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
        throw new IllegalArgumentException(
            "location must have a latitude in [-90, 90] and a longitude in [-180, 180], got "
                + latitude
                + ", "
                + longitude);
      }
      name = MessageLimits.optional("location name", name, 1000);
      address = MessageLimits.optional("location address", address, 1000);
    }

    /** The map link the transcript and the simulator show. */
    public String mapUrl() {
      return "https://maps.google.com/?q=" + latitude + "," + longitude;
    }

    @Override
    public String type() {
      return "location";
    }

    @Override
    public String transcriptText() {
      String place =
          java.util.stream.Stream.of(name, address)
              .filter(java.util.Objects::nonNull)
              .collect(Collectors.joining(", "));
      return "[location" + (place.isEmpty() ? "" : ": " + place) + "] " + mapUrl();
    }
  }
}
