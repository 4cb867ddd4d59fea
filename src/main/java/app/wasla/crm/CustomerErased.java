package app.wasla.crm;

import app.wasla.conversation.ConversationKey;
import java.time.Instant;

/**
 * Published (a Spring application event) inside the erasing transaction, so that a package that
 * depends on the CRM and holds personal data of the customer (the persona's corrections) removes it
 * in the same transaction, or makes the erasure fail. Packages below the CRM implement {@code
 * system/CustomerDataOwner} instead.
 */
public record CustomerErased(String customerKey, Instant at) {

  @Override
  public String toString() {
    return "CustomerErased[" + ConversationKey.mask(customerKey) + " at " + at + "]";
  }
}
