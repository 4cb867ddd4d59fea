package app.wasla.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.WaslaNode;
import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Meta down or throttling for a while (5xx, 429 and 130429 to every send), then healthy: the sends
 * back off within the outbox's policy, the backlog shows in the metrics, and once Meta is back
 * every message leaves once, in its conversation's order, with no incident (none exhausted its
 * attempts). The outage lasts seconds here with a fast backoff: the behaviour, not the wall clock,
 * is what is checked.
 */
class MetaOutageTest {

  static Stream<Arguments> databases() {
    return WaslaNode.databases("meta-outage");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void sendsWaitOutAnOutageAndLeaveInOrderOnceMetaIsBack(
      String name, Map<String, String> database) {
    WhatsAppMock meta = new WhatsAppMock();
    Map<String, String> props = new HashMap<>(database);
    props.put("wasla.outbox.attempts", "40");
    props.put("wasla.outbox.backoff", "100ms");
    props.put("wasla.outbox.sweep-interval", "200ms");
    props.put("wasla.whatsapp.send-attempts", "2");
    props.put("wasla.whatsapp.send-backoff", "50ms");
    props.put("wasla.mailbox.sweep-interval", "300ms");
    try (ConfigurableApplicationContext node = WaslaNode.start(meta, props)) {
      Webhooks webhooks = new Webhooks(WaslaNode.port(node));
      JdbcClient jdbc = node.getBean(JdbcClient.class);
      MeterRegistry metrics = node.getBean(MeterRegistry.class);
      meta.failAllSends(
          List.of(
              WhatsAppMock.serverError(),
              WhatsAppMock.tooManyRequests(),
              WhatsAppMock.rateLimited()));

      String first = MailboxScenarios.newCustomer();
      String second = MailboxScenarios.newCustomer();
      assertThat(
              webhooks.post(
                  Webhooks.text(first, "wamid.m1." + first, "فيه شاحن سامسونج؟", Instant.now())))
          .isEqualTo(200);
      assertThat(
              webhooks.post(
                  Webhooks.text(second, "wamid.m2." + second, "فيه سماعة؟", Instant.now())))
          .isEqualTo(200);
      // the first reply fails and is tried again while the customer writes on: the next reply
      // queues behind it
      await().atMost(Duration.ofSeconds(30)).until(() -> maxAttempts(jdbc, first) >= 2);
      assertThat(
              webhooks.post(
                  Webhooks.text(first, "wamid.m3." + first, "وفيه شاحن ابل؟", Instant.now())))
          .isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> statuses(jdbc, first).size() >= 2 && statuses(jdbc, second).size() >= 1);
      // the backlog is visible while Meta is away
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> metrics.get("wasla.outbox.backlog").gauge().value() >= 3);
      assertThat(metrics.get("wasla.outbox.oldest-queued-age").gauge().value())
          .isGreaterThanOrEqualTo(0);
      assertThat(meta.sentTo(first)).isEmpty();
      int failedAttempts = meta.attempts();

      meta.recover();

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> allSent(jdbc, first) && allSent(jdbc, second));
      assertThat(failedAttempts).isGreaterThan(3);
      // each row reached Meta once, in the order its conversation queued it
      assertThat(meta.sentTo(first).stream().map(WhatsAppMock.Sent::wamid).toList())
          .isEqualTo(wamidsInQueueOrder(jdbc, first));
      assertThat(meta.sentTo(second).stream().map(WhatsAppMock.Sent::wamid).toList())
          .isEqualTo(wamidsInQueueOrder(jdbc, second));
      assertThat(
              node.getBean(RuntimeService.class)
                  .createIncidentQuery()
                  .incidentType(Outbox.INCIDENT_TYPE)
                  .count())
          .isZero();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> metrics.get("wasla.outbox.backlog").gauge().value() == 0);
    }
  }

  private static int maxAttempts(JdbcClient jdbc, String waId) {
    return jdbc.sql(
            "SELECT COALESCE(MAX(attempts), 0) FROM outbound_message WHERE conversation_key = ?")
        .param(MailboxScenarios.key(waId))
        .query(Integer.class)
        .single();
  }

  private static List<String> statuses(JdbcClient jdbc, String waId) {
    return jdbc.sql("SELECT status FROM outbound_message WHERE conversation_key = ? ORDER BY id")
        .param(MailboxScenarios.key(waId))
        .query(String.class)
        .list();
  }

  private static boolean allSent(JdbcClient jdbc, String waId) {
    return statuses(jdbc, waId).stream().allMatch("SENT"::equals);
  }

  private static List<String> wamidsInQueueOrder(JdbcClient jdbc, String waId) {
    return jdbc.sql("SELECT wamid FROM outbound_message WHERE conversation_key = ? ORDER BY id")
        .param(MailboxScenarios.key(waId))
        .query(String.class)
        .list();
  }
}
