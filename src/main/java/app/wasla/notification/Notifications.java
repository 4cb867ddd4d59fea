package app.wasla.notification;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.channel.whatsapp.WhatsAppProperties;
import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.MarketingConsent;
import app.wasla.conversation.MarketingOptOutException;
import app.wasla.conversation.OutboundMessages;
import app.wasla.conversation.TemplateCategory;
import app.wasla.crm.CustomerDirectory;
import app.wasla.webhook.EventTypes;
import app.wasla.webhook.WebhookEvents;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Transactional notifications: an event from the shop (order placed, shipped, out for delivery,
 * payment reminder) becomes the utility template configured for its type, in the customer's
 * language, sent once per event id through the outbound path. The send is an ordinary outbound
 * message of the customer's conversation, so the transcript shows it and a reply reaches the
 * conversation's flow like any other message.
 */
@Service
public class Notifications {

  private static final Logger log = LoggerFactory.getLogger(Notifications.class);
  private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,100}");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2})?");

  /** What the shop posts; {@code fields} fill the template's parameters. */
  public record Request(
      String eventId,
      String type,
      String phoneNumberId,
      String waId,
      String language,
      Map<String, Object> fields) {}

  /** What became of it; a repeated post answers the same, with {@code duplicate} true. */
  public record Result(
      String eventId,
      String type,
      String status,
      String conversationKey,
      String template,
      String language,
      String wamid,
      String error,
      boolean duplicate) {}

  private record Stored(
      String hash,
      String type,
      String conversationKey,
      String template,
      String language,
      String status,
      String wamid,
      String error) {}

  private final JdbcClient jdbc;
  private final NotificationProperties props;
  private final WhatsAppProperties whatsapp;
  private final TemplateCatalogue templates;
  private final OutboundMessages outbound;
  private final MarketingConsent consent;
  private final CustomerDirectory customers;
  private final WebhookEvents events;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final ObjectMapper canonical;

  private final app.wasla.channel.whatsapp.BusinessNumbers numbers;

  Notifications(
      JdbcClient jdbc,
      NotificationProperties props,
      WhatsAppProperties whatsapp,
      TemplateCatalogue templates,
      OutboundMessages outbound,
      MarketingConsent consent,
      CustomerDirectory customers,
      WebhookEvents events,
      Clock clock,
      PlatformTransactionManager transactions,
      app.wasla.channel.whatsapp.BusinessNumbers numbers) {
    this.numbers = numbers;
    this.jdbc = jdbc;
    this.props = props;
    this.whatsapp = whatsapp;
    this.templates = templates;
    this.outbound = outbound;
    this.consent = consent;
    this.customers = customers;
    this.events = events;
    this.clock = clock;
    this.tx = new TransactionTemplate(transactions);
    this.canonical =
        new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  }

  /** The configured event types and their templates. */
  public Map<String, NotificationProperties.Type> types() {
    return new TreeMap<>(props.types());
  }

  /**
   * Sends the notification once per event id.
   *
   * @throws IllegalArgumentException bad input, an unknown type, or a template that does not fit
   * @throws NotificationConflictException the event id was used with a different body
   * @throws MarketingOptOutException the customer opted out and the business respects it for
   *     notifications too
   */
  public Result post(Request request) {
    if (request.eventId() == null || !EVENT_ID.matcher(request.eventId()).matches()) {
      throw new IllegalArgumentException(
          "eventId: 1 to 100 letters, digits, '.', '_', ':' or '-' (the shop's id of the event)");
    }
    NotificationProperties.Type type = type(request.type());
    ConversationKey key = customer(request);
    Map<String, String> fields = fields(request.fields());
    String hash = hash(request, key, fields);

    Optional<Stored> earlier = stored(request.eventId());
    if (earlier.isPresent()) {
      Stored s = earlier.get();
      if (!s.hash().equals(hash)) {
        throw new NotificationConflictException(
            "eventId "
                + request.eventId()
                + " was already posted with a different body; a new event needs a new id");
      }
      if (!"FAILED".equals(s.status())) {
        return result(request.eventId(), s, true);
      }
      // failed before: send again under the same outbound key
      return send(request.eventId(), key, s.template(), s.language(), type, fields, hash, true);
    }

    String language = language(request, key, type);
    templates.check(message(type, type.template(), language, fields));
    try {
      tx.executeWithoutResult(
          status ->
              jdbc.sql(
                      """
                      INSERT INTO notification (event_id, request_hash, type, conversation_key,
                        template_name, language, status, created_at)
                      VALUES (?, ?, ?, ?, ?, ?, 'QUEUED', ?)""")
                  .params(
                      request.eventId(),
                      hash,
                      request.type(),
                      key.value(),
                      type.template(),
                      language,
                      now())
                  .update());
    } catch (DuplicateKeyException concurrent) {
      // the same event posted twice at once: answer as the second post would
      return post(request);
    }
    return send(request.eventId(), key, type.template(), language, type, fields, hash, false);
  }

  private Result send(
      String eventId,
      ConversationKey key,
      String template,
      String language,
      NotificationProperties.Type type,
      Map<String, String> fields,
      String hash,
      boolean duplicate) {
    OutboundMessage.Template message =
        templates.check(message(type, template, language, fields)).message();
    TemplateCategory category =
        templates.category(template, language).orElse(TemplateCategory.UTILITY);
    if (props.respectMarketingOptOut() && !consent.allowsMarketing(key)) {
      fail(
          eventId,
          key,
          template,
          "the customer opted out (wasla.notifications.respect-marketing-opt-out)");
      throw new MarketingOptOutException(
          "the customer "
              + key
              + " opted out, and wasla.notifications.respect-marketing-opt-out is true:"
              + " notification not sent");
    }
    String wamid;
    try {
      wamid = outbound.send(key, message, category, "notification:" + eventId);
    } catch (RuntimeException e) {
      fail(eventId, key, template, e.getMessage());
      throw e;
    }
    tx.executeWithoutResult(
        status -> {
          jdbc.sql(
                  """
                  UPDATE notification SET status = 'SENT', wamid = ?, error = NULL, sent_at = ?
                  WHERE event_id = ?""")
              .params(wamid, now(), eventId)
              .update();
          Map<String, Object> data = new LinkedHashMap<>();
          data.put("eventId", eventId);
          data.put("template", template);
          data.put("language", language);
          data.put("wamid", wamid);
          events.publish(EventTypes.NOTIFICATION_SENT, key.value(), data);
        });
    log.debug("Notification {} sent as {}", eventId, wamid);
    return result(eventId, stored(eventId).orElseThrow(), duplicate);
  }

  private void fail(String eventId, ConversationKey key, String template, String error) {
    String shortError =
        error == null ? "send failed" : error.length() > 1000 ? error.substring(0, 1000) : error;
    tx.executeWithoutResult(
        status -> {
          jdbc.sql("UPDATE notification SET status = 'FAILED', error = ? WHERE event_id = ?")
              .params(shortError, eventId)
              .update();
          Map<String, Object> data = new LinkedHashMap<>();
          data.put("eventId", eventId);
          data.put("template", template);
          data.put("error", shortError);
          events.publish(EventTypes.NOTIFICATION_FAILED, key.value(), data);
        });
  }

  private NotificationProperties.Type type(String name) {
    NotificationProperties.Type type = name == null ? null : props.types().get(name);
    if (type == null) {
      throw new IllegalArgumentException(
          "type: one of "
              + String.join(", ", new TreeSet<>(props.types().keySet()))
              + (name == null ? " is required" : "; got " + name));
    }
    return type;
  }

  private ConversationKey customer(Request request) {
    if (request.waId() == null || request.waId().isBlank()) {
      throw new IllegalArgumentException("waId: the customer's WhatsApp number is required");
    }
    String number = request.phoneNumberId();
    if (number == null || number.isBlank()) {
      number = props.phoneNumberId();
    }
    if ((number == null || number.isBlank()) && whatsapp.sandbox()) {
      number = whatsapp.sandboxPhoneNumberId();
    }
    if (number == null || number.isBlank()) {
      throw new IllegalArgumentException(
          "phoneNumberId: the business number is required (or set"
              + " wasla.notifications.phone-number-id)");
    }
    ConversationKey key = ConversationKey.fromOutside(number + ":" + request.waId());
    numbers.require("phoneNumberId", key.phoneNumberId());
    return key;
  }

  private static Map<String, String> fields(Map<String, Object> given) {
    Map<String, String> fields = new TreeMap<>();
    if (given == null) {
      return fields;
    }
    given.forEach(
        (name, value) -> {
          if (value == null) {
            return;
          }
          if (value instanceof Map || value instanceof List) {
            throw new IllegalArgumentException(
                "fields." + name + ": a text or a number, not an object or a list");
          }
          String text =
              value instanceof BigDecimal d
                  ? d.stripTrailingZeros().toPlainString()
                  : value.toString().strip();
          if (!text.isEmpty()) {
            fields.put(name, text);
          }
        });
    return fields;
  }

  /**
   * The template message the event's fields make, as the type's mapping says: its body parameters
   * (by position or by name), its header's and its buttons' parameters. A missing field is named; a
   * value WhatsApp would refuse is a 400 here, not at send time.
   */
  private static OutboundMessage.Template message(
      NotificationProperties.Type type,
      String template,
      String language,
      Map<String, String> fields) {
    java.util.Set<String> missing = new java.util.LinkedHashSet<>();
    java.util.function.Function<String, String> field =
        name -> {
          String value = fields.get(name);
          if (value == null) {
            missing.add(name);
          }
          return value;
        };
    List<String> parameters = new ArrayList<>();
    for (String name : type.parameters()) {
      parameters.add(field.apply(name));
    }
    Map<String, String> named = new LinkedHashMap<>();
    type.namedParameters().forEach((parameter, name) -> named.put(parameter, field.apply(name)));
    String headerValue = type.header() == null ? null : field.apply(type.header().field());
    String filename =
        type.header() == null || type.header().filenameField() == null
            ? null
            : field.apply(type.header().filenameField());
    List<String> buttonValues = new ArrayList<>();
    for (NotificationProperties.Button b : type.buttons()) {
      buttonValues.add(field.apply(b.field()));
    }
    if (!missing.isEmpty()) {
      List<String> takes = new ArrayList<>(type.parameters());
      takes.addAll(type.namedParameters().values());
      if (type.header() != null) {
        takes.add(type.header().field());
        if (type.header().filenameField() != null) {
          takes.add(type.header().filenameField());
        }
      }
      type.buttons().forEach(b -> takes.add(b.field()));
      throw new IllegalArgumentException(
          "fields: "
              + String.join(", ", missing)
              + " required for template "
              + template
              + " (it takes "
              + String.join(", ", new java.util.LinkedHashSet<>(takes))
              + ")");
    }
    try {
      OutboundMessage.Template.Header header = null;
      if (type.header() != null) {
        header =
            type.header().type().equals("text")
                ? OutboundMessage.Template.Header.text(headerValue)
                : new OutboundMessage.Template.Header(
                    type.header().type(),
                    null,
                    null,
                    headerValue,
                    null,
                    filename,
                    null,
                    null,
                    null,
                    null);
      }
      List<OutboundMessage.Template.Button> buttons = new ArrayList<>();
      for (int i = 0; i < type.buttons().size(); i++) {
        NotificationProperties.Button b = type.buttons().get(i);
        buttons.add(new OutboundMessage.Template.Button(b.index(), b.type(), buttonValues.get(i)));
      }
      return new OutboundMessage.Template(template, language, parameters, named, header, buttons);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("fields: " + e.getMessage());
    }
  }

  /**
   * The event's language if given (it must exist for the template); else the customer's in the CRM,
   * else the default; a language the template lacks falls back to the default.
   */
  private String language(Request request, ConversationKey key, NotificationProperties.Type type) {
    if (request.language() != null && !request.language().isBlank()) {
      String given = request.language().strip();
      if (!LANGUAGE.matcher(given).matches()) {
        throw new IllegalArgumentException("language: a code such as ar or en, got " + given);
      }
      return given;
    }
    String known = null;
    CustomerDirectory.Card card = customers.cards(List.of(key.value())).get(key.value());
    if (card != null && card.language() != null && card.language().length() >= 2) {
      known = card.language().substring(0, 2).toLowerCase(Locale.ROOT);
    }
    if (known != null
        && (!templates.checking() || templates.find(type.template(), known).isPresent())) {
      return known;
    }
    return props.defaultLanguage();
  }

  private String hash(Request request, ConversationKey key, Map<String, String> fields) {
    Map<String, Object> canonicalBody = new TreeMap<>();
    canonicalBody.put("eventId", request.eventId());
    canonicalBody.put("type", request.type());
    canonicalBody.put("conversationKey", key.value());
    canonicalBody.put("language", request.language() == null ? "" : request.language().strip());
    canonicalBody.put("fields", fields);
    try {
      byte[] bytes = canonical.writeValueAsString(canonicalBody).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash a notification", e);
    }
  }

  private Optional<Stored> stored(String eventId) {
    return jdbc.sql(
            """
            SELECT request_hash, type, conversation_key, template_name, language, status, wamid, error
            FROM notification WHERE event_id = ?""")
        .param(eventId)
        .query(
            (rs, n) ->
                new Stored(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8)))
        .optional();
  }

  private static Result result(String eventId, Stored s, boolean duplicate) {
    return new Result(
        eventId,
        s.type(),
        s.status(),
        s.conversationKey(),
        s.template(),
        s.language(),
        s.wamid(),
        s.error(),
        duplicate);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
