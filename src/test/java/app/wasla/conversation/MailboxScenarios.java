package app.wasla.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import app.wasla.system.DatabaseDialect;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The mailbox end to end in cloud mode: signed webhooks in over HTTP, the real flow of processes/,
 * and MockWebServer standing in for Meta's Graph API. Run against H2 and PostgreSQL by the
 * subclasses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// metrics export is off in tests unless asked for; the prometheus endpoint is part of the contract
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
@Import({
  MailboxScenarios.BrokenListener.class,
  MailboxScenarios.PersonaBrokenByAMarker.class,
  MailboxScenarios.BrokenPersonaStep.class
})
abstract class MailboxScenarios {

  static final WhatsAppMock META = new WhatsAppMock();
  static final Duration PATIENCE = Duration.ofSeconds(30);

  @DynamicPropertySource
  static void cloudModeAgainstTheMock(DynamicPropertyRegistry registry) {
    META.registerCloudMode(registry);
    registry.add("wasla.whatsapp.send-backoff", () -> "20ms");
    registry.add("wasla.mailbox.turn-window", () -> "300ms");
    registry.add("wasla.mailbox.sweep-interval", () -> "500ms");
    registry.add("wasla.outbox.backoff", () -> "200ms");
    registry.add("wasla.outbox.sweep-interval", () -> "200ms");
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired org.camunda.bpm.engine.TaskService taskService;
  Webhooks webhooks;

  @BeforeEach
  void connect() {
    webhooks = new Webhooks(port);
  }

  static String newCustomer() {
    return "2010" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
  }

  static String key(String waId) {
    return Webhooks.PHONE_NUMBER_ID + ":" + waId;
  }

  List<WhatsAppMock.Sent> awaitReplies(String waId, int count) {
    await().atMost(PATIENCE).until(() -> META.sentTo(waId).size() >= count);
    return META.sentTo(waId);
  }

  /**
   * A new customer who said hello, got the reply, and whose flow now waits for the next message.
   */
  String greetedCustomer() {
    String waId = newCustomer();
    webhooks.post(Webhooks.text(waId, "wamid.hello." + waId, "hello", Instant.now()));
    awaitReplies(waId, 1);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                runtime
                        .createExecutionQuery()
                        .processInstanceBusinessKey(key(waId))
                        .messageEventSubscriptionName("CustomerMessage")
                        .count()
                    == 1);
    return waId;
  }

  /**
   * Waits until the customers' conversations are at rest, so that a wrong duplicate would have been
   * sent by then: no message of theirs waits in the inbox, no send of theirs is queued, and no job
   * of their flows is due.
   */
  void settle(String... waIds) {
    await().atMost(PATIENCE).until(() -> Arrays.stream(waIds).allMatch(this::atRest));
  }

