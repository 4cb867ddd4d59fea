package app.wasla.channel.whatsapp;

import app.wasla.system.Fit;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses a Cloud API webhook body ({@code object: whatsapp_business_account}) into messages and
 * statuses.
 */
public final class WebhookPayloadParser {

  private static final Logger log = LoggerFactory.getLogger(WebhookPayloadParser.class);

  static final String OBJECT = "whatsapp_business_account";

  /** inbox_message.wamid and context_wamid are VARCHAR(255). */
  static final int MAX_WAMID = 255;

  static final int MAX_WA_ID = WhatsAppIds.MAX_WA_ID;
  static final int MAX_PHONE_NUMBER_ID = WhatsAppIds.MAX_PHONE_NUMBER_ID;
  private static final String MESSAGES_FIELD = "messages";

  private final ObjectMapper json;
  private final ObjectReader reader;

  public WebhookPayloadParser(ObjectMapper json) {
    this.json = Objects.requireNonNull(json, "json");
    // Trailing garbage after the JSON object means the body is not what Meta signed as a payload:
    // reject it.
    this.reader = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * Parses the raw (already signature-checked) body; throws {@link MalformedWebhookException} on
   * anything unusable.
   */
  public WebhookPayload parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw new MalformedWebhookException("Webhook body is empty");
    }
    JsonNode root;
    try {
      root = reader.readTree(body);
    } catch (JsonProcessingException e) {
      // The parser's message names line and column but never echoes the payload itself.
      throw new MalformedWebhookException(
          "Webhook body is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new MalformedWebhookException("Webhook body cannot be read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedWebhookException("Webhook body must be a JSON object");
    }
    String object = text(root, "object");
    if (!OBJECT.equals(object)) {
      throw new MalformedWebhookException(
          "Webhook object must be '"
              + OBJECT
              + "' but was "
              + (object == null ? "missing" : "'" + object + "'"));
    }
    List<InboundMessage> messages = new ArrayList<>();
    List<StatusUpdate> statuses = new ArrayList<>();
    JsonNode entries = optionalArray(root, "entry", "entry");
    for (int e = 0; e < entries.size(); e++) {
      String entryPath = "entry[" + e + "]";
      JsonNode entry = requireObject(entries.get(e), entryPath);
      JsonNode changes = optionalArray(entry, "changes", entryPath + ".changes");
      for (int c = 0; c < changes.size(); c++) {
        String changePath = entryPath + ".changes[" + c + "]";
        JsonNode change = requireObject(changes.get(c), changePath);
        // Other fields (account_update, message_template_status_update, ...) are subscriptions
        // Wasla does not act on.
        if (!MESSAGES_FIELD.equals(text(change, "field"))) {
          continue;
        }
        parseValue(
            requireObject(change.get("value"), changePath + ".value"),
            changePath + ".value",
            messages,
            statuses);
      }
    }
    return new WebhookPayload(messages, statuses);
  }

