package app.wasla.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.handoff.LeastLoaded.Candidate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeastLoadedTest {

  static final Instant EARLY = Instant.parse("2026-11-25T08:00:00Z");
  static final Instant LATE = Instant.parse("2026-11-25T09:00:00Z");

  @Test
  void theAgentWithTheFewestOpenHandoffsGetsTheNext() {
    assertThat(
            LeastLoaded.choose(
                List.of(
                    new Candidate("sara", true, 2, EARLY), new Candidate("omar", true, 1, LATE)),
                5))
        .contains("omar");
  }

  @Test
  void onATieTheAgentIdleLongestGetsIt() {
    assertThat(
            LeastLoaded.choose(
                List.of(
                    new Candidate("sara", true, 1, LATE), new Candidate("omar", true, 1, EARLY)),
                5))
        .contains("omar");
    assertThat(
            LeastLoaded.choose(
                List.of(
                    new Candidate("sara", true, 1, null), new Candidate("omar", true, 1, EARLY)),
                5))
        .contains("sara");
  }

  @Test
  void awayAgentsAndAgentsAtTheirCapGetNothing() {
    assertThat(
            LeastLoaded.choose(
                List.of(
                    new Candidate("sara", false, 0, null), new Candidate("omar", true, 3, EARLY)),
                3))
        .isEmpty();
    assertThat(
            LeastLoaded.choose(
                List.of(
                    new Candidate("sara", false, 0, null), new Candidate("omar", true, 2, EARLY)),
                3))
        .contains("omar");
  }
}
