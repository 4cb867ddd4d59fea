package app.wasla.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.support.BrowserScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Media in the simulator page in a real browser: e2e/media.spec.mjs drives Debian's Chromium
 * through playwright-core against this application (sandbox mode: the simulator's uploads stand in
 * for Meta's media) and sends a captioned photo, a location, a voice note, a PDF and a video; each
 * shows in the chat (a preview fetched back from Wasla, a map link, a player, a file link) and is
 * answered; a product question is answered with the product's photo before the offer. Needs
 * /usr/bin/chromium and e2e/node_modules, which .ci/run installs; without them this test fails.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:simulator-media-e2e;DB_CLOSE_DELAY=-1",
      "wasla.media.folder=target/e2e/media-store"
    })
class SimulatorMediaBrowserTest {

  private static final Path SCREENSHOT = BrowserScript.PROJECT.resolve("target/e2e/media.png");

  @LocalServerPort int port;

  @Autowired JdbcClient jdbc;

  @Test
  void customerSendsAPhotoALocationAndAVoiceNoteFromTheSimulator() throws Exception {
    BrowserScript.requireBrowser();
    Files.createDirectories(SCREENSHOT.getParent());
    Files.deleteIfExists(SCREENSHOT);
    String waId = "2013" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));

    BrowserScript.run(
        "media.spec.mjs", 120, "http://127.0.0.1:" + port, SCREENSHOT.toString(), waId);
    assertThat(SCREENSHOT).as("screenshot").exists().isNotEmptyFile();

    // server side: the photo and the voice note were fetched through the sandbox's media source and
    // kept; the location was kept with its coordinates
    List<Map<String, Object>> rows =
        jdbc.sql(
                "SELECT kind, status, caption, latitude FROM inbox_media WHERE conversation_key LIKE ?"
                    + " ORDER BY id")
            .param("%:" + waId)
            .query()
            .listOfRows();
    assertThat(rows)
        .extracting(r -> r.get("kind"))
        .containsExactly("image", "location", "audio", "document", "video");
    assertThat(rows).extracting(r -> r.get("status")).containsOnly("STORED");
    assertThat(rows.get(0).get("caption")).isEqualTo("الشاشة مكسورة كده، تصليحها بكام؟");
  }
}
