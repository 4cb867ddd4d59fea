package app.wasla.system;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Small helpers for work that must wait for a commit, and for the background threads that do it.
 */
public final class AfterCommit {

  private static final Logger log = LoggerFactory.getLogger(AfterCommit.class);

  private AfterCommit() {}

  /**
   * Runs the action once the current transaction has committed (at once when there is none). A
   * failure is logged, never thrown: the transaction is committed already, and every such action
   * has a safety net.
   */
  public static void run(Runnable action) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              runLogged(action);
            }
          });
    } else {
      runLogged(action);
    }
  }

  private static void runLogged(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      log.warn("An after-commit action failed (its safety net will catch up): {}", e.toString());
    }
  }

  /** Daemon threads named {@code prefix1}, {@code prefix2}, ... */
  public static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
