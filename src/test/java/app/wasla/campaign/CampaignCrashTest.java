package app.wasla.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.ChildNodes;
import app.wasla.support.NodeLogsOnFailure;
import app.wasla.support.PostgresTestDatabase;
import app.wasla.support.WaslaProcess;
import app.wasla.support.WhatsAppMock;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A campaign survives {@code kill -9} without sending anyone twice: the real application in a child
 * JVM sends a campaign to 50 of 60 customers (10 opted out) while Meta is slow to answer, so sends
 * are in flight; it is killed with SIGKILL, and a new node on the same database (H2 in a file, as
 * shipped, and PostgreSQL) takes the dead node's claims over when their lease ends and finishes the
 * campaign. No customer gets the template twice; each of the 50 either got it or is UNCONFIRMED (a
 * send begun and never answered, not repeated: docs/campaigns.md), and those are no more than the
 * sends in flight at the kill.
 */
@ExtendWith(NodeLogsOnFailure.class)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(ChildNodes.LOCK)
class CampaignCrashTest {

  private static final String KEY = "campaign-crash-test-key-0123456789abcdef";
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  static Stream<Arguments> databases() {
    return Stream.of(
        Arguments.of("H2", Map.of()),
        Arguments.of(
            "PostgreSQL",
            Map.of(
                "spring.datasource.url",
                PostgresTestDatabase.url("wasla_campaign_crash", true),
                "spring.datasource.username",
                PostgresTestDatabase.USER,
                "spring.datasource.password",
                "")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void killedMidRunAndRestartedNoCustomerGetsTheTemplateTwice(
      String name, Map<String, String> database, @TempDir Path dir) throws Exception {
    WhatsAppMock meta = new WhatsAppMock();
    Map<String, String> props = new HashMap<>(database);
    props.put("wasla.api.bootstrap-key", KEY);
    props.put("wasla.api.rate-limit", "100000");
    props.put("wasla.campaigns.rate-per-second", "20");
    props.put("wasla.campaigns.lease", "5s");
    props.put("wasla.campaigns.poll-interval", "200ms");
    String city = "crash-" + System.nanoTime();
    List<String> customers;
    List<String> optedOut;
    String id;
    int inFlightAtKill;

    WaslaProcess node = WaslaProcess.start(meta, dir, "node-1", props);
    try {
      CampaignApi api = new CampaignApi(node.port(), KEY);
      customers = api.optedInCustomers(60, city);
      optedOut = customers.subList(0, 10);
      optedOut.forEach(waId -> assertThat(api.writeStop(waId)).isTrue());
      id = api.createCampaign(city, null);
      // Meta takes each send and answers late: at the kill some are taken and not yet answered
      meta.answerSendsAfter(Duration.ofMillis(400));
      api.ok("POST", "/api/campaigns/" + id + "/start", null);
      await().atMost(PATIENCE).until(() -> templatesTo(meta, customers).size() >= 15);
      inFlightAtKill = meta.answering();
      node.kill();
    } finally {
      node.close();
    }
    int sentAtKill = templatesTo(meta, customers).size();

    meta.answerSendsAfter(Duration.ZERO);
    node = WaslaProcess.start(meta, dir, "node-2", props);
    JsonNode results;
    try {
      CampaignApi api = new CampaignApi(node.port(), KEY);
      await().atMost(PATIENCE).until(() -> api.status(id).equals("COMPLETED"));
      results = api.ok("GET", "/api/campaigns/" + id + "/results", null).body();
    } finally {
      node.close();
    }

    List<WhatsAppMock.Sent> sent = templatesTo(meta, customers);
    Map<String, Long> perCustomer =
        sent.stream().collect(Collectors.groupingBy(WhatsAppMock.Sent::to, Collectors.counting()));
    long unconfirmed = results.path("initial").path("unconfirmed").asLong();
    System.out.printf(
        "CAMPAIGN_CRASH %s: %d templates at the kill (%d in flight), %d in all, %d unconfirmed%n",
        name, sentAtKill, inFlightAtKill, sent.size(), unconfirmed);
    assertThat(perCustomer.values()).as("templates per customer").allMatch(n -> n == 1);
    assertThat(templatesTo(meta, optedOut)).isEmpty();
    assertThat(results.path("recipients").asLong()).isEqualTo(50);
    // Meta holds every SENT one, and those in flight at the kill (UNCONFIRMED: taken, unanswered)
    assertThat(results.path("sent").asLong() + unconfirmed).isEqualTo(50);
    assertThat(sent.size()).isBetween((int) results.path("sent").asLong(), 50);
    assertThat(unconfirmed).isLessThanOrEqualTo(inFlightAtKill + 1L);

    try (Connection connection = connect(dir, database)) {
      JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
      assertThat(
              jdbc.sql(
                      "SELECT COUNT(*) FROM outbound_message WHERE idempotency_key LIKE ?"
                          + " AND status = 'QUEUED'")
                  .param("campaign:" + id + ":%")
                  .query(Long.class)
                  .single())
          .as("no send of the campaign left queued")
          .isZero();
      assertThat(
              jdbc.sql(
                      "SELECT COUNT(*) FROM campaign_recipient WHERE campaign_id = ?"
                          + " AND state IN ('SENT', 'UNCONFIRMED')")
                  .param(id)
                  .query(Long.class)
                  .single())
          .isEqualTo(50);
    }
  }

  private static List<WhatsAppMock.Sent> templatesTo(WhatsAppMock meta, List<String> waIds) {
    Set<String> to = new HashSet<>(waIds);
    return meta.sent().stream()
        .filter(s -> s.type().equals("template") && to.contains(s.to()))
        .toList();
  }

  private static Connection connect(Path dir, Map<String, String> database) throws Exception {
    if (database.isEmpty()) {
      return DriverManager.getConnection(
          "jdbc:h2:file:" + dir.resolve("data").resolve("wasla").toAbsolutePath(), "sa", "");
    }
    return DriverManager.getConnection(
        database.get("spring.datasource.url"), PostgresTestDatabase.USER, "");
  }
}
