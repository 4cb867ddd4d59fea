package app.wasla.conversation;

import java.time.Instant;

/**
 * Told of each customer message. The CRM keeps profiles and consent keywords with it; the mailbox does not
 * depend on the CRM.
 */
public interface CustomerMessageListener {

  /**
   * Right after the webhook stored the message, before Meta gets its acknowledgement: must be quick and must
   * not wait on locks a running turn may hold. Once per message (a redelivered webhook is not stored again).
   */
  default void stored(ConversationKey key, String text, Instant sentAt) {
  }

  /**
   * When the message is delivered to its flow, in the delivery's transaction (a crash before the delivery
   * commits tells it again with the redelivery), or when it is stored too old to be answered.
   */
  void delivered(ConversationKey key, String profileName, String text, Instant sentAt);
}
