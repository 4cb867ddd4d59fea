package app.wasla.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The turn window (wasla.mailbox.turn-window): a burst of messages becomes one turn, handed over
 * once the window after the newest has passed, and while it is open the webhooks' pokes cost no
 * delivery attempt (no transaction, no lock). The safety-net sweep is set out of the way, so every
 * delivery here comes from the webhooks' own timers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MailboxTurnWindowTest {

  static final WhatsAppMock META = new WhatsAppMock();
  static final Duration WINDOW = Duration.ofMillis(400);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    META.registerCloudMode(registry);
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:turn-window;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    registry.add("wasla.mailbox.turn-window", () -> WINDOW.toMillis() + "ms");
    registry.add("wasla.mailbox.sweep-interval", () -> "1h");
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;
  Webhooks webhooks;

  @BeforeEach
  void connect() {
    webhooks = new Webhooks(port);
  }

  @Test
  void aBurstIsOneTurnAnsweredAfterTheWindowAndNoAttemptIsMadeWhileTheWindowIsOpen()
      throws Exception {
    String waId = "2010" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
    double waitingBefore = attempts("waiting_for_window");
    double deliveredBefore = attempts("delivered");

    Instant lastPosted = null;
    Instant typed = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(10);
    String[] burst = {"السلام عليكم", "مواعيد العمل ايه؟", "التوصيل بكام؟"};
    for (int i = 0; i < burst.length; i++) {
      if (i > 0) {
        // the customer types the next message inside the window: time passing is the point
        Thread.sleep(100);
      }
      lastPosted = Instant.now();
      assertThat(
              webhooks.post(
                  Webhooks.text(
                      waId, "wamid.burst" + i + "." + waId, burst[i], typed.plusSeconds(i))))
          .isEqualTo(200);
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> META.sentTo(waId).size() >= 1);
    // every message of the burst handed to the flow and every reply sent: a wrong second turn would
    // have been by now
    String conversation = Webhooks.PHONE_NUMBER_ID + ":" + waId;
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql(
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
    List<WhatsAppMock.Sent> replies = META.sentTo(waId);
    assertThat(replies).hasSize(1);
    // the window runs from the newest message's arrival, which came after its post began
    assertThat(replies.get(0).at()).isAfterOrEqualTo(lastPosted.plus(WINDOW));
    List<Long> turns =
        jdbc.sql(
                "SELECT turn_seq FROM inbox_message WHERE conversation_key = ? AND status = 'DELIVERED'")
            .param(Webhooks.PHONE_NUMBER_ID + ":" + waId)
            .query(Long.class)
            .list();
    assertThat(turns).hasSize(3).containsOnly(1L);
    assertThat(attempts("delivered") - deliveredBefore).isEqualTo(1);
    // the CRM took the turn as a whole: contact times from its oldest to its newest message
    assertThat(
            jdbc.sql(
                    "SELECT first_contact_at, last_contact_at FROM customer WHERE customer_key = ?")
                .param(Webhooks.PHONE_NUMBER_ID + ":" + waId)
                .query(
                    (rs, n) ->
                        List.of(
                            rs.getObject(1, OffsetDateTime.class).toInstant(),
                            rs.getObject(2, OffsetDateTime.class).toInstant()))
                .single())
        .containsExactly(typed, typed.plusSeconds(2));
    assertThat(attempts("waiting_for_window") - waitingBefore).isZero();
  }

  private double attempts(String outcome) {
    return meters.get("wasla.mailbox.deliveries").tag("outcome", outcome).counter().count();
  }
}
