package app.wasla.conversation;

import org.springframework.stereotype.Component;

/** {@code ${conversationTimers.inactivity()}}: timer durations the flows read from configuration. */
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