  private void parseValue(
      JsonNode value, String path, List<InboundMessage> messages, List<StatusUpdate> statuses) {
    JsonNode messageNodes = optionalArray(value, "messages", path + ".messages");
    JsonNode statusNodes = optionalArray(value, "statuses", path + ".statuses");
    if (messageNodes.isEmpty() && statusNodes.isEmpty()) {
      return;
    }
    JsonNode metadata = value.path("metadata");
    String phoneNumberId = text(metadata, "phone_number_id");
    if (phoneNumberId == null || phoneNumberId.isBlank()) {
      // Without it we cannot tell which business number (and so which conversation) a message
      // belongs to.
      throw new MalformedWebhookException(path + ": missing metadata.phone_number_id");
    }
    if (!digits(phoneNumberId, MAX_PHONE_NUMBER_ID)) {
      // Not a business number Meta would send: skipped, so that the rest of the batch is stored and
      // answered.
      log.warn(
          "Skipped {} messages and {} statuses at {}: metadata.phone_number_id is not 1 to {} digits"
              + " ({} characters)",
          messageNodes.size(),
          statusNodes.size(),
          path,
          MAX_PHONE_NUMBER_ID,
          phoneNumberId.length());
      return;
    }
    String displayPhoneNumber = Fit.cut(text(metadata, "display_phone_number"), 64);
    JsonNode contacts = optionalArray(value, "contacts", path + ".contacts");
    for (int i = 0; i < messageNodes.size(); i++) {
      String messagePath = path + ".messages[" + i + "]";
      InboundMessage message =
          parseMessage(
              requireObject(messageNodes.get(i), messagePath),
              messagePath,
              phoneNumberId,
              displayPhoneNumber,
              contacts);
      if (message != null) {
        messages.add(message);
      }
    }
    for (int i = 0; i < statusNodes.size(); i++) {
      String statusPath = path + ".statuses[" + i + "]";
      StatusUpdate status =
          parseStatus(requireObject(statusNodes.get(i), statusPath), statusPath, phoneNumberId);
      if (status != null) {
        statuses.add(status);
      }
    }
  }

