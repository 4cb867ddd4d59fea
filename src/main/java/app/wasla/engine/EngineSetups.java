package app.wasla.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Camunda's engine plugin for every {@link EngineSetup} bean, in their Spring order, so that none
 * of them needs Camunda's internal plugin types.
 *
 * <p>Relies on: {@code ProcessEnginePlugin} (preInit, postInit, postProcessEngineBuild), the
 * configuration's custom post-BPMN-parse listeners ({@code AbstractBpmnParseListener}: {@code
 * parseProcess}, {@code parseIntermediateCatchEvent}, {@code parseEventBasedGateway}, {@code
 * parseReceiveTask}, {@code parseUserTask}, {@code parseServiceTask}), {@code
 * ActivityImpl.setAsyncBefore} (which adds the job's declaration as the parser does for a drawn
 * asyncBefore, so that the deployment gets its job definition), {@code setBeans} and {@code
 * setExpressionManager} with Spring's expression manager and its protected {@code
 * createElResolver}, and {@code DefaultPasswordPolicyImpl}. No gain to measure: these are the
 * extension points the listeners, the expression sandbox and cloud mode's checks need.
 * EngineSetupsTest fails when an upgrade stops calling any of them.
 */
@Component
class EngineSetups extends AbstractProcessEnginePlugin {

  private final List<EngineSetup> setups;
  private final ApplicationContext context;

  EngineSetups(List<EngineSetup> setups, ApplicationContext context) {
    this.setups = List.copyOf(setups);
    this.context = context;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    Settings settings = new Settings(configuration, context);
    setups.forEach(setup -> setup.beforeInit(settings));
    settings.registerListeners();
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    Settings settings = new Settings(configuration, context);
    setups.forEach(setup -> setup.afterInit(settings));
    if (settings.hasListeners()) {
      throw new IllegalStateException(
          "Listeners must be added before the engine's configuration is initialized");
    }
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    setups.forEach(setup -> setup.afterBuild(engine));
  }

  /**
   * The settings of one engine's configuration; listeners are collected and added as one parse
   * listener.
   */
  static final class Settings implements EngineSettings {

    private final ProcessEngineConfigurationImpl configuration;
    private final ApplicationContext context;
    private final List<ExecutionListener> processEnd = new ArrayList<>();
    private final List<ExecutionListener> waitStateStart = new ArrayList<>();
    private final List<AsyncBeforeRule> asyncBefore = new ArrayList<>();

    Settings(ProcessEngineConfigurationImpl configuration, ApplicationContext context) {
      this.configuration = configuration;
      this.context = context;
    }

    @Override
    public ProcessEngineConfiguration configuration() {
      return configuration;
    }

    @Override
    public PasswordPolicy defaultPasswordPolicy() {
      return new DefaultPasswordPolicyImpl();
    }

    @Override
    public void addProcessEndListener(ExecutionListener listener) {
      processEnd.add(listener);
    }

    @Override
    public void addWaitStateStartListener(ExecutionListener listener) {
      waitStateStart.add(listener);
    }

    @Override
    public void addAsyncBefore(AsyncBeforeRule rule) {
      asyncBefore.add(rule);
    }

    @Override
    public void useExpressionBeans(Map<Object, Object> beans, UnaryOperator<ELResolver> guard) {
      configuration.setBeans(beans);
      configuration.setExpressionManager(new GuardedExpressionManager(context, beans, guard));
    }

    boolean hasListeners() {
      return !processEnd.isEmpty() || !waitStateStart.isEmpty() || !asyncBefore.isEmpty();
    }

    void registerListeners() {
      if (!hasListeners()) {
        return;
      }
      if (configuration.getCustomPostBPMNParseListeners() == null) {
        configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
      }
      List<ExecutionListener> ends = List.copyOf(processEnd);
      List<ExecutionListener> starts = List.copyOf(waitStateStart);
      List<AsyncBeforeRule> asyncRules = List.copyOf(asyncBefore);
      configuration
          .getCustomPostBPMNParseListeners()
          .add(
              new AbstractBpmnParseListener() {
                @Override
                public void parseProcess(
                    Element processElement, ProcessDefinitionEntity definition) {
                  ends.forEach(
                      listener ->
                          definition.addListener(ExecutionListener.EVENTNAME_END, listener));
                }

                @Override
                public void parseIntermediateCatchEvent(
                    Element element, ScopeImpl scope, ActivityImpl activity) {
                  addStart(activity);
                }

                @Override
                public void parseEventBasedGateway(
                    Element element, ScopeImpl scope, ActivityImpl activity) {
                  addStart(activity);
                }

                @Override
                public void parseReceiveTask(
                    Element element, ScopeImpl scope, ActivityImpl activity) {
                  addStart(activity);
                }

                @Override
                public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                  addStart(activity);
                }

                @Override
                public void parseServiceTask(
                    Element element, ScopeImpl scope, ActivityImpl activity) {
                  if (asyncRules.isEmpty() || activity.isAsyncBefore()) {
                    return;
                  }
                  String processKey =
                      ((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey();
                  String delegateExpression =
                      element.attributeNS(
                          BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "delegateExpression");
                  if (asyncRules.stream()
                      .anyMatch(rule -> rule.appliesTo(processKey, delegateExpression))) {
                    // through the activity's delegate, as the parser does for a drawn one: the
                    // job's declaration, and with it the deployment's job definition
                    activity.setAsyncBefore(true, true);
                  }
                }

                private void addStart(ActivityImpl activity) {
                  starts.forEach(
                      listener ->
                          activity.addListener(ExecutionListener.EVENTNAME_START, listener));
                }
              });
    }
  }

  /** Spring's expression manager on a bean map, its resolvers wrapped by a guard. */
  static final class GuardedExpressionManager extends SpringExpressionManager {

    private final UnaryOperator<ELResolver> guard;

    GuardedExpressionManager(
        ApplicationContext context, Map<Object, Object> beans, UnaryOperator<ELResolver> guard) {
      super(context, beans);
      this.guard = guard;
    }

    @Override
    protected ELResolver createElResolver() {
      return guard.apply(super.createElResolver());
    }
  }
}
