package app.wasla.dialogue;

import app.wasla.crm.ConsentKeywords;
import app.wasla.dialogue.DialogueFile.DialogueError;
import app.wasla.dialogue.DialogueFile.Expectation;
import app.wasla.dialogue.DialogueFile.Location;
import app.wasla.dialogue.DialogueFile.Tap;
import app.wasla.dialogue.DialogueFile.Text;
import app.wasla.dialogue.DialogueFile.Turn;
import app.wasla.handoff.HandoffRouter;
import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Plays one {@link DialogueFile} against a running Wasla: each customer line as a signed webhook,
 * then waits until the turn is answered (the message delivered to the flow, no job of the
 * conversation due, every send of the conversation through to Meta) and checks the turn's
 * expectations against what Meta received.
 */
public final class DialogueRunner {

  /** The longest a turn may take. */
  static final Duration TURN_PATIENCE = Duration.ofSeconds(30);

  /**
   * How long a conversation must stay quiet without a reply before the turn counts as unanswered.
   */
  static final Duration SILENCE = Duration.ofMillis(1500);

  private static final Duration POLL = Duration.ofMillis(25);
  private static final Pattern URL = Pattern.compile("https?://\\S+");
  private static final AtomicLong WAMIDS = new AtomicLong();

  private final Webhooks webhooks;
  private final WhatsAppMock meta;
  private final JdbcClient jdbc;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final TaskService tasks;
  private final java.util.function.BiConsumer<String, String> campaigns;

  /** Sends a campaign's marketing template (its name) to a customer (their wa_id). */
  public DialogueRunner(
      Webhooks webhooks,
      WhatsAppMock meta,
      JdbcClient jdbc,
      RuntimeService runtime,
      ManagementService management,
      TaskService tasks,
      java.util.function.BiConsumer<String, String> campaigns) {
    this.webhooks = webhooks;
    this.meta = meta;
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.management = management;
    this.tasks = tasks;
    this.campaigns = campaigns;
  }

  public DialogueRunner(
      Webhooks webhooks,
      WhatsAppMock meta,
      JdbcClient jdbc,
      RuntimeService runtime,
      ManagementService management,
      TaskService tasks) {
    this.webhooks = webhooks;
    this.meta = meta;
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.management = management;
    this.tasks = tasks;
    this.campaigns =
        (waId, template) -> {
          throw new IllegalStateException("no campaign sender: " + template);
        };
  }

  /** A fresh customer number, never used before in this run. */
  public static String freshCustomer() {
    return "2011" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
  }

  /** One message Wasla sent, flattened: its text parts, the options it offered and its links. */
  /** {@code place}: a location message's name and address (null for any other message). */
  record Reply(String type, String text, List<Option> options, List<String> links, String place) {

    static Reply of(JsonNode body) {
      String type = body.path("type").asText();
      StringJoiner text = new StringJoiner("\n");
      List<Option> options = new ArrayList<>();
      List<String> links = new ArrayList<>();
      add(text, body.path("text").path("body"));
      JsonNode interactive = body.path("interactive");
      add(text, interactive.path("header").path("text"));
      add(text, interactive.path("body").path("text"));
      add(text, interactive.path("footer").path("text"));
      JsonNode action = interactive.path("action");
      for (JsonNode button : action.path("buttons")) {
        options.add(
            new Option(
                button.path("reply").path("id").asText(),
                button.path("reply").path("title").asText(),
                false));
      }
      for (JsonNode section : action.path("sections")) {
        for (JsonNode row : section.path("rows")) {
          options.add(new Option(row.path("id").asText(), row.path("title").asText(), true));
          add(text, row.path("description"));
        }
      }
      if ("cta_url".equals(interactive.path("type").asText())) {
        add(text, action.path("parameters").path("display_text"));
        String url = action.path("parameters").path("url").asText("");
        if (!url.isEmpty()) {
          links.add(url);
          text.add(url);
        }
      }
      JsonNode template = body.path("template");
      if (!template.isMissingNode()) {
        text.add("[template " + template.path("name").asText() + "]");
        for (JsonNode component : template.path("components")) {
          for (JsonNode parameter : component.path("parameters")) {
            add(text, parameter.path("text"));
          }
        }
      }
      String all = text.toString();
      URL.matcher(all)
          .results()
          .map(m -> m.group())
          .filter(u -> !links.contains(u))
          .forEach(links::add);
      JsonNode location = body.path("location");
      String place =
          location.isMissingNode()
              ? null
              : location.path("name").asText("") + ", " + location.path("address").asText("");
      return new Reply(type, all, List.copyOf(options), List.copyOf(links), place);
    }

