package app.wasla.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.Webhooks;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * While an agent owns a customer's open handoff, an API key cannot write to that customer beside
 * her (409); notices (utility templates) still go out.
 */
class OneVoiceTest extends SandboxApiNode {

  @Autowired TaskService tasks;

  private int sentWith(String idempotencyKey) {
    return jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE idempotency_key LIKE ?")
        .param("%:" + idempotencyKey)
        .query(Integer.class)
        .single();
  }

  @Test
  void anApiKeyCannotTalkOverAnAgentWhoOwnsTheCustomer() throws Exception {
    String waId = newCustomer();
    String key = conversation(waId);
    // before any handoff the API may write (the customer just wrote: the window is open)
    webhooks().post(Webhooks.text(waId, "wamid.ov1." + waId, "hello", Instant.now()));
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                post(
                            "/api/messages",
                            Map.of("to", key, "text", "Hi from the shop"),
                            "ov-before-" + waId)
                        .status()
                    == 200);

    webhooks()
        .post(
            Webhooks.text(
                waId, "wamid.ov2." + waId, "I want to talk to a human please", Instant.now()));
    await()
        .atMost(PATIENCE)
        .until(() -> tasks.createTaskQuery().processInstanceBusinessKey(key).count() == 1);
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(key).singleResult();
    if (task.getAssignee() == null) {
      tasks.claim(task.getId(), "sara");
    }

    Answer text =
        post("/api/messages", Map.of("to", key, "text", "API says hi"), "ov-text-" + waId);
    assertThat(text.status()).as(String.valueOf(text.body())).isEqualTo(409);
    assertThat(text.body().path("detail").asText()).contains("open handoff").contains("UTILITY");
    Answer marketing =
        post(
            "/api/messages",
            Map.of("to", key, "template", Map.of("name", "new_arrivals", "language", "ar")),
            "ov-marketing-" + waId);
    assertThat(marketing.status()).as(String.valueOf(marketing.body())).isEqualTo(409);
    assertThat(sentWith("ov-text-" + waId) + sentWith("ov-marketing-" + waId)).isZero();

    // a notice is not a second voice
    Answer notice =
        post(
            "/api/messages",
            Map.of(
                "to",
                key,
                "template",
                // the demo order_shipped takes the order number and the tracking link, and its
                // Track
                // button the order number
                Map.of(
                    "name",
                    UTILITY_TEMPLATE,
                    "language",
                    "ar",
                    "parameters",
                    java.util.List.of("ORD-1", "https://track.example/ORD-1"),
                    "buttons",
                    java.util.List.of(Map.of("index", 0, "text", "ORD-1")))),
            "ov-notice-" + waId);
    assertThat(notice.status()).as(String.valueOf(notice.body())).isEqualTo(200);
    assertThat(sentWith("ov-notice-" + waId)).isEqualTo(1);
  }
}
