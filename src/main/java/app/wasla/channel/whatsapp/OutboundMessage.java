package app.wasla.channel.whatsapp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
   * An approved template (the only thing allowed outside the 24-hour window) with what its
   * variables take: body parameters by position ({@code {{1}}}..) or by name ({@code
   * {{order_number}}}, a template created with {@code parameter_format: NAMED}), never both; the
   * header's parameter (a text, a photo, a video, a document or a location) when the header has
   * one; and the parameters of its buttons by index (a dynamic URL's suffix, a quick reply's
   * payload, a coupon code). Which of these a template needs is its catalogue's business; here only
   * what Meta refuses whatever the template is.
   */
  record Template(
      String name,
      String languageCode,
      List<String> bodyParameters,
      Map<String, String> namedParameters,
      Header header,
      List<Button> buttons)
      implements OutboundMessage {
    private static final Pattern LINE_BREAK_OR_TAB = Pattern.compile("[\\n\\r\\t]");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[a-z0-9_]{1,100}");

    public Template {
      MessageLimits.length("template name", name, 1, 512);
      MessageLimits.length("template language code", languageCode, 2, 15);
      bodyParameters =
          MessageLimits.copy(
              "template body parameters", bodyParameters == null ? List.of() : bodyParameters);
      bodyParameters.forEach(p -> parameter("template parameter", p));
      Map<String, String> named = new LinkedHashMap<>();
      if (namedParameters != null) {
        namedParameters.forEach(
            (key, value) -> {
              if (key == null || !PARAMETER_NAME.matcher(key).matches()) {
                throw new IllegalArgumentException(
                    "template parameter name must be lowercase letters, digits and underscores, got "
                        + key);
              }
              parameter("template parameter " + key, value);
              named.put(key, value);
            });
      }
      // Keeps the caller's order (the order of the payload and of the transcript).
      namedParameters = Collections.unmodifiableMap(named);
      if (!bodyParameters.isEmpty() && !namedParameters.isEmpty()) {
        throw new IllegalArgumentException(
            "template parameters are either positional or named, not both");
      }
      List<Button> sorted =
          new ArrayList<>(
              MessageLimits.copy("template buttons", buttons == null ? List.of() : buttons));
      sorted.sort(Comparator.comparingInt(Button::index));
      MessageLimits.unique(
          "template button index", sorted.stream().map(b -> Integer.toString(b.index())).toList());
      buttons = List.copyOf(sorted);
    }

    /** A template with positional body parameters only. */
    public Template(String name, String languageCode, List<String> bodyParameters) {
      this(name, languageCode, bodyParameters, null, null, null);
    }

    /**
     * Meta refuses parameters that are empty, contain line breaks or tabs, or more than 4 spaces in
     * a row.
     */
    static void parameter(String what, String value) {
      if (value == null
          || value.isBlank()
          || LINE_BREAK_OR_TAB.matcher(value).find()
          || value.contains("     ")) {
        throw new IllegalArgumentException(
            what
                + " must be non-blank, without line breaks, tabs or more than 4 consecutive spaces");
      }
    }

    /**
     * The header's parameter: {@code type} is text (with {@code text}, and {@code parameterName}
     * for a named template), image, video or document (a public http(s) {@code link} or an uploaded
     * {@code mediaId}, exactly one; a document may name its {@code filename}), or location ({@code
     * latitude}, {@code longitude}, optional {@code name} and {@code address}).
     */
    public record Header(
        String type,
        String text,
        String parameterName,
        String link,
        String mediaId,
        String filename,
        Double latitude,
        Double longitude,
        String name,
        String address) {
      public static final List<String> TYPES =
          List.of("text", "image", "video", "document", "location");

      public Header {
        type = type == null ? null : type.strip().toLowerCase(Locale.ROOT);
        if (type == null || !TYPES.contains(type)) {
          throw new IllegalArgumentException(
              "template header type must be one of " + String.join(", ", TYPES) + ", got " + type);
        }
        boolean media = type.equals("image") || type.equals("video") || type.equals("document");
        if (type.equals("text")) {
          parameter("template header text", text);
          MessageLimits.length("template header text", text, 1, 60);
          if (parameterName != null && !PARAMETER_NAME.matcher(parameterName).matches()) {
            throw new IllegalArgumentException(
                "template header parameter name must be lowercase letters, digits and"
                    + " underscores, got "
                    + parameterName);
          }
        } else if (text != null || parameterName != null) {
          throw new IllegalArgumentException(
              "template header: text goes with type text only, not " + type);
        }
        if (media) {
          MessageLimits.oneSource("template header " + type, link, mediaId);
        } else if (link != null || mediaId != null) {
          throw new IllegalArgumentException(
              "template header: a link or media id goes with type image, video or document only,"
                  + " not "
                  + type);
        }
        if (filename != null && !type.equals("document")) {
          throw new IllegalArgumentException(
              "template header: a filename goes with type document only, not " + type);
        }
        filename = MessageLimits.optional("template header filename", filename, 240);
        if (type.equals("location")) {
          if (latitude == null
              || longitude == null
              || !(latitude >= -90 && latitude <= 90)
              || !(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException(
                "template header location needs a latitude in [-90, 90] and a longitude in"
                    + " [-180, 180]");
          }
          name = MessageLimits.optional("template header location name", name, 1000);
          address = MessageLimits.optional("template header location address", address, 1000);
        } else if (latitude != null || longitude != null || name != null || address != null) {
          throw new IllegalArgumentException(
              "template header: coordinates, name and address go with type location only, not "
                  + type);
        }
      }

      public static Header text(String text) {
        return new Header("text", text, null, null, null, null, null, null, null, null);
      }

      /** The header text of a template with named parameters. */
      public static Header text(String parameterName, String text) {
        return new Header("text", text, parameterName, null, null, null, null, null, null, null);
      }

      /** A photo, video or document by its public http(s) link. */
      public static Header media(String type, String link) {
        return new Header(type, null, null, link, null, null, null, null, null, null);
      }

      /** A photo, video or document by the media id an upload returned. */
      public static Header mediaId(String type, String mediaId) {
        return new Header(type, null, null, null, mediaId, null, null, null, null, null);
      }

      public static Header document(String link, String filename) {
        return new Header("document", null, null, link, null, filename, null, null, null, null);
      }

      public static Header location(
          double latitude, double longitude, String name, String address) {
        return new Header(
            "location", null, null, null, null, null, latitude, longitude, name, address);
      }

      String transcriptText() {
        return switch (type) {
          case "text" -> "header " + text;
          case "location" ->
              "header location " + latitude + "," + longitude + (name == null ? "" : " " + name);
          default ->
              "header "
                  + type
                  + " "
                  + (link != null ? link : "media " + mediaId)
                  + (filename == null ? "" : " (" + filename + ")");
        };
      }
    }

    /**
     * The parameter of the button at {@code index} (0-based, as the template lists its buttons):
     * {@code subType} url (the suffix the button's dynamic URL ends with; an authentication
     * template's code), quick_reply (the payload that comes back when it is tapped) or copy_code
     * (the coupon code, at most 15 characters). A null {@code subType} is read from the template
     * list when the send is checked.
     */
    public record Button(int index, String subType, String text) {
      public static final List<String> SUB_TYPES = List.of("url", "quick_reply", "copy_code");

      public Button {
        if (index < 0 || index > 9) {
          throw new IllegalArgumentException(
              "template button index must be 0 to 9 (a template has at most 10 buttons), got "
                  + index);
        }
        subType = subType == null ? null : subType.strip().toLowerCase(Locale.ROOT);
        if (subType != null && !SUB_TYPES.contains(subType)) {
          throw new IllegalArgumentException(
              "template button "
                  + index
                  + ": type must be one of "
                  + String.join(", ", SUB_TYPES)
                  + ", got "
                  + subType);
        }
        parameter("template button " + index + " parameter", text);
        switch (subType == null ? "" : subType) {
          case "copy_code" -> MessageLimits.length("template coupon code", text, 1, 15);
          case "quick_reply" -> MessageLimits.length("template quick reply payload", text, 1, 256);
          default -> MessageLimits.length("template button parameter", text, 1, 2000);
        }
      }
    }

    @Override
    public String type() {
      return "template";
    }

    @Override
    public String transcriptText() {
      List<String> parts = new ArrayList<>();
      if (!bodyParameters.isEmpty()) {
        parts.add(String.join(", ", bodyParameters));
      }
      if (!namedParameters.isEmpty()) {
        parts.add(
            namedParameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ")));
      }
      if (header != null) {
        parts.add(header.transcriptText());
      }
      for (Button b : buttons) {
        parts.add("button " + b.index() + " " + b.text());
      }
      return parts.isEmpty()
          ? "[template " + name + "]"
          : "[template " + name + ": " + String.join("; ", parts) + "]";
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
