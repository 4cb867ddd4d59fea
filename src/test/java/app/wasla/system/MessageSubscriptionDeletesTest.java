package app.wasla.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A turn leaves the wait state's message subscription without a query for an asynchronous job it cannot have; a
 * signal's subscription, which can have one, still gets Camunda's query. A real engine on H2 and PostgreSQL.
 */
class MessageSubscriptionDeletesTest {

  private static final String JOB_LOOKUP = "from ACT_RU_JOB where HANDLER_TYPE_";

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void aCorrelatedMessageLeavesItsSubscriptionWithoutTheJobQuerySignalsKeepIt(String database) {
    try (RecordingEngine recording = new RecordingEngine(database, new MessageSubscriptionDeletes())) {
      recording.engine.getRepositoryService().createDeployment()
          .addModelInstance("message.bpmn", Bpmn.createExecutableProcess("message").camundaHistoryTimeToLive(1)
              .startEvent().intermediateCatchEvent("wrote").message("CustomerMessage")
              .intermediateCatchEvent("again").message("CustomerMessage").userTask("task").endEvent().done())
          .addModelInstance("signal.bpmn", Bpmn.createExecutableProcess("signal").camundaHistoryTimeToLive(1)
              .startEvent().intermediateCatchEvent("paid").signal("PaymentSettled").userTask("task").endEvent().done())
          .deploy();
      RuntimeService runtime = recording.engine.getRuntimeService();
      String message = runtime.startProcessInstanceByKey("message", "customer-1").getId();
      String signal = runtime.startProcessInstanceByKey("signal").getId();

      recording.statements.clear();
      runtime.createMessageCorrelation("CustomerMessage").processInstanceBusinessKey("customer-1").correlate();
      runtime.createMessageCorrelation("CustomerMessage").processInstanceBusinessKey("customer-1").correlate();

      assertThat(runtime.getActiveActivityIds(message)).containsExactly("task");
      assertThat(runtime.createEventSubscriptionQuery().processInstanceId(message).count()).isZero();
      assertThat(recording.prepared(JOB_LOOKUP)).isEmpty();

      runtime.signalEventReceived("PaymentSettled");

      assertThat(runtime.getActiveActivityIds(signal)).containsExactly("task");
      assertThat(recording.prepared(JOB_LOOKUP)).hasSize(1);
    }
  }
}
