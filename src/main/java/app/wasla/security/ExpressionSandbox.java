package app.wasla.security;

import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Expressions in flows, forms and decisions see only {@link ExpressionBeans} (not every Spring bean, such as the
 * environment and its secrets) and cannot reach reflection. The Spring integration builds its expression manager
 * before plugins run, so this plugin replaces it with one built on the allow-list.
 */
@Component
class ExpressionSandbox extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(ExpressionSandbox.class);

  private final ApplicationContext context;
  private final SecurityProperties props;

  ExpressionSandbox(ApplicationContext context, SecurityProperties props) {
    this.context = context;
    this.props = props;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    ExpressionBeans beans = new ExpressionBeans(context, props.expressionBeans());
    Map<Object, Object> map = beans;
    configuration.setBeans(map);
    configuration.setExpressionManager(new GuardedExpressionManager(context, map));
    props.expressionBeans().stream().map(String::trim).filter(name -> !name.isEmpty() && !context.containsBean(name))
        .forEach(name -> log.warn("wasla.security.expression-beans names '{}', which is no bean", name));
    log.info("Expressions may name the beans {}", beans.names());
  }

  /** Spring's expression manager on a bean map, its resolvers wrapped in the reflection guard. */
  static final class GuardedExpressionManager extends SpringExpressionManager {

    GuardedExpressionManager(ApplicationContext context, Map<Object, Object> beans) {
      super(context, beans);
    }

    @Override
    protected ELResolver createElResolver() {
      return new ReflectionGuardElResolver(super.createElResolver());
    }
  }
}
