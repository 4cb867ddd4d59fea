package app.wasla.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Makes the engine of the test's own application context the one Camunda's REST API and webapps find by name.
 *
 * <p>They look the engine up in {@link ProcessEngines} by its name ("default"), a JVM-wide registry, while the suite
 * keeps many application contexts alive, each with an engine of that name. When Spring's context cache closes an old
 * context, its engine unregisters the name, also when a newer context had registered it since: the REST API of a
 * live context then finds no engine (404) or another context's. Registering the test's own engine before each test
 * keeps every test on its own engine, whatever the cache did before.
 */
public class CurrentProcessEngine extends AbstractTestExecutionListener {

  @Override
  public void beforeTestMethod(TestContext testContext) {
    if (testContext.hasApplicationContext()) {
      ProcessEngine engine = testContext.getApplicationContext().getBeanProvider(ProcessEngine.class).getIfAvailable();
      if (engine != null) {
        ProcessEngines.registerProcessEngine(engine);
      }
    }
  }

  @Override
  public int getOrder() {
    return LOWEST_PRECEDENCE;
  }
}