    private static void add(StringJoiner text, JsonNode node) {
      if (node.isTextual() && !node.asText().isBlank()) {
        text.add(node.asText());
      }
    }

    String describe() {
      StringBuilder out =
          new StringBuilder(type).append(": ").append(text.replace("\n", "\n      "));
      if (!options.isEmpty()) {
        out.append("\n      ")
            .append(options.get(0).row() ? "rows: " : "buttons: ")
            .append(String.join(" | ", options.stream().map(Option::title).toList()));
      }
      return out.toString();
    }
  }

  record Option(String id, String title, boolean row) {}

  /**
   * Runs the whole dialogue; throws {@link AssertionError} (or {@link DialogueError}) at its first
   * failing turn.
   */
  public void run(DialogueFile dialogue) {
    String where = dialogue.name() + DialogueFile.EXTENSION;
    String waId = dialogue.customer() == null ? freshCustomer() : dialogue.customer();
    String key = Webhooks.PHONE_NUMBER_ID + ":" + waId;
    List<List<Reply>> answers = new ArrayList<>();
    for (Turn turn : dialogue.turns()) {
      int before = meta.sentTo(waId).size();
      if (turn.action() instanceof DialogueFile.Campaign campaign) {
        List<Reply> sent = sendCampaign(where, turn, waId, campaign, before);
        answers.add(sent);
        check(where, turn, key, sent);
        continue;
      }
      String wamid = "wamid.dlg." + WAMIDS.incrementAndGet() + "." + waId;
      byte[] webhook = webhook(where, turn, waId, wamid, answers);
      int status = webhooks.post(webhook);
      if (status != 200) {
        throw new AssertionError(
            where
                + ":"
                + turn.line()
                + ": the webhook for '"
                + turn.source()
                + "' was answered "
                + status);
      }
      awaitAnswered(where, turn, key, waId, wamid, before);
      List<Reply> replies =
          meta.sentTo(waId).stream().skip(before).map(s -> Reply.of(s.body())).toList();
      answers.add(replies);
      if (SHOW) {
        StringBuilder shown = new StringBuilder(where + ":" + turn.line() + " " + turn.source());
        replies.forEach(r -> shown.append("\n  < ").append(r.describe().replace("\n", "\n  ")));
        shown
            .append("\n  (intent ")
            .append(intent(key))
            .append(", handoff tasks ")
            .append(handoffs(key))
            .append(")");
        System.out.println(shown);
      }
      check(where, turn, key, replies);
    }
  }

  /** Prefix of the option ids of a template's quick-reply buttons: tapped as a template button. */
  private static final String TEMPLATE_BUTTON = "template-button:";

