package app.wasla.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the logs of the {@link WaslaProcess} nodes a failed test started: they live in the test's
 * temporary directory, which JUnit deletes after the test, so each is copied to {@code
 * target/crash-logs/<test class>/<test>/} and its last lines are printed (Surefire keeps them in
 * the test's report). Runs after the test method and before the temporary directory is cleaned up.
 * Tests run one at a time in the fork, so the nodes started since the test began are its own.
 */
public final class NodeLogsOnFailure
    implements BeforeTestExecutionCallback, AfterTestExecutionCallback {

  /** Where the logs of failed tests are kept (under the module's build directory). */
  public static final Path KEPT = Path.of("target", "crash-logs");

  private static final int TAIL_LINES = 80;
  private static final Queue<Path> STARTED = new ConcurrentLinkedQueue<>();

  /** A node's log, to be kept if the test fails (called by {@link WaslaProcess#start}). */
  static void started(Path log) {
    STARTED.add(log);
  }

  @Override
  public void beforeTestExecution(ExtensionContext context) {
    STARTED.clear();
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    List<Path> logs = new ArrayList<>(STARTED);
    STARTED.clear();
    if (context.getExecutionException().isEmpty() || logs.isEmpty()) {
      return;
    }
    Path target =
        KEPT.resolve(context.getRequiredTestClass().getSimpleName())
            .resolve(
                safe(context.getRequiredTestMethod().getName() + "-" + context.getDisplayName()));
    try {
      Files.createDirectories(target);
      for (Path log : logs) {
        if (!Files.exists(log)) {
          continue;
        }
        Path kept = target.resolve(log.getFileName());
        Files.copy(log, kept, StandardCopyOption.REPLACE_EXISTING);
        List<String> lines = Files.readAllLines(log);
        System.out.printf(
            "NODE_LOG %s (kept at %s), last %d of %d lines:%n",
            log.getFileName(),
            kept.toAbsolutePath(),
            Math.min(TAIL_LINES, lines.size()),
            lines.size());
        lines
            .subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())
            .forEach(line -> System.out.println("  " + line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not keep the node logs in " + target, e);
    }
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]+", "_");
  }
}
