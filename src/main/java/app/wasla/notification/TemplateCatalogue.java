package app.wasla.notification;

import app.wasla.channel.whatsapp.WhatsAppProperties;
import app.wasla.conversation.TemplateCategory;
import app.wasla.system.AfterCommit;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
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
public class TemplateCatalogue implements SmartLifecycle {

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
   * The template a send may use, checked: known in that language, approved, with as many body
   * parameters as it has. Empty when no list is known (nothing to check against).
   *
   * @throws IllegalArgumentException naming the known templates or the parameters needed
   */
  public Optional<WhatsAppTemplate> check(String name, String language, int parameters) {
    if (!checking()) {
      return Optional.empty();
    }
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
    if (template.parameterCount() != parameters) {
      throw new IllegalArgumentException(
          "template "
              + template.label()
              + " needs "
              + template.parameterCount()
              + " body parameter"
              + (template.parameterCount() == 1 ? "" : "s")
              + (template.parameterNames().isEmpty()
                  ? ""
                  : " (" + String.join(", ", template.parameterNames()) + ", in this order)")
              + ", got "
              + parameters);
    }
    return Optional.of(template);
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
