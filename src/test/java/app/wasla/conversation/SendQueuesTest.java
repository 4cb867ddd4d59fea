package app.wasla.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SendQueuesTest {

  private final SendQueues queues = new SendQueues(4, Executors.defaultThreadFactory());

  @AfterEach
  void stop() throws InterruptedException {
    queues.stop(5, TimeUnit.SECONDS);
  }

  @Test
  void aConversationsWorkRunsInTheOrderGivenOneAtATimeAndGoesOnAfterAFailure() throws Exception {
    List<Integer> order = new CopyOnWriteArrayList<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(1);
    for (int i = 0; i < 200; i++) {
      int n = i;
      queues.execute(
          "conversation-a",
          () -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            order.add(n);
            running.decrementAndGet();
            if (n == 50) {
              throw new IllegalStateException("one send failed");
            }
          });
    }
    queues.execute("conversation-a", done::countDown);

    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(order).hasSize(200).isSorted();
    assertThat(mostAtOnce).hasValue(1);
  }

  @Test
  void differentConversationsRunSideBySide() throws Exception {
    CountDownLatch allStarted = new CountDownLatch(4);
    CountDownLatch finished = new CountDownLatch(4);
    for (String conversation : List.of("a", "b", "c", "d")) {
      queues.execute(
          conversation,
          () -> {
            allStarted.countDown();
            try {
              // each waits for the others: only possible when all four run at the same time
              if (allStarted.await(5, TimeUnit.SECONDS)) {
                finished.countDown();
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }

    assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aStopLetsTheRunningPieceFinishHandsBackWhatHasNotStartedAndRefusesNewWork()
      throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger ran = new AtomicInteger();
    queues.execute(
        "a",
        () -> {
          started.countDown();
          try {
            release.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ran.incrementAndGet();
        });
    Runnable behind = ran::incrementAndGet;
    queues.execute("a", behind);
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    Thread stopper =
        new Thread(
            () -> {
              try {
                handedBack.addAll(queues.stop(5, TimeUnit.SECONDS));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    stopper.start();
    // the stop waits for the running piece: new work is refused meanwhile
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> queues.execute("b", () -> {}))
                    .isInstanceOf(RejectedExecutionException.class));
    release.countDown();
    stopper.join(10_000);

    assertThat(ran).hasValue(1);
    assertThat(handedBack).containsExactly(behind);
  }

  private final List<Runnable> handedBack = new CopyOnWriteArrayList<>();
}
