package app.wasla.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The simulator page in a real browser: e2e/simulator.spec.mjs drives Debian's Chromium through playwright-core
 * against this application (sandbox mode, the default) and chats as a customer, in Arabic, by a button tap and in
 * English. Needs /usr/bin/chromium and e2e/node_modules, which .ci/run installs; without them this test fails.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "spring.datasource.url=jdbc:h2:mem:simulator-e2e;DB_CLOSE_DELAY=-1")
class SimulatorBrowserTest {

  private static final String SETUP = "run `apt-get install -y chromium && npm ci --prefix e2e` (as .ci/run does)";
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path PROJECT = Path.of(System.getProperty("user.dir")).toAbsolutePath();
  private static final Path SCRIPT = PROJECT.resolve("e2e/simulator.spec.mjs");
  private static final Path PLAYWRIGHT = PROJECT.resolve("e2e/node_modules/playwright-core");
  private static final Path SCREENSHOT = PROJECT.resolve("target/e2e/simulator.png");
  private static final long TIMEOUT_SECONDS = 120;

  @LocalServerPort
  int port;

  @Autowired
  JdbcClient jdbc;

  @Test
  void customerChatsThroughTheSimulatorPageInChromium() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      fail(CHROMIUM + " is missing: " + SETUP);
    }
    if (!Files.isDirectory(PLAYWRIGHT)) {
      fail(PLAYWRIGHT + " is missing: " + SETUP);
    }
    Files.createDirectories(SCREENSHOT.getParent());
    Files.deleteIfExists(SCREENSHOT);
    String waId = "2011" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));

    List<String> command = List.of("node", SCRIPT.toString(), "http://127.0.0.1:" + port, SCREENSHOT.toString(), waId);
    Process node;
    try {
      node = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      fail("cannot start node (" + e.getMessage() + "): install Node.js and npm (apt-get install -y nodejs npm), then "
          + SETUP);
      return;
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> copy(node.getInputStream(), output), "e2e-output");
    reader.start();
    boolean finished = node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!finished) {
      node.descendants().forEach(ProcessHandle::destroyForcibly);
      node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    reader.join(10_000);
    String log = output.toString(StandardCharsets.UTF_8);
    System.out.println(log);

    assertThat(finished).as("%s finished within %d s; its output:%n%s", String.join(" ", command),
        TIMEOUT_SECONDS, log).isTrue();
    assertThat(node.exitValue()).as("exit code of the browser test; its output:%n%s", log).isZero();
    assertThat(SCREENSHOT).as("screenshot").exists().isNotEmptyFile();

    // Server side: the greeting, the answer to the tap and the answer to the English question were all recorded
    Integer sent = jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE wa_id = ?").param(waId)
        .query(Integer.class).single();
    assertThat(sent).as("outbound_message rows for customer %s", waId).isGreaterThanOrEqualTo(3);
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try (in) {
      in.transferTo(out);
    } catch (IOException e) {
      // the process was killed; what was read so far is kept
    }
  }
}
