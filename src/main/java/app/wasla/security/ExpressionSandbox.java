package app.wasla.security;

import app.wasla.engine.EngineSettings;
import app.wasla.engine.EngineSetup;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Expressions in flows, forms and decisions see only {@link ExpressionBeans} (not every Spring
 * bean, such as the environment and its secrets) and cannot reach reflection. The Spring
 * integration builds its expression manager before plugins run, so this setup replaces it with one
 * built on the allow-list, its resolvers wrapped in the reflection guard.
 */
@Component
class ExpressionSandbox implements EngineSetup {

  private static final Logger log = LoggerFactory.getLogger(ExpressionSandbox.class);

  private final ApplicationContext context;
  private final SecurityProperties props;

  ExpressionSandbox(ApplicationContext context, SecurityProperties props) {
    this.context = context;
    this.props = props;
  }

  @Override
  public void beforeInit(EngineSettings settings) {
    ExpressionBeans beans = new ExpressionBeans(context, props.expressionBeans());
    Map<Object, Object> map = beans;
    settings.useExpressionBeans(map, ReflectionGuardElResolver::new);
    props.expressionBeans().stream()
        .map(String::trim)
        .filter(name -> !name.isEmpty() && !context.containsBean(name))
        .forEach(
            name -> log.warn("wasla.security.expression-beans names '{}', which is no bean", name));
    log.info("Expressions may name the beans {}", beans.names());
  }
}
