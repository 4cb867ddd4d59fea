package app.wasla.crm;

import app.wasla.system.TransactionMaps;
import java.util.Map;
import java.util.Optional;

/**
 * The profiles that a delivery's contact-time update returned, kept until the end of that
 * transaction: the persona, which answers the turn right after in the same transaction, reads its
 * customer from here instead of the database. Taken once; any other CRM change of the customer in
 * the transaction drops it, so what is handed out is never older than the database row as this
 * transaction sees it.
 */
final class DeliveredProfiles {

  private static final Object RESOURCE = new Object();

  private DeliveredProfiles() {}

  /** Keeps the profile for this transaction; nothing outside a transaction. */
  static void remember(String customerKey, CustomerProfile profile) {
    Map<String, CustomerProfile> profiles = TransactionMaps.of(RESOURCE);
    if (profiles != null) {
      profiles.put(customerKey, profile);
    }
  }

  /** The profile kept for this customer in this transaction, removed as it is handed out. */
  static Optional<CustomerProfile> take(String customerKey) {
    Map<String, CustomerProfile> profiles = TransactionMaps.existing(RESOURCE);
    return profiles == null ? Optional.empty() : Optional.ofNullable(profiles.remove(customerKey));
  }

  /** Drops the kept profile: the customer is about to change. */
  static void forget(String customerKey) {
    Map<String, CustomerProfile> profiles = TransactionMaps.existing(RESOURCE);
    if (profiles != null) {
      profiles.remove(customerKey);
    }
  }
}
