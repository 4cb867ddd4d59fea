package app.wasla.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The LLM provider wired into the running flow: a customer's message reaches an OpenAI-compatible
 * server (MockWebServer), its structured answer goes out on WhatsApp, and the call's tokens are
 * recorded for the conversation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LlmPersonaFlowTest {

  static final WhatsAppMock META = new WhatsAppMock();
  static final MockWebServer LLM = new MockWebServer();
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ANSWER =
      """
      {"language":"ar-EG","intent":"payment","intentConfidence":0.93,
       "sentiment":{"label":"neutral","score":0.0},
       "entities":{"products":["iPhone 15 128GB"],"quantity":null,"dateTime":null,"reference":null,"amount":null},
       "reply":{"text":"أيوه بنقبل فودافون كاش وإنستاباي، والتحويل على ٠١٠٠٠٠٠٠٠٠٠. تحب لينك دفع؟","options":[{"id":"payment_link","title":"ابعتلي اللينك"}],"listButtonText":null},
       "handoff":false,"handoffReason":null,"summary":"asks whether Vodafone Cash is accepted"}""";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    ObjectNode completion =
        (ObjectNode)
            JSON.readTree(
                """
        {"id":"chatcmpl-1","object":"chat.completion","model":"test-model",
         "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"","refusal":null}}],
         "usage":{"prompt_tokens":812,"completion_tokens":96,"total_tokens":908}}""");
    ((ObjectNode) completion.path("choices").path(0).path("message")).put("content", ANSWER);
    for (int turn = 0; turn < 2; turn++) {
      LLM.enqueue(
          new MockResponse()
              .setHeader("Content-Type", "application/json")
              .setBody(JSON.writeValueAsString(completion))
              // the first answer takes a while, as an LLM's do: long enough to see where the turn
              // waits for it
              .setHeadersDelay(turn == 0 ? 3 : 0, java.util.concurrent.TimeUnit.SECONDS));
    }
    LLM.start();
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:llm-flow;DB_CLOSE_DELAY=-1");
    META.registerCloudMode(registry);
    registry.add("wasla.persona.provider", () -> "openai");
    registry.add(
        "wasla.persona.openai.base-url", () -> LLM.url("/v1").toString().replaceAll("/$", ""));
    registry.add("wasla.persona.openai.api-key", () -> "sk-test-secret");
    registry.add("wasla.persona.openai.model", () -> "test-model");
  }

  @LocalServerPort int port;
  @Autowired PersonaUsageLog usage;
  @Autowired org.camunda.bpm.engine.ManagementService management;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  @Test
  void theLlmsAnswerReachesTheCustomerAndItsTokensAreRecorded() throws Exception {
    String waId = "201055512345";
    new Webhooks(port)
        .post(Webhooks.text(waId, "wamid.llm.1", "بتقبلوا فودافون كاش؟", Instant.now()));

    // an LLM call never runs in the mailbox's transaction: while the LLM thinks, the message is
    // delivered (that transaction committed) and the turn waits in a job before "Persona replies"
    String key = Webhooks.PHONE_NUMBER_ID + ":" + waId;
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                management
                        .createJobQuery()
                        .processDefinitionKey("sales-conversation")
                        .activityId("serviceTask_reply")
                        .count()
                    == 1);
    assertThat(META.sentTo(waId)).isEmpty();
    assertThat(
            jdbc.sql("SELECT status FROM inbox_message WHERE wamid = ?")
                .param("wamid.llm.1")
                .query(String.class)
                .single())
        .isEqualTo("DELIVERED");
    await().atMost(Duration.ofSeconds(30)).until(() -> !META.sentTo(waId).isEmpty());
    JsonNode sent = META.sentTo(waId).get(0).body();
    assertThat(sent.at("/interactive/body/text").asText()).contains("فودافون كاش");
    assertThat(sent.at("/interactive/action/buttons/0/reply/id").asText())
        .isEqualTo("payment_link");

    RecordedRequest call = LLM.takeRequest();
    assertThat(call.getPath()).isEqualTo("/v1/chat/completions");
    assertThat(call.getHeader("Authorization")).isEqualTo("Bearer sk-test-secret");
    assertThat(call.getBody().readUtf8()).contains("بتقبلوا فودافون كاش؟").contains("json_schema");
    await().atMost(Duration.ofSeconds(5)).until(() -> usage.totalTokens(key) == 908);
    // the next turn: the LLM reads the conversation so far (the embedded persona reads no
    // transcript)
    new Webhooks(port)
        .post(Webhooks.text(waId, "wamid.llm.2", "تمام ابعتلي اللينك", Instant.now()));
    await().atMost(Duration.ofSeconds(30)).until(() -> META.sentTo(waId).size() == 2);
    JsonNode messages = JSON.readTree(LLM.takeRequest().getBody().readUtf8()).path("messages");
    assertThat(messages)
        .extracting(m -> m.path("role").asText() + ": " + m.path("content").asText())
        .containsSubsequence(
            "user: {\"customer_says\":\"بتقبلوا فودافون كاش؟\"}",
            "assistant: " + sent.at("/interactive/body/text").asText() + "\n[ابعتلي اللينك]",
            "user: {\"customer_says\":\"تمام ابعتلي اللينك\"}");
  }
}
