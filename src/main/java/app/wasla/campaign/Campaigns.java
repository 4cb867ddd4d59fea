package app.wasla.campaign;

import app.wasla.campaign.Campaign.Parameter;
import app.wasla.campaign.Campaign.Stage;
import app.wasla.campaign.Campaign.Status;
import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.channel.whatsapp.WhatsAppProperties;
import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.TemplateCategory;
import app.wasla.crm.MarketingAudience;
import app.wasla.notification.TemplateCatalogue;
import app.wasla.notification.WhatsAppTemplate;
import app.wasla.webhook.EventTypes;
import app.wasla.webhook.WebhookEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Marketing campaigns: created as a draft, previewed, started (the process selects the audience at
 * the start time and the {@link CampaignSender} sends to it), paused, resumed and cancelled.
 */
@Service
@Transactional
public class Campaigns {

  private static final Pattern FIELD =
      Pattern.compile(
          "name|firstName|orders|totalSpend|lastOrderDate|attribute:[A-Za-z0-9_.\\-]{1,128}");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2})?");

  /** What {@code POST /api/campaigns} takes. */
  public record CreateRequest(
      String name,
      String phoneNumberId,
      TemplateRequest template,
      Campaign.Audience audience,
      Instant startAt,
      Integer ratePerSecond,
      ReminderRequest reminder) {}

  /**
   * The marketing template, its language, where each body parameter comes from, and the header's
   * and buttons' parameters every recipient gets (a product photo, a coupon code).
   */
  public record TemplateRequest(
      String name,
      String language,
      List<ParameterRequest> parameters,
      Map<String, ParameterRequest> namedParameters,
      HeaderRequest header,
      List<ButtonRequest> buttons) {}

  /**
   * Where a body parameter comes from: a CRM field ({@code firstName}, {@code
   * attribute:last_product}, ...) and the text for customers who have none. In {@code parameters}
   * by position ({@code {{1}}}, ...), in {@code namedParameters} by the template's variable name.
   */
  public record ParameterRequest(String field, String fallback) {}

  /**
   * The header's parameter: {@code type} text, image, video or document, with {@code text} or an
   * http(s) {@code link} or an uploaded {@code mediaId}, and a document's {@code filename}.
   */
  public record HeaderRequest(
      String type, String text, String link, String mediaId, String filename) {}

  /**
   * A button's parameter: its index in the template, the text (a coupon code, a link's end, a
   * payload); its type (url, quick_reply, copy_code) is read from the template list.
   */
  public record ButtonRequest(Integer index, String type, String text) {}

  /** The reminder to those who did not read: a template with the same parameters, and when. */
  public record ReminderRequest(String template, String after) {}

  /**
   * The audience as it would be selected now: how many, and a few of them. {@code atWeeklyCap}: of
   * the reachable, those who already had the week's most marketing messages (they are skipped).
   */
  public record Preview(
      long matching, long reachable, long atWeeklyCap, List<SampleMember> sample) {}

  /** One member of a preview: number and name masked, the parameters as they would be sent. */
  public record SampleMember(
      String customer, String name, String language, List<String> parameters, String problem) {}

  private final CampaignStore store;
  private final CampaignProcess process;
  private final MarketingAudience audiences;
  private final TemplateCatalogue templates;
  private final CampaignProperties props;
  private final WhatsAppProperties whatsapp;
  private final WebhookEvents events;
  private final app.wasla.conversation.OutboundMessages outbound;
  private final Clock clock;
  private final app.wasla.channel.whatsapp.BusinessNumbers numbers;

  Campaigns(
      CampaignStore store,
      CampaignProcess process,
      MarketingAudience audiences,
      TemplateCatalogue templates,
      CampaignProperties props,
      WhatsAppProperties whatsapp,
      WebhookEvents events,
      app.wasla.conversation.OutboundMessages outbound,
      Clock clock,
      app.wasla.channel.whatsapp.BusinessNumbers numbers) {
    this.numbers = numbers;
    this.outbound = outbound;
    this.store = store;
    this.process = process;
    this.audiences = audiences;
    this.templates = templates;
    this.props = props;
    this.whatsapp = whatsapp;
    this.events = events;
    this.clock = clock;
  }

  /**
   * A draft campaign, checked: the template exists in that language with as many parameters, is a
   * marketing one, and each parameter names a CRM field.
   */
  public Campaign create(CreateRequest request) {
    return create(request, null);
  }

  /**
   * As {@link #create(CreateRequest)}, once per {@code idempotencyKey} (null: no key): the key's
   * earlier campaign is returned instead of a second one. Two requests racing with one key: the
   * second fails on the key's unique index ({@link org.springframework.dao.DuplicateKeyException}),
   * and {@link #createdWith(String)} then finds the first.
   */
  public Campaign create(CreateRequest request, String idempotencyKey) {
    if (idempotencyKey != null) {
      Optional<Campaign> earlier = store.findByIdempotencyKey(idempotencyKey);
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
      throw new IllegalArgumentException("name: 1 to 200 characters");
    }
    TemplateRequest t = request.template();
    if (t == null || t.name() == null || t.name().isBlank()) {
      throw new IllegalArgumentException("template.name: the marketing template to send");
    }
    String language = t.language() == null ? "" : t.language().strip();
    if (!LANGUAGE.matcher(language).matches()) {
      throw new IllegalArgumentException(
          "template.language: a code such as ar or en (the language for customers whose own the"
              + " template lacks)");
    }
    List<Parameter> parameters = parameters(t, language);
    List<OutboundMessage.Template.Button> buttons = new ArrayList<>();
    OutboundMessage.Template.Header header =
        t.header() == null
            ? null
            : new OutboundMessage.Template.Header(
                t.header().type(),
                t.header().text(),
                null,
                t.header().link(),
                t.header().mediaId(),
                t.header().filename(),
                null,
                null,
                null,
                null);
    if (t.buttons() != null) {
      for (int i = 0; i < t.buttons().size(); i++) {
        ButtonRequest b = t.buttons().get(i);
        if (b == null || b.index() == null) {
          throw new IllegalArgumentException(
              "template.buttons[" + i + "].index: the button's place in the template, from 0");
        }
        buttons.add(new OutboundMessage.Template.Button(b.index(), b.type(), b.text()));
      }
    }
    OutboundMessage.Template checked =
        checkMarketing(t.name(), language, parameters, header, buttons);
    header = checked.header();
    buttons = checked.buttons();
    String reminderTemplate = null;
    Duration reminderAfter = null;
    if (request.reminder() != null && request.reminder().template() != null) {
      reminderTemplate = request.reminder().template().strip();
      checkMarketing(reminderTemplate, language, parameters, header, buttons);
      try {
        reminderAfter =
            request.reminder().after() == null
                ? props.reminderAfter()
                : Duration.parse(request.reminder().after());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "reminder.after: an ISO-8601 duration such as P1D or PT12H");
      }
      if (reminderAfter.isNegative() || reminderAfter.isZero()) {
        throw new IllegalArgumentException("reminder.after: a positive duration");
      }
    }
    if (request.ratePerSecond() != null
        && (request.ratePerSecond() < 1 || request.ratePerSecond() > props.ratePerSecond())) {
      throw new IllegalArgumentException(
          "ratePerSecond: 1 to "
              + props.ratePerSecond()
              + " (wasla.campaigns.rate-per-second, the number's limit)");
    }
    Campaign.Audience audience =
        request.audience() == null
            ? new Campaign.Audience(null, null, null, null, null, null, null)
            : request.audience();
    checkAudience(audience);
    if (request.startAt() != null
        && request.startAt().isBefore(clock.instant().minus(START_AT_GRACE))) {
      throw new IllegalArgumentException(
          "startAt: "
              + request.startAt()
              + " is in the past; leave it out to start the campaign as soon as it is started");
    }
    Campaign campaign =
        new Campaign(
            "cmp_" + UUID.randomUUID().toString().replace("-", ""),
            request.name().strip(),
            phoneNumberId(request.phoneNumberId()),
            t.name().strip(),
            language,
            parameters,
            header,
            buttons,
            audience,
            request.startAt(),
            request.ratePerSecond(),
            reminderTemplate,
            reminderAfter,
            Status.DRAFT,
            Stage.INITIAL,
            null,
            clock.instant(),
            null,
            null);
    store.insert(campaign, idempotencyKey);
    return campaign;
  }

  @Transactional(readOnly = true)
  public Campaign find(String id) {
    return store.find(id).orElseThrow(() -> new CampaignNotFoundException(id));
  }

  @Transactional(readOnly = true)
  public List<Campaign> list(int page, int size) {
    return store.list(Math.max(0, page), Math.max(1, Math.min(100, size)));
  }

  /** The audience as it would be selected now, with ten of its members. */
  @Transactional(readOnly = true)
  public Preview preview(String id) {
    Campaign c = find(id);
    MarketingAudience.Count count = audiences.count(filter(c));
    List<SampleMember> sample = new ArrayList<>();
    for (MarketingAudience.Member m : audiences.members(filter(c), 10)) {
      CampaignStore.NewRecipient r = recipient(c, c.template(), m);
      sample.add(
          new SampleMember(
              ConversationKey.mask(m.customerKey()),
              maskName(m.name()),
              r.language(),
              r.parameters(),
              r.error()));
    }
    return new Preview(count.matching(), count.reachable(), atWeeklyCap(filter(c)), sample);
  }

  /**
   * How many of the customers the filter reaches already had {@code
   * wasla.campaigns.max-marketing-per-week} marketing messages in the last 7 days.
   */
  @Transactional(readOnly = true)
  public long atWeeklyCap(MarketingAudience.Filter filter) {
    if (props.maxMarketingPerWeek() <= 0) {
      return 0;
    }
    java.util.Set<String> capped =
        outbound.atMarketingCap(
            clock.instant().minus(Duration.ofDays(7)), props.maxMarketingPerWeek());
    if (capped.isEmpty()) {
      return 0;
    }
    return audiences.members(filter, Integer.MAX_VALUE).stream()
        .filter(m -> capped.contains(m.waId()))
        .count();
  }

  /** Starts a draft: its process waits for the start time, then selects the audience. */
  public Campaign start(String id) {
    Campaign c = store.lock(id).orElseThrow(() -> new CampaignNotFoundException(id));
    if (c.status() != Status.DRAFT) {
      throw new CampaignConflictException(
          "campaign " + id + " is " + c.status() + "; only a DRAFT can be started");
    }
    Instant now = clock.instant();
    Instant startAt = c.startAt() == null || c.startAt().isBefore(now) ? now : c.startAt();
    store.started(id, process.start(c, startAt), now);
    return find(id);
  }

  /** The campaign a request with this Idempotency-Key created, if any. */
  @Transactional(readOnly = true)
  public Optional<Campaign> createdWith(String idempotencyKey) {
    return store.findByIdempotencyKey(idempotencyKey);
  }

  /** A scheduled campaign paused before its start time sends nothing until it is resumed. */
  public Campaign pause(String id) {
    Campaign c = store.lock(id).orElseThrow(() -> new CampaignNotFoundException(id));
    if (c.status() != Status.SCHEDULED && c.status() != Status.SENDING) {
      throw new CampaignConflictException(
          "campaign "
              + id
              + " is "
              + c.status()
              + "; only a SCHEDULED or SENDING one can be paused");
    }
    return change(c, Status.PAUSED, CampaignProcess.PAUSED, EventTypes.CAMPAIGN_PAUSED);
  }

  /** Resumed, a campaign paused before its start time is scheduled again (or starts, if due). */
  public Campaign resume(String id) {
    Campaign c = store.lock(id).orElseThrow(() -> new CampaignNotFoundException(id));
    if (c.status() != Status.PAUSED) {
      throw new CampaignConflictException(
          "campaign " + id + " is " + c.status() + "; only a PAUSED one can be resumed");
    }
    Status to =
        process.pausedBeforeStart(c.processInstanceId()) ? Status.SCHEDULED : Status.SENDING;
    return change(c, to, CampaignProcess.RESUMED, EventTypes.CAMPAIGN_RESUMED);
  }

  /** Stops the campaign for good: no recipient not sent to yet gets anything. */
  public Campaign cancel(String id) {
    Campaign c = store.lock(id).orElseThrow(() -> new CampaignNotFoundException(id));
    if (c.status() == Status.DRAFT) {
      store.finished(id, Status.CANCELLED, clock.instant());
      return find(id);
    }
    if (c.status() == Status.COMPLETED || c.status() == Status.CANCELLED) {
      throw new CampaignConflictException("campaign " + id + " is already " + c.status());
    }
    if (!process.correlate(c.processInstanceId(), CampaignProcess.CANCELLED)) {
      throw new CampaignConflictException(
          "campaign " + id + " is between two steps (" + c.status() + "); try again shortly");
    }
    store.cancelPending(id);
    store.finished(id, Status.CANCELLED, clock.instant());
    publish(EventTypes.CAMPAIGN_CANCELLED, find(id), Map.of());
    return find(id);
  }

  private Campaign change(Campaign c, Status to, String message, String event) {
    if (!process.correlate(c.processInstanceId(), message)) {
      throw new CampaignConflictException(
          "campaign " + c.id() + " is between two steps; try again shortly");
    }
    store.move(c.id(), c.status(), to);
    Campaign now = find(c.id());
    publish(event, now, Map.of());
    return now;
  }

  /**
   * {@code Select the audience}: the customers who may be reached now are written as the
   * recipients, each with the language and parameters the template is sent with.
   */
  void selectAudience(String id) {
    Campaign c = find(id);
    if (c.status() != Status.SCHEDULED) {
      return;
    }
    List<CampaignStore.NewRecipient> recipients = new ArrayList<>();
    for (MarketingAudience.Member m : audiences.members(filter(c), Integer.MAX_VALUE)) {
      recipients.add(recipient(c, c.template(), m));
    }
    store.addRecipients(id, Stage.INITIAL, recipients);
    store.sendingStage(id, Stage.INITIAL);
    publish(EventTypes.CAMPAIGN_STARTED, find(id), Map.of("recipients", recipients.size()));
  }

  /**
   * {@code Remind who has not read}: the reminder goes to the recipients the first message reached
   * (sent or delivered) who have neither read it nor written since, with the same parameters.
   */
  void selectReminder(String id, CampaignResults results) {
    Campaign c = find(id);
    List<CampaignStore.NewRecipient> recipients = new ArrayList<>();
    for (CampaignResults.RecipientResult r : results.unreadRecipients(c)) {
      recipients.add(
          new CampaignStore.NewRecipient(
              r.customerKey(), r.waId(), r.language(), r.parameters(), null));
    }
    store.addRecipients(id, Stage.REMINDER, recipients);
    store.sendingStage(id, Stage.REMINDER);
  }

  /** {@code Close the campaign}: completed, with its figures in the event. */
  void close(String id, CampaignResults results) {
    Campaign c = find(id);
    if (c.status() == Status.CANCELLED || c.status() == Status.COMPLETED) {
      return;
    }
    store.finished(id, Status.COMPLETED, clock.instant());
    CampaignResults.Summary summary = results.summary(find(id));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("recipients", summary.recipients());
    data.put("sent", summary.sent());
    data.put("delivered", summary.delivered());
    data.put("read", summary.read());
    data.put("failed", summary.failed());
    publish(EventTypes.CAMPAIGN_COMPLETED, find(id), data);
  }

  private void publish(String type, Campaign c, Map<String, Object> extra) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("campaignId", c.id());
    data.put("name", c.name());
    data.put("status", c.status().name());
    data.putAll(extra);
    events.publish(type, null, data);
  }

  /**
   * Checks the template as every recipient gets it (the body parameters' values differ, their
   * number does not) and answers it completed from the template list.
   */
  private OutboundMessage.Template checkMarketing(
      String template,
      String language,
      List<Parameter> parameters,
      OutboundMessage.Template.Header header,
      List<OutboundMessage.Template.Button> buttons) {
    boolean named = !parameters.isEmpty() && parameters.get(0).name() != null;
    Map<String, String> names = new LinkedHashMap<>();
    if (named) {
      parameters.forEach(p -> names.put(p.name(), "x"));
    }
    TemplateCatalogue.Checked checked =
        templates.check(
            new OutboundMessage.Template(
                template,
                language,
                named ? List.of() : java.util.Collections.nCopies(parameters.size(), "x"),
                names,
                header,
                buttons));
    checked
        .known()
        .map(WhatsAppTemplate::category)
        .filter(category -> category != TemplateCategory.MARKETING)
        .ifPresent(
            category -> {
              throw new IllegalArgumentException(
                  "template "
                      + template
                      + "/"
                      + language
                      + " is "
                      + category
                      + "; a campaign sends MARKETING templates");
            });
    return checked.message();
  }

  /**
   * The body parameters of a request: by position ({@code parameters}) or by the template's
   * variable names ({@code namedParameters}, kept in the order given), never both; each from a CRM
   * field, with a fallback WhatsApp would take.
   */
  private static List<Parameter> parameters(TemplateRequest t, String language) {
    boolean positional = t.parameters() != null && !t.parameters().isEmpty();
    boolean named = t.namedParameters() != null && !t.namedParameters().isEmpty();
    if (positional && named) {
      throw new IllegalArgumentException(
          "template.parameters, template.namedParameters: give the body parameters by position"
              + " or by name, not both");
    }
    List<Parameter> parameters = new ArrayList<>();
    if (positional) {
      for (int i = 0; i < t.parameters().size(); i++) {
        parameters.add(parameter("template.parameters[" + i + "]", t.parameters().get(i), null));
      }
    }
    if (named) {
      for (Map.Entry<String, ParameterRequest> e : t.namedParameters().entrySet()) {
        String where = "template.namedParameters." + e.getKey();
        if (e.getKey() == null || !e.getKey().matches("[a-z0-9_]{1,100}")) {
          throw new IllegalArgumentException(
              where + ": a variable name is lowercase letters, digits and underscores");
        }
        parameters.add(parameter(where, e.getValue(), e.getKey()));
      }
    }
    for (Parameter p : parameters) {
      if (p.fallback() != null) {
        try {
          new OutboundMessage.Template(t.name(), language, List.of(p.fallback()));
        } catch (IllegalArgumentException e) {
          String where =
              p.name() != null
                  ? "template.namedParameters." + p.name()
                  : "template.parameters[" + parameters.indexOf(p) + "]";
          throw new IllegalArgumentException(where + ".fallback: " + e.getMessage());
        }
      }
    }
    return List.copyOf(parameters);
  }

  private static Parameter parameter(String where, ParameterRequest p, String name) {
    if (p == null || p.field() == null || !FIELD.matcher(p.field()).matches()) {
      throw new IllegalArgumentException(
          where
              + ".field: one of name, firstName, orders, totalSpend, lastOrderDate,"
              + " attribute:<name>");
    }
    return new Parameter(p.field(), p.fallback(), name);
  }

  /** A start time this far in the past is taken as "now" (clocks differ); further is a mistake. */
  private static final Duration START_AT_GRACE = Duration.ofMinutes(2);

  private static final List<String> LANGUAGES = List.of("ar", "ar-eg", "arabizi", "en");

  /** Filters that can only be mistakes: they would select nobody, or not what was meant. */
  private static void checkAudience(Campaign.Audience a) {
    for (String language : a.languages()) {
      if (language == null || !LANGUAGES.contains(language.strip().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "audience.languages: '"
                + language
                + "' is not a language customers are known by; one of ar (Arabic in any form,"
                + " Arabizi included), ar-EG, arabizi, en");
      }
    }
    for (String tag : a.tags()) {
      if (tag == null || tag.isBlank()) {
        throw new IllegalArgumentException("audience.tags: a tag cannot be empty");
      }
    }
    for (String city : a.cities()) {
      if (city == null || city.isBlank()) {
        throw new IllegalArgumentException("audience.cities: a city cannot be empty");
      }
    }
    if (a.minTotalSpend() != null && a.minTotalSpend().signum() < 0
        || a.maxTotalSpend() != null && a.maxTotalSpend().signum() < 0) {
      throw new IllegalArgumentException(
          "audience.minTotalSpend / maxTotalSpend: an amount in EGP, not negative");
    }
    if (a.minTotalSpend() != null
        && a.maxTotalSpend() != null
        && a.minTotalSpend().compareTo(a.maxTotalSpend()) > 0) {
      throw new IllegalArgumentException(
          "audience.minTotalSpend is above maxTotalSpend: no customer could match");
    }
    if (a.lastOrderAfter() != null
        && a.lastOrderBefore() != null
        && !a.lastOrderAfter().isBefore(a.lastOrderBefore())) {
      throw new IllegalArgumentException(
          "audience.lastOrderAfter is not before lastOrderBefore: no customer could match");
    }
  }

  private String phoneNumberId(String given) {
    String number = given;
    if (number == null || number.isBlank()) {
      number = props.phoneNumberId();
    }
    if ((number == null || number.isBlank()) && whatsapp.sandbox()) {
      number = whatsapp.sandboxPhoneNumberId();
    }
    if (number == null || !number.strip().matches("[0-9]{1,64}")) {
      throw new IllegalArgumentException(
          "phoneNumberId: the business number to send from (digits), or set"
              + " wasla.campaigns.phone-number-id");
    }
    numbers.require("phoneNumberId", number.strip());
    return number.strip();
  }

  static MarketingAudience.Filter filter(Campaign c) {
    Campaign.Audience a = c.audience();
    return new MarketingAudience.Filter(
        c.phoneNumberId(),
        a.tags(),
        a.languages(),
        a.lastOrderAfter(),
        a.lastOrderBefore(),
        a.minTotalSpend(),
        a.maxTotalSpend(),
        a.cities());
  }

  /** The member's language (the template's in theirs when it has it) and parameters. */
  private CampaignStore.NewRecipient recipient(
      Campaign c, String template, MarketingAudience.Member m) {
    String language = c.language();
    if (m.preferredLanguage() != null && m.preferredLanguage().length() >= 2) {
      String own = m.preferredLanguage().substring(0, 2).toLowerCase(Locale.ROOT);
      if (templates.checking() && templates.find(template, own).isPresent()) {
        language = own;
      }
    }
    List<String> values = new ArrayList<>();
    String error = null;
    for (int i = 0; i < c.parameters().size(); i++) {
      Parameter p = c.parameters().get(i);
      String value = value(p.field(), m);
      if (value == null || value.isBlank()) {
        value = p.fallback();
      }
      if (value == null || value.isBlank()) {
        error =
            "no value for parameter "
                + (p.name() != null ? p.name() : String.valueOf(i + 1))
                + " ("
                + p.field()
                + ") and no fallback";
        value = "";
      }
      values.add(value.strip().replaceAll("[\\n\\r\\t]+", " ").replaceAll(" {4,}", "   "));
    }
    return new CampaignStore.NewRecipient(m.customerKey(), m.waId(), language, values, error);
  }

  private static String value(String field, MarketingAudience.Member m) {
    return switch (field) {
      case "name" -> m.name();
      case "firstName" -> m.name() == null ? null : m.name().strip().split("\\s+")[0];
      case "orders" -> String.valueOf(m.orders());
      case "totalSpend" ->
          m.totalSpend() == null ? null : m.totalSpend().stripTrailingZeros().toPlainString();
      case "lastOrderDate" ->
          m.lastOrderAt() == null
              ? null
              : m.lastOrderAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
      default -> m.attributes().get(field.substring("attribute:".length()));
    };
  }

  /** First name and the initials of the rest: enough to recognise, not to copy the list. */
  static String maskName(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String[] parts = name.strip().split("\\s+");
    StringBuilder masked = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      masked
          .append(' ')
          .append(
              parts[i]
                  .codePoints()
                  .limit(1)
                  .collect(
                      StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append))
          .append('.');
    }
    return masked.toString();
  }
}
