package app.wasla.conversation;

import java.time.Instant;

/** What the webhook or the REST API hands to the mailbox for storage. */
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
    boolean stale) {
}
