package app.wasla.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Playwright script of {@code e2e/} with Node against Debian's Chromium, as the browser
 * tests do. A missing browser or missing node_modules fails the test with the command that installs
 * them.
 */
public final class BrowserScript {

  public static final Path PROJECT = Path.of(System.getProperty("user.dir")).toAbsolutePath();
  private static final String SETUP =
      "run `apt-get install -y chromium && npm ci --prefix e2e` (as .ci/run does)";
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path PLAYWRIGHT = PROJECT.resolve("e2e/node_modules/playwright-core");

  private BrowserScript() {}

  /** Fails the test when Chromium or playwright-core is not installed. */
  public static void requireBrowser() {
    if (!Files.isExecutable(CHROMIUM)) {
      fail(CHROMIUM + " is missing: " + SETUP);
    }
    if (!Files.isDirectory(PLAYWRIGHT)) {
      fail(PLAYWRIGHT + " is missing: " + SETUP);
    }
  }

  /**
   * Runs {@code node e2e/<script> args...}, prints its output, and asserts that it finished in time
   * with exit code 0. Returns the output.
   */
  public static String run(String script, long timeoutSeconds, String... args) throws Exception {
    Result result = exec(script, timeoutSeconds, args);
    assertThat(result.exitCode())
        .as("exit code of the browser test; its output:%n%s", result.output())
        .isZero();
    return result.output();
  }

  /** What a script printed and its exit code. */
  public record Result(int exitCode, String output) {}

  /**
   * Runs {@code node e2e/<script> args...}, prints its output, and asserts that it finished in
   * time; the exit code is the caller's to judge.
   */
  public static Result exec(String script, long timeoutSeconds, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("node", PROJECT.resolve("e2e").resolve(script).toString()));
    command.addAll(List.of(args));
    Process node;
    try {
      node =
          new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      fail(
          "cannot start node ("
              + e.getMessage()
              + "): install Node.js and npm (apt-get install -y nodejs npm), then "
              + SETUP);
      return new Result(-1, "");
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> copy(node.getInputStream(), output), "e2e-output");
    reader.start();
    boolean finished = node.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    if (!finished) {
      node.descendants().forEach(ProcessHandle::destroyForcibly);
      node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    reader.join(10_000);
    String log = output.toString(StandardCharsets.UTF_8);
    System.out.println(log);

    assertThat(finished)
        .as(
            "%s finished within %d s; its output:%n%s",
            String.join(" ", command), timeoutSeconds, log)
        .isTrue();
    return new Result(node.exitValue(), log);
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try (in) {
      in.transferTo(out);
    } catch (IOException e) {
      // the process was killed; what was read so far is kept
    }
  }
}
