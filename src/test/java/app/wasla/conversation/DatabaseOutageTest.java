package app.wasla.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.PostgresTestDatabase;
import app.wasla.support.TcpProxy;
import app.wasla.support.WaslaNode;
import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL restarts while customers write (a proxy in front of it resets every connection and
 * refuses new ones for a while): webhooks answer 503, never 200 without their row; health answers
 * DOWN instead of hanging; a send Meta accepted while the database was away is marked SENT once it
 * is back and never sent again; the pool and the sweeps carry on by themselves. PostgreSQL only: H2
 * runs inside the JVM and has no connection to lose.
 */
class DatabaseOutageTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void aRestartLosesNoMessageAndDoublesNoReply() throws Exception {
    WhatsAppMock meta = new WhatsAppMock();
    try (TcpProxy database = new TcpProxy(PostgresTestDatabase.hostAndPort())) {
      String url =
          PostgresTestDatabase.url("wasla_db_outage", true)
              .replace(PostgresTestDatabase.hostAndPort(), "127.0.0.1:" + database.port());
      Map<String, String> props = new HashMap<>();
      props.put("spring.datasource.url", url);
      props.put("spring.datasource.username", PostgresTestDatabase.USER);
      props.put("spring.datasource.password", "");
      // a short lease: without the kept SENT mark the sweep would send the reply again within the
      // test
      props.put("wasla.outbox.lease", "2s");
      props.put("wasla.outbox.sweep-interval", "200ms");
      props.put("wasla.mailbox.sweep-interval", "300ms");
      try (ConfigurableApplicationContext node = WaslaNode.start(meta, props)) {
        int port = WaslaNode.port(node);
        Webhooks webhooks = new Webhooks(port);
        JdbcClient jdbc = node.getBean(JdbcClient.class);

        // the database goes away while Meta is accepting the reply to the first customer: its SENT
        // mark fails
        String first = MailboxScenarios.newCustomer();
        CountDownLatch cut = new CountDownLatch(1);
        meta.beforeAccepting(
            first,
            () -> {
              database.cut();
              cut.countDown();
            });
        assertThat(
                webhooks.post(
                    Webhooks.text(first, "wamid.o1." + first, "فيه شاحن سامسونج؟", Instant.now())))
            .isEqualTo(200);
        cut.await();

        // while it is away: health says DOWN (in Hikari's connection timeout, not the 30 s
        // default), and a
        // webhook is refused with 503 so that Meta sends it again
        // (twice: the first check may find a pooled connection, already reset, and fail on it at
        // once; the
        // second waits for a new connection, which took Hikari's default 30 s before)
        for (int check = 0; check < 2; check++) {
          HttpResponse<String> health = health(port);
          assertThat(health.statusCode()).isEqualTo(503);
          assertThat(health.body()).contains("DOWN");
        }
        String second = MailboxScenarios.newCustomer();
        byte[] secondMessage =
            Webhooks.text(second, "wamid.o2." + second, "عايز أطلب سماعة", Instant.now());
        assertThat(webhooks.post(secondMessage)).isEqualTo(503);

        database.restore();

        // Meta's retry is stored, and answered, by the same pool without anyone restarting anything
        await().atMost(Duration.ofSeconds(30)).until(() -> webhooks.post(secondMessage) == 200);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    allSent(jdbc, first)
                        && allSent(jdbc, second)
                        && !meta.sentTo(second).isEmpty());
        // every row reached Meta exactly once: the one accepted during the outage was not sent
        // again
        assertThat(meta.sentTo(first)).hasSize(rows(jdbc, first).size());
        assertThat(meta.sentTo(second)).hasSize(rows(jdbc, second).size());
        assertThat(
                jdbc.sql("SELECT status FROM inbox_message WHERE conversation_key IN (?, ?)")
                    .params(MailboxScenarios.key(first), MailboxScenarios.key(second))
                    .query(String.class)
                    .list())
            .containsOnly("DELIVERED")
            .hasSize(2);
        assertThat(health(port).statusCode()).isEqualTo(200);
      }
    }
  }

  /** GET /actuator/health; a check that hangs for 15 s counts as hanging (an error here). */
  private static HttpResponse<String> health(int port) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
            .timeout(Duration.ofSeconds(15))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static boolean allSent(JdbcClient jdbc, String waId) {
    List<String> statuses = rows(jdbc, waId);
    return !statuses.isEmpty() && statuses.stream().allMatch("SENT"::equals);
  }

  private static List<String> rows(JdbcClient jdbc, String waId) {
    return jdbc.sql("SELECT status FROM outbound_message WHERE conversation_key = ?")
        .param(MailboxScenarios.key(waId))
        .query(String.class)
        .list();
  }
}
