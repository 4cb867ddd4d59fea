package app.wasla.persona.learning;

import app.wasla.persona.Intents;
import app.wasla.persona.Language;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.io.ClassPathResource;

/**
 * The analyst's {@code examples.tsv} beside the playbook: one example a line, {@code
 * intent<TAB>text} or {@code intent<TAB>text<TAB>form} (form: ar-EG, ar, arabizi, en or mixed),
 * {@code #} comments and blank lines ignored. Read strictly: an unknown intent or form, an empty
 * text or a wrong number of columns refuses the whole file, with every problem named by file and
 * line, so the model it would have trained is never half right.
 */
public final class ExamplesFile {

  public static final String NAME = "examples.tsv";

  /**
   * Longer than any WhatsApp turn the persona reads; a longer line is a pasted document, not an
   * example.
   */
  static final int MAX_TEXT = 4000;

  private static final int MAX_REPORTED = 20;

  /** A file that was refused: {@link #getMessage()} lists the problems, "examples.tsv:7: ...". */
  public static final class InvalidExamplesException extends RuntimeException {
    private final List<String> problems;

    InvalidExamplesException(String file, List<String> problems) {
      super(
          file
              + " was refused ("
              + problems.size()
              + (problems.size() == 1 ? " problem" : " problems")
              + "): "
              + String.join("; ", problems.subList(0, Math.min(problems.size(), MAX_REPORTED)))
              + (problems.size() > MAX_REPORTED ? "; …" : ""));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  private ExamplesFile() {}

  /**
   * Where the examples file of a playbook location is: in its folder (beside a single .md file).
   */
  public static String locationBeside(String playbookLocation) {
    String loc =
        playbookLocation == null || playbookLocation.isBlank()
            ? "classpath:persona/playbook/"
            : playbookLocation.strip();
    if (loc.endsWith(".md")) {
      int slash = Math.max(loc.lastIndexOf('/'), loc.indexOf(':'));
      return loc.substring(0, slash + 1) + NAME;
    }
    return (loc.endsWith("/") ? loc : loc + "/") + NAME;
  }

  /**
   * The file-system path of a location, or null for a classpath one (it cannot change while
   * running).
   */
  public static Path fileOf(String location) {
    if (location.startsWith("classpath:")) {
      return null;
    }
    return Path.of(location.startsWith("file:") ? location.substring(5) : location);
  }

  /**
   * The examples at a location; none when there is no such file. Throws {@link
   * InvalidExamplesException}.
   */
  public static List<TrainingExample> load(String location) {
    Path file = fileOf(location);
    String shown = file == null ? location.substring("classpath:".length()) : file.toString();
    byte[] bytes;
    try {
      if (file == null) {
        ClassPathResource resource =
            new ClassPathResource(location.substring("classpath:".length()).replaceFirst("^/", ""));
        if (!resource.exists()) {
          return List.of();
        }
        try (InputStream in = resource.getInputStream()) {
          bytes = in.readAllBytes();
        }
      } else {
        if (!Files.exists(file)) {
          return List.of();
        }
        bytes = Files.readAllBytes(file);
      }
    } catch (IOException e) {
      throw new InvalidExamplesException(
          shown, List.of(shown + ": cannot be read (" + e.getClass().getSimpleName() + ")"));
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidExamplesException(
          shown, List.of(shown + ": is not UTF-8 text; save it as UTF-8"));
    }
    return parse(shown, text);
  }

  /** Parses the file's text; {@code name} is what the problems are prefixed with. */
  public static List<TrainingExample> parse(String name, String text) {
    List<TrainingExample> examples = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String[] lines =
        text.startsWith("\uFEFF") ? text.substring(1).split("\\R", -1) : text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String at = name + ":" + (i + 1) + ": ";
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      String[] columns = line.split("\t", -1);
      if (columns.length < 2 || columns.length > 3) {
        problems.add(
            at
                + columns.length
                + (columns.length == 1 ? " column" : " columns")
                + ", expected intent<TAB>text or intent<TAB>text<TAB>form (separate the columns with one tab)");
        continue;
      }
      String intent = columns[0].strip();
      String exampleText = columns[1].strip();
      String form = columns.length == 3 ? columns[2].strip() : "";
      if (!Intents.ALL.contains(intent)) {
        problems.add(
            at + "unknown intent '" + intent + "' (known: " + String.join(", ", Intents.ALL) + ")");
      }
      if (exampleText.isEmpty()) {
        problems.add(at + "empty text");
      } else if (exampleText.length() > MAX_TEXT) {
        problems.add(at + "text longer than " + MAX_TEXT + " characters");
      }
      Language language = form.isEmpty() ? null : Language.fromTag(form);
      if (!form.isEmpty() && language == null) {
        problems.add(
            at
                + "unknown form '"
                + form
                + "' (known: "
                + Arrays.stream(Language.values())
                    .map(Language::tag)
                    .collect(Collectors.joining(", "))
                + ")");
      }
      if (problems.isEmpty()) {
        examples.add(
            new TrainingExample(
                intent,
                exampleText,
                language == null ? null : language.tag(),
                TrainingExample.Source.EXAMPLES_FILE));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidExamplesException(name, problems);
    }
    return List.copyOf(examples);
  }
}
