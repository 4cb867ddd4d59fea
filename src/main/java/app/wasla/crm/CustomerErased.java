package app.wasla.crm;

import app.wasla.conversation.ConversationKey;

import java.time.Instant;

/**
 * Published (a Spring application event) inside the erasing transaction, so that every module that holds
 * personal data of the customer removes it in the same transaction, or makes the erasure fail.
 */
public record CustomerErased(String customerKey, Instant at) {

  @Override
  public String toString() {
    return "CustomerErased[" + ConversationKey.mask(customerKey) + " at " + at + "]";
  }
}
