package app.wasla.webhook;

import java.util.Optional;

/**
 * Where an event's envelope gets the customer's name: the package that owns the conversations
 * implements it (the webhook package reads no other package's tables). Without an implementation
 * the envelope has no name.
 */
public interface CustomerNames {

  /**
   * The name the conversation knows its customer by, in the caller's transaction; empty when none.
   */
  Optional<String> nameOf(String conversationKey);
}
