package app.wasla.conversation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which conversations a worker of this node holds, so that each is delivered by one worker at a
 * time and a poke that arrives meanwhile is not lost: absent = idle, {@code RUNNING} = a worker has
 * it, {@code RERUN} = run it again when that worker finishes. (Across nodes the conversation row's
 * lock does the same.)
 */
final class ConversationClaims {

  private enum State {
    RUNNING,
    RERUN
  }

  private final Map<String, State> states = new ConcurrentHashMap<>();

  /**
   * Claims an idle conversation, running {@code schedule} while the claim is taken (so no release
   * can slip in between); a held one is marked to run again instead.
   */
  void claimOrRerun(String key, Runnable schedule) {
    states.compute(
        key,
        (k, state) -> {
          if (state == null) {
            schedule.run();
            return State.RUNNING;
          }
          return State.RERUN;
        });
  }

  /**
   * The worker is done with the conversation. When a rerun was asked for and {@code mayRerun}, the
   * conversation stays claimed and {@code schedule} runs again; otherwise it is idle.
   */
  void release(String key, boolean mayRerun, Runnable schedule) {
    states.compute(
        key,
        (k, state) -> {
          if (state == State.RERUN && mayRerun) {
            schedule.run();
            return State.RUNNING;
          }
          return null;
        });
  }
}
