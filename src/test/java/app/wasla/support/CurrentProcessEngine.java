package app.wasla.support;

import org.camunda.bpm.BpmPlatform;
import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.impl.DefaultAdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate;
import org.camunda.bpm.container.RuntimeContainerDelegate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.impl.DefaultTasklistRuntimeDelegate;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.impl.DefaultWelcomeRuntimeDelegate;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Makes the engine of the test's own application context the one Camunda's REST API and webapps
 * find by name.
 *
 * <p>They look the engine up by its name ("default") in JVM-wide registries ({@link ProcessEngines}
 * for the REST API, the runtime container's process engine service for the webapps), while the
 * suite keeps many application contexts alive, each with an engine of that name. When Spring's
 * context cache closes an old context, its engine unregisters the name, also when a newer context
 * had registered it since: the REST API of a live context then finds no engine (404) or another
 * context's. Registering the test's own engine before each test keeps every test on its own engine,
 * whatever the cache did before.
 *
 * <p>The webapps (Cockpit, Admin, Tasklist, Welcome) keep their runtime delegates in static fields
 * that a closing context sets to null, also when a newer context had set them since: Cockpit's
 * pages then answer 500. The delegates find the engine by name, so fresh ones serve the live
 * context.
 */
public class CurrentProcessEngine extends AbstractTestExecutionListener {

  @Override
  public void beforeTestMethod(TestContext testContext) {
    if (testContext.hasApplicationContext()) {
      ProcessEngine engine =
          testContext.getApplicationContext().getBeanProvider(ProcessEngine.class).getIfAvailable();
      if (engine != null) {
        ProcessEngines.registerProcessEngine(engine);
        ProcessEngine registered =
            BpmPlatform.getProcessEngineService().getProcessEngine(engine.getName());
        if (registered != engine) {
          RuntimeContainerDelegate container = RuntimeContainerDelegate.INSTANCE.get();
          if (registered != null) {
            container.unregisterProcessEngine(
                registered); // only forgets it: the other context's engine stays open
          }
          container.registerProcessEngine(engine);
        }
        restoreWebappDelegates();
      }
    }
  }

  private static void restoreWebappDelegates() {
    if (Cockpit.getRuntimeDelegate() == null) {
      Cockpit.setCockpitRuntimeDelegate(new DefaultCockpitRuntimeDelegate());
    }
    if (Admin.getRuntimeDelegate() == null) {
      Admin.setAdminRuntimeDelegate(new DefaultAdminRuntimeDelegate());
    }
    if (Tasklist.getRuntimeDelegate() == null) {
      Tasklist.setTasklistRuntimeDelegate(new DefaultTasklistRuntimeDelegate());
    }
    if (Welcome.getRuntimeDelegate() == null) {
      Welcome.setRuntimeDelegate(new DefaultWelcomeRuntimeDelegate());
    }
  }

  @Override
  public int getOrder() {
    return LOWEST_PRECEDENCE;
  }
}
