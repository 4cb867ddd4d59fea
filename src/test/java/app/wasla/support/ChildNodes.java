package app.wasla.support;

/**
 * The test classes that run the application in child JVMs ({@link WaslaProcess}) hold this lock:
 * they run beside the rest of the suite (src/test/resources/junit-platform.properties) but never
 * two at once, which would load the machine's cores with several application start-ups and share
 * {@link NodeLogsOnFailure}'s record of the started nodes.
 */
public final class ChildNodes {

  /** The {@code @ResourceLock} name. */
  public static final String LOCK = "wasla-child-nodes";

  private ChildNodes() {}
}
