package app.wasla.crm;

import app.wasla.conversation.ConversationKey;
import java.time.Instant;
import java.util.Set;

/**
 * Published (a Spring application event, {@code customer.tagged}) whenever a customer's tags
 * change, by a rule or by an agent. It is published inside the transaction that changed the tags:
 * listen with {@code @TransactionalEventListener} to see only committed changes.
 */
public record CustomerTagged(
    String customerKey, Set<String> added, Set<String> removed, Instant at) {

  public CustomerTagged {
    added = Set.copyOf(added);
    removed = Set.copyOf(removed);
  }

  @Override
  public String toString() {
    return "CustomerTagged["
        + ConversationKey.mask(customerKey)
        + " +"
        + added
        + " -"
        + removed
        + " at "
        + at
        + "]";
  }
}
