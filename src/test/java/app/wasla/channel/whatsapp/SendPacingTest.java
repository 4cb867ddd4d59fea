package app.wasla.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.support.WaslaNode;
import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Meta's limits, respected by a node with many conversations to serve: the business number's
 * throughput (wasla.whatsapp.messages-per-second) and the pair rate limit of one customer (131056),
 * which holds that customer's sends only.
 */
class SendPacingTest {

  @Test
  void manyConversationsNeverExceedTheNumbersThroughput() {
    WhatsAppMock meta = new WhatsAppMock();
    int perSecond = 5;
    try (ConfigurableApplicationContext node =
        WaslaNode.start(
            meta,
            Map.of(
                "spring.datasource.url",
                    "jdbc:h2:mem:send-pacing-rate;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
                "wasla.whatsapp.messages-per-second", String.valueOf(perSecond),
                "wasla.whatsapp.mark-read", "false"))) {
      Webhooks webhooks = new Webhooks(WaslaNode.port(node));
      List<String> customers = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        String waId = newCustomer();
        customers.add(waId);
        assertThat(
                webhooks.post(
                    Webhooks.text(waId, "wamid.p." + waId, "فيه شاحن سامسونج؟", Instant.now())))
            .isEqualTo(200);
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> customers.stream().allMatch(c -> !meta.sentTo(c).isEmpty()));

      // Meta's arrival times carry the machine's scheduling jitter (a stalled sender thread lets
      // two paced sends arrive together), so the pace is judged over two-second windows and over
      // the whole run rather than per second: no two seconds held more than twice the rate (plus
      // the window's edges), and the run took at least as long as the rate allows
      List<Instant> at = meta.allSent().stream().map(WhatsAppMock.Sent::at).sorted().toList();
      int busiest = 0;
      for (int i = 0; i < at.size(); i++) {
        Instant end = at.get(i).plusSeconds(2);
        int inWindow = (int) at.stream().skip(i).filter(t -> t.isBefore(end)).count();
        busiest = Math.max(busiest, inWindow);
      }
      assertThat(at).hasSizeGreaterThanOrEqualTo(30);
      assertThat(busiest).isLessThanOrEqualTo(2 * perSecond + 2);
      long tookMillis = Duration.between(at.get(0), at.get(at.size() - 1)).toMillis();
      assertThat(tookMillis)
          .as("%d sends at %d a second", at.size(), perSecond)
          .isGreaterThanOrEqualTo((at.size() - 1 - perSecond) * 1000L / perSecond);
    }
  }

  @Test
  void aCustomersPairRateLimitDoesNotHoldUpTheOtherCustomers() {
    WhatsAppMock meta = new WhatsAppMock();
    String limited = newCustomer();
    List<String> others = List.of(newCustomer(), newCustomer(), newCustomer());
    // one sender thread: a sender that has more conversations to serve than threads
    try (ConfigurableApplicationContext node =
        WaslaNode.start(
            meta,
            Map.of(
                "spring.datasource.url",
                    "jdbc:h2:mem:send-pacing-pair;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
                "wasla.outbox.senders", "1",
                "wasla.outbox.backoff", "1s",
                "wasla.outbox.sweep-interval", "200ms",
                "wasla.whatsapp.mark-read", "false"))) {
      Webhooks webhooks = new Webhooks(WaslaNode.port(node));
      meta.failNextSends(limited, 1, WhatsAppMock.pairRateLimited());
      // while Meta answers the limited customer's send, the other customers write (and are stored)
      meta.beforeAccepting(
          limited,
          () ->
              others.forEach(
                  waId ->
                      assertThat(
                              webhooks.post(
                                  Webhooks.text(
                                      waId, "wamid.q." + waId, "فيه سماعة؟", Instant.now())))
                          .isEqualTo(200)));
      assertThat(
              webhooks.post(
                  Webhooks.text(
                      limited, "wamid.l." + limited, "بتفتحوا الساعة كام؟", Instant.now())))
          .isEqualTo(200);

      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  !meta.sentTo(limited).isEmpty()
                      && others.stream().allMatch(c -> !meta.sentTo(c).isEmpty()));
      // the others' replies did not wait for the limited customer's backoff
      List<String> arrivals = meta.arrivals();
      int limitedSent = arrivals.indexOf("send:" + limited);
      for (String waId : others) {
        assertThat(arrivals.indexOf("send:" + waId)).isLessThan(limitedSent);
      }
      assertThat(meta.sentTo(limited)).hasSize(1);
    }
  }

  private static String newCustomer() {
    return "2011" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
  }
}
