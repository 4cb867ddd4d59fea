package app.wasla.bench;

import app.wasla.support.PostgresTestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM this one launches on the same classpath, so its CPU and heap are its own: Wasla, the engine
 * floor and the seeder each run in one. Its output goes to a log file; lines starting with {@link
 * #RESULT} are results and are kept.
 */
final class ChildJvm implements AutoCloseable {

  /** A child prints its result as one line: this prefix, then JSON. */
  static final String RESULT = "BENCH_RESULT ";

  private final Process process;
  private final List<String> results = new ArrayList<>();
  private final Thread pump;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.pump = new Thread(() -> pump(log), "bench-child-output");
    pump.setDaemon(true);
    pump.start();
  }

  /**
   * Starts {@code mainClass} with the given JVM options and arguments; output appended to {@code
   * log}.
   */
  static ChildJvm start(String mainClass, List<String> jvmOptions, List<String> args, Path log)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    // under exec:java this is Maven's classpath, not the project's: use bench/run.sh
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    Files.writeString(
        log,
        "$ " + String.join(" ", cmd).replace(System.getProperty("java.class.path"), "<cp>") + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
    // the same PostgreSQL as this JVM's, also when that is an embedded one this JVM started
    builder.environment().putAll(PostgresTestDatabase.childEnvironment());
    Process process = builder.start();
    // Ctrl-C or a kill of the generator must not leave a Wasla or a floor running
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "bench-child-stop"));
    return new ChildJvm(process, log);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** utime+stime of the child so far, in nanoseconds. */
  long cpuNanos() {
    return Proc.cpuNanos(process.pid());
  }

  /** The part of {@link #cpuNanos} its JIT compiler threads spent (their CPU while they lived). */
  long jitCpuNanos() {
    return Proc.jitCpuNanos(process.pid());
  }

  /** Waits for the child to end and returns its last result line (JSON), or fails. */
  String awaitResult(long timeoutSeconds) throws Exception {
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      close();
      throw new IllegalStateException(
          "child " + process.pid() + " did not finish in " + timeoutSeconds + " s");
    }
    pump.join(5000);
    synchronized (results) {
      if (results.isEmpty()) {
        throw new IllegalStateException(
            "child "
                + process.pid()
                + " ended (exit "
                + process.exitValue()
                + ") without a result; see its log");
      }
      return results.get(results.size() - 1);
    }
  }

  private void pump(Path log) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var out =
            Files.newBufferedWriter(
                log,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.newLine();
        out.flush();
        if (line.startsWith(RESULT)) {
          synchronized (results) {
            results.add(line.substring(RESULT.length()));
          }
        }
      }
    } catch (IOException ignored) {
      // the child ended
    }
  }

  /** Asks the child to stop (SIGTERM: Spring closes gracefully), then kills it after 30 s. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
