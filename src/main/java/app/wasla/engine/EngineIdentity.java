package app.wasla.engine;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * The engine's current authentication, which Camunda's public {@link IdentityService} hands out as
 * an internal type ({@code Authentication}). Relies on {@code
 * IdentityService.getCurrentAuthentication()} and {@code setAuthentication(Authentication)};
 * EngineIdentityTest fails when they change. No gain to measure.
 */
public final class EngineIdentity {

  private EngineIdentity() {}

  /** The id of the user the engine acts for on this thread, or null for the system. */
  public static String currentUserId(IdentityService identity) {
    Authentication authentication = identity.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  /**
   * Runs the work as the system (no authenticated user), then restores the caller's authentication.
   */
  public static <T> T asSystem(IdentityService identity, Supplier<T> work) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }
}
