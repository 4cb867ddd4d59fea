package app.wasla.engine;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Camunda's history backend without what {@link HistoryProperties} leaves out: the per-turn
 * variables of {@code skip-variables} and the activities of the types in {@code
 * skip-activity-types}. Their events never reach the database; everything else is written as the
 * history level says, by Camunda's own handler. A filter on the handler, not a custom history
 * level, so that the level stored in an existing database (audit) still matches.
 *
 * <p>Relies on: Camunda's history event handler setting (its documented way to plug in a history
 * backend, with an internal type), {@code DbHistoryEventHandler}, and the event classes {@code
 * HistoricVariableUpdateEventEntity} (the variable's name) and {@code
 * HistoricActivityInstanceEventEntity} (the activity type); HistoryFilterTest fails when they
 * change, and MailboxScenarios end to end. Measured (docs/benchmark.md): the per-turn variables'
 * history was about 21 of 93 statements per message (an insert at the start, a read and an update
 * per turn each); the gateways' rows 2.33 → 1.00 history activity inserts and 25.2 → 21.9 rows
 * inserted per message. Neither was measured alone in messages per second; the variables stay out
 * for a second reason, privacy: the turn's text is a copy of what customers wrote, which Wasla
 * keeps in its own tables already.
 */
@Component
class HistoryFilter extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(HistoryFilter.class);

  private final Set<String> skippedVariables;
  private final Set<String> skippedActivityTypes;

  HistoryFilter(HistoryProperties props) {
    this.skippedVariables = props.skippedVariables();
    this.skippedActivityTypes = props.skippedActivityTypes();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getHistoryEventHandler() != null) {
      log.warn(
          "A history event handler is configured already; wasla.history.skip-* is not applied");
      return;
    }
    configuration.setHistoryEventHandler(
        new Filtering(new DbHistoryEventHandler(), skippedVariables, skippedActivityTypes));
    log.info(
        "Camunda's history leaves out the variables {} and the activities of type {}",
        skippedVariables,
        skippedActivityTypes);
  }

  /**
   * Passes every event on but the variable events of the skipped names and the skipped activity
   * types' events.
   */
  static final class Filtering implements HistoryEventHandler {

    private final HistoryEventHandler delegate;
    private final Set<String> skippedVariables;
    private final Set<String> skippedActivityTypes;

    Filtering(
        HistoryEventHandler delegate,
        Set<String> skippedVariables,
        Set<String> skippedActivityTypes) {
      this.delegate = delegate;
      this.skippedVariables = skippedVariables;
      this.skippedActivityTypes = skippedActivityTypes;
    }

    @Override
    public void handleEvent(HistoryEvent event) {
      if (!isSkipped(event)) {
        delegate.handleEvent(event);
      }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      for (HistoryEvent event : events) {
        handleEvent(event);
      }
    }

    private boolean isSkipped(HistoryEvent event) {
      return event instanceof HistoricVariableUpdateEventEntity v
              && skippedVariables.contains(v.getVariableName())
          || event instanceof HistoricActivityInstanceEventEntity a
              && skippedActivityTypes.contains(a.getActivityType());
    }
  }
}
