package app.wasla.dialogue;

import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs every {@code src/test/resources/dialogues/**}{@code /*.dialogue} (docs/dialogues.md) against
 * one running Wasla (cloud mode against {@link WhatsAppMock}, the embedded persona, the demo store
 * and the sandbox gateway), each file one dynamic test. Dialogues run side by side, each on a fresh
 * customer number; those that name the same number run one after another, in the order of their
 * names. {@code -Ddialogue=store/hours-ar-eg,products/} runs only the named files and folders;
 * {@code -Ddialogue.threads=N} sets how many run at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class DialogueScenarios {

  static final WhatsAppMock META = new WhatsAppMock();

  /**
   * Media ids of the dialogues' photos and voice notes (Meta's media endpoints, played by META).
   */
  static final String PHOTO_MEDIA = "dlgphoto";

  static final String VOICE_MEDIA = "dlgvoice";

  static {
    META.serveMedia(DialogueScenarios::media);
  }

  /**
   * A small JPEG for every photo, a few bytes of Ogg, PDF or MP4 for voice notes, documents and
   * videos.
   */
  private static okhttp3.mockwebserver.MockResponse media(
      okhttp3.mockwebserver.RecordedRequest request) {
    String path = request.getRequestUrl().encodedPath();
    boolean voice = path.contains(VOICE_MEDIA);
    boolean pdf = path.contains("dlgdocument");
    boolean video = path.contains("dlgvideo");
    String type =
        voice ? "audio/ogg" : pdf ? "application/pdf" : video ? "video/mp4" : "image/jpeg";
    if (path.startsWith("/files/")) {
      byte[] bytes =
          voice
              ? "OggS-dialogue".getBytes(java.nio.charset.StandardCharsets.UTF_8)
              : pdf
                  ? "%PDF-1.4 dialogue".getBytes(java.nio.charset.StandardCharsets.UTF_8)
                  : video
                      ? new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'}
                      : new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2};
      return new okhttp3.mockwebserver.MockResponse()
          .setHeader("Content-Type", type)
          .setBody(new okio.Buffer().write(bytes));
    }
    String id = path.substring(path.lastIndexOf('/') + 1);
    return new okhttp3.mockwebserver.MockResponse()
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"url\":\""
                + META.url("/files/" + id)
                + "\",\"mime_type\":\""
                + type
                + "\",\"id\":\""
                + id
                + "\"}");
  }

  static final String ROOT = "dialogues";

  /** How long the whole run may take before a dialogue still waiting counts as failed. */
  static final long RUN_PATIENCE_MINUTES = 10;

  private static ExecutorService pool;

  @DynamicPropertySource
  static void cloudModeAgainstTheMock(DynamicPropertyRegistry registry) {
    META.registerCloudMode(registry);
    registry.add("wasla.whatsapp.send-backoff", () -> "20ms");
    registry.add("wasla.outbox.backoff", () -> "200ms");
    registry.add("wasla.outbox.sweep-interval", () -> "200ms");
    registry.add("wasla.mailbox.sweep-interval", () -> "500ms");
    // the agents' hours around the clock: dialogues run at any time of day on the real clock, and
    // what a handoff promises outside the hours is tested with a fixed clock
    // (HandoffHoursProcessTest)
    registry.add("wasla.handoff.staff-opens", () -> "00:00");
    registry.add("wasla.handoff.staff-closes", () -> "00:00");
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;
  @Autowired app.wasla.conversation.OutboundMessages outbound;

  /**
   * Which dialogues (by name, e.g. {@code checkout/order-cod-ar-eg}) this class runs when no filter
   * is given.
   */
  protected boolean runsByDefault(String name) {
    return true;
  }

  /** The folder of the dialogues this class runs, on the test class path. */
  protected String folder() {
    return ROOT;
  }

  /** The {@code -Ddialogue=} filter this class applies ("" for none). */
  protected String filter() {
    return System.getProperty("dialogue", "");
  }

  @TestFactory
  Stream<DynamicTest> dialogues() {
    Path root = root(folder());
    List<String> filter =
        Arrays.stream(filter().split(","))
            .map(String::strip)
            .filter(f -> !f.isEmpty())
            .map(
                f ->
                    f.endsWith(DialogueFile.EXTENSION)
                        ? f.substring(0, f.length() - DialogueFile.EXTENSION.length())
                        : f)
            .toList();
    Map<String, Path> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(p -> p.toString().endsWith(DialogueFile.EXTENSION))
          .forEach(
              p -> {
                String name = root.relativize(p).toString().replace('\\', '/');
                name = name.substring(0, name.length() - DialogueFile.EXTENSION.length());
                if (filter.isEmpty()
                    ? runsByDefault(name)
                    : filter.stream().anyMatch(matches(name))) {
                  files.put(name, p);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (files.isEmpty()) {
      throw new IllegalStateException(
          "no dialogue under " + root + (filter.isEmpty() ? "" : " matches " + filter));
    }

    DialogueRunner runner =
        new DialogueRunner(
            new Webhooks(port),
            META,
            jdbc,
            runtime,
            management,
            tasks,
            (waId, template) ->
                outbound.send(
                    app.wasla.conversation.ConversationKey.parse(
                        Webhooks.PHONE_NUMBER_ID + ":" + waId),
                    new app.wasla.channel.whatsapp.OutboundMessage.Template(
                        template, "en", List.of()),
                    app.wasla.conversation.TemplateCategory.MARKETING,
                    "dialogue-campaign:" + waId + ":" + System.nanoTime()));
    int threads = Integer.getInteger("dialogue.threads", 6);
    pool = Executors.newFixedThreadPool(threads);
    // dialogues of one named customer share a chain; every other dialogue is a chain of its own
    Map<String, CompletableFuture<Void>> chains = new LinkedHashMap<>();
    Map<String, CompletableFuture<Void>> results = new LinkedHashMap<>();
    files.forEach(
        (name, path) -> {
          DialogueFile parsed;
          try {
            parsed = DialogueFile.read(path, name);
          } catch (RuntimeException e) {
            results.put(name, CompletableFuture.failedFuture(e));
            return;
          }
          String chain = parsed.customer() == null ? "new:" + name : parsed.customer();
          CompletableFuture<Void> previous =
              chains.getOrDefault(chain, CompletableFuture.completedFuture(null));
          CompletableFuture<Void> result =
              previous.handle((ok, failed) -> null).thenRunAsync(() -> run(runner, parsed), pool);
          chains.put(chain, result);
          results.put(name, result);
        });
    List<DynamicTest> tests = new ArrayList<>();
    results.forEach(
        (name, result) ->
            tests.add(
                DynamicTest.dynamicTest(
                    name,
                    root.resolve(name + DialogueFile.EXTENSION).toUri(),
                    () -> await(result))));
    return tests.stream();
  }

  /**
   * Runs one dialogue. A pending one (a known gap of the product, named in its 'pending:' line)
   * that fails is reported as skipped with its failure; one that passes fails, so that its
   * 'pending:' line goes.
   */
  private static void run(DialogueRunner runner, DialogueFile dialogue) {
    if (dialogue.pending() == null) {
      runner.run(dialogue);
      return;
    }
    try {
      runner.run(dialogue);
    } catch (AssertionError | RuntimeException e) {
      throw new TestAbortedException("pending (" + dialogue.pending() + "):\n" + e.getMessage(), e);
    }
    throw new AssertionError(
        dialogue.name()
            + DialogueFile.EXTENSION
            + " passes now: remove its 'pending: "
            + dialogue.pending()
            + "' line");
  }

  private static java.util.function.Predicate<String> matches(String name) {
    return f ->
        name.equals(f)
            || name.startsWith(f.endsWith("/") ? f : f + "/")
            || (f.contains("*") && name.matches(f.replace(".", "\\.").replace("*", "[^/]*")));
  }

  private static void await(CompletableFuture<Void> result) throws Throwable {
    try {
      result.get(RUN_PATIENCE_MINUTES, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null
          ? cause.getCause()
          : cause;
    } catch (TimeoutException e) {
      throw new AssertionError(
          "the dialogue did not finish within " + RUN_PATIENCE_MINUTES + " minutes");
    }
  }

  @AfterAll
  static void stopRunning() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /**
   * The dialogues folder on the test class path (target/test-classes/dialogues, copied from
   * src/test/resources).
   */
  static Path root() {
    return root(ROOT);
  }

  static Path root(String folder) {
    URL url = DialogueScenarios.class.getClassLoader().getResource(folder);
    if (url == null) {
      throw new IllegalStateException(
          "no " + folder + " folder on the test class path (src/test/resources/" + folder + ")");
    }
    try {
      return Paths.get(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
