package app.wasla.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.conversation.MailboxProperties;
import app.wasla.conversation.SilentConversations;
import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The CRM end to end in cloud mode: signed webhooks in over HTTP, the real flow of processes/,
 * MockWebServer as Meta, the REST API over HTTP and the tables queried directly. Run against H2 and
 * PostgreSQL by the subclasses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(CrmScenarios.TagEvents.class)
abstract class CrmScenarios {

  static final WhatsAppMock META = new WhatsAppMock();
  static final Duration PATIENCE = Duration.ofSeconds(30);
  static final ObjectMapper JSON = new ObjectMapper();
  static final OkHttpClient HTTP = new OkHttpClient();

  @DynamicPropertySource
  static void cloudModeAgainstTheMock(DynamicPropertyRegistry registry) {
    registry.add("wasla.api.bootstrap-key", () -> API_KEY);
    registry.add("wasla.api.rate-limit", () -> "1000");
    META.registerCloudMode(registry);
    registry.add("wasla.whatsapp.send-backoff", () -> "20ms");
    registry.add("wasla.mailbox.sweep-interval", () -> "500ms");
    // the erasure scenario's webhook receiver is a MockWebServer on loopback, over http
    registry.add("wasla.webhooks.allowed-hosts", () -> "127.0.0.1,localhost");
    registry.add("wasla.webhooks.allow-http", () -> "true");
  }

  /** Collects every {@link CustomerTagged} the application publishes. */
  static class TagEvents {
    final Queue<CustomerTagged> seen = new ConcurrentLinkedQueue<>();

    @EventListener
    void on(CustomerTagged event) {
      seen.add(event);
    }
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtime;
  @Autowired SilentConversations silent;
  @Autowired MailboxProperties mailboxProps;
  @Autowired CustomerMemory memory;
  @Autowired Consent consent;
  @Autowired TagEvents tagEvents;
  @Autowired org.camunda.bpm.engine.TaskService taskService;
  @Autowired app.wasla.commerce.order.Orders orders;
  @Autowired app.wasla.commerce.payment.Payments payments;
  Webhooks webhooks;

  @BeforeEach
  void connect() {
    webhooks = new Webhooks(port);
  }

  static String newCustomer() {
    return "2012" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
  }

  static String key(String waId) {
    return Webhooks.PHONE_NUMBER_ID + ":" + waId;
  }

  void awaitReplies(String waId, int count) {
    await().atMost(PATIENCE).until(() -> META.sentTo(waId).size() >= count);
  }

  /**
   * Waits until the conversation rests at its CustomerMessage wait state with the reply marked
   * SENT.
   */
  void awaitRest(String waId) {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                runtime
                            .createExecutionQuery()
                            .processInstanceBusinessKey(key(waId))
                            .messageEventSubscriptionName("CustomerMessage")
                            .count()
                        == 1
                    && jdbc.sql(
                                "SELECT COUNT(*) FROM outbound_message WHERE conversation_key = ? AND status <> 'SENT'")
                            .param(key(waId))
                            .query(Long.class)
                            .single()
                        == 0);
  }

  /**
   * Waits until the clock is in a later second than now (WhatsApp's timestamps count whole
   * seconds).
   */
  static void awaitNextSecond() {
    long second = Instant.now().getEpochSecond();
    await()
        .pollInterval(Duration.ofMillis(20))
        .atMost(Duration.ofSeconds(5))
        .until(() -> Instant.now().getEpochSecond() > second);
  }

