package app.wasla.engine;

import static org.assertj.core.api.Assertions.assertThat;

import app.wasla.support.FlowTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Async jobs carry a due date, and jobs from before the setting get one at start, so none is left
 * unacquired.
 */
@FlowTest
class JobDueDatesTest {

  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;
  @Autowired JobDueDates jobDueDates;

  private Job asyncJob() {
    repository
        .createDeployment()
        .addModelInstance(
            "probe.bpmn",
            Bpmn.createExecutableProcess("asyncProbe")
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .camundaAsyncBefore()
                .endEvent()
                .done())
        .deploy();
    String instance = runtime.startProcessInstanceByKey("asyncProbe").getId();
    return management.createJobQuery().processInstanceId(instance).singleResult();
  }

  @Test
  void anAsyncContinuationIsDueWhenItIsCreated() {
    assertThat(asyncJob().getDuedate()).isNotNull();
  }

  @Test
  void aJobLeftWithoutADueDateIsDueAfterTheNextStart() {
    Job job = asyncJob();
    jdbc.sql("UPDATE ACT_RU_JOB SET DUEDATE_ = NULL WHERE ID_ = ?").param(job.getId()).update();

    jobDueDates.postProcessEngineBuild(engine);

    Job after = management.createJobQuery().jobId(job.getId()).singleResult();
    assertThat(after.getDuedate()).isNotNull().isBeforeOrEqualTo(new java.util.Date());
  }
}
