package app.wasla.engine;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;

/** What an {@link EngineSetup} may change in the engine's configuration while it starts. */
public interface EngineSettings {

  /** The engine's configuration, through its public type (password policy, job settings, ...). */
  ProcessEngineConfiguration configuration();

  /** Camunda's default password policy (its class is internal). */
  PasswordPolicy defaultPasswordPolicy();

  /**
   * The listener is called when an instance of any deployed process ends (its process-level end
   * event).
   */
  void addProcessEndListener(ExecutionListener listener);

  /**
   * The listener is called when an execution reaches a wait state of any deployed process: an
   * intermediate catch event, an event-based gateway, a receive task or a user task (their start
   * event).
   */
  void addWaitStateStartListener(ExecutionListener listener);

  /**
   * Expressions in flows, forms and decisions resolve names in these beans only, through the
   * engine's Spring expression manager with its resolver wrapped by {@code guard}.
   */
  void useExpressionBeans(Map<Object, Object> beans, UnaryOperator<ELResolver> guard);
}
