package app.wasla.persona.learning;

import app.wasla.persona.EmbeddedPersona;
import app.wasla.persona.Intents;
import app.wasla.persona.Language;
import app.wasla.persona.PersonaTurn;
import app.wasla.persona.ProductStock;
import app.wasla.persona.handoff.HandoffRules;
import app.wasla.persona.nlp.IntentClassifier;
import app.wasla.persona.nlp.IntentModel;
import app.wasla.persona.nlp.TextView;
import app.wasla.persona.playbook.Playbook;
import app.wasla.persona.playbook.PlaybookLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded persona that learns while the application runs. The model (intent classifier,
 * learned messages, playbook and its index) is one immutable {@link Generation} behind an {@link
 * AtomicReference}: a retrain builds and checks a new one beside it and swaps it in at once, so a
 * turn in flight finishes on the one it started with and nothing restarts. It retrains after an
 * agent's correction (a moment later, to take a few at once), when the examples file or the
 * playbook folder changes, when another node saved a correction (it polls the database), and when
 * an admin asks. What cannot be built (a bad examples file, an unreadable playbook) is refused with
 * the reason, and the running model keeps answering.
 */
public final class PersonaLearning {

  /**
   * One trained model and how it came about. Its evaluation (a cross-validation, a few seconds of
   * CPU) is computed the first time it is asked for, on the learning thread after a retrain or by
   * the admin endpoint: a start-up does not pay for it.
   */
  public record Generation(
      int version,
      EmbeddedPersona persona,
      IntentClassifier classifier,
      Instant trainedAt,
      String trigger,
      long tookMillis,
      Counts examples,
      List<TrainingExample> added,
      int learnedMessages,
      java.util.function.Supplier<Evaluation> evaluator,
      Stamp stamp) {

    public Evaluation evaluation() {
      return evaluator.get();
    }
  }

