package app.wasla.security;

import app.wasla.channel.whatsapp.WhatsAppProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The security filters, in front of everything else (Wasla's and Camunda's). */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  FilterRegistrationBean<SecurityHeadersFilter> securityHeaders() {
    FilterRegistrationBean<SecurityHeadersFilter> registration =
        new FilterRegistrationBean<>(new SecurityHeadersFilter());
    registration.setName("wasla-security-headers");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** Camunda's REST API (/engine-rest) answers passwords that fail the policy with 400, not 500. */
  @Bean
  ResourceConfigCustomizer passwordPolicyErrors() {
    return config -> config.register(PasswordPolicyErrors.class);
  }

  @Bean
  FilterRegistrationBean<LoginThrottle> loginThrottle(
      SecurityProperties props, Clock clock, ObjectMapper json) {
    FailedLogins failures = new FailedLogins(clock, props.login().window());
    FilterRegistrationBean<LoginThrottle> registration =
        new FilterRegistrationBean<>(new LoginThrottle(failures, props.login(), json));
    registration.setName("wasla-login-throttle");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  /**
   * The webapps' CSRF check, before Camunda's (which ends the session of a request that fails it).
   */
  @Bean
  FilterRegistrationBean<WebappCsrfGuard> webappCsrf() {
    FilterRegistrationBean<WebappCsrfGuard> registration =
        new FilterRegistrationBean<>(new WebappCsrfGuard());
    registration.setName("wasla-webapp-csrf");
    registration.addUrlPatterns("/camunda/api/*", "/camunda/app/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
    return registration;
  }

  @Bean
  FilterRegistrationBean<RemoteDeploymentFilter> remoteDeployments(
      SecurityProperties props, WhatsAppProperties whatsapp, ObjectMapper json) {
    FilterRegistrationBean<RemoteDeploymentFilter> registration =
        new FilterRegistrationBean<>(new RemoteDeploymentFilter(json));
    registration.setName("wasla-remote-deployments");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    registration.setEnabled(!props.remoteDeploymentsAllowed(whatsapp.sandbox()));
    return registration;
  }

  @Bean
  FilterRegistrationBean<ActuatorAccessFilter> actuatorAccess(
      IdentityService identity, WhatsAppProperties whatsapp) {
    FilterRegistrationBean<ActuatorAccessFilter> registration =
        new FilterRegistrationBean<>(new ActuatorAccessFilter(identity));
    registration.setName("wasla-actuator-access");
    registration.addUrlPatterns("/actuator", "/actuator/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    registration.setEnabled(!whatsapp.sandbox());
    return registration;
  }
}
