package app.wasla.handoff;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Load-based routing: the available agent with the fewest open handoffs, under the per-agent cap;
 * on a tie, the one who has waited longest since their last handoff.
 */
final class LeastLoaded {

  /** One agent of the team as routing sees them. */
  record Candidate(String userId, boolean available, long openHandoffs, Instant lastAssignedAt) {}

  private static final Comparator<Candidate> ORDER =
      Comparator.comparingLong(Candidate::openHandoffs)
          .thenComparing(
              Candidate::lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Candidate::userId);

  private LeastLoaded() {}

  static Optional<String> choose(List<Candidate> team, int maxOpenPerAgent) {
    return team.stream()
        .filter(Candidate::available)
        .filter(c -> c.openHandoffs() < maxOpenPerAgent)
        .min(ORDER)
        .map(Candidate::userId);
  }
}
