package app.wasla.system;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Writes that many threads make at about the same time, written together: one statement batch and
 * one commit for all of them instead of one each (a group commit). A thread that finds no write in
 * progress writes every item waiting at that moment, its own among them, while the others wait;
 * when it is done, each waiting thread either finds its item written or writes the next group.
 * Every caller returns once its own item is committed, with its own result, so what it does next
 * may rely on it. Under no load a group is one item and costs what writing it alone costs; under
 * load the threads that would each have waited for their own commit share one.
 *
 * <p>No thread of its own: the writer is always a caller, and writes one group only (its own item
 * is in it), so no caller is held up by more than the group in progress and its own.
 *
 * @param <T> what a caller wants written
 * @param <R> what each caller learns of its own item (for example, whether it changed a row)
 */
public final class GroupCommit<T, R> {

  private final Function<List<T>, List<R>> writeAll;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition written = lock.newCondition();
  private final List<Pending<T, R>> waiting = new ArrayList<>();
  private boolean writing;

  /**
   * @param writeAll writes a group of items in one transaction and returns each item's result, in
   *     their order; when it throws, every caller of the group gets the exception (nothing of the
   *     group was committed)
   */
  public GroupCommit(Function<List<T>, List<R>> writeAll) {
    this.writeAll = writeAll;
  }

  /**
   * Writes the item, together with the items of other threads waiting at the same time, and returns
   * its result.
   */
  public R write(T item) {
    Pending<T, R> mine = new Pending<>(item);
    List<Pending<T, R>> group;
    lock.lock();
    try {
      waiting.add(mine);
      while (writing && !mine.done) {
        written.awaitUninterruptibly();
      }
      if (mine.done) {
        return mine.result();
      }
      writing = true;
      group = List.copyOf(waiting);
      waiting.clear();
    } finally {
      lock.unlock();
    }
    List<R> results = null;
    RuntimeException failure = null;
    try {
      results = writeAll.apply(group.stream().map(Pending::item).toList());
      if (results.size() != group.size()) {
        throw new IllegalStateException(
            "Wrote " + group.size() + " items but got " + results.size() + " results");
      }
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      lock.lock();
      try {
        for (int i = 0; i < group.size(); i++) {
          Pending<T, R> each = group.get(i);
          each.value = failure == null && results != null ? results.get(i) : null;
          each.failure =
              failure == null && results == null
                  ? new IllegalStateException("Write failed")
                  : failure;
          each.done = true;
        }
        writing = false;
        written.signalAll();
      } finally {
        lock.unlock();
      }
    }
    return mine.result();
  }

  /** One caller's item; its fields after the item are guarded by the lock. */
  private static final class Pending<T, R> {

    private final T item;
    private boolean done;
    private R value;
    private RuntimeException failure;

    Pending(T item) {
      this.item = item;
    }

    T item() {
      return item;
    }

    R result() {
      if (failure != null) {
        throw failure;
      }
      return value;
    }
  }
}