  /** The campaign's template, sent and received by Meta, with its quick-reply buttons to tap. */
  private List<Reply> sendCampaign(
      String where, Turn turn, String waId, DialogueFile.Campaign campaign, int before) {
    campaigns.accept(waId, campaign.template());
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (meta.sentTo(waId).stream().skip(before).noneMatch(s -> s.type().equals("template"))) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            where + ":" + turn.line() + ": the template " + campaign.template() + " was not sent");
      }
      sleep(POLL);
    }
    List<Option> buttons =
        campaign.buttons().stream().map(b -> new Option(TEMPLATE_BUTTON + b, b, false)).toList();
    return List.of(
        new Reply("template", "[template " + campaign.template() + "]", buttons, List.of(), null));
  }

  /**
   * -Ddialogue.show=true prints every turn and what Wasla answered, for writing a dialogue's
   * expectations.
   */
  static final boolean SHOW = Boolean.getBoolean("dialogue.show");

  private byte[] webhook(
      String where, Turn turn, String waId, String wamid, List<List<Reply>> answers) {
    Instant now = Instant.now();
    if (turn.action() instanceof Text text) {
      return Webhooks.text(waId, wamid, text.text(), now);
    }
    if (turn.action() instanceof DialogueFile.Media media) {
      boolean voice = "audio".equals(media.kind());
      return Webhooks.media(
          waId,
          wamid,
          media.kind(),
          (voice
                  ? DialogueScenarios.VOICE_MEDIA
                  : "image".equals(media.kind())
                      ? DialogueScenarios.PHOTO_MEDIA
                      : "dlg" + media.kind())
              + "-"
              + wamid.hashCode(),
          switch (media.kind()) {
            case "audio" -> "audio/ogg; codecs=opus";
            case "document" -> "application/pdf";
            case "video" -> "video/mp4";
            default -> "image/jpeg";
          },
          media.caption(),
          voice,
          now);
    }
    if (turn.action() instanceof Location location) {
      return Webhooks.location(
          waId, wamid, location.latitude(), location.longitude(), location.place(), now);
    }
    Tap tap = (Tap) turn.action();
    List<List<Reply>> searched =
        tap.onTurn() == null ? answers : List.of(answers.get(tap.onTurn() - 1));
    for (int t = searched.size() - 1; t >= 0; t--) {
      List<Reply> replies = searched.get(t);
      for (int m = replies.size() - 1; m >= 0; m--) {
        for (Option option : replies.get(m).options()) {
          if (Forgiving.same(option.title(), tap.title())) {
            if (option.id().startsWith(TEMPLATE_BUTTON)) {
              // a template's quick reply: its payload is what the template defined (its title)
              return Webhooks.templateButton(waId, wamid, option.title(), option.title(), now);
            }
            return option.row()
                ? Webhooks.listReply(waId, wamid, option.id(), option.title(), now)
                : Webhooks.buttonReply(waId, wamid, option.id(), option.title(), now);
          }
        }
      }
    }
    Set<String> offered = new TreeSet<>();
    searched.forEach(
        replies -> replies.forEach(r -> r.options().forEach(o -> offered.add(o.title()))));
    throw new DialogueError(
        where,
        turn.line(),
        "tap ["
            + tap.title()
            + "]: no message "
            + (tap.onTurn() == null ? "so far" : "in the reply to turn " + tap.onTurn())
            + " offered it; offered: "
            + (offered.isEmpty() ? "nothing" : String.join(" | ", offered)));
  }

  /**
   * Waits until the turn is answered: the message has reached the flow, nothing of the conversation
   * is pending (no message in the inbox, no send queued, no job due), Meta has received a reply,
   * and that holds on two looks in a row. A conversation that stays quiet without replying for
   * {@link #SILENCE} did not answer the turn.
   */
  private void awaitAnswered(
      String where, Turn turn, String key, String waId, String wamid, int before) {
    long started = System.nanoTime();
    long deadline = started + TURN_PATIENCE.toNanos();
    long quietSince = 0;
    boolean quietBefore = false;
    while (true) {
      boolean replied = meta.sentTo(waId).size() > before;
      if (!replied && System.nanoTime() - started < FIRST_LOOK.toNanos()) {
        // nothing sent yet: wait for Meta to receive something rather than ask the database
        awaitAnySend();
        continue;
      }
      Quiet quiet = quiet(key, wamid);
      if (quiet.failure() != null) {
        throw new AssertionError(
            where
                + ":"
                + turn.line()
                + ": '"
                + turn.source()
                + "': "
                + quiet.failure()
                + sentSince(waId, before));
      }
      if (quiet.quiet()) {
        if (replied && quietBefore) {
          return;
        }
        if (!quietBefore) {
          quietSince = System.nanoTime();
        } else if (!replied && System.nanoTime() - quietSince > SILENCE.toNanos()) {
          throw new AssertionError(
              where
                  + ":"
                  + turn.line()
                  + ": '"
                  + turn.source()
                  + "' got no answer at all (every turn must get one)"
                  + activeAt(key));
        }
      }
      quietBefore = quiet.quiet();
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            where
                + ":"
                + turn.line()
                + ": '"
                + turn.source()
                + "' was not answered within "
                + TURN_PATIENCE.toSeconds()
                + " s ("
                + quiet.pending()
                + ")"
                + sentSince(waId, before)
                + activeAt(key));
      }
      if (replied && quiet.quiet()) {
        // the second look of the quiet check comes one poll later (nothing to wait on: Meta got its
        // reply)
        sleep(POLL);
      } else {
        awaitAnySend();
      }
    }
  }

  /**
   * How long a turn may go without any send before the runner starts asking whether its
   * conversation is quiet.
   */
  private static final Duration FIRST_LOOK = Duration.ofMillis(500);

  /** Waits until Meta receives any message (of any conversation), at most {@link #POLL} * 5. */
  private void awaitAnySend() {
    try {
      meta.awaitMoreThan(meta.sent().size(), POLL.multipliedBy(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private record Quiet(boolean quiet, String pending, String failure) {}

  private Quiet quiet(String key, String wamid) {
    String inbox =
        jdbc.sql("SELECT status FROM inbox_message WHERE wamid = ?")
            .param(wamid)
            .query(String.class)
            .optional()
            .orElse("MISSING");
    if ("PENDING".equals(inbox) || "MISSING".equals(inbox)) {
      return new Quiet(false, "the message is " + inbox.toLowerCase() + " in the inbox", null);
    }
    long pending =
        jdbc.sql(
                "SELECT COUNT(*) FROM inbox_message WHERE conversation_key = ? AND status = 'PENDING'")
            .param(key)
            .query(Long.class)
            .single();
    if (pending > 0) {
      return new Quiet(false, pending + " message(s) pending in the inbox", null);
    }
    List<String> failed =
        jdbc.sql(
                "SELECT COALESCE(error, status) FROM outbound_message WHERE conversation_key = ? "
                    + "AND status = 'FAILED'")
            .param(key)
            .query(String.class)
            .list();
    if (!failed.isEmpty()) {
      return new Quiet(false, null, "a send failed: " + failed);
    }
    long queued =
        jdbc.sql(
                "SELECT COUNT(*) FROM outbound_message WHERE conversation_key = ? AND status = 'QUEUED'")
            .param(key)
            .query(Long.class)
            .single();
    if (queued > 0) {
      return new Quiet(false, queued + " send(s) queued", null);
    }
    for (ProcessInstance instance :
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).list()) {
      for (Job job : management.createJobQuery().processInstanceId(instance.getId()).list()) {
        if (job.getRetries() == 0) {
          return new Quiet(
              false,
              null,
              "a job of "
                  + instance.getProcessDefinitionId()
                  + " failed for good: "
                  + job.getExceptionMessage());
        }
        if (job.getDuedate() == null || !job.getDuedate().toInstant().isAfter(Instant.now())) {
          return new Quiet(
              false, "a job of " + instance.getProcessDefinitionId() + " is due", null);
        }
      }
    }
    return new Quiet(true, "quiet", null);
  }

  private static final ConsentKeywords CONSENT = ConsentKeywords.defaults();

  private void check(String where, Turn turn, String key, List<Reply> replies) {
    List<String> failures = new ArrayList<>();
    // a button's title is a customer's words once tapped: it must never read as STOP or START
    // (docs/dialogues.md, "What is always checked")
    // (a marketing template's own opt-out button, "Stop promotions", is meant to opt out)
    replies.stream()
        .filter(r -> !"template".equals(r.type()))
        .flatMap(r -> r.options().stream())
        .filter(o -> CONSENT.classify(o.title()) != ConsentKeywords.Verdict.NONE)
        .forEach(
            o ->
                failures.add(
                    where
                        + ":"
                        + turn.line()
                        + ": offered a button titled '"
                        + o.title()
                        + "', a marketing consent keyword"));
    for (Expectation e : turn.expectations()) {
      String failure = failure(e, key, replies);
      if (failure != null) {
        failures.add(
            where
                + ":"
                + e.line()
                + ": expected '"
                + e.describe()
                + "'"
                + (failure.isEmpty() ? "" : ": " + failure));
      }
    }
    if (!failures.isEmpty()) {
      StringBuilder message = new StringBuilder(String.join("\n", failures));
      message
          .append("\n  after ")
          .append(where)
          .append(":")
          .append(turn.line())
          .append(" '")
          .append(turn.source())
          .append("' Wasla sent:");
      for (int i = 0; i < replies.size(); i++) {
        message.append("\n  [").append(i + 1).append("] ").append(replies.get(i).describe());
      }
      throw new AssertionError(message.toString());
    }
  }

  /** Null when the expectation holds, else why not ("" when the sent messages say it all). */
  private String failure(Expectation e, String key, List<Reply> replies) {
    switch (e.kind()) {
      case CONTAINS:
        return replies.stream()
                .anyMatch(
                    r ->
                        Forgiving.contains(r.text(), e.values().get(0))
                            || r.options().stream()
                                .anyMatch(o -> Forgiving.contains(o.title(), e.values().get(0))))
            ? null
            : "";
      case CONTAINS_ANY:
        return e.values().stream()
                .anyMatch(
                    v ->
                        replies.stream()
                            .anyMatch(
                                r ->
                                    Forgiving.contains(r.text(), v)
                                        || r.options().stream()
                                            .anyMatch(o -> Forgiving.contains(o.title(), v))))
            ? null
            : "";
      case NOT_CONTAINS:
        return replies.stream()
                .noneMatch(
                    r ->
                        Forgiving.contains(r.text(), e.values().get(0))
                            || r.options().stream()
                                .anyMatch(o -> Forgiving.contains(o.title(), e.values().get(0))))
            ? null
            : "";
      case BUTTONS:
        {
          List<String> offered =
              replies.stream().flatMap(r -> r.options().stream()).map(Option::title).toList();
          List<String> missing =
              e.values().stream()
                  .filter(v -> offered.stream().noneMatch(o -> Forgiving.same(o, v)))
                  .toList();
          return missing.isEmpty() ? null : "not offered: " + String.join(" | ", missing);
        }
      case LINK:
        return replies.stream().anyMatch(r -> !r.links().isEmpty()) ? null : "no URL in the turn";
      case HANDOFF:
        if (handoffs(key) == 0) {
          return "no handoff task for the conversation";
        }
        if (e.values().isEmpty()) {
          return null;
        }
        {
          List<String> reasons =
              tasks
                  .createTaskQuery()
                  .processInstanceBusinessKey(key)
                  .taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
                  .list()
                  .stream()
                  .map(
                      t -> String.valueOf(runtime.getVariable(t.getExecutionId(), "handoffReason")))
                  .toList();
          return reasons.stream().anyMatch(r -> Forgiving.contains(r, e.values().get(0)))
              ? null
              : "the handoff's reason is " + reasons;
        }
      case NO_HANDOFF:
        {
          long open = handoffs(key);
          return open == 0 ? null : open + " handoff task(s) for the conversation";
        }
      case WAITS_AT:
        {
          boolean waits =
              runtime
                  .createProcessInstanceQuery()
                  .processInstanceBusinessKey(key)
                  .active()
                  .list()
                  .stream()
                  .anyMatch(
                      p -> runtime.getActiveActivityIds(p.getId()).contains(e.values().get(0)));
          return waits ? null : "it waits at " + activeIds(key);
        }
      case LOCATION:
        return replies.stream()
                .anyMatch(
                    r ->
                        r.place() != null
                            && (e.values().isEmpty()
                                || Forgiving.contains(r.place(), e.values().get(0))))
            ? null
            : "no location message" + (e.values().isEmpty() ? "" : " of " + e.values().get(0));
      case PHOTO:
        return replies.stream().anyMatch(r -> "image".equals(r.type())) ? null : "no photo sent";
      case INTENT:
        {
          String intent = intent(key);
          return e.values().get(0).equalsIgnoreCase(String.valueOf(intent))
              ? null
              : "the persona read '" + intent + "'";
        }
      default:
        throw new IllegalStateException(e.kind().name());
    }
  }

  private long handoffs(String key) {
    return tasks
        .createTaskQuery()
        .processInstanceBusinessKey(key)
        .taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
        .count();
  }

  /** The persona's reading of the latest turn, as the conversation recorded it. */
  private String intent(String key) {
    return runtime
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(key)
        .processDefinitionKey("sales-conversation")
        .list()
        .stream()
        .map(p -> runtime.getVariable(p.getId(), "intent"))
        .filter(v -> v != null)
        .map(Object::toString)
        .findFirst()
        .orElse(null);
  }

  private List<String> activeIds(String key) {
    List<String> ids = new ArrayList<>();
    runtime
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(key)
        .active()
        .list()
        .forEach(p -> ids.addAll(runtime.getActiveActivityIds(p.getId())));
    return ids;
  }

  private String activeAt(String key) {
    return "\n  the conversation waits at " + activeIds(key);
  }

  private String sentSince(String waId, int before) {
    List<Reply> replies =
        meta.sentTo(waId).stream().skip(before).map(s -> Reply.of(s.body())).toList();
    StringBuilder out = new StringBuilder("\n  Wasla sent:");
    if (replies.isEmpty()) {
      out.append(" nothing");
    }
    for (int i = 0; i < replies.size(); i++) {
      out.append("\n  [").append(i + 1).append("] ").append(replies.get(i).describe());
    }
    return out.toString();
  }
}
