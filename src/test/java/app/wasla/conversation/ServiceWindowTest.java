package app.wasla.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.support.FlowTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The 24-hour customer-service window: read from the conversation's row, or, in the transaction
 * that hands a turn over, from the turn itself; what that transaction remembers ends with it,
 * committed or rolled back.
 */
@FlowTest
class ServiceWindowTest {

  static final Duration WINDOW = Duration.ofHours(24);

  @Autowired Inbox inbox;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;

  private String conversationWithAMessage(Instant at) {
    String key =
        "100000000000001:2014" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    inbox.accept(
        new NewInboxEntry(
            "wamid.w." + key,
            ConversationKey.parse(key),
            Mailbox.CUSTOMER_MESSAGE,
            "text",
            "hi",
            null,
            null,
            null,
            null,
            "Mariam",
            null,
            null,
            at,
            at,
            false));
    return key;
  }

  private void windowOpenedLongAgo(String key) {
    jdbc.sql("UPDATE conversation SET last_inbound_at = ? WHERE conversation_key = ?")
        .params(Inbox.utc(Instant.now().minus(Duration.ofDays(2))), key)
        .update();
  }

  @Test
  void theTurnBeingHandedOverOpensTheWindowAndNothingOfItOutlivesItsTransaction() {
    String key = conversationWithAMessage(Instant.now());
    List<InboxEntry> turn = inbox.pending(key);

    Boolean openInside =
        transactions.execute(
            status -> {
              inbox.advanceConversation(turn, key, 1);
              windowOpenedLongAgo(key);
              // the row says two days ago, the turn in hand says now: the turn wins, without
              // reading the row
              return inbox.serviceWindowOpen(key, Instant.now(), WINDOW);
            });

    assertThat(openInside).isTrue();
    assertThat(inbox.serviceWindowOpen(key, Instant.now(), WINDOW)).isFalse();
  }

  @Test
  void aRolledBackHandOverLeavesNothingBehindEither() {
    String key = conversationWithAMessage(Instant.now());
    windowOpenedLongAgo(key);
    List<InboxEntry> turn = inbox.pending(key);

    transactions.executeWithoutResult(
        status -> {
          inbox.advanceConversation(turn, key, 1);
          status.setRollbackOnly();
        });

    assertThat(inbox.serviceWindowOpen(key, Instant.now(), WINDOW)).isFalse();
    Boolean inANewTransaction =
        transactions.execute(status -> inbox.serviceWindowOpen(key, Instant.now(), WINDOW));
    assertThat(inANewTransaction).isFalse();
  }

  @Test
  void outsideAHandOverTheRowDecides() {
    String key = conversationWithAMessage(Instant.now());
    transactions.executeWithoutResult(
        status -> inbox.advanceConversation(inbox.pending(key), key, 1));

    assertThat(inbox.serviceWindowOpen(key, Instant.now(), WINDOW)).isTrue();
    assertThat(inbox.serviceWindowOpen(key, Instant.now().plus(Duration.ofHours(25)), WINDOW))
        .isFalse();
  }
}
