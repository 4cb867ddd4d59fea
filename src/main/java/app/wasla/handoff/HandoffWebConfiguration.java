package app.wasla.handoff;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The takeover guard in front of the engine's REST API, as REST clients and Tasklist call it. */
@Configuration(proxyBeanMethods = false)
class HandoffWebConfiguration {

  @Bean
  FilterRegistrationBean<TakeoverGuardFilter> handoffTakeoverGuard(
      TaskService tasks,
      RuntimeService runtime,
      IdentityService identity,
      HandoffOwnership ownership,
      ObjectMapper json) {
    FilterRegistrationBean<TakeoverGuardFilter> registration =
        new FilterRegistrationBean<>(
            new TakeoverGuardFilter(tasks, runtime, identity, ownership, json));
    registration.setName("handoff-takeover-guard");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    // after the body size limit, before the engine
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
    return registration;
  }
}
