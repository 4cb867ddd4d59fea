package app.wasla.system;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Camunda's history backend with the per-turn variables of {@link HistoryProperties#skipVariables()} left out: their
 * events never reach the database. Everything else is written as the history level says. A filter on the
 * handler, not a custom history level, so that the level stored in an existing database (audit) still matches.
 */
@Component
class VariableHistoryFilter extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(VariableHistoryFilter.class);

  private final Set<String> skipped;

  VariableHistoryFilter(HistoryProperties props) {
    this.skipped = props.skipped();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (skipped.isEmpty()) {
      return;
    }
    if (configuration.getHistoryEventHandler() != null) {
      log.warn("A history event handler is configured already; wasla.history.skip-variables is not applied");
      return;
    }
    configuration.setHistoryEventHandler(new Filtering(new DbHistoryEventHandler(), skipped));
    log.info("Camunda's history leaves out the variables {}", skipped);
  }

  /** Passes every event on but the variable events of the skipped names. */
  static final class Filtering implements HistoryEventHandler {

    private final HistoryEventHandler delegate;
    private final Set<String> skipped;

    Filtering(HistoryEventHandler delegate, Set<String> skipped) {
      this.delegate = delegate;
      this.skipped = skipped;
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
      return event instanceof HistoricVariableUpdateEventEntity v && skipped.contains(v.getVariableName());
    }
  }
}
