package app.wasla.conversation;

import org.springframework.stereotype.Component;

/**
 * {@code ${conversationTimers.inactivity()}}: timer durations the flows read from configuration.
 * The current sales conversation closes a silent conversation through {@link SilentConversations}
 * instead; instances of its earlier versions (an inactivity timer on an event-based gateway) still
 * read this until they end.
 */
@Component
public class ConversationTimers {

  private final MailboxProperties props;

  ConversationTimers(MailboxProperties props) {
    this.props = props;
  }

  /** ISO-8601 duration after which a silent conversation closes. */
  public String inactivity() {
    return props.inactivityTimeout().toString();
  }
}