  /** Whether the value is 1 to {@code max} ASCII digits. */
  private static boolean digits(String value, int max) {
    if (value == null || value.isEmpty() || value.length() > max) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private InboundMessage parseMessage(
      JsonNode m, String path, String phoneNumberId, String displayPhoneNumber, JsonNode contacts) {
    String wamid = required(m, "id", path);
    String from = required(m, "from", path);
    Instant timestamp = epochSeconds(m, path);
    String type = required(m, "type", path);
    // ids that key rows must fit whole (a cut one could name another message or customer): else the
    // message is
    // skipped, never the batch; the log gives lengths only, not the values
    if (wamid.length() > MAX_WAMID) {
      log.warn(
          "Skipped the webhook message at {}: its id has {} characters, more than {}",
          path,
          wamid.length(),
          MAX_WAMID);
      return null;
    }
    if (!digits(from, MAX_WA_ID)) {
      log.warn(
          "Skipped the webhook message at {}: 'from' is not 1 to {} digits ({} characters)",
          path,
          MAX_WA_ID,
          from.length());
      return null;
    }
    Rendered r = render(m, type);
    String context = r.contextWamid != null ? r.contextWamid : text(m.path("context"), "id");
    // optional fields are cut to their columns (inbox_message)
    return new InboundMessage(
        wamid,
        phoneNumberId,
        displayPhoneNumber,
        from,
        profileName(contacts, from),
        timestamp,
        Fit.cut(type, 64),
        Fit.cut(r.text, 8000),
        Fit.cut(r.replyId, 256),
        Fit.cut(context, MAX_WAMID),
        Fit.cut(r.mediaId, 255),
        Fit.cut(r.mimeType, 128),
        compact(m));
  }

  private StatusUpdate parseStatus(JsonNode s, String path, String phoneNumberId) {
    String wamid = required(s, "id", path);
    if (wamid.length() > MAX_WAMID) {
      log.warn(
          "Skipped the webhook status at {}: its id has {} characters, more than {}",
          path,
          wamid.length(),
          MAX_WAMID);
      return null;
    }
    String status = Fit.cut(required(s, "status", path), 32);
    Instant timestamp = epochSeconds(s, path);
    JsonNode errors = s.path("errors");
    Integer errorCode = null;
    String errorTitle = null;
    String errorsJson = null;
    if (errors.isArray() && !errors.isEmpty()) {
      JsonNode first = errors.get(0);
      errorCode = first.path("code").canConvertToInt() ? first.path("code").asInt() : null;
      // Meta's error text may name the customer's number: masked before it is stored or logged
      errorTitle =
          PhoneMask.maskDigitRuns(
              joinNonBlank(": ", text(first, "title"), text(first.path("error_data"), "details")));
      errorsJson = PhoneMask.maskDigitRuns(compact(errors));
    }
    return new StatusUpdate(
        wamid,
        phoneNumberId,
        Fit.cut(text(s, "recipient_id"), 64),
        status,
        timestamp,
        errorCode,
        Fit.cut(errorTitle, 1000),
        errorsJson);
  }

  /** What a message means for the transcript and the bot, plus the ids that some types carry. */
  private record Rendered(
      String text, String replyId, String contextWamid, String mediaId, String mimeType) {
    static Rendered of(String text) {
      return new Rendered(text, null, null, null, null);
    }
  }

  private Rendered render(JsonNode m, String type) {
    JsonNode body = m.path(type);
    switch (type) {
      case "text":
        return Rendered.of(Objects.requireNonNullElse(text(body, "body"), ""));
      case "interactive":
        return renderInteractive(m, body);
      case "button":
        // A quick-reply button of a template: payload is what the template defined, text is what
        // the customer saw.
        return new Rendered(text(body, "text"), text(body, "payload"), null, null, null);
      case "image", "video", "document", "audio", "sticker":
        return renderMedia(type, body);
      case "location":
        return Rendered.of(renderLocation(body));
      case "contacts":
        return Rendered.of(renderContacts(m.path("contacts")));
      case "reaction":
        {
          String emoji = text(body, "emoji");
          String rendered =
              emoji == null || emoji.isEmpty() ? "removed reaction" : "reacted " + emoji;
          return new Rendered(rendered, null, text(body, "message_id"), null, null);
        }
      case "order":
        return Rendered.of(renderOrder(body));
      case "system":
        {
          String systemBody = text(body, "body");
          return Rendered.of(
              systemBody != null ? systemBody : "[system: " + text(body, "type") + "]");
        }
      default:
        return Rendered.of(unsupported(m, type));
    }
  }

  private Rendered renderInteractive(JsonNode m, JsonNode interactive) {
    String kind = text(interactive, "type");
    if ("button_reply".equals(kind)) {
      JsonNode reply = interactive.path("button_reply");
      return new Rendered(text(reply, "title"), text(reply, "id"), null, null, null);
    }
    if ("list_reply".equals(kind)) {
      JsonNode reply = interactive.path("list_reply");
      return new Rendered(
          joinNonBlank(" — ", text(reply, "title"), text(reply, "description")),
          text(reply, "id"),
          null,
          null,
          null);
    }
    if ("nfm_reply".equals(kind)) {
      // A WhatsApp Flow's answer: body is a short label, the answers themselves stay in rawJson
      // (response_json).
      String flowBody = text(interactive.path("nfm_reply"), "body");
      return Rendered.of(flowBody == null || flowBody.isBlank() ? "[form reply]" : flowBody);
    }
    return Rendered.of(unsupported(m, "interactive/" + kind));
  }

  private Rendered renderMedia(String type, JsonNode media) {
    String caption = text(media, "caption");
    String rendered;
    if (caption != null && !caption.isBlank()) {
      rendered = caption;
    } else if ("audio".equals(type) && media.path("voice").asBoolean(false)) {
      rendered = "[voice note]";
    } else if ("document".equals(type) && text(media, "filename") != null) {
      rendered = "[document: " + text(media, "filename") + "]";
    } else {
      rendered = "[" + type + "]";
    }
    return new Rendered(rendered, null, null, text(media, "id"), text(media, "mime_type"));
  }

  private static String renderLocation(JsonNode location) {
    String place = joinNonBlank(", ", text(location, "name"), text(location, "address"));
    String lat = text(location, "latitude");
    String lng = text(location, "longitude");
    String coordinates = lat != null && lng != null ? "(" + lat + ", " + lng + ")" : null;
    String rest = joinNonBlank(" ", place, coordinates);
    return rest == null ? "📍" : "📍 " + rest;
  }

  private static String renderContacts(JsonNode contacts) {
    StringJoiner all = new StringJoiner(" ");
    for (JsonNode contact : contacts) {
      JsonNode phone = contact.path("phones").path(0);
      String number = text(phone, "phone") != null ? text(phone, "phone") : text(phone, "wa_id");
      String details = joinNonBlank(", ", text(contact.path("name"), "formatted_name"), number);
      all.add("[contact: " + (details == null ? "?" : details) + "]");
    }
    return all.length() == 0 ? "[contact]" : all.toString();
  }

  private static String renderOrder(JsonNode order) {
    long quantity = 0;
    BigDecimal total = BigDecimal.ZERO;
    String currency = null;
    for (JsonNode item : order.path("product_items")) {
      long q = item.path("quantity").asLong(0);
      quantity += q;
      total = total.add(decimal(item.path("item_price")).multiply(BigDecimal.valueOf(q)));
      if (currency == null) {
        currency = text(item, "currency");
      }
    }
    String amount = total.signum() == 0 ? "0" : total.stripTrailingZeros().toPlainString();
    String summary =
        "[order: "
            + quantity
            + (quantity == 1 ? " item" : " items")
            + ", total "
            + amount
            + (currency == null ? "" : " " + currency)
            + "]";
    // The customer's note on the cart tells the agent and the bot what the numbers do not.
    String note = text(order, "text");
    return note == null || note.isBlank() ? summary : summary + " — " + note;
  }

  private static String unsupported(JsonNode m, String type) {
    String title = text(m.path("errors").path(0), "title");
    return "[unsupported message: " + (title != null && !title.isBlank() ? title : type) + "]";
  }

  private static String profileName(JsonNode contacts, String waId) {
    JsonNode match = null;
    for (JsonNode contact : contacts) {
      if (waId.equals(text(contact, "wa_id"))) {
        match = contact;
        break;
      }
    }
    if (match == null && !contacts.isEmpty()) {
      // Meta sends one contact per sender; a single contact without a matching wa_id is still the
      // sender.
      match = contacts.get(0);
    }
    // inbox_message.profile_name and conversation.customer_name are VARCHAR(256)
    return match == null ? null : Fit.cut(text(match.path("profile"), "name"), 256);
  }

  private static BigDecimal decimal(JsonNode n) {
    if (n.isNumber()) {
      return n.decimalValue();
    }
    try {
      return n.isTextual() ? new BigDecimal(n.asText().trim()) : BigDecimal.ZERO;
    } catch (NumberFormatException e) {
      return BigDecimal.ZERO;
    }
  }

  private String compact(JsonNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot re-serialise a parsed JSON tree", e);
    }
  }

