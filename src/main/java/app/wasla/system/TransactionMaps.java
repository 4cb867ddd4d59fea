package app.wasla.system;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Objects that live as long as the current transaction: what one part of a transaction tells a
 * later part of it, or writes it keeps for its commit.
 */
public final class TransactionMaps {

  private TransactionMaps() {}

  /**
   * The map bound to the current transaction under this key, created on first use and dropped when
   * the transaction ends; null outside a transaction (nothing is kept there).
   */
  public static <K, V> Map<K, V> of(Object key) {
    return bound(key, HashMap::new);
  }

  /**
   * The object bound to the current transaction under this key, created on first use and dropped
   * when the transaction ends; null outside a transaction. One that is a {@link
   * TransactionSynchronization} also takes part in the transaction's commit (writing what it kept,
   * say, in {@code beforeCommit}).
   */
  public static <T> T bound(Object key, Supplier<T> create) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    T bound = existing(key);
    if (bound == null) {
      bound = create.get();
      TransactionSynchronizationManager.bindResource(key, bound);
      if (bound instanceof TransactionSynchronization synchronization) {
        TransactionSynchronizationManager.registerSynchronization(synchronization);
      }
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(key);
            }
          });
    }
    return bound;
  }

  /**
   * The map or object bound to the current transaction under this key, if one was created; null
   * otherwise.
   */
  @SuppressWarnings("unchecked")
  public static <T> T existing(Object key) {
    return (T) TransactionSynchronizationManager.getResource(key);
  }
}
