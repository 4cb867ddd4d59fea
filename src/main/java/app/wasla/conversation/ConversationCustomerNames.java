package app.wasla.conversation;

import app.wasla.webhook.CustomerNames;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customer's WhatsApp profile name as the conversation's mailbox row holds it, for webhook
 * envelopes.
 */
@Component
class ConversationCustomerNames implements CustomerNames {

  private final JdbcClient jdbc;

  ConversationCustomerNames(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<String> nameOf(String conversationKey) {
    return jdbc.sql("SELECT customer_name FROM conversation WHERE conversation_key = ?")
        .param(conversationKey)
        .query(String.class)
        .optional();
  }
}
