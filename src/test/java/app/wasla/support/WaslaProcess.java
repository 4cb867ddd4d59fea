package app.wasla.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The real application in a JVM of its own, in cloud mode against a Meta mock that lives in the
 * test's JVM: so a test can kill it for real ({@code kill -9}: {@link #kill()}) or stop it as an
 * operator's SIGTERM does ({@link #terminate}), and start another on the same database. Its working
 * directory is the given folder, so the shipped default (H2 under {@code ./data}) is used there
 * unless the properties name another database.
 */
public final class WaslaProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final Path log;

  private WaslaProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts Wasla in {@code workDir} against the mock with the given extra properties (they win over
   * the defaults here) and waits until it reports healthy. Its output goes to {@code
   * workDir/<logName>.log}.
   */
  public static WaslaProcess start(
      WhatsAppMock meta, Path workDir, String logName, Map<String, String> properties)
      throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> props = new LinkedHashMap<>();
    props.put("server.port", String.valueOf(port));
    props.put("wasla.whatsapp.mode", "cloud");
    props.put("wasla.whatsapp.api-base-url", meta.baseUrl());
    props.put("wasla.whatsapp.access-token", "test-token");
    props.put("wasla.whatsapp.app-secret", Webhooks.APP_SECRET);
    props.put("wasla.whatsapp.verify-token", "test-verify-token");
    props.put("wasla.commerce.public-base-url", "http://127.0.0.1:" + port);
    props.putAll(CloudMode.safetyProperties());
    props.putAll(properties);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // small and quick to start: the test's own JVM and other engineers' builds share the cores
    cmd.addAll(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8"));
    cmd.add("-cp");
    // under Surefire java.class.path is a manifest-only jar; the real test classpath is here
    cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    cmd.add("app.wasla.WaslaApplication");
    props.forEach((key, value) -> cmd.add("--" + key + "=" + value));
    Files.createDirectories(workDir);
    Path log = workDir.resolve(logName + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(cmd)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // a test helper it runs finds this JVM's PostgreSQL, also an embedded one this JVM started
    builder.environment().putAll(PostgresTestDatabase.childEnvironment());
    Process process = builder.start();
    NodeLogsOnFailure.started(log);
    WaslaProcess wasla = new WaslaProcess(process, port, log);
    try {
      wasla.awaitHealthy(Duration.ofSeconds(180));
    } catch (RuntimeException | InterruptedException e) {
      wasla.kill();
      throw e;
    }
    return wasla;
  }

  private void awaitHealthy(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Wasla ended (exit " + process.exitValue() + ") before it was healthy; see " + log);
      }
      try {
        if (HTTP.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // still starting
      }
      // polling a child's port: there is no event to wait on
      process.waitFor(250, TimeUnit.MILLISECONDS);
    }
    throw new IllegalStateException("Wasla was not healthy within " + timeout + "; see " + log);
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public Path log() {
    return log;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** {@code kill -9}: the JVM ends at once, no shutdown hook, no flush; returns when it is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("Wasla " + process.pid() + " survived SIGKILL for 30 s");
    }
  }

  /**
   * SIGTERM, as an operator or an orchestrator stops it; waits up to {@code timeout} for the exit.
   *
   * @return the exit code, or empty when it had not ended by then (it is then killed)
   */
  public OptionalInt terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return OptionalInt.of(process.exitValue());
    }
    kill();
    return OptionalInt.empty();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
