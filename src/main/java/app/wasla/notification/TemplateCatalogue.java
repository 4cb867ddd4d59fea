package app.wasla.notification;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.channel.whatsapp.WhatsAppProperties;
import app.wasla.conversation.TemplateCategory;
import app.wasla.conversation.TemplateWording;
import app.wasla.system.AfterCommit;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The business's templates and the check every template send passes before Meta is called. In
 * sandbox mode the demo list; in cloud mode the Cloud API's list, read at start and every {@code
 * wasla.templates.refresh-interval}. A failed read keeps the last known list and is logged (without
 * the token). Kept in memory: Meta is the source of truth, each node reads it itself, and nothing
 * else queries it; until the first read succeeds (or when no {@code wasla.templates.waba-id} is
 * configured) no list is known and sends are not checked here (their category then comes from
 * configuration, so a template no one declared is still treated as marketing).
 */
@Component
public class TemplateCatalogue implements SmartLifecycle, TemplateWording {

  private static final Logger log = LoggerFactory.getLogger(TemplateCatalogue.class);

  /** The known list and when it was read; null while none is known. */
  record Known(List<WhatsAppTemplate> templates, Instant readAt) {}

  private final TemplateProperties props;
  private final CloudTemplateSource cloud;
  private volatile Known known;
  private volatile String lastFailure;
  private volatile ScheduledExecutorService scheduler;

  TemplateCatalogue(TemplateProperties props, WhatsAppProperties whatsapp, ObjectMapper json) {
    this.props = props;
    if (whatsapp.sandbox()) {
      this.cloud = null;
      this.known = new Known(DemoTemplates.ALL, Instant.now());
    } else if (props.configured()) {
      OkHttpClient http =
          new OkHttpClient.Builder()
              .connectTimeout(whatsapp.connectTimeout())
              .readTimeout(whatsapp.readTimeout())
              .build();
      this.cloud =
          new CloudTemplateSource(http, json, whatsapp.apiBaseUrl(), whatsapp.accessToken(), props);
    } else {
      this.cloud = null;
      log.warn(
          "wasla.templates.waba-id is not set: template sends are not checked against Meta's"
              + " list, GET /api/templates is empty");
    }
  }

  /** Reads the list from the Cloud API now; on failure keeps the last known list. */
  public boolean refresh() {
    if (cloud == null) {
      return known != null;
    }
    try {
      List<WhatsAppTemplate> templates = cloud.fetch();
      known =
          new Known(
              templates.stream()
                  .sorted(
                      Comparator.comparing(WhatsAppTemplate::name)
                          .thenComparing(WhatsAppTemplate::language))
                  .toList(),
              Instant.now());
      lastFailure = null;
      log.info("Read {} WhatsApp templates from the Cloud API", templates.size());
      return true;
    } catch (RuntimeException e) {
      lastFailure = e.getMessage();
      log.warn(
          "Reading the WhatsApp templates failed, the last known list ({}) stays: {}",
          known == null ? "none" : known.templates().size() + " templates",
          e.getMessage());
      return false;
    }
  }

  /** The known templates, empty while none is known. */
  public List<WhatsAppTemplate> all() {
    Known k = known;
    return k == null ? List.of() : k.templates();
  }

  /** When the list was read, empty while none is known. */
  public Optional<Instant> readAt() {
    Known k = known;
    return k == null ? Optional.empty() : Optional.of(k.readAt());
  }

  /** The last refresh's error, empty when it succeeded. */
  public Optional<String> lastFailure() {
    return Optional.ofNullable(lastFailure);
  }

  /** Whether a list is known (the checks apply). */
  public boolean checking() {
    return known != null;
  }

  public Optional<WhatsAppTemplate> find(String name, String language) {
    return all().stream()
        .filter(t -> t.name().equals(name) && t.language().equals(language))
        .findFirst();
  }

  /**
   * The outcome of a check: the template as the list knows it (null when no list is known) and the
   * message completed from it (a button's parameter type, a named header's parameter name).
   */
  public record Checked(WhatsAppTemplate template, OutboundMessage.Template message) {
    public Optional<WhatsAppTemplate> known() {
      return Optional.ofNullable(template);
    }
  }

