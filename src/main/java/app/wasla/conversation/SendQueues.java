package app.wasla.conversation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
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
 * Runs each conversation's work (its sends, its read receipts) one piece at a time in the order
 * given, and different conversations' work side by side, on up to {@code threads} threads. A send
 * waits for Meta's answer on its thread (100 to 500 ms in production), so the number of threads is
 * the number of sends in flight: with a fixed lane per conversation hash, as before, a node could
 * send at most lanes / latency messages per second, and a conversation in a rate-limit backoff held
 * up every other conversation of its lane (docs/benchmark.md).
 */
final class SendQueues {

  private static final Logger log = LoggerFactory.getLogger(SendQueues.class);

  private final ThreadPoolExecutor pool;

  /** Per conversation with work queued or running: what is still to run after the running piece. */
  private final Map<String, Queue<Runnable>> waiting = new ConcurrentHashMap<>();

  /** Work that was queued but never started because the node stops ({@link #stop}). */
  private final List<Runnable> notStarted = new ArrayList<>();

  private volatile boolean stopping;

  SendQueues(int threads, ThreadFactory threadFactory) {
    this.pool =
        new ThreadPoolExecutor(
            threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threadFactory);
    // idle threads end after a minute: a quiet node keeps none of them
    this.pool.allowCoreThreadTimeOut(true);
  }

  /**
   * Queues the work behind the conversation's earlier work, if any, or starts it on a free thread.
   *
   * @throws RejectedExecutionException when shutting down and the conversation has nothing running
   *     to queue behind
   */
  void execute(String conversationKey, Runnable work) {
    if (stopping) {
      throw new RejectedExecutionException("stopping");
    }
    boolean[] first = {false};
    waiting.compute(
        conversationKey,
        (key, queue) -> {
          if (queue == null) {
            first[0] = true;
            return new ArrayDeque<>();
          }
          queue.add(work);
          return queue;
        });
    if (first[0]) {
      try {
        pool.execute(new Lane(conversationKey, work));
      } catch (RejectedExecutionException stopping) {
        // pieces another thread queued behind this one in the meantime will not run either: their
        // rows stay QUEUED
        // for the outbox sweep of the next start, as this one's does
        Queue<Runnable> behind = waiting.remove(conversationKey);
        if (behind != null && !behind.isEmpty()) {
          log.info(
              "Stopping: {} more outbound piece(s) of a conversation left to the sweep",
              behind.size());
        }
        throw stopping;
      }
    }
  }

  /**
   * A conversation's first piece of work, as the pool queues it: the rest follow on the same
   * thread.
   */
  private final class Lane implements Runnable {

    private final String conversationKey;
    private final Runnable first;

    Lane(String conversationKey, Runnable first) {
      this.conversationKey = conversationKey;
      this.first = first;
    }

    @Override
    public void run() {
      runThenNext(conversationKey, first);
    }
  }

  /**
   * Runs the work, then the conversation's next queued piece on the same thread, until none is
   * left.
   */
  private void runThenNext(String conversationKey, Runnable work) {
    Runnable next = work;
    while (next != null) {
      if (stopping) {
        // what has not started stays with its row (QUEUED) for the next start: no send begins
        // during the stop
        Queue<Runnable> rest = waiting.remove(conversationKey);
        synchronized (notStarted) {
          notStarted.add(next);
          if (rest != null) {
            notStarted.addAll(rest);
          }
        }
        return;
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        // one piece's failure must not strand the conversation's later ones
        log.warn("Outbound work of a conversation failed; its next work goes on", e);
      }
      Runnable[] following = {null};
      waiting.computeIfPresent(
          conversationKey,
          (key, queue) -> {
            following[0] = queue.poll();
            return following[0] == null ? null : queue;
          });
      next = following[0];
    }
  }

  /**
   * Stops: the work running now goes to its end (a send in flight gets Meta's answer and its SENT
   * mark), nothing queued starts, and new work is refused. Waits up to {@code timeout} for the
   * running work.
   *
   * @return the work that was queued and will not run
   */
  List<Runnable> stop(long timeout, TimeUnit unit) throws InterruptedException {
    stopping = true;
    List<Runnable> queued = new ArrayList<>();
    pool.getQueue().drainTo(queued);
    pool.shutdown();
    if (!pool.awaitTermination(timeout, unit)) {
      log.warn(
          "Stopping: {} send(s) still waiting for Meta at the end of the shutdown timeout ({} ms); a restart "
              + "may send them again",
          pool.getActiveCount(),
          unit.toMillis(timeout));
    }
    List<Runnable> left = new ArrayList<>();
    for (Runnable lane : queued) {
      Lane l = (Lane) lane;
      Queue<Runnable> rest = waiting.remove(l.conversationKey);
      left.add(l.first);
      if (rest != null) {
        left.addAll(rest);
      }
    }
    synchronized (notStarted) {
      left.addAll(notStarted);
    }
    return left;
  }
}
