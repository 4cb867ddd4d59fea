package app.wasla.dialogue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code .dialogue} file, parsed: a whole WhatsApp conversation (what the customer sends, what
 * Wasla must answer) in the plain format of docs/dialogues.md. Parsing fails with the file and line
 * of the first line it cannot read.
 *
 * @param name the file's path under the dialogues folder, without the extension (e.g. {@code
 *     store/hours-ar-eg})
 * @param form the customer's form of language ({@code ar-EG}, {@code ar}, {@code arabizi}, {@code
 *     en}, {@code mixed}), or null when the file does not say
 * @param topics the topics the file names, for the coverage report
 * @param customer the customer's WhatsApp number, or null for a fresh number
 * @param pending why the product cannot hold this dialogue yet (a known gap, reported as skipped
 *     while it fails), or null
 */
public record DialogueFile(
    String name,
    String form,
    List<String> topics,
    String customer,
    String pending,
    List<Turn> turns) {

  public static final String EXTENSION = ".dialogue";
  static final Set<String> FORMS = Set.of("ar-eg", "ar", "arabizi", "en", "mixed");

  /** What the customer does in one turn. */
  public sealed interface Action {}

  /** The customer sends a text message. */
  public record Text(String text) implements Action {}

  /**
   * The customer taps a reply button or list row by its title: on the latest message that offered
   * it, or on the reply to turn {@code onTurn} (1-based) when given.
   */
  public record Tap(String title, Integer onTurn) implements Action {}

  /** The customer shares a location. */
  public record Location(double latitude, double longitude, String place) implements Action {}

  /**
   * The customer sends a photo, a PDF document or a video (with a caption, or null) or a voice
   * note: a Cloud API media message.
   */
  public record Media(String kind, String caption) implements Action {}

  /**
   * Wasla sends the customer a campaign's marketing template ({@code > campaign: new_arrivals [Show
   * me | Stop promotions]}): through the send path campaigns use, with the quick-reply buttons the
   * template has at Meta, which a later {@code > [Show me]} taps (a template button webhook).
   */
  public record Campaign(String template, List<String> buttons) implements Action {}

  public enum Kind {
    CONTAINS,
    CONTAINS_ANY,
    NOT_CONTAINS,
    BUTTONS,
    LINK,
    HANDOFF,
    NO_HANDOFF,
    WAITS_AT,
    INTENT,
    LOCATION,
    PHOTO
  }

  /** One {@code <} line. */
  public record Expectation(int line, Kind kind, List<String> values) {

    /** The line as the file has it, for failure messages. */
    public String describe() {
      return switch (kind) {
        case CONTAINS -> "contains: " + values.get(0);
        case CONTAINS_ANY -> "contains any: " + String.join(" | ", values);
        case NOT_CONTAINS -> "not contains: " + values.get(0);
        case BUTTONS -> "buttons: " + String.join(" | ", values);
        case LINK -> "link";
        case HANDOFF -> values.isEmpty() ? "handoff" : "handoff: " + values.get(0);
        case NO_HANDOFF -> "no handoff";
        case WAITS_AT -> "waits at: " + values.get(0);
        case INTENT -> "intent: " + values.get(0);
        case LOCATION -> values.isEmpty() ? "location" : "location: " + values.get(0);
        case PHOTO -> "photo";
      };
    }
  }

  /** One customer line ({@code >}) and the expectations about Wasla's answer to it. */
  public record Turn(
      int number, int line, String source, Action action, List<Expectation> expectations) {}

  /**
   * A line the parser cannot read, or a dialogue that cannot run as written: names the file and
   * line.
   */
  public static final class DialogueError extends RuntimeException {
    public DialogueError(String where, int line, String message) {
      super(where + ":" + line + ": " + message);
    }
  }

  private static final Pattern HEADER = Pattern.compile("([a-zA-Z]+)\\s*:\\s*(.*)");
  private static final Pattern TAP = Pattern.compile("\\[(.+)]\\s*(?:@\\s*(\\d+))?");
  private static final Pattern LOCATION =
      Pattern.compile(
          "location\\s*:\\s*(-?\\d+(?:\\.\\d+)?)\\s*,\\s*(-?\\d+(?:\\.\\d+)?)\\s*(?:\"([^\"]*)\")?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern CUSTOMER_NUMBER = Pattern.compile("\\d{8,15}");

  /** Reads and parses a file; {@code name} is how failures name it. */
  public static DialogueFile read(Path file, String name) {
    try {
      return parse(name, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
  }

  /**
   * Parses a dialogue's text; {@code name} is how failures name it (shown as {@code
   * name.dialogue:line}).
   */
  public static DialogueFile parse(String name, String text) {
    String where = name + EXTENSION;
    String form = null;
    List<String> topics = new ArrayList<>();
    String customer = null;
    String pending = null;
    List<Turn> turns = new ArrayList<>();
    int turnLine = 0;
    String turnSource = null;
    Action action = null;
    List<Expectation> expectations = new ArrayList<>();

    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int line = i + 1;
      String content = stripComment(i == 0 ? lines[i].replace("\uFEFF", "") : lines[i]).strip();
      if (content.isEmpty()) {
        continue;
      }
      if (content.startsWith(">")) {
        if (action != null) {
          turns.add(
              new Turn(turns.size() + 1, turnLine, turnSource, action, List.copyOf(expectations)));
          expectations.clear();
        }
        turnLine = line;
        turnSource = content;
        action = action(where, line, content.substring(1).strip(), turns.size() + 1);
      } else if (content.startsWith("<")) {
        if (action == null) {
          throw new DialogueError(
              where, line, "an expectation (<) before the customer's first line (>)");
        }
        expectations.add(expectation(where, line, content.substring(1).strip()));
      } else {
        Matcher header = HEADER.matcher(content);
        if (!header.matches()) {
          throw new DialogueError(
              where,
              line,
              "unknown line kind: '"
                  + content
                  + "' (a line starts with '>' (the customer), '<' (an expectation), '#' (a comment) or is a header "
                  + "form: / topic: / customer: / pending:)");
        }
        String key = header.group(1).toLowerCase(Locale.ROOT);
        String value = header.group(2).strip();
        if (!Set.of("form", "topic", "topics", "customer", "pending").contains(key)) {
          throw new DialogueError(
              where,
              line,
              "unknown line kind: '"
                  + content
                  + "' (headers are form:, topic:, customer: and pending:; customer lines start with '>', expectations with '<')");
        }
        if (action != null) {
          throw new DialogueError(
              where, line, "header '" + key + ":' after the first customer line; headers go first");
        }
        switch (key) {
          case "form" -> {
            if (!FORMS.contains(value.toLowerCase(Locale.ROOT))) {
              throw new DialogueError(
                  where, line, "form '" + value + "' is none of ar-EG, ar, arabizi, en, mixed");
            }
            form = value.equalsIgnoreCase("ar-eg") ? "ar-EG" : value.toLowerCase(Locale.ROOT);
          }
          case "pending" -> {
            if (value.isEmpty()) {
              throw new DialogueError(
                  where, line, "'pending:' needs the reason the product fails this dialogue");
            }
            pending = value;
          }
          case "topic", "topics" ->
              Arrays.stream(value.split(","))
                  .map(String::strip)
                  .filter(t -> !t.isEmpty())
                  .forEach(topics::add);
          default -> {
            if (value.equalsIgnoreCase("new")) {
              customer = null;
            } else if (CUSTOMER_NUMBER.matcher(value.replace("+", "")).matches()) {
              customer = value.replace("+", "");
            } else {
              throw new DialogueError(
                  where,
                  line,
                  "customer '"
                      + value
                      + "' is neither 'new' nor a WhatsApp number in international form (e.g. 201001234567)");
            }
          }
        }
      }
    }
    if (action != null) {
      turns.add(
          new Turn(turns.size() + 1, turnLine, turnSource, action, List.copyOf(expectations)));
    }
    if (turns.isEmpty()) {
      throw new DialogueError(
          where, lines.length, "no customer line (>): a dialogue needs at least one turn");
    }
    return new DialogueFile(name, form, List.copyOf(topics), customer, pending, List.copyOf(turns));
  }

  /** Drops a comment: '#' at the line's start or after white space; '\#' is a literal '#'. */
  static String stripComment(String line) {
    StringBuilder out = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '#') {
        out.append('#');
        i++;
      } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        break;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static final java.util.regex.Pattern CAMPAIGN =
      java.util.regex.Pattern.compile("([a-z0-9_]+)\\s*(?:\\[(.*)\\])?");

  private static Action action(String where, int line, String said, int turn) {
    if (said.isEmpty()) {
      throw new DialogueError(where, line, "the customer line says nothing");
    }
    if (said.startsWith("[")) {
      Matcher tap = TAP.matcher(said);
      if (!tap.matches()) {
        throw new DialogueError(
            where, line, "a tap is written '> [Title]' or '> [Title] @N', not '> " + said + "'");
      }
      Integer onTurn = tap.group(2) == null ? null : Integer.valueOf(tap.group(2));
      if (onTurn != null && (onTurn < 1 || onTurn >= turn)) {
        throw new DialogueError(
            where, line, "tap '@" + onTurn + "' names no earlier turn (this is turn " + turn + ")");
      }
      if (turn == 1) {
        throw new DialogueError(
            where,
            line,
            "tap [" + tap.group(1).strip() + "] in the first turn: nothing was offered yet");
      }
      return new Tap(tap.group(1).strip(), onTurn);
    }
    if (said.regionMatches(true, 0, "campaign:", 0, 9)) {
      Matcher campaign = CAMPAIGN.matcher(said.substring(9).strip());
      if (!campaign.matches()) {
        throw new DialogueError(
            where, line, "a campaign is written '> campaign: template_name [Button | Button]'");
      }
      List<String> buttons =
          campaign.group(2) == null
              ? List.of()
              : java.util.Arrays.stream(campaign.group(2).split("\\|"))
                  .map(String::strip)
                  .filter(b -> !b.isEmpty())
                  .toList();
      return new Campaign(campaign.group(1), buttons);
    }
    if (said.equalsIgnoreCase("photo")) {
      return new Media("image", null);
    }
    if (said.regionMatches(true, 0, "photo", 0, 5)
        && said.substring(5).stripLeading().startsWith(":")) {
      String caption = said.substring(said.indexOf(':') + 1).strip();
      return new Media("image", caption.isEmpty() ? null : caption);
    }
    for (String[] kind : new String[][] {{"document", "document"}, {"video", "video"}}) {
      if (said.equalsIgnoreCase(kind[0])) {
        return new Media(kind[1], null);
      }
      if (said.regionMatches(true, 0, kind[0], 0, kind[0].length())
          && said.substring(kind[0].length()).stripLeading().startsWith(":")) {
        String caption = said.substring(said.indexOf(':') + 1).strip();
        return new Media(kind[1], caption.isEmpty() ? null : caption);
      }
    }
    if (said.equalsIgnoreCase("voice note")) {
      return new Media("audio", null);
    }
    if (said.regionMatches(true, 0, "location", 0, 8)
        && said.substring(8).stripLeading().startsWith(":")) {
      Matcher location = LOCATION.matcher(said);
      if (!location.matches()) {
        throw new DialogueError(
            where, line, "a location is written '> location: 30.0561, 31.3300 \"Name\"'");
      }
      return new Location(
          Double.parseDouble(location.group(1)),
          Double.parseDouble(location.group(2)),
          location.group(3));
    }
    return new Text(said);
  }

  private static Expectation expectation(String where, int line, String said) {
    String lower = said.toLowerCase(Locale.ROOT);
    switch (lower) {
      case "link":
        return new Expectation(line, Kind.LINK, List.of());
      case "handoff":
        return new Expectation(line, Kind.HANDOFF, List.of());
      case "no handoff":
        return new Expectation(line, Kind.NO_HANDOFF, List.of());
      case "location":
        return new Expectation(line, Kind.LOCATION, List.of());
      case "photo":
        return new Expectation(line, Kind.PHOTO, List.of());
      default:
        break;
    }
    int colon = said.indexOf(':');
    String kind = colon < 0 ? lower : lower.substring(0, colon).strip();
    String value = colon < 0 ? "" : said.substring(colon + 1).strip();
    Kind k =
        switch (kind) {
          case "contains" -> Kind.CONTAINS;
          case "contains any" -> Kind.CONTAINS_ANY;
          case "not contains" -> Kind.NOT_CONTAINS;
          case "buttons" -> Kind.BUTTONS;
          case "waits at" -> Kind.WAITS_AT;
          case "intent" -> Kind.INTENT;
          case "location" -> Kind.LOCATION;
          case "handoff" -> Kind.HANDOFF;
          default ->
              throw new DialogueError(
                  where,
                  line,
                  "unknown expectation '< "
                      + said
                      + "' (contains, contains any, not contains, buttons, link, handoff, no handoff, waits at, intent, location, photo)");
        };
    if (colon < 0 || value.isEmpty()) {
      throw new DialogueError(where, line, "'" + kind + ":' needs a value");
    }
    List<String> values =
        k == Kind.CONTAINS_ANY || k == Kind.BUTTONS
            ? Arrays.stream(value.split("\\|"))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList()
            : List.of(value);
    if (values.isEmpty()) {
      throw new DialogueError(where, line, "'" + kind + ":' needs a value");
    }
    return new Expectation(line, k, values);
  }
}
