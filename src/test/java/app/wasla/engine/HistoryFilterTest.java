package app.wasla.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.junit.jupiter.api.Test;

/**
 * The filter in front of Camunda's history handler: what it passes on, one by one and in batches.
 * (End to end, with the engine's own handler behind it: MailboxScenarios, the turn's text and the
 * gateways stay out of the history.)
 */
class HistoryFilterTest {

  private final List<HistoryEvent> written = new ArrayList<>();
  private final HistoryEventHandler recorder =
      new HistoryEventHandler() {
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
    var filter = new HistoryFilter.Filtering(recorder, Set.of("turnText", "lastWamid"), Set.of());
    HistoryEvent turnText = variable("turnText");
    HistoryEvent intent = variable("intent");
    HistoryEvent instance = new HistoricProcessInstanceEventEntity();

    filter.handleEvent(turnText);
    filter.handleEvent(intent);
    filter.handleEvents(List.of(variable("lastWamid"), instance, variable("handoff")));

    assertThat(written)
        .extracting(
            e ->
                e instanceof HistoricVariableUpdateEventEntity v ? v.getVariableName() : "instance")
        .containsExactly("intent", "instance", "handoff");
  }

  @Test
  void activityEventsOfSkippedTypesNeverReachTheHandlerOtherActivitiesDo() {
    var filter = new HistoryFilter.Filtering(recorder, Set.of(), Set.of("exclusiveGateway"));

    filter.handleEvent(activity("gateway_handoff", "exclusiveGateway"));
    filter.handleEvents(
        List.of(
            activity("serviceTask_reply", "serviceTask"),
            activity("gateway_salesIntent", "exclusiveGateway"),
            activity("join", "parallelGateway")));

    assertThat(written)
        .extracting(e -> ((HistoricActivityInstanceEventEntity) e).getActivityId())
        .containsExactly("serviceTask_reply", "join");
  }

  @Test
  void emptyListsSkipNothing() {
    assertThat(new HistoryProperties(null, null).skippedVariables()).isEmpty();
    assertThat(new HistoryProperties(null, null).skippedActivityTypes()).isEmpty();
    var empty = new HistoryProperties(List.of(), List.of());
    var filter =
        new HistoryFilter.Filtering(
            recorder, empty.skippedVariables(), empty.skippedActivityTypes());
    filter.handleEvent(variable("turnText"));
    filter.handleEvent(activity("gateway_handoff", "exclusiveGateway"));
    assertThat(written).hasSize(2);
  }

  private static HistoryEvent activity(String id, String type) {
    HistoricActivityInstanceEventEntity event = new HistoricActivityInstanceEventEntity();
    event.setActivityId(id);
    event.setActivityType(type);
    return event;
  }

  private static HistoryEvent variable(String name) {
    HistoricVariableUpdateEventEntity event = new HistoricVariableUpdateEventEntity();
    event.setVariableName(name);
    return event;
  }
}
