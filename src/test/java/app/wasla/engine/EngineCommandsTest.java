package app.wasla.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;

/**
 * Service calls inside {@link EngineCommands#inOneCommand} join one command: what one changes is
 * written at its end, not by each call. Fails when a Camunda upgrade makes a call inside open a
 * command of its own.
 */
class EngineCommandsTest {

  @Test
  void callsInsideOneCommandAreFlushedTogetherAtItsEndAndFailTogether() {
    try (RecordingEngine recording = new RecordingEngine("h2")) {
      RuntimeService runtime = recording.engine.getRuntimeService();
      recording
          .engine
          .getRepositoryService()
          .createDeployment()
          .addModelInstance(
              "wait.bpmn",
              Bpmn.createExecutableProcess("wait")
                  .camundaHistoryTimeToLive(1)
                  .startEvent()
                  .receiveTask("receive")
                  .message("M")
                  .endEvent()
                  .done())
          .deploy();
      String instance = runtime.startProcessInstanceByKey("wait").getId();
      EngineCommands commands = new EngineCommands(recording.engine);

      long seenInside =
          commands.inOneCommand(
              () -> {
                runtime.setVariable(instance, "first", 1);
                runtime.setVariable(instance, "second", 2);
                // a query reads the database; the command has written nothing yet
                return runtime.createVariableInstanceQuery().processInstanceIdIn(instance).count();
              });

      assertThat(seenInside).isZero();
      assertThat(runtime.createVariableInstanceQuery().processInstanceIdIn(instance).count())
          .isEqualTo(2);

      assertThatThrownBy(
              () ->
                  commands.inOneCommand(
                      () -> {
                        runtime.setVariable(instance, "third", 3);
                        throw new IllegalStateException("the turn failed");
                      }))
          .hasMessage("the turn failed");
      assertThat(runtime.getVariable(instance, "third")).isNull();
    }
  }
}
