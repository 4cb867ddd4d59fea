package app.wasla.crm;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The profiles that a delivery's contact-time update returned, kept until the end of that transaction: the persona,
 * which answers the turn right after in the same transaction, reads its customer from here instead of the database.
 * Taken once; any other CRM change of the customer in the transaction drops it, so what is handed out is never older
 * than the database row as this transaction sees it.
 */
final class DeliveredProfiles {

  private static final Object RESOURCE = new Object();

  private DeliveredProfiles() {
  }

  /** Keeps the profile for this transaction; nothing outside a transaction. */
  static void remember(String customerKey, CustomerProfile profile) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return;
    }
    Map<String, CustomerProfile> profiles = profiles();
    if (profiles == null) {
      profiles = new HashMap<>();
      TransactionSynchronizationManager.bindResource(RESOURCE, profiles);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE);
        }
      });
    }
    profiles.put(customerKey, profile);
  }

  /** The profile kept for this customer in this transaction, removed as it is handed out. */
  static Optional<CustomerProfile> take(String customerKey) {
    Map<String, CustomerProfile> profiles = profiles();
    return profiles == null ? Optional.empty() : Optional.ofNullable(profiles.remove(customerKey));
  }

  /** Drops the kept profile: the customer is about to change. */
  static void forget(String customerKey) {
    Map<String, CustomerProfile> profiles = profiles();
    if (profiles != null) {
      profiles.remove(customerKey);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, CustomerProfile> profiles() {
    return (Map<String, CustomerProfile>) TransactionSynchronizationManager.getResource(RESOURCE);
  }
}
