package app.wasla.conversation;

import java.time.Instant;
import java.util.List;

/**
 * Told of each customer message. The CRM keeps profiles and consent keywords with it; the mailbox
 * does not depend on the CRM.
 */
public interface CustomerMessageListener {

  /**
   * Right after the webhook stored the message, before Meta gets its acknowledgement: must be quick
   * and must not wait on locks a running turn may hold. Once per message (a redelivered webhook is
   * not stored again).
   */
  default void stored(ConversationKey key, String text, Instant sentAt) {}

  /**
   * True when this listener answers the message itself, outside the flow (the CRM: a consent
   * keyword, STOP or START): the message is stored, shown in the transcript and never delivered to
   * the flow, so the persona does not answer it as well. Asked before the message is stored: must
   * not touch the database.
   */
  default boolean answers(String text) {
    return false;
  }

  /**
   * Answers a message {@link #answers} claimed, once it is stored (once per message; not for a
   * message too old to be answered). Its reply goes through the {@link Outbox}.
   */
  default void answer(ConversationKey key, String wamid, String text, Instant sentAt) {}

  /**
   * When the message is delivered to its flow, in the delivery's transaction (a crash before the
   * delivery commits tells it again with the redelivery), or when it is stored too old to be
   * answered.
   */
  void delivered(ConversationKey key, String profileName, String text, Instant sentAt);

  /**
   * A turn's messages were delivered to their flow, oldest first, in the delivery's transaction. By
   * default each message's {@link #delivered}; a listener that keeps one figure per customer may
   * take the turn at once (the CRM: one update of the contact times for a burst of messages instead
   * of one per message).
   */
  default void deliveredTurn(ConversationKey key, List<Message> turn) {
    for (Message m : turn) {
      delivered(key, m.profileName(), m.text(), m.sentAt());
    }
  }

  /** A delivered message as a listener sees it. */
  record Message(String profileName, String text, Instant sentAt) {}
}
