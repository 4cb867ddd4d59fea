package app.wasla.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.junit.jupiter.api.Test;

/**
 * The filter in front of Camunda's history handler: what it passes on, one by one and in batches. (End to end,
 * with the engine's own handler behind it: MailboxScenarios, the turn's text stays out of the history.)
 */
class VariableHistoryFilterTest {

  private final List<HistoryEvent> written = new ArrayList<>();
  private final HistoryEventHandler recorder = new HistoryEventHandler() {
    @Override
    public void handleEvent(HistoryEvent event) {
      written.add(event);
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      written.addAll(events);
    }
  };

  @Test
  void variableEventsOfSkippedNamesNeverReachTheHandlerEverythingElseDoes() {
    var filter = new VariableHistoryFilter.Filtering(recorder, Set.of("turnText", "lastWamid"));
    HistoryEvent turnText = variable("turnText");
    HistoryEvent intent = variable("intent");
    HistoryEvent instance = new HistoricProcessInstanceEventEntity();

    filter.handleEvent(turnText);
    filter.handleEvent(intent);
    filter.handleEvents(List.of(variable("lastWamid"), instance, variable("handoff")));

    assertThat(written).extracting(e -> e instanceof HistoricVariableUpdateEventEntity v ? v.getVariableName() : "instance")
        .containsExactly("intent", "instance", "handoff");
  }

  @Test
  void anEmptyListSkipsNothing() {
    assertThat(new HistoryProperties(null).skipped()).isEmpty();
    var filter = new VariableHistoryFilter.Filtering(recorder, new HistoryProperties(List.of()).skipped());
    filter.handleEvent(variable("turnText"));
    assertThat(written).hasSize(1);
  }

  private static HistoryEvent variable(String name) {
    HistoricVariableUpdateEventEntity event = new HistoricVariableUpdateEventEntity();
    event.setVariableName(name);
    return event;
  }
}
