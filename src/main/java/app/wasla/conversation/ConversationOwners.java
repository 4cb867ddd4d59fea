package app.wasla.conversation;

import java.util.Optional;

/**
 * Whether a person answers a conversation now: the owner of its open handoff (the handoff
 * capability implements it). Senders from outside, such as the REST API, ask it so that a customer
 * does not hear two voices at once.
 */
public interface ConversationOwners {

  /** The Camunda user id of the person who owns the conversation's open handoff, if any. */
  Optional<String> personInCharge(ConversationKey key);
}
