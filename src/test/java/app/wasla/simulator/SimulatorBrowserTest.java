package app.wasla.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.support.BrowserScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The simulator page in a real browser: e2e/simulator.spec.mjs drives Debian's Chromium through
 * playwright-core against this application (sandbox mode, the default) and chats as a customer, in
 * Arabic, by a button tap and in English. Needs /usr/bin/chromium and e2e/node_modules, which
 * .ci/run installs; without them this test fails.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "spring.datasource.url=jdbc:h2:mem:simulator-e2e;DB_CLOSE_DELAY=-1")
class SimulatorBrowserTest {

  private static final Path SCREENSHOT = BrowserScript.PROJECT.resolve("target/e2e/simulator.png");
  private static final long TIMEOUT_SECONDS = 120;

  @LocalServerPort int port;

  @Autowired JdbcClient jdbc;

  @Test
  void customerChatsThroughTheSimulatorPageInChromium() throws Exception {
    BrowserScript.requireBrowser();
    Files.createDirectories(SCREENSHOT.getParent());
    Files.deleteIfExists(SCREENSHOT);
    String waId = "2011" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));

    BrowserScript.run(
        "simulator.spec.mjs",
        TIMEOUT_SECONDS,
        "http://127.0.0.1:" + port,
        SCREENSHOT.toString(),
        waId);
    assertThat(SCREENSHOT).as("screenshot").exists().isNotEmptyFile();

    // Server side: the greeting, the answer to the tap and the answer to the English question were
    // all recorded
    Integer sent =
        jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE wa_id = ?")
            .param(waId)
            .query(Integer.class)
            .single();
    assertThat(sent).as("outbound_message rows for customer %s", waId).isGreaterThanOrEqualTo(3);
  }
}
