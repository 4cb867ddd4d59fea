package app.wasla.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.BrowserScript;
import app.wasla.support.Webhooks;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The owner's inbox in a real browser: this test plays three conversations through the signed
 * webhook (one the bot answers, one handed to a sales agent, one more the bot answers), then
 * e2e/inbox.spec.mjs drives Debian's Chromium: supervisor demo signs in on the page, sees all three
 * with their states, filters and searches, sees a new message arrive without a reload, takes the
 * bot's conversation over, replies and gives it back; the sales agent sees only her customer and,
 * on a phone's screen, reloads, goes back and forth, and replies with Enter; support's agent none.
 * The screenshot is the one in docs/inbox.png. Needs /usr/bin/chromium and e2e/node_modules, which
 * .ci/run installs; without them this test fails.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:inbox-e2e;DB_CLOSE_DELAY=-1",
      "wasla.whatsapp.app-secret=" + Webhooks.APP_SECRET,
      "wasla.handoff.max-open-per-agent=50"
    })
class InboxBrowserTest {

  private static final Path SCREENSHOT = BrowserScript.PROJECT.resolve("target/e2e/inbox.png");
  private static final long TIMEOUT_SECONDS = 240;
  private static final String REPLY = "Hello, this is Demo from Nile Store: how can I help?";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired app.wasla.conversation.Outbox outbox;
  @Autowired TaskService tasks;
  @Autowired app.wasla.channel.whatsapp.WhatsAppProperties whatsapp;

  /** A customer writes through the simulator's API (a signed webhook of the sandbox number). */
  private Map<String, Object> play(String name, String text) throws Exception {
    String waId = "2012" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    String key = whatsapp.sandboxPhoneNumberId() + ":" + waId;
    try (okhttp3.Response response =
        new okhttp3.OkHttpClient()
            .newCall(
                new okhttp3.Request.Builder()
                    .url("http://127.0.0.1:" + port + "/simulator/api/messages")
                    .post(
                        okhttp3.RequestBody.create(
                            new ObjectMapper()
                                .writeValueAsString(
                                    Map.of("waId", waId, "name", name, "text", text)),
                            okhttp3.MediaType.get("application/json")))
                    .build())
            .execute()) {
      assertThat(response.code()).isEqualTo(200);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE conversation_key = ?")
                        .param(key)
                        .query(Long.class)
                        .single()
                    > 0);
    return new java.util.HashMap<>(Map.of("key", key, "waId", waId, "name", name, "text", text));
  }

  @Test
  void theOwnerAndHerAgentsUseTheInboxInChromium() throws Exception {
    BrowserScript.requireBrowser();
    Files.createDirectories(SCREENSHOT.getParent());
    Files.deleteIfExists(SCREENSHOT);
    Map<String, Object> bot = play("Karim Mostafa", "hi, do you sell phone cases?");
    Map<String, Object> handoff = play("Laila Samir", "I want to talk to a human please");
    Map<String, Object> other = play("Youssef Adel", "hello");
    // a customer shares a location (the signed webhook, as Meta sends it)
    String locatedWaId =
        "2013" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    String locatedKey = Webhooks.PHONE_NUMBER_ID + ":" + locatedWaId;
    new Webhooks(port)
        .post(
            Webhooks.location(
                locatedWaId,
                "wamid.loc." + locatedWaId,
                30.0561,
                31.3301,
                null,
                java.time.Instant.now()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE conversation_key = ?")
                        .param(locatedKey)
                        .query(Long.class)
                        .single()
                    > 0);
    // the shop sends her a product photo by Wasla's own link: the inbox shows its preview
    String photo = "/store/products/ank20.png";
    outbox.queue(
        app.wasla.conversation.ConversationKey.parse(locatedKey),
        app.wasla.channel.whatsapp.OutboundMessage.Image.ofLink(
            "http://127.0.0.1:" + port + photo, "Anker 20W"),
        "e2e-photo-" + locatedWaId,
        null);
    Map<String, Object> located =
        Map.of(
            "key",
            locatedKey,
            "mapUrl",
            "https://maps.google.com/?q=30.0561,31.3301",
            "photo",
            photo);
    other.put("text", "what are your opening hours?");
    String handoffKey = (String) handoff.get("key");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                tasks
                        .createTaskQuery()
                        .processInstanceBusinessKey(handoffKey)
                        .taskAssigned()
                        .count()
                    == 1);
    org.camunda.bpm.engine.task.Task handoffTask =
        tasks.createTaskQuery().processInstanceBusinessKey(handoffKey).singleResult();
    String owner = handoffTask.getAssignee();
    handoff.put("owner", owner);
    handoff.put("taskId", handoffTask.getId());
    handoff.put("ownerName", owner.equals("sara") ? "Sara Hassan" : "Omar Khaled");
    Path script = Files.createTempFile("inbox-e2e", ".json");
    new ObjectMapper()
        .writeValue(
            script.toFile(),
            Map.of(
                "bot", bot,
                "handoff", handoff,
                "other", other,
                "located", located,
                "reply", REPLY,
                "businessNumber", whatsapp.sandboxPhoneNumberId()));

    BrowserScript.run(
        "inbox.spec.mjs",
        TIMEOUT_SECONDS,
        "http://127.0.0.1:" + port,
        SCREENSHOT.toString(),
        script.toString());
    assertThat(SCREENSHOT).as("screenshot").exists().isNotEmptyFile();

    // server side: the reply went out in the conversation, and the takeover was recorded
    String key = (String) bot.get("key");
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM outbound_message WHERE conversation_key = ? AND text = ?")
                .params(key, REPLY)
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(
            jdbc.sql(
                    "SELECT event_type FROM handoff_event WHERE conversation_key = ? AND event_type IN"
                        + " ('taken_over', 'given_back') ORDER BY id")
                .param(key)
                .query(String.class)
                .list())
        .containsExactly("taken_over", "given_back");
  }
}
