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
   * A job before every service task the rule picks, as each process is deployed: what {@code
   * camunda:asyncBefore} does when drawn, decided by configuration instead (exclusive, as drawn). A
   * task drawn with asyncBefore keeps it.
   */
  void addAsyncBefore(AsyncBeforeRule rule);

  /** Which service tasks get a job before them ({@link #addAsyncBefore}). */
  @FunctionalInterface
  interface AsyncBeforeRule {

    /**
     * @param processKey the process's id in its BPMN file ({@code sales-conversation})
     * @param delegateExpression the task's {@code camunda:delegateExpression} ({@code
     *     ${personaReply}}), null when it has none
     */
    boolean appliesTo(String processKey, String delegateExpression);
  }

  /**
   * Expressions in flows, forms and decisions resolve names in these beans only, through the
   * engine's Spring expression manager with its resolver wrapped by {@code guard}.
   */
  void useExpressionBeans(Map<Object, Object> beans, UnaryOperator<ELResolver> guard);
}
