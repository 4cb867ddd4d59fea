package app.wasla.conversation;

import java.time.Instant;

/**
 * What the webhook or the REST API hands to the mailbox for storage. {@code stale}: too old to be
 * answered; {@code answered}: answered outside the flow (a consent keyword); either way stored and
 * never delivered.
 */
public record NewInboxEntry(
    String wamid,
    ConversationKey key,
    String messageName,
    String messageType,
    String text,
    String replyId,
    String contextWamid,
    String mediaId,
    String mimeType,
    String profileName,
    String rawJson,
    String variablesJson,
    Instant waTimestamp,
    Instant receivedAt,
    boolean stale,
    boolean answered) {

  public NewInboxEntry(
      String wamid,
      ConversationKey key,
      String messageName,
      String messageType,
      String text,
      String replyId,
      String contextWamid,
      String mediaId,
      String mimeType,
      String profileName,
      String rawJson,
      String variablesJson,
      Instant waTimestamp,
      Instant receivedAt,
      boolean stale) {
    this(
        wamid,
        key,
        messageName,
        messageType,
        text,
        replyId,
        contextWamid,
        mediaId,
        mimeType,
        profileName,
        rawJson,
        variablesJson,
        waTimestamp,
        receivedAt,
        stale,
        false);
  }
}