  private boolean atRest(String waId) {
    String key = key(waId);
    if (jdbc.sql(
                    "SELECT COUNT(*) FROM inbox_message WHERE conversation_key = ? AND status = 'PENDING'")
                .param(key)
                .query(Long.class)
                .single()
            > 0
        || jdbc.sql(
                    "SELECT COUNT(*) FROM outbound_message WHERE conversation_key = ? AND status = 'QUEUED'")
                .param(key)
                .query(Long.class)
                .single()
            > 0) {
      return false;
    }
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).list().stream()
        .allMatch(
            p ->
                management.createJobQuery().processInstanceId(p.getId()).executable().count() == 0);
  }

  @Test
  void oneTextGetsOneReplyToTheRightCustomer() throws Exception {
    String waId = newCustomer();
    assertThat(
            webhooks.post(
                Webhooks.text(waId, "wamid.one." + waId, "السلام عليكم 👋", Instant.now())))
        .isEqualTo(200);

    List<WhatsAppMock.Sent> replies = awaitReplies(waId, 1);
    settle(waId);

    assertThat(META.sentTo(waId)).hasSize(1);
    WhatsAppMock.Sent greeting = replies.get(0);
    assertThat(greeting.phoneNumberId()).isEqualTo(Webhooks.PHONE_NUMBER_ID);
    assertThat(greeting.type()).isEqualTo("interactive");
    assertThat(greeting.body().path("interactive").path("action").path("buttons")).hasSize(3);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(key(waId)).count())
        .isEqualTo(1);
    // answered in the delivery's own transaction at the first attempt: no retry, no job
    assertThat(
            history
                .createHistoricActivityInstanceQuery()
                .processInstanceId(instanceOf(waId))
                .activityId("serviceTask_reply")
                .count())
        .isEqualTo(1);
    // the gateways that chose that path stay out of Camunda's history
    // (wasla.history.skip-activity-types)
    assertThat(
            history
                .createHistoricActivityInstanceQuery()
                .processInstanceId(instanceOf(waId))
                .activityType("exclusiveGateway")
                .count())
        .isZero();
    // and no job could have stood between the message and the reply: the embedded persona's flow
    // has no job boundary in its turn
    assertThat(turnJobDefinitions()).isZero();
    assertThat(META.reads())
        .anyMatch(
            r ->
                r.path("message_id").asText().equals("wamid.one." + waId)
                    && r.path("typing_indicator").path("type").asText().equals("text"));
    // both after the commit, on the conversation's sender lane: the read (and typing indicator)
    // first
    assertThat(META.arrivals())
        .filteredOn(a -> a.endsWith(waId))
        .containsExactly("read:wamid.one." + waId, "send:" + waId);
  }

  /**
   * A customer-message listener beside the CRM's that fails for the customers in {@link #BROKEN},
   * after writing to the message's inbox row: what a listener wrote before failing must not stay.
   */
  @TestConfiguration
  static class BrokenListener {

    static final Map<String, Integer> BROKEN = new ConcurrentHashMap<>();

    @Bean
    CustomerMessageListener brokenForSomeCustomers(JdbcClient jdbc) {
      return (conversation, profileName, text, sentAt) -> {
        if (BROKEN.computeIfPresent(conversation.waId(), (waId, calls) -> calls + 1) != null) {
          jdbc.sql(
                  "UPDATE inbox_message SET text = 'written by a broken listener' WHERE conversation_key = ?")
              .param(conversation.value())
              .update();
          throw new IllegalStateException("this listener is broken");
        }
      };
    }
  }

  /**
   * A failing listener never holds the conversation up, and what it wrote goes with its failure.
   * The first attempt tells the listeners without savepoints (two statements fewer per message), so
   * the failure rolls the turn back; the retry tells them inside savepoints, where the failure is
   * logged and the turn delivered.
   */
  @Test
  void aFailingListenerCostsTheTurnOneRetryAndLeavesNoWriteBehind(@Autowired MeterRegistry meters)
      throws Exception {
    String waId = newCustomer();
    Instant sentAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    double failedBefore =
        meters.get("wasla.mailbox.deliveries").tag("outcome", "failed").counter().count();
    BrokenListener.BROKEN.put(waId, 0);
    try {
      webhooks.post(Webhooks.text(waId, "wamid.broken." + waId, "hello", sentAt));
      awaitReplies(waId, 1);
      settle(waId);
      assertThat(META.sentTo(waId)).hasSize(1);
      // told twice: the first attempt (rolled back, counted as failed), the retry (in a savepoint)
      assertThat(BrokenListener.BROKEN.get(waId)).isEqualTo(2);
      assertThat(
              meters.get("wasla.mailbox.deliveries").tag("outcome", "failed").counter().count()
                  - failedBefore)
          .isGreaterThanOrEqualTo(1);
    } finally {
      BrokenListener.BROKEN.remove(waId);
    }
    assertThat(
            jdbc.sql("SELECT text FROM inbox_message WHERE wamid = ?")
                .param("wamid.broken." + waId)
                .query(String.class)
                .single())
        .isEqualTo("hello");
    assertThat(
            history
                .createHistoricActivityInstanceQuery()
                .processInstanceId(instanceOf(waId))
                .activityId("serviceTask_reply")
                .count())
        .isEqualTo(1);
    // the CRM, the other listener, kept its part in the retry: the contact time is the message's
    assertThat(
            jdbc.sql("SELECT last_contact_at FROM customer WHERE customer_key = ?")
                .param(key(waId))
                .query(java.time.OffsetDateTime.class)
                .single()
                .toInstant())
        .isEqualTo(sentAt);
  }

  @Test
  void theMailboxCountsWhatItStoresAndDeliversAtTheMetricsEndpoint() throws Exception {
    String waId = newCustomer();
    byte[] webhook = Webhooks.text(waId, "wamid.metrics." + waId, "hello", Instant.now());
    webhooks.post(webhook);
    webhooks.post(webhook);
    awaitReplies(waId, 1);

    okhttp3.OkHttpClient http = new okhttp3.OkHttpClient();
    // cloud mode shows metrics to administrators only
    String admin =
        okhttp3.Credentials.basic(
            app.wasla.support.CloudMode.ADMIN_ID, app.wasla.support.CloudMode.ADMIN_PASSWORD);
    try (okhttp3.Response metrics =
        http.newCall(
                new okhttp3.Request.Builder()
                    .url("http://127.0.0.1:" + port + "/actuator/prometheus")
                    .header("Authorization", admin)
                    .build())
            .execute()) {
      String text = metrics.body().string();
      assertThat(text)
          .containsPattern("wasla_mailbox_messages_total\\{[^}]*result=\"accepted\"[^}]*\\} [1-9]")
          .containsPattern("wasla_mailbox_messages_total\\{[^}]*result=\"duplicate\"[^}]*\\} [1-9]")
          .containsPattern("wasla_mailbox_wait_seconds_count(\\{[^}]*\\})? [1-9]")
          .containsPattern(
              "wasla_mailbox_deliveries_total\\{[^}]*outcome=\"delivered\"[^}]*\\} [1-9]");
    }
    // counted just after Meta's answer, a moment after the mock has recorded the send
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              try (okhttp3.Response metrics =
                  http.newCall(
                          new okhttp3.Request.Builder()
                              .url("http://127.0.0.1:" + port + "/actuator/prometheus")
                              .header("Authorization", admin)
                              .build())
                      .execute()) {
                return java.util.regex.Pattern.compile(
                        "wasla_outbox_sends_total\\{[^}]*result=\"sent\"[^}]*\\} [1-9]")
                    .matcher(metrics.body().string())
                    .find();
              }
            });
  }

  @Test
  void theSameWebhookDeliveredThreeTimesGetsOneReply() throws Exception {
    String waId = newCustomer();
    byte[] webhook = Webhooks.text(waId, "wamid.dup." + waId, "hello", Instant.now());
    for (int i = 0; i < 3; i++) {
      assertThat(webhooks.post(webhook)).isEqualTo(200);
    }
    awaitReplies(waId, 1);
    settle(waId);

    assertThat(META.sentTo(waId)).hasSize(1);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM inbox_message WHERE conversation_key = ?")
                .param(key(waId))
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void tenMessagesPostedConcurrentlyOutOfOrderReachTheFlowInTimestampOrderExactlyOnce()
      throws Exception {
    String waId = newCustomer();
    Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    List<Integer> order = new ArrayList<>(IntStream.range(0, 10).boxed().toList());
    Collections.shuffle(order);
    ExecutorService pool = Executors.newFixedThreadPool(10);
    List<Future<Integer>> posts = new ArrayList<>();
    for (int i : order) {
      // thanks: not a sales question, so every turn stays in this flow (no order flow is called)
      byte[] webhook =
          Webhooks.text(waId, "wamid.seq" + i + "." + waId, "شكرا " + i, base.plusSeconds(i));
      posts.add(pool.submit(() -> webhooks.post(webhook)));
    }
    for (Future<Integer> post : posts) {
      assertThat(post.get()).isEqualTo(200);
    }
    pool.shutdown();

    await()
        .atMost(PATIENCE)
        .until(
            () ->
                jdbc.sql(
                            "SELECT COUNT(*) FROM inbox_message WHERE conversation_key = ? AND status = 'DELIVERED'")
                        .param(key(waId))
                        .query(Long.class)
                        .single()
                    == 10);
    String instanceId =
        runtime
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(key(waId))
            .processDefinitionKey("sales-conversation")
            .singleResult()
            .getId();
    // What the flow got, turn after turn: each delivery hands its messages over as one turn
    // (turn_seq, set in
    // the transaction that correlates them), so the turns in timestamp order must be
    // non-decreasing, and the
    // flow's turn text is exactly the last turn's messages in timestamp order, ending with the
    // newest.
    List<String> lastTurn =
        jdbc.sql(
                "SELECT text FROM inbox_message WHERE conversation_key = ? AND turn_seq = "
                    + "(SELECT MAX(turn_seq) FROM inbox_message WHERE conversation_key = ?) ORDER BY wa_timestamp")
            .params(key(waId), key(waId))
            .query(String.class)
            .list();
    assertThat(lastTurn).last().isEqualTo("شكرا 9");
    assertThat(runtime.getVariable(instanceId, ConversationVariables.TURN_TEXT))
        .isEqualTo(String.join("\n", lastTurn));
    List<Long> turns =
        jdbc.sql(
                "SELECT turn_seq FROM inbox_message WHERE conversation_key = ? ORDER BY wa_timestamp")
            .param(key(waId))
            .query(Long.class)
            .list();
    assertThat(turns).isSorted().doesNotContainNull();
    long distinctTurns = turns.stream().distinct().count();
    awaitReplies(waId, (int) distinctTurns);
    settle(waId);
    assertThat(META.sentTo(waId)).hasSize((int) distinctTurns);
  }

  @Test
  void aDeliveryThatLeavesEntriesBehindItsTurnSaysSo(
      @Autowired Mailbox mailbox,
      @Autowired Inbox inbox,
      @Autowired org.springframework.transaction.support.TransactionTemplate transactions)
      throws Exception {
    String waId = newCustomer();
    ConversationKey conversation = ConversationKey.parse(key(waId));
    Instant past = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    // stored and delivered in one transaction, so that no worker or sweep takes them first
    DeliveryAttempt delivery =
        transactions.execute(
            tx -> {
              for (int i = 0; i < 25; i++) {
                inbox.accept(
                    new NewInboxEntry(
                        "wamid.more" + i + "." + waId,
                        conversation,
                        Mailbox.CUSTOMER_MESSAGE,
                        "text",
                        "شكرا " + i,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "{}",
                        null,
                        past.plusSeconds(i),
                        past,
                        false));
              }
              return mailbox.deliverNext(key(waId));
            });

    assertThat(delivery.outcome()).isEqualTo(DeliveryAttempt.Outcome.DELIVERED);
    // 20 in the turn, 5 behind it: the worker must run the conversation again without being poked
    assertThat(delivery.more()).isTrue();
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                jdbc.sql(
                            "SELECT COUNT(*) FROM inbox_message WHERE conversation_key = ? AND status = 'DELIVERED'")
                        .param(key(waId))
                        .query(Long.class)
                        .single()
                    == 25);
  }

  @Test
  void aLockedConversationComesWithItsPendingEntriesOldestFirstAndNotWhileADeliveryHoldsIt(
      @Autowired Inbox inbox,
      @Autowired Mailbox mailbox,
      @Autowired org.springframework.transaction.support.TransactionTemplate transactions)
      throws Exception {
    String waId = newCustomer();
    ConversationKey conversation = ConversationKey.parse(key(waId));
    Instant past = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    // stored and read in one transaction, so that no worker takes them first; WhatsApp's timestamps
    // decide the
    // order, not the arrival
    Inbox.Locked locked =
        transactions.execute(
            tx -> {
              inbox.accept(
                  new NewInboxEntry(
                      "wamid.lock.b." + waId,
                      conversation,
                      Mailbox.CUSTOMER_MESSAGE,
                      "text",
                      "second",
                      null,
                      null,
                      null,
                      null,
                      null,
                      "{}",
                      null,
                      past.plusSeconds(2),
                      past,
                      false));
              inbox.accept(
                  new NewInboxEntry(
                      "wamid.lock.a." + waId,
                      conversation,
                      Mailbox.CUSTOMER_MESSAGE,
                      "text",
                      "first",
                      null,
                      null,
                      null,
                      null,
                      null,
                      "{}",
                      null,
                      past.plusSeconds(1),
                      past,
                      false));
              return inbox.lockWithPending(key(waId)).orElseThrow();
            });
    assertThat(locked.turnSeq()).isZero();
    assertThat(locked.pending()).extracting(InboxEntry::text).containsExactly("first", "second");

    mailbox.poke(key(waId));
    await()
        .atMost(PATIENCE)
        .until(
            () -> inbox.lockWithPending(key(waId)).map(l -> l.pending().isEmpty()).orElse(false));
    Inbox.Locked delivered =
        transactions.execute(tx -> inbox.lockWithPending(key(waId)).orElseThrow());
    assertThat(delivered.turnSeq()).isEqualTo(1);
    assertThat(delivered.pending()).isEmpty();

    whileADeliveryHolds(
        key(waId),
        inbox,
        transactions,
        () -> {
          Boolean got = transactions.execute(tx -> inbox.lockWithPending(key(waId)).isPresent());
          assertThat(got).as("locked while another delivery holds the conversation").isFalse();
        });
  }

  @Test
  void theConversationsOfASharedTransactionAreLockedTogetherEachWithItsOwnEntries(
      @Autowired Inbox inbox,
      @Autowired Mailbox mailbox,
      @Autowired org.springframework.transaction.support.TransactionTemplate transactions,
      @Autowired DatabaseDialect dialect)
      throws Exception {
    String waiting = newCustomer();
    String answered = greetedCustomer();
    String heldElsewhere = greetedCustomer();
    ConversationKey conversation = ConversationKey.parse(key(waiting));
    Instant past = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    List<String> keys =
        List.of(key(waiting), key(answered), key(heldElsewhere), key(newCustomer()));

    whileADeliveryHolds(
        key(heldElsewhere),
        inbox,
        transactions,
        () -> {
          Map<String, Inbox.Locked> locked =
              transactions.execute(
                  tx -> {
                    inbox.accept(
                        new NewInboxEntry(
                            "wamid.together.b." + waiting,
                            conversation,
                            Mailbox.CUSTOMER_MESSAGE,
                            "text",
                            "second",
                            null,
                            null,
                            null,
                            null,
                            null,
                            "{}",
                            null,
                            past.plusSeconds(2),
                            past,
                            false));
                    inbox.accept(
                        new NewInboxEntry(
                            "wamid.together.a." + waiting,
                            conversation,
                            Mailbox.CUSTOMER_MESSAGE,
                            "text",
                            "first",
                            null,
                            null,
                            null,
                            null,
                            null,
                            "{}",
                            null,
                            past.plusSeconds(1),
                            past,
                            false));
                    return inbox.lockWithPending(keys);
                  });
          // the one another delivery holds is skipped, not waited for; a conversation without a row
          // is not there
          assertThat(locked).containsOnlyKeys(key(waiting), key(answered));
          assertThat(locked.get(key(waiting)).turnSeq()).isZero();
          assertThat(locked.get(key(waiting)).pending())
              .extracting(InboxEntry::text)
              .containsExactly("first", "second");
          assertThat(locked.get(key(answered)).turnSeq()).isEqualTo(1);
          assertThat(locked.get(key(answered)).pending()).isEmpty();
          // before a first turn PostgreSQL's lock also tells whether an instance was started
          // elsewhere (H2: asked later)
          assertThat(locked.get(key(waiting)).liveInstance())
              .isEqualTo(dialect.postgres() ? Boolean.FALSE : null);
          assertThat(locked.get(key(answered)).liveInstance()).isNull();
        });
    mailbox.poke(key(waiting));
    awaitReplies(waiting, 1);
  }

  @Test
  void moreMessagesThanOneTurnTakesBecomeTwoTurnsInOrder() throws Exception {
    String waId = newCustomer();
    Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    // 25 at once: a turn takes at most 20 (wasla.mailbox.max-messages-per-turn), the rest is the
    // next turn
    for (int i = 0; i < 25; i++) {
      assertThat(
              webhooks.post(
                  Webhooks.text(
                      waId, "wamid.burst" + i + "." + waId, "شكرا " + i, base.plusSeconds(i))))
          .isEqualTo(200);
    }

    await()
        .atMost(PATIENCE)
        .until(
            () ->
                jdbc.sql(
                            "SELECT COUNT(*) FROM inbox_message WHERE conversation_key = ? AND status = 'DELIVERED'")
                        .param(key(waId))
                        .query(Long.class)
                        .single()
                    == 25);
    List<Long> turns =
        jdbc.sql(
                "SELECT turn_seq FROM inbox_message WHERE conversation_key = ? ORDER BY wa_timestamp")
            .param(key(waId))
            .query(Long.class)
            .list();
    assertThat(turns).isSorted().doesNotContainNull();
    assertThat(turns.stream().filter(t -> t.equals(turns.get(0))).count()).isLessThanOrEqualTo(20);
    long distinctTurns = turns.stream().distinct().count();
    assertThat(distinctTurns).isGreaterThanOrEqualTo(2);
    awaitReplies(waId, (int) distinctTurns);
    settle(waId);
    assertThat(META.sentTo(waId)).hasSize((int) distinctTurns);
  }

  @Test
  void fiftyConversationsInParallelAllGetTheirReplies() throws Exception {
    List<String> customers = IntStream.range(0, 50).mapToObj(i -> newCustomer()).toList();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> posts = new ArrayList<>();
    for (String waId : customers) {
      byte[] webhook =
          Webhooks.text(waId, "wamid.par." + waId, "عايز اعرف سعر السماعة", Instant.now());
      posts.add(pool.submit(() -> webhooks.post(webhook)));
    }
    for (Future<Integer> post : posts) {
      assertThat(post.get()).isEqualTo(200);
    }
    pool.shutdown();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> customers.stream().allMatch(c -> !META.sentTo(c).isEmpty()));
    settle(customers.toArray(String[]::new));
    assertThat(customers).allSatisfy(c -> assertThat(META.sentTo(c)).hasSize(1));
  }

  @Test
  void conversationsReadyTogetherShareOneTransactionAndEachGetsItsOwnReply(
      @Autowired Mailbox mailbox, @Autowired MeterRegistry meters) throws Exception {
    // later turns (a correlation) and first turns (a start) in the same transaction
    List<String> customers =
        new ArrayList<>(List.of(greetedCustomer(), greetedCustomer(), greetedCustomer()));
    IntStream.range(0, 3).forEach(i -> customers.add(newCustomer()));
    DistributionSummary together = meters.get("wasla.mailbox.transaction.conversations").summary();
    long transactionsBefore = together.count();
    double conversationsBefore = together.totalAmount();

    mailbox.stop();
    try {
      for (String waId : customers) {
        assertThat(
                webhooks.post(
                    Webhooks.text(waId, "wamid.together." + waId, "مواعيدكم ايه؟", Instant.now())))
            .isEqualTo(200);
      }
      Thread.sleep(
          400); // the turn window (300 ms) must pass for every one of them: time passing is the
      // point
      mailbox.deliverAll(customers.stream().map(MailboxScenarios::key).toList());
    } finally {
      mailbox.start();
    }

    assertThat(together.count() - transactionsBefore).isEqualTo(1);
    assertThat(together.totalAmount() - conversationsBefore).isEqualTo(customers.size());
    for (String waId : customers) {
      assertThat(
              jdbc.sql("SELECT status FROM inbox_message WHERE wamid = ?")
                  .param("wamid.together." + waId)
                  .query(String.class)
                  .single())
          .isEqualTo("DELIVERED");
      String instance =
          jdbc.sql("SELECT process_instance_id FROM inbox_message WHERE wamid = ?")
              .param("wamid.together." + waId)
              .query(String.class)
              .single();
      assertThat(
              runtime
                  .createProcessInstanceQuery()
                  .processInstanceId(instance)
                  .singleResult()
                  .getBusinessKey())
          .isEqualTo(key(waId));
    }
    int greeted = 3;
    for (String waId : customers) {
      awaitReplies(waId, customers.indexOf(waId) < greeted ? 2 : 1);
    }
    settle(customers.toArray(String[]::new));
    assertThat(customers.subList(0, greeted))
        .allSatisfy(c -> assertThat(META.sentTo(c)).hasSize(2));
    assertThat(customers.subList(greeted, customers.size()))
        .allSatisfy(c -> assertThat(META.sentTo(c)).hasSize(1));
  }

  @Test
  void aTurnThatFailsInASharedTransactionHoldsUpOnlyItsOwnConversation(
      @Autowired Mailbox mailbox, @Autowired Inbox inbox) throws Exception {
    String broken = greetedCustomer();
    List<String> customers = IntStream.range(0, 4).mapToObj(i -> newCustomer()).toList();
    String unreadable = "event:PaymentConfirmed:unreadable-" + broken;

    mailbox.stop();
    try {
      Instant now = Instant.now();
      // an event whose stored variables cannot be read: its delivery throws, every time
      assertThat(
              inbox.accept(
                  new NewInboxEntry(
                      unreadable,
                      ConversationKey.parse(key(broken)),
                      "PaymentConfirmed",
                      "event",
                      "PaymentConfirmed",
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      "{not json",
                      now,
                      now,
                      false)))
          .isTrue();
      for (String waId : customers) {
        assertThat(
                webhooks.post(Webhooks.text(waId, "wamid.beside." + waId, "hello", Instant.now())))
            .isEqualTo(200);
      }
      Thread.sleep(
          400); // the turn window (300 ms) must pass for every one of them: time passing is the
      // point
      List<String> keys = new ArrayList<>(List.of(key(broken)));
      customers.forEach(c -> keys.add(key(c)));
      mailbox.deliverAll(keys);

      assertThat(customers)
          .allSatisfy(
              c ->
                  assertThat(
                          jdbc.sql("SELECT status FROM inbox_message WHERE wamid = ?")
                              .param("wamid.beside." + c)
                              .query(String.class)
                              .single())
                      .isEqualTo("DELIVERED"));
      assertThat(
              jdbc.sql("SELECT status FROM inbox_message WHERE wamid = ?")
                  .param(unreadable)
                  .query(String.class)
                  .single())
          .isEqualTo("PENDING");
      assertThat(
              jdbc.sql("SELECT turn_seq FROM conversation WHERE conversation_key = ?")
                  .param(key(broken))
                  .query(Long.class)
                  .single())
          .isEqualTo(1);
    } finally {
      // let its retries end: nothing of it is pending any more
      jdbc.sql("UPDATE inbox_message SET status = 'UNROUTABLE' WHERE wamid = ?")
          .param(unreadable)
          .update();
      mailbox.start();
    }
    customers.forEach(c -> awaitReplies(c, 1));
    settle(
        java.util.stream.Stream.concat(customers.stream(), java.util.stream.Stream.of(broken))
            .toArray(String[]::new));
    assertThat(customers).allSatisfy(c -> assertThat(META.sentTo(c)).hasSize(1));
    assertThat(META.sentTo(broken)).hasSize(1);
  }

  @Test
  void aConversationWhoseDeliveryFailedGoesAloneSoTheOthersStillShareATransaction(
      @Autowired Mailbox mailbox,
      @Autowired Inbox inbox,
      @Autowired io.micrometer.core.instrument.MeterRegistry meters)
      throws Exception {
    String broken = greetedCustomer();
    List<String> first = IntStream.range(0, 2).mapToObj(i -> newCustomer()).toList();
    List<String> second = IntStream.range(0, 2).mapToObj(i -> newCustomer()).toList();
    String unreadable = "event:PaymentConfirmed:unreadable-" + broken;
    var shared = meters.get("wasla.mailbox.transaction.conversations").summary();

    mailbox.stop();
    try {
      Instant now = Instant.now();
      // an event whose stored variables cannot be read: its delivery throws, every time
      assertThat(
              inbox.accept(
                  new NewInboxEntry(
                      unreadable,
                      ConversationKey.parse(key(broken)),
                      "PaymentConfirmed",
                      "event",
                      "PaymentConfirmed",
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      "{not json",
                      now,
                      now,
                      false)))
          .isTrue();
      for (String waId : java.util.stream.Stream.concat(first.stream(), second.stream()).toList()) {
        assertThat(
                webhooks.post(Webhooks.text(waId, "wamid.alone." + waId, "hello", Instant.now())))
            .isEqualTo(200);
      }
      Thread.sleep(
          400); // the turn window (300 ms) must pass for every one of them: time passing is the
      // point
      // the first shared transaction fails with the broken turn: each is delivered alone, the
      // failure is recorded
      long sharedBefore = shared.count();
      double conversationsBefore = shared.totalAmount();
      mailbox.deliverAll(List.of(key(broken), key(first.get(0)), key(first.get(1))));
      assertThat(shared.count()).isEqualTo(sharedBefore);

      // next time the broken conversation goes alone at once, and the two others commit together
      mailbox.deliverAll(List.of(key(broken), key(second.get(0)), key(second.get(1))));
      assertThat(shared.count()).isEqualTo(sharedBefore + 1);
      assertThat(shared.totalAmount() - conversationsBefore).isEqualTo(2.0);
      assertThat(java.util.stream.Stream.concat(first.stream(), second.stream()).toList())
          .allSatisfy(
              c ->
                  assertThat(
                          jdbc.sql("SELECT status FROM inbox_message WHERE wamid = ?")
                              .param("wamid.alone." + c)
                              .query(String.class)
                              .single())
                      .isEqualTo("DELIVERED"));
      assertThat(
              jdbc.sql("SELECT status FROM inbox_message WHERE wamid = ?")
                  .param(unreadable)
                  .query(String.class)
                  .single())
          .isEqualTo("PENDING");
    } finally {
      // let its retries end: nothing of it is pending any more
      jdbc.sql("UPDATE inbox_message SET status = 'UNROUTABLE' WHERE wamid = ?")
          .param(unreadable)
          .update();
      mailbox.start();
    }
  }

  /**
   * Meta takes 100-500 ms to answer a send; a node must have many sends in flight to keep up at
   * peak (with a fixed sender lane per conversation, as before, at most 8). Twelve conversations
   * greeted at once: the mock answers none of their replies until all twelve are in flight
   * together.
   */
  @Test
  void repliesOfManyConversationsAreInFlightTogetherWhileMetaIsSlowToAnswer() {
    List<String> customers = IntStream.range(0, 12).mapToObj(i -> newCustomer()).toList();
    META.holdSendsUntilInFlightTogether(customers, 12);
    for (String waId : customers) {
      webhooks.post(Webhooks.text(waId, "wamid.slow." + waId, "hello", Instant.now()));
    }

    for (String waId : customers) {
      awaitReplies(waId, 1);
    }
    assertThat(META.mostHeldAtOnce()).isEqualTo(12);
  }

  @Test
  void aRateLimitFromMetaIsRetriedAndEndsInOneSentMessage() throws Exception {
    String waId = newCustomer();
    META.failNextSends(waId, 1, WhatsAppMock.rateLimited());
    int attemptsBefore = META.attempts();

    webhooks.post(Webhooks.text(waId, "wamid.429." + waId, "hi", Instant.now()));
    awaitReplies(waId, 1);
    settle(waId);

    assertThat(META.sentTo(waId)).hasSize(1);
    assertThat(META.attempts() - attemptsBefore).isGreaterThanOrEqualTo(2);
    assertThat(
            jdbc.sql("SELECT status FROM outbound_message WHERE conversation_key = ?")
                .param(key(waId))
                .query(String.class)
                .list())
        .containsExactly("SENT");
  }

  @Test
  void aReplyWhoseSendsAllFailIsSentAgainByTheOutboxOnce() throws Exception {
    String waId = newCustomer();
    // more 429s than the client's own attempts (3 in tests): the first send after commit fails as a
    // whole
    META.failNextSends(waId, 4, WhatsAppMock.rateLimited());

    webhooks.post(Webhooks.text(waId, "wamid.outbox." + waId, "hi", Instant.now()));
    awaitReplies(waId, 1);
    settle(waId);

    assertThat(META.sentTo(waId)).hasSize(1);
    assertThat(
            jdbc.sql(
                    "SELECT status || ':' || attempts FROM outbound_message WHERE conversation_key = ?")
                .param(key(waId))
                .query(String.class)
                .list())
        .containsExactly("SENT:1");
  }

  @Test
  void aReplyQueuedByANodeThatDiedBeforeSendingIsSentByTheSweep(
      @Autowired OutboundMessages outbound) throws Exception {
    String waId = newCustomer();
    webhooks.post(Webhooks.text(waId, "wamid.crash.1." + waId, "hi", Instant.now()));
    awaitReplies(waId, 1);
    // as a node leaves it when it dies right after its turn committed: queued, never sent, lease
    // over
    Instant past = Instant.now().minus(Duration.ofMinutes(5));
    jdbc.sql(
            """
            INSERT INTO outbound_message (idempotency_key, conversation_key, phone_number_id, wa_id, message_type,
              text, body_json, status, created_at, attempts, next_attempt_at)
            VALUES (?, ?, ?, ?, 'text', 'left behind', ?, 'QUEUED', ?, 0, ?)""")
        .params(
            "crash:" + waId,
            key(waId),
            Webhooks.PHONE_NUMBER_ID,
            waId,
            outbound.toJson(
                new app.wasla.channel.whatsapp.OutboundMessage.Text("left behind", false)),
            Inbox.utc(past),
            Inbox.utc(past))
        .update();

    await().atMost(PATIENCE).until(() -> META.sentTo(waId).size() == 2);
    settle(waId);
    assertThat(META.sentTo(waId)).hasSize(2);
    assertThat(META.sentTo(waId).get(1).body().path("text").path("body").asText())
        .isEqualTo("left behind");
    assertThat(
            jdbc.sql("SELECT status FROM outbound_message WHERE idempotency_key = ?")
                .param("crash:" + waId)
                .query(String.class)
                .single())
        .isEqualTo("SENT");
  }

  @Test
  void anUnreadableQueuedRowEndsFailedAndTheRowBehindItIsSentThen(
      @Autowired OutboundMessages outbound) {
    String waId = newCustomer();
    webhooks.post(Webhooks.text(waId, "wamid.poison.1." + waId, "hi", Instant.now()));
    awaitReplies(waId, 1);
    Instant past = Instant.now().minus(Duration.ofMinutes(5));
    String insert =
        """
        INSERT INTO outbound_message (idempotency_key, conversation_key, phone_number_id, wa_id, message_type,
          text, body_json, status, created_at, attempts, next_attempt_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, 0, ?)""";
    jdbc.sql(insert)
        .params(
            "poison:" + waId,
            key(waId),
            Webhooks.PHONE_NUMBER_ID,
            waId,
            "text",
            "broken",
            "{not json",
            Inbox.utc(past.minusSeconds(1)),
            Inbox.utc(past))
        .update();
    jdbc.sql(insert)
        .params(
            "behind:" + waId,
            key(waId),
            Webhooks.PHONE_NUMBER_ID,
            waId,
            "text",
            "still sent",
            outbound.toJson(
                new app.wasla.channel.whatsapp.OutboundMessage.Text("still sent", false)),
            Inbox.utc(past),
            Inbox.utc(past))
        .update();

    await().atMost(PATIENCE).until(() -> META.sentTo(waId).size() == 2);
    assertThat(META.sentTo(waId).get(1).body().path("text").path("body").asText())
        .isEqualTo("still sent");
    // tried as often as configured (5, 200 ms doubling in these tests), then given up
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                "FAILED"
                    .equals(
                        jdbc.sql("SELECT status FROM outbound_message WHERE idempotency_key = ?")
                            .param("poison:" + waId)
                            .query(String.class)
                            .single()));
    assertThat(
            jdbc.sql("SELECT attempts FROM outbound_message WHERE idempotency_key = ?")
                .param("poison:" + waId)
                .query(Integer.class)
                .single())
        .isEqualTo(5);
  }

  @Test
  void sendsHeldBehindAMessageInBackoffDoNotCrowdOtherConversationsOutOfTheSweep(
      @Autowired OutboundMessages outbound) throws Exception {
    String stuck = greetedCustomer();
    String other = greetedCustomer();
    Instant past = Instant.now().minus(Duration.ofMinutes(5));
    String insert =
        """
        INSERT INTO outbound_message (idempotency_key, conversation_key, phone_number_id, wa_id, message_type,
          text, body_json, status, created_at, attempts, next_attempt_at)
        VALUES (?, ?, ?, ?, 'text', ?, ?, 'QUEUED', ?, ?, ?)""";
    String body =
        outbound.toJson(
            new app.wasla.channel.whatsapp.OutboundMessage.Text("queued earlier", false));
    // as an outage leaves it: a message waiting an hour for its retry, and more sends behind it
    // than one sweep
    // takes, all due
    jdbc.sql(insert)
        .params(
            "outage:" + stuck + ":0",
            key(stuck),
            Webhooks.PHONE_NUMBER_ID,
            stuck,
            "in backoff",
            body,
            Inbox.utc(past),
            1,
            Inbox.utc(Instant.now().plus(Duration.ofHours(1))))
        .update();
    for (int i = 1; i <= 101; i++) {
      jdbc.sql(insert)
          .params(
              "outage:" + stuck + ":" + i,
              key(stuck),
              Webhooks.PHONE_NUMBER_ID,
              stuck,
              "behind",
              body,
              Inbox.utc(past),
              0,
              Inbox.utc(past))
          .update();
    }
    // then another conversation's send, left to the sweep (its node died before sending it)
    jdbc.sql(insert)
        .params(
            "outage:" + other,
            key(other),
            Webhooks.PHONE_NUMBER_ID,
            other,
            "queued earlier",
            body,
            Inbox.utc(past),
            0,
            Inbox.utc(past))
        .update();
    try {
      await().atMost(PATIENCE).until(() -> META.sentTo(other).size() == 2);
      settle(other);
      // time passing is the point here: over several outbox sweeps (200 ms) none sends what waits
      // behind the
      // stuck conversation's message in backoff
      Thread.sleep(1000);
      // the stuck conversation's customer got nothing out of order
      assertThat(META.sentTo(stuck)).hasSize(1);
    } finally {
      jdbc.sql(
              "UPDATE outbound_message SET status = 'FAILED' WHERE idempotency_key LIKE ? AND status = 'QUEUED'")
          .param("outage:" + stuck + ":%")
          .update();
    }
  }

  @Test
  void aWebhookIsAcknowledgedWhileADeliveryHoldsItsConversation(
      @Autowired Inbox inbox,
      @Autowired org.springframework.transaction.support.TransactionTemplate transactions)
      throws Exception {
    String waId = newCustomer();
    webhooks.post(Webhooks.text(waId, "wamid.held.1." + waId, "hello", Instant.now()));
    awaitReplies(waId, 1);
    ExecutorService threads = Executors.newFixedThreadPool(1);
    try {
      whileADeliveryHolds(
          key(waId),
          inbox,
          transactions,
          () -> {
            Future<Integer> webhook =
                threads.submit(
                    () ->
                        webhooks.post(
                            Webhooks.text(
                                waId, "wamid.held.2." + waId, "thanks a lot", Instant.now())));
            // stored and acknowledged while the lock is still held: the insert's foreign key check
            // does not wait for it
            assertThat(webhook.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
          });
    } finally {
      threads.shutdownNow();
    }
    assertThat(awaitReplies(waId, 2)).hasSize(2);
    // the later turn, too, was answered in its delivery's transaction at the first attempt
    assertThat(
            history
                .createHistoricActivityInstanceQuery()
                .processInstanceId(instanceOf(waId))
                .activityId("serviceTask_reply")
                .count())
        .isEqualTo(2);
    assertThat(turnJobDefinitions()).isZero();
  }

  /** Job definitions at the sales conversation's Smart Info and persona steps (a job boundary). */
  long turnJobDefinitions() {
    return management
        .createJobDefinitionQuery()
        .processDefinitionKey("sales-conversation")
        .activityIdIn("serviceTask_loadSmartInfo", "serviceTask_reply")
        .count();
  }

  @Test
  void aSendThatMetaKeepsRejectingBecomesAnIncident() {
    String waId = newCustomer();
    META.failNextSends(waId, 100, WhatsAppMock.rejected());

    webhooks.post(Webhooks.text(waId, "wamid.400." + waId, "hi", Instant.now()));

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> runtime.createIncidentQuery().processInstanceId(instanceOf(waId)).count() == 1);
    assertThat(
            runtime
                .createIncidentQuery()
                .processInstanceId(instanceOf(waId))
                .singleResult()
                .getIncidentMessage())
        .contains("131026");
    assertThat(
            runtime
                .createIncidentQuery()
                .processInstanceId(instanceOf(waId))
                .singleResult()
                .getIncidentType())
        .isEqualTo(Outbox.INCIDENT_TYPE);
    // Meta refuses this for good: not tried again
    assertThat(
            jdbc.sql(
                    "SELECT status || ':' || attempts FROM outbound_message WHERE conversation_key = ?")
                .param(key(waId))
                .query(String.class)
                .list())
        .containsExactly("FAILED:1");
    assertThat(META.sentTo(waId)).isEmpty();
  }

  @Test
  @org.junit.jupiter.api.extension.ExtendWith(
      org.springframework.boot.test.system.OutputCaptureExtension.class)
  void numbersInMetasErrorTextAreMaskedInTheLogTheOutboxAndTheIncident(
      org.springframework.boot.test.system.CapturedOutput output) {
    String waId = newCustomer();
    META.failNextSends(
        waId,
        100,
        new okhttp3.mockwebserver.MockResponse()
            .setResponseCode(400)
            .setHeader("Content-Type", "application/json")
            .setBody(
                "{\"error\":{\"message\":\"(#131026) Message undeliverable to "
                    + waId
                    + " (Recipient +"
                    + waId
                    + " not on WhatsApp)\",\"type\":\"OAuthException\",\"code\":131026,\"fbtrace_id\":\"XyZ\"}}"));

    webhooks.post(Webhooks.text(waId, "wamid.masked." + waId, "hi", Instant.now()));

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> runtime.createIncidentQuery().processInstanceId(instanceOf(waId)).count() == 1);
    String tail = waId.substring(waId.length() - 4);
    String error =
        jdbc.sql("SELECT error FROM outbound_message WHERE conversation_key = ?")
            .param(key(waId))
            .query(String.class)
            .single();
    assertThat(error)
        .contains("131026")
        .contains("Message undeliverable to ********" + tail)
        .contains("Recipient *********" + tail)
        .doesNotContain(waId);
    assertThat(
            runtime
                .createIncidentQuery()
                .processInstanceId(instanceOf(waId))
                .singleResult()
                .getIncidentMessage())
        .contains("131026")
        .doesNotContain("undeliverable to " + waId)
        .doesNotContain("+" + waId);
    await().atMost(PATIENCE).until(() -> output.getAll().contains("failed for good"));
    assertThat(output.getAll())
        .doesNotContain("undeliverable to " + waId)
        .doesNotContain("Recipient +" + waId);
  }

  /**
   * Wraps the application's persona: it fails on turns holding {@link #MARKER}, as a bug in reading
   * them would.
   */
  @TestConfiguration
  static class PersonaBrokenByAMarker {

    static final String MARKER = "persona-breaks-here";

    @Bean
    static org.springframework.beans.factory.config.BeanPostProcessor failingOnTheMarker() {
      return new org.springframework.beans.factory.config.BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          if (!(bean instanceof app.wasla.persona.Persona persona)) {
            return bean;
          }
          return new app.wasla.persona.Persona() {
            @Override
            public app.wasla.persona.PersonaResult respond(app.wasla.persona.PersonaTurn turn) {
              if (turn.text().contains(MARKER)) {
                throw new IllegalStateException("the persona cannot read this turn");
              }
              return persona.respond(turn);
            }

            @Override
            public boolean readsTranscript() {
              return persona.readsTranscript();
            }
          };
        }
      };
    }
  }

  /**
   * Wraps the flow's persona step ({@code ${personaReply}}): while {@link #BROKEN} is set it fails
   * on turns holding {@link #MARKER}, as a bug outside the persona's own safety net would (a
   * database constraint, a broken deployment).
   */
  @TestConfiguration
  static class BrokenPersonaStep {

    static final String MARKER = "step-breaks-here";
    static final java.util.concurrent.atomic.AtomicBoolean BROKEN =
        new java.util.concurrent.atomic.AtomicBoolean();
    static final java.util.concurrent.atomic.AtomicInteger FAILURES =
        new java.util.concurrent.atomic.AtomicInteger();
    // when each failure happened: the attempts before an incident are counted by its timestamp,
    // not by when a loaded machine gets round to asserting (the mailbox keeps trying meanwhile)
    static final java.util.Queue<Instant> FAILED_AT =
        new java.util.concurrent.ConcurrentLinkedQueue<>();

    @Bean
    static org.springframework.beans.factory.config.BeanPostProcessor brokenWhileMarked() {
      return new org.springframework.beans.factory.config.BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          if (!"personaReply".equals(name)) {
            return bean;
          }
          org.springframework.aop.framework.ProxyFactory proxy =
              new org.springframework.aop.framework.ProxyFactory(bean);
          proxy.setProxyTargetClass(true);
          proxy.addAdvice(
              (org.aopalliance.intercept.MethodInterceptor)
                  invocation -> {
                    if ("execute".equals(invocation.getMethod().getName())
                        && BROKEN.get()
                        && String.valueOf(
                                ((org.camunda.bpm.engine.delegate.DelegateExecution)
                                        invocation.getArguments()[0])
                                    .getVariable(ConversationVariables.TURN_TEXT))
                            .contains(MARKER)) {
                      FAILED_AT.add(Instant.now());
                      FAILURES.incrementAndGet();
                      throw new IllegalStateException("the persona step is broken");
                    }
                    return invocation.proceed();
                  });
          return proxy.getProxy();
        }
      };
    }
  }

  /**
   * A turn that keeps failing in the mailbox's transaction is an incident where its conversation
   * waits (Cockpit), after as many attempts as a job gets; the customer's next message waits behind
   * it; once the cause is gone the mailbox's next attempt answers both, in order, and resolves the
   * incident.
   */
  @Test
  void aTurnThatKeepsFailingIsAnIncidentAndIsAnsweredInOrderOnceItsCauseIsGone() {
    String waId = greetedCustomer();
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    BrokenPersonaStep.BROKEN.set(true);
    BrokenPersonaStep.FAILED_AT.clear();
    try {
      webhooks.post(
          Webhooks.text(
              waId, "wamid.failing." + waId, "مواعيدكم ايه؟ " + BrokenPersonaStep.MARKER, at));
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  runtime
                          .createIncidentQuery()
                          .incidentType("failedTurn")
                          .processInstanceId(instanceOf(waId))
                          .count()
                      == 1);
      org.camunda.bpm.engine.runtime.Incident incident =
          runtime.createIncidentQuery().processInstanceId(instanceOf(waId)).singleResult();
      assertThat(incident.getConfiguration()).isEqualTo(key(waId));
      assertThat(incident.getIncidentMessage())
          .contains("failed 3 times")
          .contains("the persona step is broken");
      // where the conversation waits for its customer
      assertThat(incident.getActivityId()).isEqualTo("catchEvent_customerMessage");
      // exactly as many failed attempts as a job gets came before the incident
      Instant raisedAt = incident.getIncidentTimestamp().toInstant();
      assertThat(BrokenPersonaStep.FAILED_AT.stream().filter(t -> !t.isAfter(raisedAt)).count())
          .isEqualTo(3);

      webhooks.post(Webhooks.text(waId, "wamid.behind." + waId, "thanks a lot", at.plusSeconds(1)));
      // two more failed attempts: the later message does not overtake the failing one
      int failuresNow = BrokenPersonaStep.FAILURES.get();
      await().atMost(PATIENCE).until(() -> BrokenPersonaStep.FAILURES.get() >= failuresNow + 2);
      assertThat(META.sentTo(waId)).hasSize(1);
      assertThat(
              jdbc.sql("SELECT status FROM inbox_message WHERE wamid = ?")
                  .param("wamid.behind." + waId)
                  .query(String.class)
                  .single())
          .isEqualTo("PENDING");
      assertThat(
              runtime
                  .createIncidentQuery()
                  .incidentType("failedTurn")
                  .processInstanceId(instanceOf(waId))
                  .count())
          .isEqualTo(1);
    } finally {
      BrokenPersonaStep.BROKEN.set(false);
    }

    // the mailbox's next attempt (its backoff is a few seconds by now) answers the turn, which
    // holds both messages if the second arrived before it (a turn takes what is pending)
    awaitReplies(waId, 2);
    settle(waId);
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM inbox_message WHERE conversation_key = ? AND status = 'PENDING'")
                .param(key(waId))
                .query(Long.class)
                .single())
        .isZero();
    assertThat(runtime.createIncidentQuery().processInstanceId(instanceOf(waId)).count()).isZero();
  }

  /**
   * A persona that fails on a turn answers "didn't get that" in the customer's language; no
   * incident, no stall.
   */
  @Test
  void aTurnThePersonaFailsToReadGetsADidntGetThatAndTheNextMessageItsReply() throws Exception {
    String waId = greetedCustomer();
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    webhooks.post(
        Webhooks.text(
            waId,
            "wamid.broken." + waId,
            "يا جماعة " + PersonaBrokenByAMarker.MARKER + " ده ايه؟",
            at));
    assertThat(awaitReplies(waId, 2).get(1).body().toString()).contains("مفهمتش رسالتك");
    webhooks.post(
        Webhooks.text(waId, "wamid.after-broken." + waId, "مواعيدكم ايه؟", at.plusSeconds(1)));

    assertThat(awaitReplies(waId, 3).get(2).body().toString()).contains("الجمعة");
    assertThat(runtime.createIncidentQuery().processInstanceId(instanceOf(waId)).count()).isZero();
  }

  /**
   * 4,080 characters of "phone " once made 1,360 clauses in the playbook search (Lucene's limit is
   * 1,024): the persona failed, the turn became an incident, and the customer's next message waited
   * behind it for good.
   */
  @Test
  void aLongRepetitiveMessageGetsAReplyAndTheNextMessageGetsItsOwn() throws Exception {
    String waId = greetedCustomer();
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    webhooks.post(Webhooks.text(waId, "wamid.long." + waId, "phone ".repeat(680), at));
    awaitReplies(waId, 2);
    webhooks.post(
        Webhooks.text(waId, "wamid.after-long." + waId, "مواعيدكم ايه؟", at.plusSeconds(1)));

    List<WhatsAppMock.Sent> replies = awaitReplies(waId, 3);
    assertThat(replies.get(2).body().toString()).contains("الجمعة");
    assertThat(runtime.createIncidentQuery().processInstanceId(instanceOf(waId)).count()).isZero();
    assertThat(
            jdbc.sql(
                    "SELECT status FROM inbox_message WHERE conversation_key = ? AND status = 'PENDING'")
                .param(key(waId))
                .query(String.class)
                .list())
        .isEmpty();
  }

  @Test
  void aMessageOlderThanTheMaximumAgeIsRecordedButNotAnswered() throws Exception {
    String waId = newCustomer();
    assertThat(
            webhooks.post(
                Webhooks.text(
                    waId,
                    "wamid.old." + waId,
                    "replayed",
                    Instant.now().minus(Duration.ofDays(3)))))
        .isEqualTo(200);
    settle(waId);

    assertThat(
            jdbc.sql("SELECT status FROM inbox_message WHERE conversation_key = ?")
                .param(key(waId))
                .query(String.class)
                .single())
        .isEqualTo("STALE");
    assertThat(META.sentTo(waId)).isEmpty();
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(key(waId)).count())
        .isZero();
  }

  @Test
  void statusesMoveTheSentMessageForwardOnly() {
    String waId = newCustomer();
    webhooks.post(Webhooks.text(waId, "wamid.st." + waId, "hi", Instant.now()));
    String wamid = awaitReplies(waId, 1).get(0).wamid();
    await().atMost(PATIENCE).until(() -> "SENT".equals(outboundStatus(wamid)));

    webhooks.post(Webhooks.status(waId, wamid, "delivered", Instant.now()));
    assertThat(outboundStatus(wamid)).isEqualTo("DELIVERED");
    webhooks.post(Webhooks.status(waId, wamid, "read", Instant.now()));
    webhooks.post(Webhooks.status(waId, wamid, "delivered", Instant.now()));
    assertThat(outboundStatus(wamid)).isEqualTo("READ");
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM message_status WHERE wamid = ?")
                .param(wamid)
                .query(Long.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void aDeliveredTurnAdvancesItsConversationAndMarksItsRows() throws Exception {
    String waId = greetedCustomer();
    Instant sentAt =
        Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1); // newer than the greeting
    webhooks.post(Webhooks.text(waId, "wamid.advance." + waId, "مواعيدكم ايه؟", sentAt));
    awaitReplies(waId, 2);

    var conversation =
        jdbc.sql(
                "SELECT turn_seq, last_inbound_at, customer_name FROM conversation "
                    + "WHERE conversation_key = ?")
            .param(key(waId))
            .query()
            .singleRow();
    assertThat(((Number) conversation.get("turn_seq")).longValue()).isEqualTo(2);
    assertThat(
            jdbc.sql("SELECT last_inbound_at FROM conversation WHERE conversation_key = ?")
                .param(key(waId))
                .query(java.time.OffsetDateTime.class)
                .single()
                .toInstant())
        .isEqualTo(sentAt);
    assertThat(conversation.get("customer_name"))
        .isEqualTo("عميل " + waId.substring(waId.length() - 3));
    var row =
        jdbc.sql("SELECT status, turn_seq, process_instance_id FROM inbox_message WHERE wamid = ?")
            .param("wamid.advance." + waId)
            .query()
            .singleRow();
    assertThat(row.get("status")).isEqualTo("DELIVERED");
    assertThat(((Number) row.get("turn_seq")).longValue()).isEqualTo(2);
    assertThat(row.get("process_instance_id")).isEqualTo(instanceOf(waId));
  }

  @Test
  void aSecondMessageContinuesTheSameConversation() throws Exception {
    String waId = greetedCustomer();
    webhooks.post(
        Webhooks.text(waId, "wamid.t2." + waId, "I want to talk to a human", Instant.now()));

    awaitReplies(waId, 2);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(key(waId)).count())
        .isEqualTo(1);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                taskService
                        .createTaskQuery()
                        .processInstanceBusinessKey(key(waId))
                        .taskCandidateGroup("sales")
                        .count()
                    == 1);
    assertThat(runtime.getVariable(instanceOf(waId), "handoff")).isEqualTo(true);
  }

  @Test
  void aFirstMessageGoesToAnInstanceStartedForTheConversationElsewhere() throws Exception {
    String waId = newCustomer();
    // as Camunda's REST API or Tasklist could: an instance for a customer the mailbox has never
    // delivered to
    String elsewhere =
        runtime
            .createProcessInstanceByKey("sales-conversation")
            .businessKey(key(waId))
            .startBeforeActivity("catchEvent_customerMessage")
            .setVariable("conversationKey", key(waId))
            .setVariable("customerKey", key(waId))
            .setVariable("phoneNumberId", Webhooks.PHONE_NUMBER_ID)
            .setVariable("waId", waId)
            .execute()
            .getId();

    webhooks.post(Webhooks.text(waId, "wamid.first." + waId, "hello", Instant.now()));

    awaitReplies(waId, 1);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(key(waId)).list())
        .extracting(ProcessInstance::getId)
        .containsExactly(elsewhere);
    assertThat(
            jdbc.sql("SELECT process_instance_id FROM inbox_message WHERE wamid = ?")
                .param("wamid.first." + waId)
                .query(String.class)
                .single())
        .isEqualTo(elsewhere);
  }

  @Test
  void aSilentConversationClosesAndTheCustomersNextMessageStartsANewOne(
      @Autowired SilentConversations silent, @Autowired MailboxProperties props) throws Exception {
    String waId = greetedCustomer();
    String first = instanceOf(waId);
    Instant now = Instant.now();

    silent.closeSilent(now.plus(props.inactivityTimeout()).minusSeconds(60));
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(first).count()).isEqualTo(1);
    silent.closeSilent(now.plus(props.inactivityTimeout()).plusSeconds(60));

    assertThat(runtime.createProcessInstanceQuery().processInstanceId(first).count()).isZero();
    assertThat(
            history
                .createHistoricActivityInstanceQuery()
                .processInstanceId(first)
                .activityId("endEvent_conversationClosed")
                .count())
        .isEqualTo(1);
    webhooks.post(Webhooks.text(waId, "wamid.back." + waId, "hello again", Instant.now()));
    awaitReplies(waId, 2);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                runtime.createProcessInstanceQuery().processInstanceBusinessKey(key(waId)).count()
                    == 1);
    assertThat(instanceOf(waId)).isNotEqualTo(first);
  }

  @Test
  void aConversationInAHandoffIsNotClosedForSilence(
      @Autowired SilentConversations silent, @Autowired MailboxProperties props) {
    String waId = newCustomer();
    webhooks.post(
        Webhooks.text(waId, "wamid.human." + waId, "I want to talk to a human", Instant.now()));
    await()
        .atMost(PATIENCE)
        .until(
            () -> taskService.createTaskQuery().processInstanceBusinessKey(key(waId)).count() == 1);

    silent.closeSilent(Instant.now().plus(props.inactivityTimeout()).plus(Duration.ofHours(24)));

    // a person has it: only the wait for the customer at the bot's turn is marked closesWhenSilent
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(key(waId)).count())
        .isEqualTo(1);
  }

  @Test
  void aConversationBeingDeliveredToIsNotClosedAndASecondSweepFindsNothingToDo(
      @Autowired SilentConversations silent,
      @Autowired Inbox inbox,
      @Autowired org.springframework.transaction.support.TransactionTemplate transactions)
      throws Exception {
    String waId = greetedCustomer();
    SilentConversations.Resting found =
        silent.restingBefore(Instant.now().plus(Duration.ofHours(1))).stream()
            .filter(r -> r.conversationKey().equals(key(waId)))
            .findFirst()
            .orElseThrow();
    // a delivery's transaction holds the conversation (another worker or node is handing it a turn)
    whileADeliveryHolds(
        key(waId), inbox, transactions, () -> assertThat(silent.close(found)).isFalse());
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(key(waId)).count())
        .isEqualTo(1);

    // once free it closes, once: the same find a second time (another node's sweep) changes nothing
    assertThat(silent.close(found)).isTrue();
    assertThat(silent.close(found)).isFalse();
    assertThat(
            history
                .createHistoricActivityInstanceQuery()
                .activityId("endEvent_conversationClosed")
                .processInstanceId(found.processInstanceId())
                .count())
        .isEqualTo(1);
  }

  @Test
  void aSweepThatFoundAConversationRestingDoesNotCloseItOnceTheCustomerHasWrittenAgain(
      @Autowired SilentConversations silent) throws Exception {
    String waId = greetedCustomer();
    SilentConversations.Resting found =
        silent.restingBefore(Instant.now().plus(Duration.ofHours(1))).stream()
            .filter(r -> r.conversationKey().equals(key(waId)))
            .findFirst()
            .orElseThrow();

    webhooks.post(Webhooks.text(waId, "wamid.again." + waId, "thanks a lot", Instant.now()));
    awaitReplies(waId, 2);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                runtime
                    .createEventSubscriptionQuery()
                    .eventName("CustomerMessage")
                    .processInstanceId(instanceOf(waId))
                    .list()
                    .stream()
                    .noneMatch(s -> s.getId().equals(found.subscriptionId())));

    assertThat(silent.close(found)).isFalse();
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(key(waId)).count())
        .isEqualTo(1);
  }

  @Test
  void theTurnsTextAndIdsStayOutOfCamundasHistoryWhileTheFlowsReadingsAreKept() throws Exception {
    String waId = greetedCustomer();
    String instance = askedForOpeningHours(waId, "wamid.h2." + waId);

    // the flow still reads them...
    assertThat(runtime.getVariable(instance, "turnText")).isEqualTo("what are your opening hours?");
    assertThat(runtime.getVariable(instance, "lastWamid")).isEqualTo("wamid.h2." + waId);
    // ...but Camunda's history keeps no copy of what the customer wrote (the inbox has it)
    for (String skipped :
        List.of(
            "turnText",
            "turnSeq",
            "lastWamid",
            "replyId",
            "sendSeq",
            "personaSummary",
            "leaveToSalesFlows",
            "intentConfidence",
            "sentimentScore")) {
      assertThat(
              history
                  .createHistoricVariableInstanceQuery()
                  .processInstanceId(instance)
                  .variableName(skipped)
                  .count())
          .as(skipped)
          .isZero();
    }
    // what the flow concluded is history as before
    assertThat(
            history
                .createHistoricVariableInstanceQuery()
                .processInstanceId(instance)
                .variableName("intent")
                .singleResult()
                .getValue())
        .isEqualTo(runtime.getVariable(instance, "intent"));
    assertThat(
            history
                .createHistoricVariableInstanceQuery()
                .processInstanceId(instance)
                .variableName("sentiment")
                .singleResult()
                .getValue())
        .isEqualTo(runtime.getVariable(instance, "sentiment"));
    assertThat(
            history
                .createHistoricVariableInstanceQuery()
                .processInstanceId(instance)
                .variableName("conversationKey")
                .singleResult()
                .getValue())
        .isEqualTo(key(waId));
    assertThat(
            history
                .createHistoricActivityInstanceQuery()
                .processInstanceId(instance)
                .activityId("serviceTask_reply")
                .count())
        .isEqualTo(2);
  }

  @Test
  void aTurnVariableWhoseValueDidNotChangeIsNotWrittenAgain() throws Exception {
    String waId = greetedCustomer();
    String instance = askedForOpeningHours(waId, "wamid.same." + waId);

    // both turns were typed: replyId was null and stayed null, so its row kept its first revision
    assertThat(runtime.getVariable(instance, "replyId")).isNull();
    assertThat(revision(instance, "replyId")).isEqualTo(1);
    assertThat(revision(instance, "turnText")).isEqualTo(2);
    assertThat(revision(instance, "lastWamid")).isEqualTo(2);
  }

  /** A greeted customer's second, typed turn, answered; returns the conversation's instance. */
  private String askedForOpeningHours(String waId, String wamid) {
    webhooks.post(Webhooks.text(waId, wamid, "what are your opening hours?", Instant.now()));
    awaitReplies(waId, 2);
    String instance = instanceOf(waId);
    await()
        .atMost(PATIENCE)
        .until(() -> Long.valueOf(2).equals(runtime.getVariable(instance, "turnSeq")));
    return instance;
  }

  private int revision(String processInstanceId, String variable) {
    return jdbc.sql("SELECT REV_ FROM ACT_RU_VARIABLE WHERE PROC_INST_ID_ = ? AND NAME_ = ?")
        .params(processInstanceId, variable)
        .query(Integer.class)
        .single();
  }

  @Test
  void aLaterMessageWaitsForAnEarlierOneWhoseSendIsBeingRetried(
      @Autowired Outbox outbox,
      @Autowired org.springframework.transaction.support.TransactionTemplate transactions)
      throws Exception {
    String waId = greetedCustomer();
    ConversationKey conversation = ConversationKey.parse(key(waId));
    String first = "your order is confirmed " + waId;
    String second = "it left the warehouse " + waId;
    // the first send fails as a whole once (the client's own 3 attempts) and waits for its retry
    META.failNextSendsOfText(first, 3);
    transactions.executeWithoutResult(
        tx ->
            outbox.queue(
                conversation,
                new app.wasla.channel.whatsapp.OutboundMessage.Text(first, false),
                "order-test:" + waId + ":1",
                null));
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                jdbc.sql("SELECT attempts FROM outbound_message WHERE idempotency_key = ?")
                        .param("order-test:" + waId + ":1")
                        .query(Integer.class)
                        .single()
                    == 1);

    transactions.executeWithoutResult(
        tx ->
            outbox.queue(
                conversation,
                new app.wasla.channel.whatsapp.OutboundMessage.Text(second, false),
                "order-test:" + waId + ":2",
                null));

    awaitReplies(waId, 3);
    settle(waId);
    // the customer reads them in the order the flow wrote them, the retried one first
    assertThat(META.sentTo(waId))
        .extracting(s -> s.body().path("text").path("body").asText())
        .containsExactly(
            META.sentTo(waId).get(0).body().path("text").path("body").asText(), first, second);
    assertThat(
            jdbc.sql("SELECT status FROM outbound_message WHERE idempotency_key LIKE ? ORDER BY id")
                .param("order-test:" + waId + ":%")
                .query(String.class)
                .list())
        .containsExactly("SENT", "SENT");
  }

  @Test
  void aFlowSendQueuedAgainWithItsKeyIsStoredAndSentOnce(
      @Autowired Outbox outbox,
      @Autowired org.springframework.transaction.support.TransactionTemplate transactions)
      throws Exception {
    String waId = newCustomer();
    webhooks.post(Webhooks.text(waId, "wamid.q1." + waId, "hello", Instant.now()));
    awaitReplies(waId, 1);
    ConversationKey conversation = ConversationKey.parse(key(waId));
    var message =
        new app.wasla.channel.whatsapp.OutboundMessage.Text("your order left the warehouse", false);
    String idempotencyKey = "test-instance:" + waId + ":1";

    // queued twice in one turn, then once more by a retried turn: one row, one send
    transactions.executeWithoutResult(
        tx -> {
          outbox.queue(conversation, message, idempotencyKey, null);
          outbox.queue(conversation, message, idempotencyKey, null);
        });
    transactions.executeWithoutResult(
        tx -> outbox.queue(conversation, message, idempotencyKey, null));

    awaitReplies(waId, 2);
    settle(waId);
    assertThat(META.sentTo(waId)).hasSize(2);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE idempotency_key = ?")
                .param(idempotencyKey)
                .query(Long.class)
                .single())
        .isEqualTo(1);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                "SENT"
                    .equals(
                        jdbc.sql("SELECT status FROM outbound_message WHERE idempotency_key = ?")
                            .param(idempotencyKey)
                            .query(String.class)
                            .single()));
  }

  @Test
  void aWrongOrMissingSignatureIsRefusedAndStoresNothing() {
    String waId = newCustomer();
    byte[] webhook = Webhooks.text(waId, "wamid.sig." + waId, "مرحبا 😀", Instant.now());
    byte[] tampered = webhook.clone();
    tampered[tampered.length - 5] ^= 1;
    String signature =
        app.wasla.channel.whatsapp.WebhookSignature.sign(webhook, Webhooks.APP_SECRET);

    assertThat(webhooks.post(webhook, null)).isEqualTo(401);
    assertThat(webhooks.post(tampered, signature)).isEqualTo(401);
    assertThat(
            webhooks.post(
                webhook, app.wasla.channel.whatsapp.WebhookSignature.sign(webhook, "other")))
        .isEqualTo(401);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM conversation WHERE conversation_key = ?")
                .param(key(waId))
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void malformedJsonIsABadRequest() {
    byte[] broken = "{\"object\":\"whatsapp_business_account\",\"entry\":[".getBytes();
    assertThat(webhooks.post(broken)).isEqualTo(400);
  }

  @Test
  void anUnknownMessageTypeIsStoredWholeAndStillAnswered() throws Exception {
    String waId = newCustomer();
    String wamid = "wamid.poll." + waId;
    String json =
        new String(
                Webhooks.text(waId, wamid, "x", Instant.now()),
                java.nio.charset.StandardCharsets.UTF_8)
            .replace(
                "\"type\":\"text\",\"text\":{\"body\":\"x\"}",
                "\"type\":\"poll\",\"poll\":{\"question\":\"Blue or red?\"}");
    assertThat(webhooks.post(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo(200);

    awaitReplies(waId, 1);
    var row =
        jdbc.sql("SELECT message_type, raw_json FROM inbox_message WHERE wamid = ?")
            .param(wamid)
            .query((rs, n) -> List.of(rs.getString(1), rs.getString(2)))
            .single();
    assertThat(row.get(0)).isEqualTo("poll");
    assertThat(row.get(1)).contains("Blue or red?");
  }

  @Test
  void metasVerificationHandshakeEchoesTheChallengeOnlyForTheRightToken() throws Exception {
    okhttp3.OkHttpClient http = new okhttp3.OkHttpClient();
    String base =
        "http://127.0.0.1:"
            + port
            + "/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444";
    try (okhttp3.Response ok =
        http.newCall(
                new okhttp3.Request.Builder()
                    .url(base + "&hub.verify_token=test-verify-token")
                    .build())
            .execute()) {
      assertThat(ok.code()).isEqualTo(200);
      assertThat(ok.body().string()).isEqualTo("1158201444");
    }
    try (okhttp3.Response wrong =
        http.newCall(new okhttp3.Request.Builder().url(base + "&hub.verify_token=guess").build())
            .execute()) {
      assertThat(wrong.code()).isEqualTo(403);
    }
  }

  @Test
  void theJobExecutorFindsDueJobsByAnIndexNotByReadingEveryConversationsTimer(
      @Autowired javax.sql.DataSource ds) throws Exception {
    // live conversations keep timer jobs in ACT_RU_JOB (deadlines, reminders); without this index
    // each job acquisition
    // reads all of them (docs/benchmark.md, growth)
    java.util.List<String> indexed = new java.util.ArrayList<>();
    try (java.sql.Connection c = ds.getConnection()) {
      java.sql.DatabaseMetaData meta = c.getMetaData();
      for (String table : java.util.List.of("ACT_RU_JOB", "act_ru_job")) {
        try (java.sql.ResultSet rs = meta.getIndexInfo(null, null, table, false, false)) {
          while (rs.next()) {
            if (rs.getString("INDEX_NAME") != null
                && rs.getString("INDEX_NAME").equalsIgnoreCase("WASLA_IDX_JOB_DUEDATE")) {
              indexed.add(rs.getString("COLUMN_NAME").toUpperCase());
            }
          }
        }
      }
    }
    assertThat(indexed).containsExactly("DUEDATE_");
  }

  /**
   * A job a killed node had locked (a turn answered in a job among them) is free again for another
   * node or the next start soon, and not while a live node may still be running it: Camunda's
   * default lock, 5 minutes, left those customers unanswered longer than a crash test waits.
   */
  @Test
  void aJobIsLockedLongerThanItsLongestCallAndShorterThanCamundasFiveMinutes(
      @Autowired org.camunda.bpm.engine.ProcessEngine engine,
      @Autowired app.wasla.persona.PersonaProperties persona,
      @Autowired app.wasla.commerce.CommerceProperties commerce) {
    long lock =
        ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
                engine.getProcessEngineConfiguration())
            .getJobExecutor()
            .getLockTimeInMillis();
    app.wasla.persona.PersonaProperties.OpenAi llm = persona.openai();
    Duration llmCall = llm.connectTimeout().plus(llm.readTimeout()).multipliedBy(llm.maxAttempts());
    Duration backendCall = commerce.http().connectTimeout().plus(commerce.http().readTimeout());
    // a shorter lock lets a second node run a job that is still running (its calls made twice)
    assertThat(Duration.ofMillis(lock)).isGreaterThan(llmCall).isGreaterThan(backendCall);
    assertThat(Duration.ofMillis(lock)).isLessThan(Duration.ofMinutes(5));
  }

  @Test
  void aSendRepeatedWithTheSameKeyReachesMetaOnce(@Autowired OutboundMessages outbound) {
    String waId = newCustomer();
    webhooks.post(Webhooks.text(waId, "wamid.idem." + waId, "hi", Instant.now()));
    awaitReplies(waId, 1);
    ConversationKey conversation = ConversationKey.parse(key(waId));
    var message =
        new app.wasla.channel.whatsapp.OutboundMessage.Text("Your order shipped 🚚", false);

    String first = outbound.send(conversation, message, "test-idempotency-" + waId);
    String second = outbound.send(conversation, message, "test-idempotency-" + waId);

    assertThat(second).isEqualTo(first);
    assertThat(META.sentTo(waId)).hasSize(2);
  }

  @Test
  void freeFormTextOutsideThe24HourWindowIsRefused(@Autowired OutboundMessages outbound) {
    String waId = newCustomer();
    webhooks.post(Webhooks.text(waId, "wamid.win." + waId, "hi", Instant.now()));
    awaitReplies(waId, 1);
    jdbc.sql("UPDATE conversation SET last_inbound_at = ? WHERE conversation_key = ?")
        .params(Inbox.utc(Instant.now().minus(Duration.ofHours(25))), key(waId))
        .update();

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                outbound.send(
                    ConversationKey.parse(key(waId)),
                    new app.wasla.channel.whatsapp.OutboundMessage.Text("late", false),
                    "late-" + waId))
        .isInstanceOf(ServiceWindowClosedException.class)
        .hasMessageContaining("24-hour");
    assertThat(META.sentTo(waId)).hasSize(1);
  }

  @Test
  void anEventNoWaitStateExpectsIsRecordedAndDoesNotBlockTheCustomer(@Autowired Mailbox mailbox)
      throws Exception {
    String waId = greetedCustomer();

    assertThat(
            mailbox.enqueueEvent(
                ConversationKey.parse(key(waId)),
                "ShipmentDispatched",
                "ship-1",
                java.util.Map.of("trackingNumber", "EG123")))
        .isTrue();
    assertThat(
            mailbox.enqueueEvent(
                ConversationKey.parse(key(waId)),
                "ShipmentDispatched",
                "ship-1",
                java.util.Map.of("trackingNumber", "EG123")))
        .isFalse();
    webhooks.post(Webhooks.text(waId, "wamid.ev2." + waId, "thanks", Instant.now()));

    awaitReplies(waId, 2);
    // the event and the text are one second apart at most (WhatsApp's timestamps are whole
    // seconds), so either
    // may be delivered first; the event is recorded as unroutable either way
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                jdbc.sql(
                        "SELECT status FROM inbox_message WHERE conversation_key = ? AND message_name = ?")
                    .params(key(waId), "ShipmentDispatched")
                    .query(String.class)
                    .single()
                    .equals("UNROUTABLE"));
    settle(waId);
    assertThat(META.sentTo(waId)).hasSize(2);
  }

  /** What a test does while the lock is held (it may throw). */
  interface WhileHeld {
    void run() throws Exception;
  }

  /**
   * Runs {@code action} while another thread's transaction holds the conversation's delivery lock.
   */
  static void whileADeliveryHolds(
      String conversationKey,
      Inbox inbox,
      org.springframework.transaction.support.TransactionTemplate transactions,
      WhileHeld action)
      throws Exception {
    java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<Boolean> holder =
          thread.submit(
              () ->
                  transactions.execute(
                      status -> {
                        boolean got = inbox.lockForDelivery(conversationKey).isPresent();
                        locked.countDown();
                        try {
                          release.await(60, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        return got;
                      }));
      assertThat(locked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      action.run();
      assertThat(release.getCount()).as("the delivery still held the conversation").isEqualTo(1);
      release.countDown();
      assertThat(holder.get(10, java.util.concurrent.TimeUnit.SECONDS))
          .as("the holder had the lock")
          .isTrue();
    } finally {
      release.countDown();
      thread.shutdownNow();
    }
  }

  private String instanceOf(String waId) {
    return runtime
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(key(waId))
        .list()
        .stream()
        .findFirst()
        .map(p -> p.getId())
        .orElse("none");
  }

  private String outboundStatus(String wamid) {
    return jdbc.sql("SELECT status FROM outbound_message WHERE wamid = ?")
        .param(wamid)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  /** A text message as Meta puts it in a batch. */
  private static com.fasterxml.jackson.databind.node.ObjectNode textMessage(
      String from, String wamid, String text) {
    com.fasterxml.jackson.databind.node.ObjectNode m =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
            .objectNode()
            .put("from", from)
            .put("id", wamid)
            .put("timestamp", String.valueOf(Instant.now().getEpochSecond()))
            .put("type", "text");
    m.putObject("text").put("body", text);
    return m;
  }

  @Test
  void aBatchWithMessagesWhoseIdsDoNotFitStoresAndAnswersTheRest() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    String good = newCustomer();
    String cutFields = newCustomer();
    String media = newCustomer();
    String otherNumber = newCustomer();
    com.fasterxml.jackson.databind.node.ObjectNode root =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            json.readTree(Webhooks.text(good, "wamid.fits." + good, "hello", Instant.now()));
    com.fasterxml.jackson.databind.node.ArrayNode messages =
        (com.fasterxml.jackson.databind.node.ArrayNode)
            root.at("/entry/0/changes/0/value/messages");
    // skipped: ids that do not fit
    messages.insert(0, textMessage("2".repeat(300), "wamid.longfrom." + good, "hi"));
    messages.insert(1, textMessage(good, "wamid." + "x".repeat(5000), "hi"));
    messages.insert(2, textMessage("+" + good, "wamid.plus." + good, "hi"));
    // kept, with their optional fields cut to fit
    com.fasterxml.jackson.databind.node.ObjectNode withContext =
        textMessage(cutFields, "wamid.ctx." + cutFields, "hello");
    withContext.putObject("context").put("id", "wamid." + "c".repeat(1000));
    messages.add(withContext);
    com.fasterxml.jackson.databind.node.ObjectNode image =
        json.createObjectNode()
            .put("from", media)
            .put("id", "wamid.img." + media)
            .put("timestamp", String.valueOf(Instant.now().getEpochSecond()))
            .put("type", "image");
    image
        .putObject("image")
        .put("id", "m".repeat(400))
        .put("mime_type", "image/" + "j".repeat(200));
    messages.add(image);
    // a second change for a business number that is not one: skipped as a whole
    com.fasterxml.jackson.databind.node.ObjectNode other =
        ((com.fasterxml.jackson.databind.node.ArrayNode) root.at("/entry/0/changes"))
            .addObject()
            .put("field", "messages");
    com.fasterxml.jackson.databind.node.ObjectNode value = other.putObject("value");
    value.putObject("metadata").put("phone_number_id", "1098:7654");
    value
        .putArray("messages")
        .add(textMessage(otherNumber, "wamid.othernumber." + otherNumber, "hello"));
    com.fasterxml.jackson.databind.node.ObjectNode longNumber =
        ((com.fasterxml.jackson.databind.node.ArrayNode) root.at("/entry/0/changes"))
            .addObject()
            .put("field", "messages");
    longNumber.putObject("value").putObject("metadata").put("phone_number_id", "1".repeat(300));
    ((com.fasterxml.jackson.databind.node.ObjectNode) longNumber.get("value"))
        .putArray("messages")
        .add(textMessage(otherNumber, "wamid.longnumber." + otherNumber, "hello"));

    assertThat(webhooks.post(json.writeValueAsBytes(root))).isEqualTo(200);

    assertThat(awaitReplies(good, 1)).hasSize(1);
    assertThat(awaitReplies(cutFields, 1)).hasSize(1);
    assertThat(
            jdbc.sql("SELECT context_wamid FROM inbox_message WHERE wamid = ?")
                .param("wamid.ctx." + cutFields)
                .query(String.class)
                .single())
        .hasSizeLessThanOrEqualTo(255)
        .startsWith("wamid.ccc");
    assertThat(
            jdbc.sql("SELECT mime_type FROM inbox_message WHERE wamid = ?")
                .param("wamid.img." + media)
                .query(String.class)
                .single())
        .hasSizeLessThanOrEqualTo(128)
        .startsWith("image/jjj");
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM inbox_message WHERE wamid IN (?, ?, ?, ?)")
                .params(
                    "wamid.longfrom." + good,
                    "wamid.plus." + good,
                    "wamid.othernumber." + otherNumber,
                    "wamid.longnumber." + otherNumber)
                .query(Long.class)
                .single())
        .isZero();
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM inbox_message WHERE conversation_key = ?")
                .param(key(good))
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }
}
