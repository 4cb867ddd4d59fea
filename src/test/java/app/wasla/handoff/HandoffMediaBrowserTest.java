package app.wasla.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.BrowserScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Media both ways in a real browser (e2e/handoff-media.spec.mjs, Debian's Chromium through
 * playwright-core; sandbox mode, so the simulator's uploads stand in for Meta's media and its media
 * store keeps what the shop uploads): a customer sends a photo and a location from the simulator
 * and asks for a person; the agent who owns the handoff opens it in Tasklist, sees the photo's
 * preview and the map link in the form, and sends a photo back with "Send file", which the
 * simulator then shows. Needs /usr/bin/chromium and e2e/node_modules, which .ci/run installs.
 * Screenshots: target/e2e/handoff-media-*.png.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:handoff-media-e2e;DB_CLOSE_DELAY=-1",
      "wasla.media.folder=target/e2e/handoff-media-store",
      // no holding message or escalation while the browser works
      "wasla.handoff.first-response=PT1H"
    })
class HandoffMediaBrowserTest {

  private static final Path SCREENSHOTS = BrowserScript.PROJECT.resolve("target/e2e");

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired AgentPresence presence;
  @Autowired JdbcClient jdbc;

  @Test
  void anAgentSeesTheCustomersPhotoAndLocationAndSendsAFileBack() throws Exception {
    BrowserScript.requireBrowser();
    // the demo agents are on duty: the handoff is routed to one of them
    for (String agent : List.of("sara", "omar", "mona")) {
      presence.setAvailable(agent, true);
    }
    String waId = "2014" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    String base = "http://127.0.0.1:" + port;

    BrowserScript.run(
        "handoff-media.spec.mjs", 120, "customer", base, SCREENSHOTS.toString(), waId);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                tasks
                        .createTaskQuery()
                        .processInstanceBusinessKeyLike("%:" + waId)
                        .taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
                        .taskAssigned()
                        .count()
                    == 1);
    Task handoff =
        tasks
            .createTaskQuery()
            .processInstanceBusinessKeyLike("%:" + waId)
            .taskDefinitionKey(HandoffRouter.HANDOFF_TASK)
            .singleResult();
    String owner = handoff.getAssignee();

    // sandbox mode: the demo accounts' passwords are their ids
    String log =
        BrowserScript.run(
            "handoff-media.spec.mjs",
            120,
            "agent",
            base,
            SCREENSHOTS.toString(),
            waId,
            owner,
            owner,
            handoff.getId());
    assertThat(log).contains("[e2e] PASSED (agent)");

    // server side: the customer's photo and location were kept, and so was the agent's photo, which
    // went out as an image message with its caption, uploaded (a media id, not a link)
    List<Map<String, Object>> kept =
        jdbc.sql(
                "SELECT kind, status, outbound FROM inbox_media WHERE conversation_key LIKE ? ORDER BY id")
            .param("%:" + waId)
            .query()
            .listOfRows();
    assertThat(kept).extracting(r -> r.get("kind")).containsExactly("image", "location", "image");
    assertThat(kept).extracting(r -> r.get("outbound")).containsExactly(false, false, true);
    assertThat(kept).extracting(r -> r.get("status")).containsOnly("STORED");
    List<String> images =
        jdbc.sql(
                "SELECT body_json FROM outbound_message WHERE conversation_key LIKE ?"
                    + " AND message_type = 'image' AND idempotency_key LIKE 'handoff:%'")
            .param("%:" + waId)
            .query(String.class)
            .list();
    assertThat(images)
        .singleElement()
        .asString()
        .contains("\"mediaId\"")
        .contains("ده المتاح عندنا من الجراب ده");
  }
}
