package app.wasla.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.ChildNodes;
import app.wasla.support.NodeLogsOnFailure;
import app.wasla.support.PostgresTestDatabase;
import app.wasla.support.WaslaProcess;
import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Scale-out: two nodes (the real application, each in a child JVM) on one PostgreSQL take the
 * customers' webhooks in turn, as a load balancer spreads them, and one is killed with SIGKILL
 * mid-load; the load balancer then sends everything to the survivor. The survivor finishes the dead
 * node's work: the webhooks it had accepted (mailbox rows), the replies it had queued (sent by the
 * survivor's outbox sweep once their lease is over), a payment reminder timer (Camunda's job
 * executor on the survivor) and the outbound webhook deliveries it was making (taken over when
 * their lease ends). Every accepted message is answered exactly once, apart from the documented
 * window (Meta's 200 before the SENT mark, counted and bounded as in {@link CrashRecoveryTest});
 * each conversation's messages reach the flow in order and its replies leave in order, although its
 * webhooks went to both nodes.
 */
@ExtendWith(NodeLogsOnFailure.class)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(ChildNodes.LOCK)
class TwoNodesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final String BOOTSTRAP_KEY = "test-bootstrap-key-two-nodes-0123456789abcdef";

  /**
   * Customers whose few messages arrive at once, spread over both nodes: their order is what is
   * checked.
   */
  private static final int BURSTS = 3;

  private static final int BURST_SIZE = 3;

  @Test
  void twoNodesShareTheLoadAndTheSurvivorOfAKillFinishesEverythingOnce(@TempDir Path dir)
      throws Exception {
    WhatsAppMock meta = new WhatsAppMock();
    String url = PostgresTestDatabase.url("wasla_two_nodes", true);
    Map<String, String> props = new HashMap<>();
    props.put("spring.datasource.url", url);
    props.put("spring.datasource.username", PostgresTestDatabase.USER);
    props.put("spring.datasource.password", "");
    // a dead node's queued sends are taken over after this (60 s by default)
    props.put("wasla.outbox.lease", "6s");
    props.put("wasla.outbox.sweep-interval", "500ms");
    props.put("wasla.mailbox.sweep-interval", "500ms");
    // few senders and a slow Meta (below): replies wait in each node's queue when the node dies
    props.put("wasla.outbox.senders", "2");
    // the reminder falls due after the kill; a job a dead node had locked is free again after the
    // lock time
    props.put("wasla.commerce.timers.payment-reminder", "PT25S");
    props.put("camunda.bpm.job-execution.lock-time-in-millis", "5000");
    // outbound webhooks to a receiver on loopback; a delivery in flight on a dead node is free
    // after the call
    // timeout plus 30 s. The receiver holds every call until the kill: a call that times out is
    // retried soon, so
    // each node keeps as many in flight as it may (two per receiver) until then.
    props.put("wasla.api.bootstrap-key", BOOTSTRAP_KEY);
    props.put("wasla.webhooks.allowed-hosts", "127.0.0.1,localhost");
    props.put("wasla.webhooks.allow-http", "true");
    props.put("wasla.webhooks.poll-interval", "200ms");
    props.put("wasla.webhooks.subscription-cache-ttl", "500ms");
    props.put("wasla.webhooks.connect-timeout", "2s");
    props.put("wasla.webhooks.read-timeout", "8s");
    props.put("wasla.webhooks.call-timeout", "8s");
    props.put("wasla.webhooks.initial-backoff", "1s");
    props.put("wasla.webhooks.max-backoff", "4s");

    String buyer = MailboxScenarios.newCustomer();
    List<String> bursts = new ArrayList<>();
    for (int i = 0; i < BURSTS; i++) {
      bursts.add(MailboxScenarios.newCustomer());
    }
    int recentAtKill;
    List<Queued> queuedAtKill;
    Instant at;
    try (HoldingReceiver receiver = new HoldingReceiver();
        Customers customers = new Customers(meta, 24)) {
      // one after the other: the first creates the schema
      WaslaProcess a = WaslaProcess.start(meta, dir, "node-a", props);
      WaslaProcess b = WaslaProcess.start(meta, dir, "node-b", props);
      try {
        Webhooks toA = new Webhooks(a.port());
        Webhooks toB = new Webhooks(b.port());
        assertThat(subscribe(a, receiver.url())).isEqualTo(201);
        receiver.hold();
        // Meta slow to answer and few senders: replies wait in the nodes' queues
        meta.answerSendsAfter(Duration.ofMillis(300));

        // an order waiting for its payment, placed through the node that will die: its reminder
        // falls due after
        awaitPaymentLink(meta, toA, buyer);
        customers.target(toA, toB);
        // bursts: each customer's messages one right after the other, to one node and the other in
        // turn
        postBursts(bursts, toA, toB);
        awaitRepliesTo(meta, customers.waIds(), 24);
        // both nodes have webhook deliveries in flight (each at most two per receiver, so four
        // means both)
        await().atMost(PATIENCE).until(() -> receiver.held() >= 4);

        // mid-load: kill -9 node A
        at = Instant.now();
        int acceptedAtKill = customers.accepted().size();
        int answering = meta.answering();
        a.kill();
        recentAtKill =
            (int) meta.sent().stream().filter(s -> s.at().isAfter(at.minusSeconds(1))).count();
        receiver.release();
        customers.target(toB);
        queuedAtKill = queued(url);
        System.out.printf(
            "TWO_NODES kill -9 of node A after %d accepted messages: %d send(s) not yet answered by "
                + "Meta, %d taken in the last second, %d reply(ies) queued%n",
            acceptedAtKill, answering, recentAtKill, queuedAtKill.size());
        meta.answerSendsAfter(Duration.ZERO);

        await()
            .atMost(PATIENCE)
            .untilAsserted(
                () -> {
                  assertThat(customers.doneWriting())
                      .as("every customer wrote and was acknowledged")
                      .isTrue();
                  assertThat(customers.waitingForAnAnswer())
                      .as("customers with an accepted message not answered")
                      .isEmpty();
                });
        // the reminder timer, due after the kill, runs on the survivor
        await().atMost(PATIENCE).until(() -> reminders(meta, buyer) >= 1);
        try (Connection connection =
            DriverManager.getConnection(url, PostgresTestDatabase.USER, "")) {
          JdbcClient jdbc = jdbc(connection);
          await()
              .atMost(PATIENCE)
              .untilAsserted(
                  () -> {
                    assertThat(
                            jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE status <> 'SENT'")
                                .query(Long.class)
                                .single())
                        .as("replies not sent")
                        .isZero();
                    assertThat(
                            jdbc.sql(
                                    "SELECT COUNT(*) FROM webhook_delivery WHERE status <> 'DELIVERED'")
                                .query(Long.class)
                                .single())
                        .as("webhook deliveries not delivered")
                        .isZero();
                  });
        }
        assertThat(b.terminate(Duration.ofSeconds(60))).hasValue(143);
      } finally {
        a.close();
        b.close();
      }

      int duplicates = customers.duplicates();
      System.out.printf(
          "TWO_NODES: %d customers, %d messages accepted, %d replies, %d duplicate(s); sends Meta "
              + "took in the last second before the kill: %d%n",
          customers.waIds().size(),
          customers.accepted().size(),
          meta.sent().size(),
          duplicates,
          recentAtKill);
      assertThat(duplicates)
          .as("duplicates beyond Meta's 200 before the SENT mark")
          .isLessThanOrEqualTo(recentAtKill);
      assertThat(reminders(meta, buyer)).as("payment reminders").isEqualTo(1);
      assertThat(
              meta.sentTo(buyer).stream()
                  .filter(s -> text(s.body()).contains("فكرتك"))
                  .findFirst()
                  .orElseThrow()
                  .at())
          .as("the reminder, sent by the survivor")
          .isAfter(at);

      try (Connection connection =
          DriverManager.getConnection(url, PostgresTestDatabase.USER, "")) {
        JdbcClient jdbc = jdbc(connection);
        // every accepted message delivered in a turn, every reply sent, no other send
        for (String wamid : customers.accepted()) {
          assertThat(
                  jdbc.sql("SELECT status FROM inbox_message WHERE wamid = ?")
                      .param(wamid)
                      .query(String.class)
                      .optional())
              .as(wamid)
              .contains("DELIVERED");
        }
        Set<String> ours = Set.copyOf(customers.waIds());
        long rows =
            jdbc.sql("SELECT wa_id FROM outbound_message").query(String.class).list().stream()
                .filter(ours::contains)
                .count();
        long received = meta.sent().stream().filter(s -> ours.contains(s.to())).count();
        // a duplicate is a row sent twice, not two rows: when it is not, say which rows they were
        String rowsOfDuplicates =
            customers.duplicatedSends().keySet().stream()
                .map(s -> s.substring(0, s.indexOf(" | ")))
                .distinct()
                .map(
                    waId ->
                        waId
                            + ": "
                            + jdbc.sql(
                                    "SELECT idempotency_key || ' ' || status || ' ' || "
                                        + "COALESCE(text, body_json) FROM outbound_message "
                                        + "WHERE wa_id = ? ORDER BY created_at")
                                .param(waId)
                                .query(String.class)
                                .list())
                .collect(Collectors.joining("\n"));
        assertThat(received - rows)
            .as(
                "sends beyond the outbound rows; duplicated sends %s; their customers' rows:%n%s",
                customers.duplicatedSends(), rowsOfDuplicates)
            .isEqualTo(duplicates);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM act_ru_incident").query(Long.class).single())
            .isZero();

        // the bursts reached their flows in order, each message in exactly one turn, one reply per
        // turn
        for (String waId : bursts) {
          String key = Webhooks.PHONE_NUMBER_ID + ":" + waId;
          List<Long> turns =
              jdbc.sql(
                      "SELECT turn_seq FROM inbox_message WHERE conversation_key = ? "
                          + "ORDER BY wa_timestamp")
                  .param(key)
                  .query(Long.class)
                  .list();
          assertThat(turns)
              .as("turns of " + waId + " in timestamp order")
              .hasSize(BURST_SIZE)
              .isSorted()
              .doesNotContainNull();
          assertThat(
                  jdbc.sql(
                          "SELECT COUNT(*) FROM inbox_message WHERE conversation_key = ? AND status = "
                              + "'DELIVERED'")
                      .param(key)
                      .query(Long.class)
                      .single())
              .isEqualTo(BURST_SIZE);
          assertThat(meta.sentTo(waId))
              .as("replies to " + waId)
              .hasSize((int) turns.stream().distinct().count());
        }

        // each conversation's replies reached Meta in the order they were queued
        Map<String, Instant> sentAt =
            meta.sent().stream()
                .collect(Collectors.toMap(WhatsAppMock.Sent::wamid, WhatsAppMock.Sent::at));
        for (String waId : customers.waIds()) {
          List<Instant> times =
              jdbc
                  .sql("SELECT wamid FROM outbound_message WHERE wa_id = ? ORDER BY id")
                  .param(waId)
                  .query(String.class)
                  .list()
                  .stream()
                  .map(sentAt::get)
                  .toList();
          assertThat(times)
              .as("replies to " + waId + " as Meta got them")
              .doesNotContainNull()
              .isSorted();
        }

        // replies node A had queued and not sent went out from the survivor once their lease was
        // over
        List<Queued> takenOver =
            queuedAtKill.stream()
                .filter(
                    q -> {
                      String wamid =
                          jdbc.sql(
                                  "SELECT wamid FROM outbound_message WHERE idempotency_key = ? AND status = 'SENT'")
                              .param(q.key())
                              .query(String.class)
                              .optional()
                              .orElse(null);
                      return wamid != null && !sentAt.get(wamid).isBefore(q.leaseEnd());
                    })
                .toList();
        System.out.printf(
            "TWO_NODES: %d of the %d replies queued at the kill were sent after their lease%n",
            takenOver.size(), queuedAtKill.size());
        assertThat(takenOver)
            .as("replies of the dead node sent by the survivor's sweep")
            .isNotEmpty();

        // deliveries node A was making when it died (claimed, no outcome recorded) were delivered
        // by the survivor
        List<String> orphaned =
            jdbc.sql(
                    """
                SELECT d.id FROM webhook_delivery d
                WHERE d.attempts > (SELECT COUNT(*) FROM webhook_attempt a WHERE a.delivery_id = d.id)""")
                .query(String.class)
                .list();
        assertThat(orphaned)
            .as("deliveries in flight on the dead node")
            .hasSizeGreaterThanOrEqualTo(2);
        for (String delivery : orphaned) {
          assertThat(
                  jdbc.sql("SELECT status FROM webhook_delivery WHERE id = ?")
                      .param(delivery)
                      .query(String.class)
                      .single())
              .isEqualTo("DELIVERED");
          // from the survivor, and before it from the dead node unless the kill came between
          // the claim's commit and the call
          assertThat(receiver.received(delivery))
              .as("calls with delivery " + delivery)
              .isGreaterThanOrEqualTo(1);
        }
        // at least once the dead node's call had gone out: the survivor sends it again (at least
        // once, never lost)
        assertThat(orphaned)
            .as("deliveries both nodes called")
            .anyMatch(delivery -> receiver.received(delivery) >= 2);
        // and every conversation's events reached the receiver in order
        assertThat(jdbc.sql("SELECT COUNT(*) FROM webhook_delivery").query(Long.class).single())
            .isGreaterThanOrEqualTo(customers.accepted().size());
        for (String waId : customers.waIds()) {
          List<Integer> order =
              receiver.acceptedWamids(Webhooks.PHONE_NUMBER_ID + ":" + waId).stream()
                  .distinct()
                  .map(w -> Integer.parseInt(w.substring(w.lastIndexOf('.') + 1)))
                  .toList();
          assertThat(order)
              .as("message.received events of " + waId)
              .isSorted()
              .hasSize(Customers.SCRIPT.size());
        }
      }
    }
  }

  /** A reply queued at the kill, and the end of the lease its node held on it. */
  private record Queued(String key, Instant leaseEnd) {}

  private static List<Queued> queued(String url) throws Exception {
    try (Connection connection = DriverManager.getConnection(url, PostgresTestDatabase.USER, "")) {
      return jdbc(connection)
          .sql(
              "SELECT idempotency_key, next_attempt_at FROM outbound_message "
                  + "WHERE status = 'QUEUED'")
          .query(
              (rs, n) ->
                  new Queued(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
          .list();
    }
  }

  private static JdbcClient jdbc(Connection connection) {
    return JdbcClient.create(new SingleConnectionDataSource(connection, true));
  }

  private static int subscribe(WaslaProcess node, String receiverUrl) throws Exception {
    byte[] body =
        JSON.writeValueAsBytes(
            Map.of("url", receiverUrl, "eventTypes", List.of("message.received")));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/webhooks"))
            .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  /**
   * Each burst customer's messages one right after the other (the next as soon as the previous was
   * acknowledged), to node A and node B in turn; the customers at the same time. (Messages that
   * arrive at once out of order are put in order only by a turn window, {@code
   * wasla.mailbox.turn-window}, on one node as on two.)
   */
  private static void postBursts(List<String> waIds, Webhooks toA, Webhooks toB) throws Exception {
    Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
    ExecutorService pool = Executors.newFixedThreadPool(waIds.size());
    try {
      List<Future<List<Integer>>> posts = new ArrayList<>();
      for (String waId : waIds) {
        posts.add(
            pool.submit(
                () -> {
                  List<Integer> statuses = new ArrayList<>();
                  for (int i = 0; i < BURST_SIZE; i++) {
                    // thanks: not a sales question, so every turn stays in the conversation flow
                    byte[] webhook =
                        Webhooks.text(
                            waId, "wamid.burst" + i + "." + waId, "شكرا " + i, base.plusSeconds(i));
                    statuses.add((i % 2 == 0 ? toA : toB).post(webhook));
                  }
                  return statuses;
                }));
      }
      for (Future<List<Integer>> post : posts) {
        assertThat(post.get()).containsOnly(200);
      }
    } finally {
      pool.shutdown();
    }
  }

  private static void awaitPaymentLink(WhatsAppMock meta, Webhooks webhooks, String waId) {
    assertThat(
            webhooks.post(
                Webhooks.text(
                    waId, "wamid.two.p1." + waId, "بكام الايفون 15 برو ماكس؟", Instant.now())))
        .isEqualTo(200);
    await().atMost(PATIENCE).until(() -> !meta.sentTo(waId).isEmpty());
    // "Order now", then checkout: one unit, pickup at the Cairo branch, confirm, pay online; each
    // tap once the last
    // is answered (taps sent together would be one turn)
    String[] taps = {
      "sales_order:IP15PM-256",
      "checkout_qty:1",
      "checkout_pickup",
      "checkout_branch:CAI",
      "checkout_confirm",
      "pay_online"
    };
    for (int i = 0; i < taps.length; i++) {
      int answered = texts(meta, waId).size();
      assertThat(
              webhooks.post(
                  Webhooks.buttonReply(
                      waId, "wamid.two.p2." + i + "." + waId, taps[i], taps[i], Instant.now())))
          .isEqualTo(200);
      await().atMost(PATIENCE).until(() -> texts(meta, waId).size() > answered);
    }
    await()
        .atMost(PATIENCE)
        .until(() -> texts(meta, waId).stream().anyMatch(t -> t.contains("/pay/sandbox/")));
  }

  private static void awaitRepliesTo(WhatsAppMock meta, List<String> waIds, int count) {
    Set<String> ours = Set.copyOf(waIds);
    await()
        .atMost(PATIENCE)
        .until(() -> meta.sent().stream().filter(s -> ours.contains(s.to())).count() >= count);
  }

  private static long reminders(WhatsAppMock meta, String waId) {
    return texts(meta, waId).stream().filter(t -> t.contains("فكرتك")).count();
  }

  private static List<String> texts(WhatsAppMock meta, String waId) {
    return meta.sentTo(waId).stream().map(s -> text(s.body())).toList();
  }

  private static String text(JsonNode body) {
    // a text's body, or an interactive's body and the URL of its call-to-action button (the payment
    // link)
    return body.path("text")
        .path("body")
        .asText(
            body.path("interactive").path("body").path("text").asText("")
                + " "
                + body.path("interactive")
                    .path("action")
                    .path("parameters")
                    .path("url")
                    .asText(""));
  }

  /**
   * A webhook receiver that can hold the deliveries arriving (answering none) until released, so
   * that a node can die with deliveries in flight; answers 200 to every call and records it.
   */
  private static final class HoldingReceiver implements AutoCloseable {

    private record Answered(String deliveryId, JsonNode envelope) {}

    private final MockWebServer server = new MockWebServer();
    private final Queue<Answered> answered = new ConcurrentLinkedQueue<>();
    private final AtomicInteger held = new AtomicInteger();
    private volatile CountDownLatch gate;

    HoldingReceiver() throws IOException {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
              CountDownLatch g = gate;
              if (g != null) {
                held.incrementAndGet();
                g.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
              }
              JsonNode envelope;
              try {
                envelope = JSON.readTree(request.getBody().readByteArray());
              } catch (IOException e) {
                return new MockResponse().setResponseCode(400);
              }
              answered.add(new Answered(request.getHeader("Wasla-Delivery-Id"), envelope));
              return new MockResponse().setResponseCode(200);
            }
          });
      server.start();
    }

    String url() {
      return server.url("/hooks").toString();
    }

    void hold() {
      gate = new CountDownLatch(1);
    }

    int held() {
      return held.get();
    }

    void release() {
      CountDownLatch g = gate;
      gate = null;
      g.countDown();
    }

    /**
     * How many calls carried this delivery (a dead node's call is counted, although it never read
     * the answer).
     */
    long received(String deliveryId) {
      return answered.stream().filter(a -> deliveryId.equals(a.deliveryId())).count();
    }

    /**
     * The wamids of the message.received events of a conversation, in the order they were answered.
     */
    List<String> acceptedWamids(String conversationKey) {
      return answered.stream()
          .filter(a -> conversationKey.equals(a.envelope().path("conversationKey").asText()))
          .map(a -> a.envelope().path("data").path("wamid").asText())
          .toList();
    }

    @Override
    public void close() throws IOException {
      server.shutdown();
    }
  }
}