  /** Computes once, on the first call; later and concurrent callers get the same result. */
  private static <T> java.util.function.Supplier<T> once(java.util.function.Supplier<T> compute) {
    return new java.util.function.Supplier<>() {
      private volatile T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = compute.get();
        }
        return value;
      }
    };
  }

  /** How many examples of each source trained a generation. */
  public record Counts(int shipped, int examplesFile, int corrections) {
    public int total() {
      return shipped + examplesFile + corrections;
    }
  }

  /** What the examples file, the playbook and the corrections were when a generation was built. */
  public record Stamp(String files, Corrections.Fingerprint corrections) {}

  /**
   * The analyst's and agents' examples of the latest retrain, read by the model before and after
   * it.
   */
  public record Learned(int examples, Evaluation.Score before, Evaluation.Score after) {}

  /** A retrain that was refused: when, why it was tried, and what was wrong. */
  public record Failure(Instant at, String trigger, String message, List<String> problems) {}

  /** What the admin endpoint shows. */
  public record Status(
      Generation current,
      Generation previous,
      Learned learned,
      Failure lastFailure,
      String playbookLocation,
      String examplesLocation,
      boolean watchingFiles) {}

  private static final Logger log = LoggerFactory.getLogger(PersonaLearning.class);

  private final String name;
  private final String playbookLocation;
  private final String examplesLocation;
  private final HandoffRules handoffRules;
  private final Corrections corrections;
  private final LearningProperties props;
  private final Clock clock;
  private final ProductStock stock;
  private final List<TrainingExample> shipped;
  private final AtomicReference<Generation> current = new AtomicReference<>();
  private volatile Generation previous;
  private volatile java.util.function.Supplier<Learned> learned = () -> null;
  private volatile Failure lastFailure;

  /**
   * What the last refused attempt read: the same broken file is not tried (and logged) again and
   * again.
   */
  private volatile Stamp refused;

  /** The files' stamp at the previous look. */
  private volatile String lastSeenFiles;

  private volatile ScheduledExecutorService scheduler;
  private volatile ScheduledFuture<?> pending;
  private final List<String> pendingTriggers = new ArrayList<>();

  /** One build at a time; a correction saved meanwhile does not wait for it. */
  private final Object building = new Object();

  public PersonaLearning(
      String name,
      String playbookLocation,
      HandoffRules handoffRules,
      Corrections corrections,
      LearningProperties props,
      Clock clock) {
    this(name, playbookLocation, handoffRules, corrections, props, clock, ProductStock.UNKNOWN);
  }

  /** With the shop's stock, which every model built lists by (sold-out products left out). */
  public PersonaLearning(
      String name,
      String playbookLocation,
      HandoffRules handoffRules,
      Corrections corrections,
      LearningProperties props,
      Clock clock,
      ProductStock stock) {
    this.stock = stock;
    this.name = name;
    this.playbookLocation =
        playbookLocation == null || playbookLocation.isBlank()
            ? PlaybookLoader.DEFAULT_LOCATION
            : playbookLocation.strip();
    this.examplesLocation = ExamplesFile.locationBeside(this.playbookLocation);
    this.handoffRules = handoffRules;
    this.corrections = corrections;
    this.props = props;
    this.clock = clock;
    this.shipped = shippedExamples();
    Generation first;
    try {
      first = build("start-up", true);
    } catch (ExamplesFile.InvalidExamplesException e) {
      // no running model to keep yet: the shipped one answers until the file is fixed
      refused("start-up", e);
      first = build("start-up (without " + ExamplesFile.NAME + ")", false);
    }
    current.set(first);
  }

  /** The model that answers now. */
  public EmbeddedPersona persona() {
    return current.get().persona();
  }

  public Generation current() {
    return current.get();
  }

  public Status status() {
    return new Status(
        current.get(),
        previous,
        learned.get(),
        lastFailure,
        playbookLocation,
        examplesLocation,
        ExamplesFile.fileOf(examplesLocation) != null);
  }

  /**
   * Starts watching the files and the database (not in the constructor: the schema may not be
   * migrated yet).
   */
  public synchronized void start() {
    if (!props.enabled() || scheduler != null) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "persona-learning");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(100, props.pollInterval().toMillis());
    scheduler.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
  }

  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  /** A correction was saved: retrain after the debounce, with any others saved meanwhile. */
  public synchronized void correctionSaved() {
    schedule("a correction in the handoff form");
  }

  private synchronized void schedule(String trigger) {
    if (scheduler == null) {
      return;
    }
    if (!pendingTriggers.contains(trigger)) {
      pendingTriggers.add(trigger);
    }
    if (pending != null && !pending.isDone()) {
      return;
    }
    pending =
        scheduler.schedule(
            () -> {
              String why;
              synchronized (this) {
                why = String.join(", ", pendingTriggers);
                pendingTriggers.clear();
              }
              retrainQuietly(why);
            },
            Math.max(0, props.debounce().toMillis()),
            TimeUnit.MILLISECONDS);
  }

  /** Retrains now (an admin's call): the new generation, or the refusal's exception. */
  public Generation reload(String trigger) {
    return retrain(trigger);
  }

  private void retrainQuietly(String trigger) {
    try {
      retrain(trigger);
    } catch (RuntimeException e) {
      // already recorded and logged by retrain
    }
  }

  /**
   * Builds, checks and swaps in a new generation; on failure records why and keeps the running one.
   */
  Generation retrain(String trigger) {
    synchronized (building) {
      return retrainNow(trigger);
    }
  }

  private Generation retrainNow(String trigger) {
    Generation before = current.get();
    Generation next;
    try {
      next = build(trigger, true);
    } catch (RuntimeException e) {
      refused(trigger, e);
      throw e;
    }
    current.set(next);
    previous = before;
    refused = null;
    lastFailure = null;
    learned =
        once(
            () ->
                new Learned(
                    next.added().size(),
                    Evaluation.readBy(next.added(), before.classifier()),
                    Evaluation.readBy(next.added(), next.classifier())));
    log.info(
        "Persona retrained ({}): generation {} answers, {} examples ({} from {}, {} corrections), built in {} ms",
        trigger,
        next.version(),
        next.examples().total(),
        next.examples().examplesFile(),
        ExamplesFile.NAME,
        next.examples().corrections(),
        next.tookMillis());
    if (scheduler != null) {
      scheduler.execute(() -> evaluate(before, next));
    }
    return next;
  }

  /**
   * The figures before and after a retrain, once it answers: computed off the customers' path, then
   * logged.
   */
  private void evaluate(Generation before, Generation next) {
    try {
      log.info(
          "Persona generation {} ({}): cross-validated accuracy {} -> {}, macro-F1 {} -> {}",
          next.version(),
          next.trigger(),
          before.evaluation().accuracy(),
          next.evaluation().accuracy(),
          before.evaluation().macroF1(),
          next.evaluation().macroF1());
    } catch (RuntimeException e) {
      log.warn("Persona evaluation failed: {}", e.toString());
    }
  }

  private void refused(String trigger, RuntimeException e) {
    List<String> problems =
        e instanceof ExamplesFile.InvalidExamplesException invalid ? invalid.problems() : List.of();
    String message =
        e instanceof ExamplesFile.InvalidExamplesException
            ? e.getMessage()
            : e.getClass().getSimpleName() + ": " + e.getMessage();
    lastFailure = new Failure(clock.instant(), trigger, message, problems);
    refused = new Stamp(filesStamp(), corrections == null ? null : fingerprintOrNull());
    // the problems name files, lines, intents and forms, never an example's text
    log.warn("Persona not retrained ({}); the running model keeps answering. {}", trigger, message);
  }

  /** Looks for a changed examples file or playbook, and for corrections saved on any node. */
  void poll() {
    try {
      Generation now = current.get();
      String files = filesStamp();
      // a file caught while an editor writes it is read once it has stayed the same for one more
      // look
      boolean settled = files.equals(lastSeenFiles);
      lastSeenFiles = files;
      Corrections.Fingerprint fingerprint = corrections == null ? null : corrections.fingerprint();
      if (!settled || new Stamp(files, fingerprint).equals(refused)) {
        return; // being written, or what was refused last time: tried again when something changes
      }
      boolean filesChanged = !files.equals(now.stamp().files());
      boolean correctionsChanged =
          fingerprint != null && !fingerprint.equals(now.stamp().corrections());
      if (filesChanged) {
        retrainQuietly(ExamplesFile.NAME + " or the playbook changed");
      } else if (correctionsChanged && (pending == null || pending.isDone())) {
        retrainQuietly("corrections changed in the database");
      }
    } catch (RuntimeException e) {
      log.warn("Persona learning could not look for changes: {}", e.toString());
    }
  }

  private Generation build(String trigger, boolean withExamplesFile) {
    long started = System.nanoTime();
    String files = filesStamp();
    Corrections.Fingerprint fingerprint = corrections == null ? null : fingerprintOrNull();
    Playbook playbook = PlaybookLoader.load(playbookLocation);
    List<TrainingExample> fromFile =
        withExamplesFile ? ExamplesFile.load(examplesLocation) : List.of();
    List<TrainingExample> fromAgents =
        fingerprint == null
            ? List.of()
            : corrections.forTraining().stream()
                .map(
                    c ->
                        new TrainingExample(
                            c.intent(),
                            c.text(),
                            c.language(),
                            TrainingExample.Source.CORRECTION,
                            // "the bot should have answered this": no person was due
                            c.kind() == Corrections.Kind.BOT_SHOULD_HAVE_ANSWERED
                                ? Boolean.FALSE
                                : TrainingExample.dueFor(c.intent())))
                .toList();
    List<TrainingExample> added = new ArrayList<>(fromFile);
    added.addAll(fromAgents);
    List<TrainingExample> all = new ArrayList<>(shipped);
    all.addAll(added);

    IntentClassifier classifier = train(all);
    Map<String, String> learnedMessages = new LinkedHashMap<>();
    for (TrainingExample e : added) {
      String key = EmbeddedPersona.learnedKey(TextView.of(e.text()));
      if (!key.isEmpty()) {
        learnedMessages.put(key, e.intent()); // the latest statement about a message wins
      }
    }
    EmbeddedPersona persona =
        new EmbeddedPersona(
            name, playbook, classifier, handoffRules, learnedMessages, clock, stock);
    check(persona);
    List<TrainingExample> evaluated = List.copyOf(all);
    int folds = Math.max(2, props.folds());
    Generation last = current.get();
    return new Generation(
        last == null ? 1 : last.version() + 1,
        persona,
        classifier,
        clock.instant(),
        trigger,
        (System.nanoTime() - started) / 1_000_000,
        new Counts(shipped.size(), fromFile.size(), fromAgents.size()),
        List.copyOf(added),
        learnedMessages.size(),
        once(() -> Evaluation.crossValidate(evaluated, folds, this::train)),
        new Stamp(files, fingerprint));
  }

  private Corrections.Fingerprint fingerprintOrNull() {
    try {
      return corrections.fingerprint();
    } catch (RuntimeException e) {
      // before the schema is migrated (the first build at start-up): the first poll trains on the
      // corrections
      log.debug("No corrections yet: {}", e.toString());
      return null;
    }
  }

  private IntentClassifier train(List<TrainingExample> examples) {
    return IntentClassifier.trainedOn(Evaluation.forModel(examples, props.exampleWeight()));
  }

  /** A new model must answer an ordinary turn in every form before it may answer customers. */
  private static void check(EmbeddedPersona persona) {
    for (String text :
        List.of(
            "السلام عليكم",
            "مرحبا، ما هي طرق الدفع؟",
            "3ayez a3raf el se3r",
            "hello, where is my order?")) {
      var result =
          persona.respond(new PersonaTurn("check", List.of(text), null, List.of(), null, 0));
      if (result == null
          || result.reply() == null
          || result.reply().text() == null
          || result.reply().text().isBlank()
          || !Intents.ALL.contains(result.intent())) {
        throw new IllegalStateException("the new model gave no answer to \"" + text + "\"");
      }
    }
  }

  /** Names, sizes and modification times of the examples file and the playbook's files. */
  private String filesStamp() {
    StringBuilder sb = new StringBuilder();
    Path examples = ExamplesFile.fileOf(examplesLocation);
    Path playbook = ExamplesFile.fileOf(playbookLocation);
    try {
      if (examples != null) {
        stamp(sb, examples);
      }
      if (playbook != null) {
        if (Files.isDirectory(playbook)) {
          try (Stream<Path> s = Files.list(playbook)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
              stamp(sb, p);
            }
          }
        } else {
          stamp(sb, playbook);
        }
      }
    } catch (IOException e) {
      sb.append("unreadable:").append(e.getClass().getSimpleName());
    }
    return sb.toString();
  }

  private static void stamp(StringBuilder sb, Path p) throws IOException {
    if (Files.exists(p)) {
      sb.append(p.getFileName())
          .append(':')
          .append(Files.size(p))
          .append(':')
          .append(Files.getLastModifiedTime(p).toMillis())
          .append(';');
    } else {
      sb.append(p.getFileName()).append(":none;");
    }
  }

  /** The shipped training data, with the form of each example (for the evaluation per form). */
  static List<TrainingExample> shippedExamples() {
    try (InputStream in =
        PersonaLearning.class.getClassLoader().getResourceAsStream(IntentModel.DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + IntentModel.DEFAULT_RESOURCE);
      }
      List<TrainingExample> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        // the same rows IntentModel.parse reads: "form, intent, sentiment, handoff, text" or
        // "intent, text"
        if (f.length >= 5) {
          Language form = Language.fromTag(f[0]);
          out.add(
              new TrainingExample(
                  f[1],
                  f[4],
                  form == null ? f[0] : form.tag(),
                  TrainingExample.Source.SHIPPED,
                  "1".equals(f[3].strip())));
        } else if (f.length == 2) {
          out.add(new TrainingExample(f[0], f[1], null, TrainingExample.Source.SHIPPED));
        }
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Duration pollInterval() {
    return props.pollInterval();
  }
}