  /**
   * Checks a template send against the list before Meta is called: the template is known in that
   * language and approved; its body parameters are the ones it has (as many positional ones, or
   * exactly its named ones); the header's parameter is given when the header has a variable, media
   * or a place, of that type, and not given otherwise; each button that takes a parameter has it,
   * and no button is given one it does not take. Without a known list only a button parameter's
   * type must be given (there is nothing to read it from).
   *
   * @throws IllegalArgumentException with a sentence that says what to change
   */
  public Checked check(OutboundMessage.Template message) {
    if (!checking()) {
      for (OutboundMessage.Template.Button b : message.buttons()) {
        if (b.subType() == null) {
          throw new IllegalArgumentException(
              "template "
                  + message.name()
                  + ": button "
                  + b.index()
                  + " needs its type (url, quick_reply or copy_code): the template list is not"
                  + " known, so Wasla cannot read it from the template");
        }
      }
      return new Checked(null, message);
    }
    String name = message.name();
    String language = message.languageCode();
    WhatsAppTemplate template =
        find(name, language)
            .orElseThrow(
                () -> {
                  TreeSet<String> languages = new TreeSet<>();
                  all().stream()
                      .filter(t -> t.name().equals(name))
                      .forEach(t -> languages.add(t.language()));
                  if (!languages.isEmpty()) {
                    return new IllegalArgumentException(
                        "template "
                            + name
                            + " has no language "
                            + language
                            + "; it exists in "
                            + String.join(", ", languages));
                  }
                  TreeSet<String> names = new TreeSet<>();
                  all().forEach(t -> names.add(t.name()));
                  return new IllegalArgumentException(
                      "unknown template "
                          + name
                          + "; the known templates are "
                          + (names.isEmpty() ? "none" : String.join(", ", names)));
                });
    if (!template.approved()) {
      throw new IllegalArgumentException(
          "template " + template.label() + " is " + template.status() + ", not APPROVED");
    }
    List<String> problems = new ArrayList<>();
    body(template, message, problems);
    OutboundMessage.Template.Header header = header(template, message.header(), problems);
    List<OutboundMessage.Template.Button> buttons = buttons(template, message, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "template " + template.label() + " " + String.join("; ", problems));
    }
    return new Checked(
        template,
        new OutboundMessage.Template(
            name, language, message.bodyParameters(), message.namedParameters(), header, buttons));
  }

  private static void body(
      WhatsAppTemplate template, OutboundMessage.Template message, List<String> problems) {
    List<String> names = template.parameterNames();
    if (names.isEmpty()) {
      if (!message.namedParameters().isEmpty()) {
        problems.add(
            "takes positional body parameters, not named ones: give "
                + template.parameterCount()
                + " parameter"
                + (template.parameterCount() == 1 ? "" : "s")
                + " in order instead of "
                + String.join(", ", message.namedParameters().keySet()));
      } else if (template.parameterCount() != message.bodyParameters().size()) {
        problems.add(
            "needs "
                + template.parameterCount()
                + " body parameter"
                + (template.parameterCount() == 1 ? "" : "s")
                + ", got "
                + message.bodyParameters().size());
      }
      return;
    }
    if (!message.bodyParameters().isEmpty()) {
      problems.add(
          "takes named body parameters ("
              + String.join(", ", names)
              + "): give them by name, not "
              + message.bodyParameters().size()
              + " by position");
      return;
    }
    List<String> missing =
        names.stream().filter(n -> !message.namedParameters().containsKey(n)).toList();
    List<String> extra =
        message.namedParameters().keySet().stream().filter(n -> !names.contains(n)).toList();
    if (!missing.isEmpty()) {
      problems.add(
          "needs the named body parameter" + plural(missing) + " " + String.join(", ", missing));
    }
    if (!extra.isEmpty()) {
      problems.add(
          "has no body parameter"
              + plural(extra)
              + " named "
              + String.join(", ", extra)
              + " (it has "
              + String.join(", ", names)
              + ")");
    }
  }

  private static OutboundMessage.Template.Header header(
      WhatsAppTemplate template, OutboundMessage.Template.Header given, List<String> problems) {
    WhatsAppTemplate.Header spec = template.header();
    boolean needed = spec != null && spec.parameter();
    if (!needed) {
      if (given != null) {
        problems.add(
            (spec == null
                    ? "has no header"
                    : "has a " + spec.format() + " header without a variable")
                + ": leave the header parameter out");
      }
      return null;
    }
    if (given == null) {
      problems.add("needs a header parameter: " + headerNeed(spec));
      return null;
    }
    if (!given.type().equals(spec.parameterType())) {
      problems.add(
          "has a "
              + spec.format()
              + " header: its parameter is "
              + headerNeed(spec)
              + ", got "
              + given.type());
      return given;
    }
    if (spec.parameterName() != null && given.type().equals("text")) {
      if (given.parameterName() == null) {
        return OutboundMessage.Template.Header.text(spec.parameterName(), given.text());
      }
      if (!given.parameterName().equals(spec.parameterName())) {
        problems.add(
            "has the header parameter " + spec.parameterName() + ", not " + given.parameterName());
      }
    }
    return given;
  }

  private static String headerNeed(WhatsAppTemplate.Header spec) {
    return switch (spec.parameterType()) {
      case "text" ->
          "a text" + (spec.parameterName() == null ? "" : " (" + spec.parameterName() + ")");
      case "image" -> "an image (an http(s) link or a media id)";
      case "video", "document" -> "a " + spec.parameterType() + " (an http(s) link or a media id)";
      case "location" -> "a location (latitude and longitude)";
      default -> spec.format() + ", which Wasla cannot send";
    };
  }

  private static List<OutboundMessage.Template.Button> buttons(
      WhatsAppTemplate template, OutboundMessage.Template message, List<String> problems) {
    List<OutboundMessage.Template.Button> completed = new ArrayList<>();
    java.util.Set<Integer> given = new java.util.HashSet<>();
    for (OutboundMessage.Template.Button b : message.buttons()) {
      given.add(b.index());
      if (b.index() >= template.buttons().size()) {
        problems.add(
            "has no button at index "
                + b.index()
                + (template.buttons().isEmpty()
                    ? " (it has no buttons)"
                    : " (its buttons are "
                        + template.buttons().stream()
                            .map(WhatsAppTemplate.Button::label)
                            .collect(java.util.stream.Collectors.joining(", "))
                        + ")"));
        continue;
      }
      WhatsAppTemplate.Button spec = template.buttons().get(b.index());
      if (spec.parameter() == null) {
        problems.add(spec.label() + " takes no parameter: leave it out");
      } else if (b.subType() != null && !b.subType().equals(spec.parameter())) {
        problems.add(
            spec.label() + " takes a " + spec.parameter() + " parameter, got " + b.subType());
      } else {
        completed.add(new OutboundMessage.Template.Button(b.index(), spec.parameter(), b.text()));
      }
    }
    for (WhatsAppTemplate.Button spec : template.buttons()) {
      if (spec.required() && !given.contains(spec.index())) {
        problems.add("needs a parameter for " + spec.label() + ": " + buttonNeed(spec));
      }
    }
    return completed;
  }

  private static String buttonNeed(WhatsAppTemplate.Button spec) {
    return switch (spec.type()) {
      case "URL" -> "the end of its link";
      case "COPY_CODE" -> "the coupon code";
      case "OTP" -> "the code";
      default -> "its " + spec.parameter() + " value";
    };
  }

  private static String plural(List<String> items) {
    return items.size() == 1 ? "" : "s";
  }

  /**
   * How the customer's phone shows a template send: the list's texts with the send's parameters
   * filled in, or a readable fallback when the list does not know the template.
   */
  public TemplatePreview preview(OutboundMessage.Template send) {
    return TemplatePreview.of(find(send.name(), send.languageCode()).orElse(null), send);
  }

  @Override
  public Optional<String> asRead(OutboundMessage.Template send) {
    TemplatePreview preview = preview(send);
    return preview.known() ? Optional.of(preview.asRead()) : Optional.empty();
  }

  /** The category Meta gave the template, empty when unknown. */
  public Optional<TemplateCategory> category(String name, String language) {
    return find(name, language).map(WhatsAppTemplate::category);
  }

  @Override
  public void start() {
    if (cloud == null) {
      scheduler = null;
      return;
    }
    ScheduledExecutorService s =
        Executors.newSingleThreadScheduledExecutor(AfterCommit.daemonThreads("templates-"));
    long every = props.refreshInterval().toMillis();
    s.scheduleWithFixedDelay(this::refresh, 0, every, TimeUnit.MILLISECONDS);
    scheduler = s;
  }

  @Override
  public void stop() {
    ScheduledExecutorService s = scheduler;
    if (s != null) {
      s.shutdownNow();
    }
    scheduler = null;
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }
}
