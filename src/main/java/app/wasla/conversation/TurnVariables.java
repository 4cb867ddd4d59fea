package app.wasla.conversation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The process variables a turn hands to its flow ({@link ConversationVariables}). */
final class TurnVariables {

  /** The turn's text is cut here: a process variable stays small. */
  private static final int TURN_TEXT_LIMIT = 3900;

  private TurnVariables() {}

  /**
   * Every turn's: its number, its messages' texts one per line, the reply id and wamid of its last
   * message.
   */
  static Map<String, Object> of(List<InboxEntry> turn, long seq) {
    StringBuilder text = new StringBuilder();
    for (InboxEntry entry : turn) {
      if (entry.text() != null && !entry.text().isBlank()) {
        if (!text.isEmpty()) {
          text.append('\n');
        }
        text.append(entry.text());
      }
    }
    InboxEntry last = turn.get(turn.size() - 1);
    Map<String, Object> variables = new HashMap<>();
    variables.put(ConversationVariables.TURN_SEQ, seq);
    variables.put(
        ConversationVariables.TURN_TEXT, Inbox.truncate(text.toString(), TURN_TEXT_LIMIT));
    variables.put(ConversationVariables.REPLY_ID, last.replyId());
    variables.put(ConversationVariables.LAST_WAMID, last.wamid());
    return variables;
  }

  /**
   * A new conversation's too: its key, the customer's number and the latest profile name the turn
   * carries.
   */
  static Map<String, Object> ofStart(ConversationKey key, List<InboxEntry> turn) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(ConversationVariables.CONVERSATION_KEY, key.value());
    variables.put(ConversationVariables.CUSTOMER_KEY, key.value());
    variables.put(ConversationVariables.PHONE_NUMBER_ID, key.phoneNumberId());
    variables.put(ConversationVariables.WA_ID, key.waId());
    String name =
        turn.stream()
            .map(InboxEntry::profileName)
            .filter(n -> n != null && !n.isBlank())
            .reduce((a, b) -> b)
            .orElse(null);
    variables.put(ConversationVariables.CUSTOMER_NAME, name);
    // when the customer's first message arrived: wasla_first_response_seconds{responder="bot"}
    variables.put(ConversationVariables.STARTED_AT, turn.get(0).receivedAt().toEpochMilli());
    return variables;
  }
}