  private static Instant epochSeconds(JsonNode n, String path) {
    String ts = required(n, "timestamp", path);
    try {
      return Instant.ofEpochSecond(Long.parseLong(ts.trim()));
    } catch (NumberFormatException e) {
      throw new MalformedWebhookException(path + ": timestamp is not epoch seconds: '" + ts + "'");
    }
  }

  private static String required(JsonNode n, String field, String path) {
    String value = text(n, field);
    if (value == null || value.isBlank()) {
      throw new MalformedWebhookException(path + ": missing '" + field + "'");
    }
    return value;
  }

  /**
   * A scalar field as text (numbers too, since Meta is not consistent about quoting), else null.
   */
  private static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  private static JsonNode optionalArray(JsonNode parent, String field, String path) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      return JsonNodeFactory.instance.arrayNode();
    }
    if (!v.isArray()) {
      throw new MalformedWebhookException(path + " must be an array");
    }
    return v;
  }

  private static JsonNode requireObject(JsonNode n, String path) {
    if (n == null || !n.isObject()) {
      throw new MalformedWebhookException(path + " must be a JSON object");
    }
    return n;
  }

  private static String joinNonBlank(String separator, String... parts) {
    StringJoiner joiner = new StringJoiner(separator);
    for (String part : parts) {
      if (part != null && !part.isBlank()) {
        joiner.add(part);
      }
    }
    return joiner.length() == 0 ? null : joiner.toString();
  }
}
