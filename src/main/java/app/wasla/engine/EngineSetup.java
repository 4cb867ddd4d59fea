package app.wasla.engine;

import org.camunda.bpm.engine.ProcessEngine;

/**
 * What a capability adds to the engine as it starts, in Camunda's public types only. A Spring bean
 * of this type is called at the three moments of Camunda's engine plugins ({@code
 * ProcessEnginePlugin}, an internal interface, which {@link EngineSetups} implements for all of
 * them): before the engine's configuration is initialized, after it, and once the engine is built
 * (before any job runs; the place to deploy, seed and check).
 */
public interface EngineSetup {

  /**
   * Before Camunda initializes its configuration: listeners, expressions and settings that it reads
   * then.
   */
  default void beforeInit(EngineSettings settings) {}

  /**
   * After Camunda and every plugin have initialized the configuration: checks on what they settled.
   */
  default void afterInit(EngineSettings settings) {}

  /** Once the engine is built. */
  default void afterBuild(ProcessEngine engine) {}
}
