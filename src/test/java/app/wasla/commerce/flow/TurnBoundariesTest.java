package app.wasla.commerce.flow;

import app.wasla.support.FlowTest;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The embedded persona, the demo store and the sandbox gateway: nothing in a turn calls out, so no
 * flow has a job the business does not need, and a turn is one transaction.
 */
@FlowTest
class TurnBoundariesTest extends TurnBoundariesCase {

  @Override
  Map<String, Set<String>> configured() {
    return Map.of();
  }

  @Test
  void nothingCallsOutSoNoStepWaitsForAJob() {
    assertJobsAsConfigured();
  }
}
