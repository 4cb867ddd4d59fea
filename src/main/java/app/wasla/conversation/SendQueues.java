package app.wasla.conversation;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each conversation's work (its sends, its read receipts) one piece at a time in the order given, and
 * different conversations' work side by side, on up to {@code threads} threads. A send waits for Meta's answer on
 * its thread (100 to 500 ms in production), so the number of threads is the number of sends in flight: with a fixed
 * lane per conversation hash, as before, a node could send at most lanes / latency messages per second, and a
 * conversation in a rate-limit backoff held up every other conversation of its lane (docs/benchmark.md, tuning 38).
 */
final class SendQueues {

  private static final Logger log = LoggerFactory.getLogger(SendQueues.class);

  private final ThreadPoolExecutor pool;
  /** Per conversation with work queued or running: what is still to run after the running piece. */
  private final Map<String, Queue<Runnable>> waiting = new ConcurrentHashMap<>();

  SendQueues(int threads, ThreadFactory threadFactory) {
    this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        threadFactory);
    // idle threads end after a minute: a quiet node keeps none of them
    this.pool.allowCoreThreadTimeOut(true);
  }

  /**
   * Queues the work behind the conversation's earlier work, if any, or starts it on a free thread.
   *
   * @throws RejectedExecutionException when shutting down and the conversation has nothing running to queue behind
   */
  void execute(String conversationKey, Runnable work) {
    boolean[] first = {false};
    waiting.compute(conversationKey, (key, queue) -> {
      if (queue == null) {
        first[0] = true;
        return new ArrayDeque<>();
      }
      queue.add(work);
      return queue;
    });
    if (first[0]) {
      try {
        pool.execute(() -> runThenNext(conversationKey, work));
      } catch (RejectedExecutionException stopping) {
        // pieces another thread queued behind this one in the meantime will not run either: their rows stay QUEUED
        // for the outbox sweep of the next start, as this one's does
        Queue<Runnable> behind = waiting.remove(conversationKey);
        if (behind != null && !behind.isEmpty()) {
          log.info("Stopping: {} more outbound piece(s) of a conversation left to the sweep", behind.size());
        }
        throw stopping;
      }
    }
  }

  /** Runs the work, then the conversation's next queued piece on the same thread, until none is left. */
  private void runThenNext(String conversationKey, Runnable work) {
    Runnable next = work;
    while (next != null) {
      try {
        next.run();
      } catch (RuntimeException e) {
        // one piece's failure must not strand the conversation's later ones
        log.warn("Outbound work of a conversation failed; its next work goes on", e);
      }
      Runnable[] following = {null};
      waiting.computeIfPresent(conversationKey, (key, queue) -> {
        following[0] = queue.poll();
        return following[0] == null ? null : queue;
      });
      next = following[0];
    }
  }

  /** Lets what is queued run to its end; nothing new starts. */
  void shutdown() {
    pool.shutdown();
  }

  boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return pool.awaitTermination(timeout, unit);
  }
}
