package app.wasla.system;

import java.util.HashMap;
import java.util.Map;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Maps that live as long as the current transaction: what one part of a transaction tells a later part of it. */
public final class TransactionMaps {

  private TransactionMaps() {
  }

  /**
   * The map bound to the current transaction under this key, created on first use and dropped when the transaction
   * ends; null outside a transaction (nothing is kept there).
   */
  public static <K, V> Map<K, V> of(Object key) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    Map<K, V> map = existing(key);
    if (map == null) {
      map = new HashMap<>();
      TransactionSynchronizationManager.bindResource(key, map);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(key);
        }
      });
    }
    return map;
  }

  /** The map bound to the current transaction under this key, if one was created; null otherwise. */
  @SuppressWarnings("unchecked")
  public static <K, V> Map<K, V> existing(Object key) {
    return (Map<K, V>) TransactionSynchronizationManager.getResource(key);
  }
}