  /**
   * Closes the conversation the way a silent customer does: the sweep finds it resting past the
   * timeout.
   */
  void closeConversation(String waId) {
    assertThat(
            silent.closeSilent(
                Instant.now().plus(mailboxProps.inactivityTimeout()).plusSeconds(60)))
        .isPositive();
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(key(waId)).count())
        .isZero();
  }

  @Test
  void historySpansTwoConversationsOfOneCustomerInTimeOrder() throws Exception {
    String waId = newCustomer();
    Instant t0 = Instant.now().minusSeconds(5);
    webhooks.post(Webhooks.text(waId, "wamid.h1." + waId, "السلام عليكم", t0));
    awaitReplies(waId, 1);
    awaitRest(waId);
    closeConversation(waId);
    // WhatsApp timestamps count seconds: the customer comes back in a later second than the first
    // reply
    awaitNextSecond();
    // a store question: one reply (a product question may add the product's photo)
    webhooks.post(Webhooks.text(waId, "wamid.h2." + waId, "مواعيد العمل ايه؟", Instant.now()));
    awaitReplies(waId, 2);
    awaitRest(waId);

    JsonNode page = get("/api/customers/" + key(waId) + "/history?size=50");
    List<JsonNode> items = list(page.path("items"));
    List<JsonNode> in =
        items.stream().filter(i -> i.path("direction").asText().equals("in")).toList();
    List<JsonNode> out =
        items.stream().filter(i -> i.path("direction").asText().equals("out")).toList();
    assertThat(in)
        .extracting(i -> i.path("text").asText())
        .containsExactly("السلام عليكم", "مواعيد العمل ايه؟");
    assertThat(out).hasSize(2);
    assertThat(in.get(0).path("conversationId").asText())
        .isNotBlank()
        .isNotEqualTo(in.get(1).path("conversationId").asText());
    assertThat(out)
        .extracting(o -> o.path("conversationId").asText())
        .containsExactly(
            in.get(0).path("conversationId").asText(), in.get(1).path("conversationId").asText());
    List<Instant> times = items.stream().map(i -> Instant.parse(i.path("at").asText())).toList();
    assertThat(times).isSorted();
    // message 1, its reply, message 2, its reply (tag and handoff events may sit between)
    List<String> directions =
        items.stream()
            .map(i -> i.path("direction").asText())
            .filter(d -> !d.equals("event"))
            .toList();
    assertThat(directions).containsExactly("in", "out", "in", "out");
    assertThat(page.path("total").asLong()).isEqualTo(items.size());

    CustomerProfile profile = memory.find(key(waId)).orElseThrow();
    assertThat(profile.conversations()).isEqualTo(2);
    assertThat(profile.name()).isEqualTo("عميل " + waId.substring(waId.length() - 3));
    assertThat(profile.firstContactAt())
        .isEqualTo(t0.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    assertThat(profile.lastContactAt()).isAfter(profile.firstContactAt());
    assertThat(profile.preferredLanguage()).startsWith("ar");
    assertThat(profile.lastIntent()).isNotBlank();
  }

  @Test
  void consentKeywordsInArabicAndEnglishSwitchMarketingOffAndOn() {
    String waId = newCustomer();
    Instant t = Instant.now().minusSeconds(30);
    webhooks.post(Webhooks.text(waId, "wamid.c0." + waId, "hello", t));
    assertThat(consent.allowsMarketing(key(waId))).isTrue();
    webhooks.post(Webhooks.text(waId, "wamid.c1." + waId, "STOP", t.plusSeconds(1)));
    assertThat(consent.allowsMarketing(key(waId))).isFalse();
    webhooks.post(Webhooks.text(waId, "wamid.c2." + waId, "اشتراك", t.plusSeconds(2)));
    assertThat(consent.allowsMarketing(key(waId))).isTrue();
    webhooks.post(Webhooks.text(waId, "wamid.c3." + waId, "إلغاء", t.plusSeconds(3)));
    assertThat(consent.allowsMarketing(key(waId))).isFalse();
    webhooks.post(Webhooks.text(waId, "wamid.c4." + waId, "start", t.plusSeconds(4)));
    assertThat(consent.allowsMarketing(key(waId))).isTrue();
    webhooks.post(Webhooks.text(waId, "wamid.c5." + waId, "الغاء الاشتراك", t.plusSeconds(5)));
    assertThat(consent.allowsMarketing(key(waId))).isFalse();
    // a sentence that merely contains a keyword changes nothing
    webhooks.post(
        Webhooks.text(waId, "wamid.c6." + waId, "please start my order", t.plusSeconds(6)));
    assertThat(consent.allowsMarketing(key(waId))).isFalse();

    String other = newCustomer();
    webhooks.post(Webhooks.text(other, "wamid.c7." + other, "Unsubscribe", Instant.now()));
    assertThat(consent.allowsMarketing(key(other))).isFalse();
    assertThat(consent.allowsMarketing(key(newCustomer()))).isTrue();

    assertThat(
            jdbc.sql(
                    "SELECT details FROM customer_event WHERE customer_key = ? AND kind = 'CONSENT' ORDER BY id")
                .param(key(waId))
                .query(String.class)
                .list())
        .containsExactly(
            "marketing opt-out",
            "marketing opt-in",
            "marketing opt-out",
            "marketing opt-in",
            "marketing opt-out");
  }

  @Test
  void stopAndStartAreConfirmedThroughMetaInTheCustomersLanguageAndNeverReachTheFlow() {
    String waId = newCustomer();
    assertThat(
            webhooks.post(
                Webhooks.text(waId, "wamid.cs1." + waId, "الغاء الاشتراك", Instant.now())))
        .isEqualTo(200);
    await().atMost(PATIENCE).until(() -> META.sentTo(waId).size() >= 1);
    assertThat(META.sentTo(waId).get(0).body().path("text").path("body").asText())
        .contains("مش هنبعتلك");
    assertThat(webhooks.post(Webhooks.text(waId, "wamid.cs2." + waId, "START", Instant.now())))
        .isEqualTo(200);
    await().atMost(PATIENCE).until(() -> META.sentTo(waId).size() >= 2);
    assertThat(META.sentTo(waId).get(1).body().path("text").path("body").asText())
        .contains("subscribed again");
    assertThat(consent.allowsMarketing(key(waId))).isTrue();
    assertThat(
            jdbc.sql("SELECT status FROM inbox_message WHERE conversation_key = ? ORDER BY id")
                .param(key(waId))
                .query(String.class)
                .list())
        .containsExactly("ANSWERED", "ANSWERED");
    // no flow ever started for them: nothing a persona could have answered
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(key(waId)).count())
        .isZero();
  }

  @Test
  void firstMessagesArrivingAtOnceMakeOneProfileAndLoseNoConsent() throws Exception {
    String waId = newCustomer();
    Instant base =
        Instant.now().minusSeconds(120).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    List<java.util.concurrent.Future<Integer>> posts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      byte[] webhook =
          Webhooks.text(
              waId,
              "wamid.race" + i + "." + waId,
              i == 5 ? "إلغاء" : "msg " + i,
              base.plusSeconds(i));
      posts.add(pool.submit(() -> webhooks.post(webhook)));
    }
    for (var post : posts) {
      assertThat(post.get()).isEqualTo(200);
    }
    pool.shutdown();
    // the opt-out holds as soon as the webhooks are acknowledged
    assertThat(consent.allowsMarketing(key(waId))).isFalse();

    // the profile's contact times follow as the messages are delivered
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              CustomerProfile p = memory.find(key(waId)).orElseThrow();
              assertThat(p.firstContactAt()).isEqualTo(base);
              assertThat(p.lastContactAt()).isEqualTo(base.plusSeconds(7));
            });
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM customer WHERE customer_key = ?")
                .param(key(waId))
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void thePersonaReadsTheProfileAsItIsAfterTheDeliveryAndAfterAnyChangeInTheSameTransaction(
      @Autowired org.springframework.transaction.support.TransactionTemplate transactions) {
    String waId = newCustomer();
    app.wasla.conversation.ConversationKey key =
        app.wasla.conversation.ConversationKey.parse(key(waId));
    Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    transactions.executeWithoutResult(
        tx -> {
          // as a delivery does: the CRM hears of the message, then the persona reads its customer
          memory.delivered(key, "Mona", "hi", at);
          CustomerProfile first = memory.context(key.value()).orElseThrow();
          assertThat(first.name()).isEqualTo("Mona");
          assertThat(first.lastContactAt()).isEqualTo(at);
          assertThat(first.tagNames()).isEmpty();

          // an agent's tag in the same transaction: the next read must see it (nothing kept from
          // before it)
          memory.delivered(key, "Mona", "again", at.plusSeconds(1));
          memory.tag(key.value(), "vip", "agent-1");
          CustomerProfile tagged = memory.context(key.value()).orElseThrow();
          assertThat(tagged.tagNames()).contains("vip");
          assertThat(tagged.lastContactAt()).isEqualTo(at.plusSeconds(1));

          // a figure moved by an order after the delivery: seen too
          memory.delivered(key, "Mona", "order", at.plusSeconds(2));
          memory.recordOrder(
              key.value(), "ORD-" + waId, new BigDecimal("100.00"), "EGP", at.plusSeconds(2));
          assertThat(memory.context(key.value()).orElseThrow().orders()).isEqualTo(1);
        });
  }

  @Test
  void aDeliveryMakesANewCustomersProfileAndKeepsAnAgentsNameOverTheWhatsAppName(
      @Autowired org.springframework.transaction.support.TransactionTemplate transactions) {
    String waId = newCustomer();
    app.wasla.conversation.ConversationKey key =
        app.wasla.conversation.ConversationKey.parse(key(waId));
    Instant at = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    // a new customer: the row is made with the delivery's contact times and the WhatsApp profile
    // name
    transactions.executeWithoutResult(tx -> memory.delivered(key, "mona_wa", "hi", at));
    CustomerProfile made = memory.find(key.value()).orElseThrow();
    assertThat(made.name()).isEqualTo("mona_wa");
    assertThat(made.firstContactAt()).isEqualTo(at);
    assertThat(made.lastContactAt()).isEqualTo(at);
    assertThat(made.conversations()).isZero();

    // an agent's name outlasts the WhatsApp one; contact times only widen, whatever the order
    // messages come in
    memory.update(key.value(), "Mona Hassan", null, null);
    transactions.executeWithoutResult(
        tx -> {
          memory.delivered(key, "mona_wa_2", "again", at.plusSeconds(5));
          memory.delivered(key, null, "late delivery of an older one", at.minusSeconds(10));
        });
    CustomerProfile after = memory.find(key.value()).orElseThrow();
    assertThat(after.name()).isEqualTo("Mona Hassan");
    assertThat(after.firstContactAt()).isEqualTo(at.minusSeconds(10));
    assertThat(after.lastContactAt()).isEqualTo(at.plusSeconds(5));
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM customer WHERE customer_key = ?")
                .param(key.value())
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void aTurnOfSeveralMessagesLeavesTheProfileAsTheMessagesOneByOneWould(
      @Autowired org.springframework.transaction.support.TransactionTemplate transactions) {
    String waId = newCustomer();
    app.wasla.conversation.ConversationKey key =
        app.wasla.conversation.ConversationKey.parse(key(waId));
    Instant at = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    // a burst delivered as one turn, out of time order, the last message without a profile name
    transactions.executeWithoutResult(
        tx ->
            memory.deliveredTurn(
                key,
                List.of(
                    message("mona_wa", "hi", at.plusSeconds(2)),
                    message("mona_wa_2", "price?", at),
                    message(null, "in Cairo?", at.plusSeconds(1)))));
    CustomerProfile made = memory.find(key.value()).orElseThrow();
    assertThat(made.name()).isEqualTo("mona_wa_2");
    assertThat(made.firstContactAt()).isEqualTo(at);
    assertThat(made.lastContactAt()).isEqualTo(at.plusSeconds(2));

    // a later turn widens only the end; an older one only the start
    transactions.executeWithoutResult(
        tx -> memory.deliveredTurn(key, List.of(message(null, "thanks", at.plusSeconds(9)))));
    transactions.executeWithoutResult(
        tx ->
            memory.deliveredTurn(
                key,
                List.of(
                    message("mona", "late", at.minusSeconds(4)),
                    message(null, "late too", at.minusSeconds(3)))));
    CustomerProfile after = memory.find(key.value()).orElseThrow();
    assertThat(after.name()).isEqualTo("mona");
    assertThat(after.firstContactAt()).isEqualTo(at.minusSeconds(4));
    assertThat(after.lastContactAt()).isEqualTo(at.plusSeconds(9));
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM customer WHERE customer_key = ?")
                .param(key.value())
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  private static app.wasla.conversation.CustomerMessageListener.Message message(
      String name, String text, Instant at) {
    return new app.wasla.conversation.CustomerMessageListener.Message(name, text, at);
  }

  @Test
  void aMessageTooOldToAnswerStillMakesTheProfileAndItsConsentHolds() {
    // older than wasla.mailbox.max-message-age (24h): recorded, never delivered, so the CRM hears
    // of it at once
    String waId = newCustomer();
    Instant old =
        Instant.now()
            .minus(java.time.Duration.ofDays(2))
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    assertThat(webhooks.post(Webhooks.text(waId, "wamid.old." + waId, "STOP", old))).isEqualTo(200);

    CustomerProfile p = memory.find(key(waId)).orElseThrow();
    assertThat(p.firstContactAt()).isEqualTo(old);
    assertThat(p.lastContactAt()).isEqualTo(old);
    assertThat(consent.allowsMarketing(key(waId))).isFalse();
    assertThat(
            jdbc.sql("SELECT status FROM inbox_message WHERE wamid = ?")
                .param("wamid.old." + waId)
                .query(String.class)
                .single())
        .isEqualTo("STALE");
  }

  @Test
  void theStoresFiguresBecomeTheCrmsAndItsTagsFollow() {
    String key = key(newCustomer());
    Instant lastOrder = Instant.parse("2026-11-20T09:02:00Z");
    memory.recordFigures(
        key,
        new CustomerMemory.Figures(2, new BigDecimal("20398"), BigDecimal.ZERO, "EGP", lastOrder));

    CustomerProfile p = memory.find(key).orElseThrow();
    assertThat(p.orders()).isEqualTo(2);
    assertThat(p.totalSpend()).isEqualByComparingTo("20398");
    assertThat(p.lastOrderAt()).isEqualTo(lastOrder);
    assertThat(p.tagNames()).containsExactly("repeat_buyer", "vip");
    long events =
        jdbc.sql("SELECT COUNT(*) FROM customer_event WHERE customer_key = ?")
            .param(key)
            .query(Long.class)
            .single();

    // the same figures again (the next conversation's Smart Info): nothing written
    memory.recordFigures(
        key,
        new CustomerMemory.Figures(
            2, new BigDecimal("20398.00"), BigDecimal.ZERO, "EGP", lastOrder));
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM customer_event WHERE customer_key = ?")
                .param(key)
                .query(Long.class)
                .single())
        .isEqualTo(events);

    // an open payment in the store: the open balance, and its tag
    memory.recordFigures(
        key,
        new CustomerMemory.Figures(
            2, new BigDecimal("20398"), new BigDecimal("899"), "EGP", lastOrder));
    assertThat(tagNames(key)).containsExactly("repeat_buyer", "unpaid", "vip");
  }

  @Test
  void ordersAndPaymentsMoveFiguresAndRuleTagsWhileManualTagsStay() throws Exception {
    String key = key(newCustomer());
    Instant now = Instant.now();
    assertThat(memory.recordOrder(key, "o-1", new BigDecimal("15000.00"), "EGP", now)).isTrue();
    assertThat(memory.recordOrder(key, "o-1", new BigDecimal("15000.00"), "EGP", now)).isFalse();
    assertThat(tagNames(key)).containsExactly("unpaid");
    assertThat(tagEvents.seen)
        .anyMatch(e -> e.customerKey().equals(key) && e.added().equals(java.util.Set.of("unpaid")));

    post("/api/customers/" + key + "/tags", "{\"tag\":\"Wholesale\",\"by\":\"sara\"}");
    memory.recordPayment(key, "p-1", "o-1", new BigDecimal("15000"), "EGP", now);
    assertThat(tagNames(key)).containsExactly("wholesale");
    assertThat(tagEvents.seen)
        .anyMatch(
            e -> e.customerKey().equals(key) && e.removed().equals(java.util.Set.of("unpaid")));

    memory.recordOrder(key, "o-2", new BigDecimal("6000"), "EGP", now);
    memory.recordPayment(key, "p-2", "o-2", new BigDecimal("6000"), "EGP", now);
    memory.recordBooking(key, "b-1", "fitting on Sunday 11:00", now);
    CustomerProfile p = memory.find(key).orElseThrow();
    assertThat(p.orders()).isEqualTo(2);
    assertThat(p.totalSpend()).isEqualByComparingTo("21000");
    assertThat(p.openBalance()).isEqualByComparingTo("0");
    assertThat(p.lastOrderAt()).isNotNull();
    assertThat(p.tagNames()).containsExactly("repeat_buyer", "vip", "wholesale");

    JsonNode afterUntag = delete("/api/customers/" + key + "/tags/wholesale");
    assertThat(list(afterUntag.path("tags")))
        .extracting(t -> t.path("name").asText())
        .containsExactlyInAnyOrder("repeat_buyer", "vip");
    assertThat(
            jdbc.sql("SELECT kind FROM customer_event WHERE customer_key = ? ORDER BY id")
                .param(key)
                .query(String.class)
                .list())
        .containsSubsequence(
            "ORDER", "TAG", "TAG", "PAYMENT", "TAG", "ORDER", "PAYMENT", "TAG", "BOOKING", "TAG");
  }

  @Test
  void repeatedNegativeTurnsMakeACustomerAtRiskUntilTheMoodTurns() {
    String key = key(newCustomer());
    Instant now = Instant.now();
    memory.turnCompleted(
        new CustomerMemory.Turn(key, "pi-1", "complaint", "negative", "ar-EG", false, null, now));
    assertThat(tagNames(key)).isEmpty();
    memory.turnCompleted(
        new CustomerMemory.Turn(
            key, "pi-1", "complaint", "negative", "mixed", true, "complaint", now));
    CustomerProfile p = memory.find(key).orElseThrow();
    assertThat(p.tagNames()).containsExactly("at_risk");
    assertThat(p.negativeTurnsInARow()).isEqualTo(2);
    assertThat(p.preferredLanguage()).isEqualTo("ar-EG");
    assertThat(p.conversations()).isEqualTo(1);
    memory.turnCompleted(
        new CustomerMemory.Turn(key, "pi-2", "thanks_goodbye", "positive", "en", false, null, now));
    p = memory.find(key).orElseThrow();
    assertThat(p.tagNames()).isEmpty();
    assertThat(p.conversations()).isEqualTo(2);
    assertThat(p.preferredLanguage()).isEqualTo("en");
    assertThat(tagEvents.seen)
        .anyMatch(e -> e.customerKey().equals(key) && e.removed().contains("at_risk"));
    assertThat(
            jdbc.sql(
                    "SELECT details FROM customer_event WHERE customer_key = ? AND kind = 'HANDOFF'")
                .param(key)
                .query(String.class)
                .list())
        .containsExactly("complaint");
  }

  @Test
  void aHandoffInTheFlowIsRecordedInTheCustomersHistory() {
    String waId = newCustomer();
    webhooks.post(
        Webhooks.text(waId, "wamid.ho." + waId, "I want to talk to a human", Instant.now()));
    awaitReplies(waId, 1);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                count(
                        "SELECT COUNT(*) FROM customer_event WHERE customer_key = ? AND kind = 'HANDOFF'",
                        key(waId))
                    == 1);
    String instance =
        runtime
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(key(waId))
            .singleResult()
            .getId();
    assertThat(
            jdbc.sql(
                    "SELECT conversation_id FROM customer_event WHERE customer_key = ? AND kind = 'HANDOFF'")
                .param(key(waId))
                .query(String.class)
                .single())
        .isEqualTo(instance);
    assertThat(memory.find(key(waId)).orElseThrow().lastIntent()).isEqualTo("human_request");
  }

  @Test
  void erasureLeavesNoMessageTextBehindAndKeepsTheCounts() throws Exception {
    String waId = newCustomer();
    webhooks.post(
        Webhooks.text(
            waId,
            "wamid.e0." + waId,
            "hi, this is Qazwaq from Qazwaq Street",
            Instant.now().minusSeconds(5)));
    awaitReplies(waId, 1);
    awaitRest(waId);
    closeConversation(waId);
    awaitNextSecond();
    webhooks.post(
        Webhooks.text(waId, "wamid.e1." + waId, "my address is 12 Qazwaq Street", Instant.now()));
    awaitReplies(waId, 2);
    awaitRest(waId);
    String liveInstance =
        runtime
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(key(waId))
            .singleResult()
            .getId();
    patch(
        "/api/customers/" + key(waId),
        "{\"name\":\"Mariam Qazwaq\",\"attributes\":{\"email\":\"m@qazwaq.example\"}}");
    memory.recordOrder(key(waId), "o-e1", new BigDecimal("100"), "EGP", Instant.now());
    // however many messages the bot's answers took
    long repliesBefore =
        count("SELECT COUNT(*) FROM outbound_message WHERE conversation_key = ?", key(waId));
    assertThat(repliesBefore).isGreaterThanOrEqualTo(2);

    JsonNode cleared = delete("/api/customers/" + key(waId));
    assertThat(cleared.path("inboundMessages").asInt()).isEqualTo(2);

    // the rows that stay for their figures do so under the pseudonym, not the number
    String k = cleared.path("pseudonym").asText();
    assertThat(k).startsWith(Pseudonyms.PREFIX).doesNotContain(waId);
    assertThat(
            count(
                "SELECT COUNT(*) FROM inbox_message WHERE conversation_key = ? AND (text IS NOT NULL"
                    + " OR raw_json IS NOT NULL OR profile_name IS NOT NULL OR variables_json IS NOT NULL)",
                k))
        .isZero();
    assertThat(
            count(
                "SELECT COUNT(*) FROM outbound_message WHERE conversation_key = ? AND (text IS NOT NULL"
                    + " OR body_json <> '{}')",
                k))
        .isZero();
    assertThat(
            count(
                "SELECT COUNT(*) FROM conversation WHERE conversation_key = ? AND customer_name IS NOT NULL",
                k))
        .isZero();
    assertThat(
            count("SELECT COUNT(*) FROM customer WHERE customer_key = ? AND name IS NOT NULL", k))
        .isZero();
    assertThat(count("SELECT COUNT(*) FROM customer_attribute WHERE customer_key = ?", k)).isZero();
    assertThat(
            count(
                "SELECT COUNT(*) FROM customer_event WHERE customer_key = ? AND details IS NOT NULL",
                k))
        .isZero();
    for (String table : List.of("inbox_message", "outbound_message")) {
      for (String column :
          List.of("text", table.equals("inbox_message") ? "raw_json" : "body_json")) {
        assertThat(
                count(
                    "SELECT COUNT(*) FROM "
                        + table
                        + " WHERE "
                        + column
                        + " LIKE '%Qazwaq%' AND conversation_key = ?",
                    k))
            .as(table + "." + column)
            .isZero();
      }
    }
    // nor in the engine: the conversations are gone with their variables and history
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(liveInstance).count())
        .isZero();
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM ACT_RU_VARIABLE WHERE TEXT_ LIKE '%Qazwaq%' OR TEXT2_ LIKE '%Qazwaq%'")
                .query(Long.class)
                .single())
        .isZero();
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM ACT_HI_VARINST WHERE TEXT_ LIKE '%Qazwaq%' OR TEXT2_ LIKE '%Qazwaq%'")
                .query(Long.class)
                .single())
        .isZero();
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM ACT_HI_DETAIL WHERE TEXT_ LIKE '%Qazwaq%' OR TEXT2_ LIKE '%Qazwaq%'")
                .query(Long.class)
                .single())
        .isZero();
    // anonymised counts stay
    assertThat(count("SELECT COUNT(*) FROM inbox_message WHERE conversation_key = ?", k))
        .isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM outbound_message WHERE conversation_key = ?", k))
        .isEqualTo(repliesBefore);
    CustomerProfile p = memory.find(k).orElseThrow();
    assertThat(p.conversations()).isEqualTo(2);
    assertThat(p.orders()).isEqualTo(1);
    assertThat(p.erasedAt()).isNotNull();
    assertThat(p.tags()).isEmpty();
    assertThat(consent.allowsMarketing(k)).isFalse();
    JsonNode history = get("/api/customers/" + k + "/history");
    assertThat(list(history.path("items")))
        .allSatisfy(
            i -> assertThat(i.path("text").isMissingNode() || i.path("text").isNull()).isTrue());
    assertThat(memory.find(key(waId))).isEmpty();
  }

  /** A webhook with a text message from a customer whose WhatsApp profile name is given. */
  static byte[] textFrom(String waId, String profileName, String wamid, String text, Instant at)
      throws IOException {
    com.fasterxml.jackson.databind.node.ObjectNode root =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            JSON.readTree(Webhooks.text(waId, wamid, text, at));
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            root.at("/entry/0/changes/0/value/contacts/0/profile"))
        .put("name", profileName);
    return JSON.writeValueAsBytes(root);
  }

  /**
   * A customer with a conversation, an order with a payment link, an open handoff and a webhook
   * subscription whose deliveries are still pending asks to be forgotten: the erasure succeeds (it
   * answered 500 with an open handoff), and afterwards no text or byte-array column of any table,
   * Wasla's or Camunda's, holds the name, the number or anything the customer wrote. A new message
   * from the number starts afresh.
   */
  @Test
  void erasureWithAnOpenHandoffLeavesNoCopyInAnyTable(@Autowired javax.sql.DataSource dataSource)
      throws Exception {
    okhttp3.mockwebserver.MockWebServer receiver = new okhttp3.mockwebserver.MockWebServer();
    receiver.setDispatcher(
        new okhttp3.mockwebserver.Dispatcher() {
          @Override
          public okhttp3.mockwebserver.MockResponse dispatch(
              okhttp3.mockwebserver.RecordedRequest request) {
            return new okhttp3.mockwebserver.MockResponse().setResponseCode(503);
          }
        });
    receiver.start();
    String subscription;
    try (Response r =
        call(
            new Request.Builder()
                .url(url("/api/webhooks"))
                .post(
                    RequestBody.create(
                        "{\"url\":\"" + receiver.url("/hook") + "\",\"eventTypes\":[\"*\"]}",
                        MediaType.get("application/json"))))) {
      assertThat(r.code()).isEqualTo(201);
      subscription = JSON.readTree(r.body().string()).path("id").asText();
    }
    try {
      String waId = newCustomer();
      String name = "Zubaida Quorvex";
      String key = key(waId);
      // WhatsApp timestamps are whole seconds: each message a second newer than the one before
      Instant t0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(5);
      webhooks.post(
          textFrom(waId, name, "wamid.x1." + waId, "بكام الايفون 15 برو ماكس؟ xylophoneprice", t0));
      awaitReplies(waId, 1);
      awaitRest(waId);
      webhooks.post(
          Webhooks.status(waId, META.sentTo(waId).get(0).wamid(), "delivered", Instant.now()));
      // the order the sales flow places and its payment link, as its delegates make them
      String order = orders.place(waId, "IP15PM-256", 1, "req-x-" + waId).orElseThrow().id();
      payments.linkFor(
          order,
          waId,
          app.wasla.conversation.ConversationKey.parse(key),
          new BigDecimal("72999"),
          "iPhone 15 Pro Max",
          name);
      webhooks.post(
          textFrom(
              waId,
              name,
              "wamid.x3." + waId,
              "I want to talk to a human about quixotic delivery",
              t0.plusSeconds(1)));
      await()
          .atMost(PATIENCE)
          .until(() -> taskService.createTaskQuery().processInstanceBusinessKey(key).count() == 1);
      String task =
          taskService.createTaskQuery().processInstanceBusinessKey(key).singleResult().getId();
      taskService.createComment(task, null, "called " + name + " on " + waId);
      memory.recordOrder(key, "o-x1", new BigDecimal("72999"), "EGP", Instant.now());
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  count("SELECT COUNT(*) FROM webhook_event WHERE conversation_key = ?", key) > 0);
      List<String> secrets = List.of(waId, name, "xylophoneprice", "quixotic");
      assertThat(textsHolding(dataSource, secrets)).isNotEmpty(); // the scan does find them before

      long lastEventBefore =
          jdbc.sql("SELECT MAX(seq) FROM webhook_event").query(Long.class).single();
      JsonNode cleared = delete("/api/customers/" + key);

      String pseudonym = cleared.path("pseudonym").asText();
      assertThat(textsHolding(dataSource, secrets)).isEmpty();
      assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).count())
          .isZero();
      assertThat(taskService.createTaskQuery().taskId(task).count()).isZero();
      // the order's accounts stay under the pseudonym; erased events are never delivered
      assertThat(count("SELECT COUNT(*) FROM commerce_order WHERE customer_id = ?", pseudonym))
          .isEqualTo(1);
      assertThat(
              count("SELECT COUNT(*) FROM commerce_payment WHERE conversation_key = ?", pseudonym))
          .isEqualTo(1);
      // (the erasure's own event, tags removed under the pseudonym, comes after and may be
      // delivered)
      assertThat(
              jdbc.sql(
                      "SELECT COUNT(*) FROM webhook_delivery d JOIN webhook_event e ON e.seq = d.event_seq"
                          + " WHERE e.conversation_key = ? AND d.status = 'PENDING' AND e.seq <= ?")
                  .params(pseudonym, lastEventBefore)
                  .query(Long.class)
                  .single())
          .isZero();
      assertThat(
              jdbc.sql(
                      "SELECT envelope_json FROM webhook_event WHERE conversation_key = ? AND seq <= ?")
                  .params(pseudonym, lastEventBefore)
                  .query(String.class)
                  .list())
          .isNotEmpty()
          .allSatisfy(e -> assertThat(e).isEqualTo("{\"erased\":true}"));
      assertThat(memory.find(pseudonym).orElseThrow().erasedAt()).isNotNull();

      // the same number again: a new conversation and a new profile, with nothing of the old
      webhooks.post(Webhooks.text(waId, "wamid.x4." + waId, "hello again", Instant.now()));
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  META.sentTo(waId).size() >= 3
                      && runtime
                              .createProcessInstanceQuery()
                              .processInstanceBusinessKey(key)
                              .count()
                          == 1);
      CustomerProfile fresh = memory.find(key).orElseThrow();
      assertThat(fresh.erasedAt()).isNull();
      assertThat(fresh.orders()).isZero();
      assertThat(fresh.name()).isNotEqualTo(name);
    } finally {
      call(new Request.Builder().url(url("/api/webhooks/" + subscription)).delete()).close();
      receiver.shutdown();
    }
  }

  /**
   * "table.column" of every text or binary value, in any table, that contains one of the needles.
   */
  static List<String> textsHolding(javax.sql.DataSource dataSource, List<String> needles)
      throws Exception {
    List<String> found = new ArrayList<>();
    try (java.sql.Connection c = dataSource.getConnection()) {
      java.sql.DatabaseMetaData meta = c.getMetaData();
      String schema = c.getSchema();
      List<String> tables = new ArrayList<>();
      try (java.sql.ResultSet t = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
        while (t.next()) {
          tables.add(t.getString("TABLE_NAME"));
        }
      }
      for (String table : tables) {
        List<String> columns = new ArrayList<>();
        try (java.sql.ResultSet col = meta.getColumns(null, schema, table, "%")) {
          while (col.next()) {
            int type = col.getInt("DATA_TYPE");
            if (List.of(
                    java.sql.Types.VARCHAR,
                    java.sql.Types.CHAR,
                    java.sql.Types.LONGVARCHAR,
                    java.sql.Types.CLOB,
                    java.sql.Types.NVARCHAR,
                    java.sql.Types.NCLOB,
                    java.sql.Types.BLOB,
                    java.sql.Types.BINARY,
                    java.sql.Types.VARBINARY,
                    java.sql.Types.LONGVARBINARY,
                    java.sql.Types.OTHER)
                .contains(type)) {
              columns.add(col.getString("COLUMN_NAME"));
            }
          }
        }
        for (String column : columns) {
          String sql = "SELECT \"" + column + "\" FROM \"" + table + "\"";
          try (java.sql.Statement st = c.createStatement();
              java.sql.ResultSet rows = st.executeQuery(sql)) {
            while (rows.next()) {
              Object value = rows.getObject(1);
              String text =
                  value instanceof byte[] b
                      ? new String(b, java.nio.charset.StandardCharsets.ISO_8859_1)
                          + new String(b, java.nio.charset.StandardCharsets.UTF_8)
                      : value instanceof java.sql.Blob blob
                          ? new String(
                              blob.getBytes(1, (int) blob.length()),
                              java.nio.charset.StandardCharsets.ISO_8859_1)
                          : value instanceof java.sql.Clob clob
                              ? clob.getSubString(1, (int) clob.length())
                              : value == null ? null : value.toString();
              if (text != null && needles.stream().anyMatch(text::contains)) {
                found.add(
                    table
                        + "."
                        + column
                        + ": "
                        + (text.length() > 200 ? text.substring(0, 200) : text));
              }
            }
          }
        }
      }
    }
    return found;
  }

  @Test
  void historyAndSearchArePaged() throws Exception {
    String waId = newCustomer();
    String k = key(waId);
    Instant t = Instant.now().minusSeconds(60);
    for (int i = 0; i < 5; i++) {
      webhooks.post(
          Webhooks.text(waId, "wamid.pg" + i + "." + waId, "line " + i, t.plusSeconds(i)));
    }
    memory.recordBooking(k, "b-pg", "booked", t.plusSeconds(10));
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                count(
                        "SELECT COUNT(*) FROM inbox_message WHERE conversation_key = ? AND status = 'DELIVERED'",
                        k)
                    == 5);
    awaitRest(waId);

    JsonNode all = get("/api/customers/" + k + "/history?size=200");
    long total = all.path("total").asLong();
    assertThat(total).isEqualTo(list(all.path("items")).size()).isGreaterThanOrEqualTo(7);
    List<String> paged = new ArrayList<>();
    for (int page = 0; page * 3 < total; page++) {
      JsonNode p = get("/api/customers/" + k + "/history?size=3&page=" + page);
      assertThat(p.path("total").asLong()).isEqualTo(total);
      assertThat(p.path("items").size()).isLessThanOrEqualTo(3);
      list(p.path("items"))
          .forEach(i -> paged.add(i.path("direction").asText() + i.path("id").asText()));
    }
    assertThat(paged)
        .containsExactlyElementsOf(
            list(all.path("items")).stream()
                .map(i -> i.path("direction").asText() + i.path("id").asText())
                .toList());
    assertThat(get("/api/customers/" + k + "/history?size=3&page=1000").path("items").size())
        .isZero();

    // search: by number digits, by a part of the name, by tag, paged
    String tag = "pg" + waId.substring(waId.length() - 6);
    post("/api/customers/" + k + "/tags", "{\"tag\":\"" + tag + "\"}");
    JsonNode byNumber = get("/api/customers?q=" + waId.substring(3));
    assertThat(list(byNumber.path("items")))
        .extracting(i -> i.path("customerKey").asText())
        .contains(k);
    JsonNode byName =
        get(
            "/api/customers?q="
                + java.net.URLEncoder.encode(
                    "عميل " + waId.substring(waId.length() - 3),
                    java.nio.charset.StandardCharsets.UTF_8)
                + "&size=200");
    assertThat(list(byName.path("items")))
        .extracting(i -> i.path("customerKey").asText())
        .contains(k);
    JsonNode byTag = get("/api/customers?tag=" + tag);
    assertThat(byTag.path("total").asLong()).isEqualTo(1);
    assertThat(byTag.path("items").path(0).path("customerKey").asText()).isEqualTo(k);
    JsonNode small = get("/api/customers?size=1&page=0");
    assertThat(small.path("items").size()).isEqualTo(1);
    assertThat(small.path("total").asLong()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void unknownCustomersAndBadTagsAreProblems() throws Exception {
    try (Response r =
        call(new Request.Builder().url(url("/api/customers/" + key(newCustomer()))).get())) {
      assertThat(r.code()).isEqualTo(404);
      assertThat(r.header("Content-Type")).contains("application/problem+json");
      assertThat(JSON.readTree(r.body().string()).path("type").asText())
          .endsWith("customer-not-found");
    }
    String k = key(newCustomer());
    memory.recordBooking(k, "b-x", "x", Instant.now());
    try (Response r =
        call(
            new Request.Builder()
                .url(url("/api/customers/" + k + "/tags"))
                .post(
                    RequestBody.create(
                        "{\"tag\":\"no spaces; or semicolons\"}",
                        MediaType.get("application/json"))))) {
      assertThat(r.code()).isEqualTo(400);
      assertThat(r.header("Content-Type")).contains("application/problem+json");
    }
    try (Response r = call(new Request.Builder().url(url("/api/customers/not-a-key")).get())) {
      assertThat(r.code()).isEqualTo(400);
    }
  }

  private List<String> tagNames(String key) {
    return memory.find(key).orElseThrow().tagNames();
  }

  private long count(String sql, String key) {
    return jdbc.sql(sql).param(key).query(Long.class).single();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** /api/** needs an API key: the bootstrap key, which has every scope. */
  static final String API_KEY = "crm-test-bootstrap-key-0123456789abcdefghij";

  private static Response call(Request.Builder request) throws IOException {
    return HTTP.newCall(request.header("Authorization", "Bearer " + API_KEY).build()).execute();
  }

  private JsonNode get(String path) throws IOException {
    return expectOk(new Request.Builder().url(url(path)).get());
  }

  private JsonNode post(String path, String json) throws IOException {
    return expectOk(
        new Request.Builder()
            .url(url(path))
            .post(RequestBody.create(json, MediaType.get("application/json"))));
  }

  private JsonNode patch(String path, String json) throws IOException {
    return expectOk(
        new Request.Builder()
            .url(url(path))
            .patch(RequestBody.create(json, MediaType.get("application/json"))));
  }

  private JsonNode delete(String path) throws IOException {
    return expectOk(new Request.Builder().url(url(path)).delete());
  }

  private static JsonNode expectOk(Request.Builder request) throws IOException {
    try (Response r = call(request)) {
      String body = r.body().string();
      assertThat(r.code()).as(body).isEqualTo(200);
      return JSON.readTree(body);
    }
  }

  private static List<JsonNode> list(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }
}
