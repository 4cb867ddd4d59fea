package app.wasla.conversation;

import java.time.Instant;

/**
 * One accepted inbound item waiting in (or delivered from) the mailbox: a customer's WhatsApp
 * message ({@code CustomerMessage}) or a named event from an external system.
 */
public record InboxEntry(
    long id,
    String wamid,
    String conversationKey,
    String messageName,
    String messageType,
    String text,
    String replyId,
    String profileName,
    String variablesJson,
    Instant waTimestamp,
    Instant receivedAt) {

  public boolean isCustomerMessage() {
    return Mailbox.CUSTOMER_MESSAGE.equals(messageName);
  }
}
