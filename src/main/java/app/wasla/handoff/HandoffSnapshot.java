package app.wasla.handoff;

import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.Transcript;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What the agent's form shows beside the reply field: the recent transcript and the customer's
 * context, rendered as bounded text (task-local variables stay small; the full history lives in
 * Wasla's tables).
 */
@Component
public class HandoffSnapshot {

  /** Camunda stores strings up to 4,000 characters in a row; the snapshot stays under that. */
  static final int MAX_CHARS = 3900;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd MMM HH:mm").withZone(ZoneId.of("Africa/Cairo"));

  private final Transcript transcript;
  private final HandoffProperties props;

  HandoffSnapshot(Transcript transcript, HandoffProperties props) {
    this.transcript = transcript;
    this.props = props;
  }

  /**
   * The latest messages of the conversation, oldest first, one per line; cut from the top to fit.
   */
  public String transcript(String conversationKey) {
    List<Transcript.Line> lines = transcript.latest(conversationKey, props.transcriptLines());
    StringBuilder text = new StringBuilder();
    for (int i = lines.size() - 1; i >= 0; i--) {
      Transcript.Line line = lines.get(i);
      String body = line.text() == null ? "[" + line.type() + "]" : line.text().replace('\n', ' ');
      if (body.length() > 300) {
        body = body.substring(0, 300) + "…";
      }
      String entry =
          TIME.format(line.at())
              + ("in".equals(line.direction()) ? "  🧑 Customer: " : "  " + author(line) + ": ")
              + body
              + "\n";
      if (text.length() + entry.length() > MAX_CHARS) {
        break;
      }
      text.insert(0, entry);
    }
    return text.toString();
  }

  /** Who wrote one of ours: the person's first name, else the bot, a notification, ... */
  private static String author(Transcript.Line line) {
    return switch (line.author()) {
      case Transcript.Author.AGENT ->
          "👤 "
              + (line.authorName() == null ? "Agent" : line.authorName().strip().split(" ", 2)[0]);
      case Transcript.Author.NOTIFICATION -> "🔔 Notification";
      case Transcript.Author.CAMPAIGN -> "📣 Campaign";
      case Transcript.Author.API -> "🔌 API";
      default -> "🤖 Bot";
    };
  }

  /** Who the customer is and what the persona read in their last turn. */
  public String context(
      String conversationKey,
      String customerName,
      String language,
      String intent,
      String sentiment,
      Object sentimentScore,
      String handoffReason,
      String customerTags) {
    ConversationKey key = ConversationKey.parse(conversationKey);
    StringBuilder text = new StringBuilder();
    text.append("Customer: ")
        .append(customerName == null ? "(no name)" : customerName)
        .append('\n');
    text.append("WhatsApp: +").append(key.waId()).append('\n');
    if (customerTags != null && !customerTags.isBlank()) {
      text.append("Tags: ").append(customerTags).append('\n');
    }
    text.append("Language: ").append(language).append('\n');
    text.append("Intent: ").append(intent).append('\n');
    text.append("Sentiment: ")
        .append(sentiment)
        .append(sentimentScore == null ? "" : " (" + sentimentScore + ")")
        .append('\n');
    text.append("Why a person: ").append(handoffReason);
    return text.toString();
  }
}
