package app.wasla.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Camunda's plugin hooks through {@link EngineSetups}, on a real engine: each moment is reached in
 * order, the listeners reach every kind of wait state and the process end, expressions see the
 * given beans through the guard, and Camunda's default password policy is there. Fails when a
 * Camunda upgrade stops calling a hook or parse method that the mailbox, the webhooks, the
 * expression sandbox or cloud mode rely on.
 */
class EngineSetupsTest {

  /** A bean that expressions may name. */
  public static final class Probe {
    final AtomicInteger touched = new AtomicInteger();

    public String touch() {
      touched.incrementAndGet();
      return "touched";
    }
  }

  @Test
  void everyHookIsCalledAndTheListenersReachEveryWaitStateAndTheEnd() {
    List<String> moments = new CopyOnWriteArrayList<>();
    List<String> waitStates = new CopyOnWriteArrayList<>();
    List<String> ended = new CopyOnWriteArrayList<>();
    AtomicInteger guarded = new AtomicInteger();
    Probe probe = new Probe();
    EngineSetup setup =
        new EngineSetup() {
          @Override
          public void beforeInit(EngineSettings settings) {
            moments.add("beforeInit");
            settings.addWaitStateStartListener(
                execution -> waitStates.add(execution.getCurrentActivityId()));
            settings.addProcessEndListener(
                execution -> ended.add(execution.getProcessBusinessKey()));
            settings.useExpressionBeans(
                Map.of("probe", probe),
                resolver -> {
                  guarded.incrementAndGet();
                  return resolver;
                });
          }

          @Override
          public void afterInit(EngineSettings settings) {
            moments.add("afterInit");
            assertThat(settings.defaultPasswordPolicy().getRules()).isNotEmpty();
            assertThat(settings.configuration().getProcessEngineName()).startsWith("recording-");
          }

          @Override
          public void afterBuild(ProcessEngine engine) {
            moments.add("afterBuild");
          }
        };
    GenericApplicationContext context = new GenericApplicationContext();
    context.refresh();

    try (RecordingEngine recording =
        new RecordingEngine("h2", new EngineSetups(List.of(setup), context))) {
      assertThat(moments).containsExactly("beforeInit", "afterInit", "afterBuild");
      RuntimeService runtime = recording.engine.getRuntimeService();
      TaskService tasks = recording.engine.getTaskService();
      recording
          .engine
          .getRepositoryService()
          .createDeployment()
          .addModelInstance(
              "waits.bpmn",
              Bpmn.createExecutableProcess("waits")
                  .camundaHistoryTimeToLive(1)
                  .startEvent()
                  .receiveTask("receive")
                  .message("M0")
                  .intermediateCatchEvent("caught")
                  .message("M1")
                  .eventBasedGateway()
                  .id("gateway")
                  .intermediateCatchEvent("viaGateway")
                  .message("M2")
                  .userTask("task")
                  .serviceTask("useProbe")
                  .camundaExpression("${probe.touch()}")
                  .endEvent()
                  .moveToNode("gateway")
                  .intermediateCatchEvent("timeout")
                  .timerWithDuration("PT1H")
                  .endEvent()
                  .done())
          .deploy();

      runtime.startProcessInstanceByKey("waits", "tenant:customer");
      runtime.correlateMessage("M0", "tenant:customer");
      runtime.correlateMessage("M1", "tenant:customer");
      runtime.correlateMessage("M2", "tenant:customer");
      tasks.complete(tasks.createTaskQuery().singleResult().getId());

      assertThat(waitStates).contains("receive", "caught", "gateway", "task");
      assertThat(ended).containsExactly("tenant:customer");
      assertThat(probe.touched).hasValue(1);
      assertThat(guarded).hasPositiveValue();
    }
  }

  /**
   * A job before the service tasks the rule picks, as if drawn: the deployment gets its job
   * definition, the instance waits in the job, and the task runs when the job does. Tasks the rule
   * leaves alone run at once.
   */
  @Test
  void theAsyncBeforeRulePutsAJobBeforeTheTasksItPicks() {
    List<String> ran = new CopyOnWriteArrayList<>();
    Probe probe = new Probe();
    EngineSetup setup =
        new EngineSetup() {
          @Override
          public void beforeInit(EngineSettings settings) {
            settings.addAsyncBefore(
                (processKey, delegateExpression) ->
                    "jobs".equals(processKey) && "${remote}".equals(delegateExpression));
            settings.useExpressionBeans(
                Map.of(
                    "remote",
                    (org.camunda.bpm.engine.delegate.JavaDelegate) execution -> ran.add("remote"),
                    "local",
                    (org.camunda.bpm.engine.delegate.JavaDelegate) execution -> ran.add("local"),
                    "probe",
                    probe),
                resolver -> resolver);
          }
        };
    GenericApplicationContext context = new GenericApplicationContext();
    context.refresh();

    try (RecordingEngine recording =
        new RecordingEngine("h2", new EngineSetups(List.of(setup), context))) {
      recording
          .engine
          .getRepositoryService()
          .createDeployment()
          .addModelInstance(
              "jobs.bpmn",
              Bpmn.createExecutableProcess("jobs")
                  .camundaHistoryTimeToLive(1)
                  .startEvent()
                  .serviceTask("local")
                  .camundaDelegateExpression("${local}")
                  .serviceTask("remote")
                  .camundaDelegateExpression("${remote}")
                  .endEvent()
                  .done())
          .deploy();
      org.camunda.bpm.engine.ManagementService management = recording.engine.getManagementService();

      String instance =
          recording.engine.getRuntimeService().startProcessInstanceByKey("jobs").getId();

      assertThat(ran).containsExactly("local");
      assertThat(management.createJobDefinitionQuery().list())
          .extracting(org.camunda.bpm.engine.management.JobDefinition::getActivityId)
          .containsExactly("remote");
      org.camunda.bpm.engine.runtime.Job job =
          management.createJobQuery().processInstanceId(instance).singleResult();
      assertThat(job.getJobDefinitionId()).isNotNull();
      management.executeJob(job.getId());
      assertThat(ran).containsExactly("local", "remote");
    }
  }
}
