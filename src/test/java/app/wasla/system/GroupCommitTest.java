package app.wasla.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  final ExecutorService callers = Executors.newFixedThreadPool(8);
  final List<List<Integer>> groups = new CopyOnWriteArrayList<>();
  final CountDownLatch firstWriteStarted = new CountDownLatch(1);
  final CountDownLatch firstWriteMayFinish = new CountDownLatch(1);

  @AfterEach
  void stop() {
    callers.shutdownNow();
  }

  @Test
  void aLoneItemIsWrittenAtOnceAsAGroupOfOne() {
    GroupCommit<Integer, Integer> commit = new GroupCommit<>(this::timesTen);

    assertThat(commit.write(7)).isEqualTo(70);
    assertThat(commit.write(8)).isEqualTo(80);
    assertThat(groups).containsExactly(List.of(7), List.of(8));
  }

  @Test
  void itemsThatArriveWhileAWriteIsInProgressAreWrittenTogetherNextAndEachCallerGetsItsOwnResult()
      throws Exception {
    GroupCommit<Integer, Integer> commit =
        new GroupCommit<>(
            items -> {
              if (groups.isEmpty()) {
                firstWriteStarted.countDown();
                awaitQuietly(firstWriteMayFinish);
              }
              return timesTen(items);
            });
    CompletableFuture<Integer> first =
        CompletableFuture.supplyAsync(() -> commit.write(1), callers);
    assertThat(firstWriteStarted.await(10, TimeUnit.SECONDS)).isTrue();

    List<CompletableFuture<Integer>> others =
        IntStream.rangeClosed(2, 6)
            .mapToObj(i -> CompletableFuture.supplyAsync(() -> commit.write(i), callers))
            .toList();
    await().atMost(Duration.ofSeconds(10)).until(() -> waitingCallers() == 5);
    firstWriteMayFinish.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(10);
    for (int i = 0; i < others.size(); i++) {
      assertThat(others.get(i).get(10, TimeUnit.SECONDS)).isEqualTo((i + 2) * 10);
    }
    assertThat(groups).hasSize(2);
    assertThat(groups.get(0)).containsExactly(1);
    assertThat(groups.get(1)).containsExactlyInAnyOrder(2, 3, 4, 5, 6);
  }

  @Test
  void aFailedWriteFailsEveryCallerOfItsGroupAndTheNextGroupIsWrittenAsUsual() {
    GroupCommit<Integer, Integer> commit =
        new GroupCommit<>(
            items -> {
              if (items.contains(13)) {
                throw new IllegalStateException("the database is gone");
              }
              return timesTen(items);
            });

    assertThatThrownBy(() -> commit.write(13)).hasMessage("the database is gone");
    assertThat(commit.write(14)).isEqualTo(140);
  }

  private List<Integer> timesTen(List<Integer> items) {
    groups.add(List.copyOf(items));
    return items.stream().map(i -> i * 10).toList();
  }

  /** Callers parked in GroupCommit.write, waiting for the write in progress. */
  private static long waitingCallers() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getState() == Thread.State.WAITING)
        .filter(
            t ->
                List.of(t.getStackTrace()).stream()
                    .anyMatch(f -> f.getClassName().equals(GroupCommit.class.getName())))
        .count();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
