package app.wasla.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.WaslaNode;
import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Accepted data survives a stop: a webhook answered 200 by a node whose delivery never ran is
 * delivered, exactly once, by the next node that starts on the same database.
 */
class RestartRecoveryTest {

  static Stream<Arguments> databases() {
    return WaslaNode.databases("restart-it");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void pendingMessagesLeftByAStoppedNodeAreDeliveredAfterRestart(
      String name, Map<String, String> database) throws Exception {
    WhatsAppMock meta = new WhatsAppMock();
    String waId = MailboxScenarios.newCustomer();

    try (ConfigurableApplicationContext first = start(meta, database, false)) {
      Webhooks webhooks = new Webhooks(port(first));
      assertThat(
              webhooks.post(
                  Webhooks.text(waId, "wamid.r1." + waId, "فيه شاحن سامسونج؟", Instant.now())))
          .isEqualTo(200);
      assertThat(webhooks.post(Webhooks.text(waId, "wamid.r2." + waId, "original", Instant.now())))
          .isEqualTo(200);
      assertThat(
              first
                  .getBean(JdbcClient.class)
                  .sql("SELECT status FROM inbox_message WHERE conversation_key = ?")
                  .param(Webhooks.PHONE_NUMBER_ID + ":" + waId)
                  .query(String.class)
                  .list())
          .containsExactly("PENDING", "PENDING");
    }
    // the first node is stopped: it answered nothing
    assertThat(meta.sentTo(waId)).isEmpty();

    try (ConfigurableApplicationContext second = start(meta, database, true)) {
      JdbcClient jdbc = second.getBean(JdbcClient.class);
      String conversation = Webhooks.PHONE_NUMBER_ID + ":" + waId;
      // both messages handed to the flow and every reply sent: a wrong second reply would have been
      // by now
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  !meta.sentTo(waId).isEmpty()
                      && jdbc.sql(
                                  "SELECT COUNT(*) FROM inbox_message WHERE conversation_key = ? AND status = 'PENDING'")
                              .param(conversation)
                              .query(Long.class)
                              .single()
                          == 0
                      && jdbc.sql(
                                  "SELECT COUNT(*) FROM outbound_message WHERE conversation_key = ? AND status = 'QUEUED'")
                              .param(conversation)
                              .query(Long.class)
                              .single()
                          == 0);
      assertThat(meta.sentTo(waId)).hasSize(1);
      assertThat(
              jdbc.sql("SELECT status FROM inbox_message WHERE conversation_key = ?")
                  .param(Webhooks.PHONE_NUMBER_ID + ":" + waId)
                  .query(String.class)
                  .list())
          .containsExactly("DELIVERED", "DELIVERED");
    }
  }

  private static ConfigurableApplicationContext start(
      WhatsAppMock meta, Map<String, String> database, boolean deliver) {
    Map<String, String> props = new HashMap<>(database);
    props.put("wasla.mailbox.enabled", String.valueOf(deliver));
    props.put("wasla.mailbox.sweep-interval", "300ms");
    return WaslaNode.start(meta, props);
  }

  private static int port(ConfigurableApplicationContext context) {
    return WaslaNode.port(context);
  }
}
