package app.wasla.system;

import java.time.Clock;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Cross-cutting wiring: the clock, and HTTP Basic in front of Camunda's REST API. */
@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

  static final String DATATYPE_FACTORY = "javax.xml.datatype.DatatypeFactory";

  /*
   * Camunda resolves a timer's ISO 8601 duration (every timer a flow creates) through DatatypeFactory.newInstance(),
   * which without this property looks for a provider in every jar of the class path, each time: 1 % of Wasla's CPU
   * under load. The JDK's own implementation is what that search finds anyway.
   */
  static {
    if (System.getProperty(DATATYPE_FACTORY) == null) {
      System.setProperty(
          DATATYPE_FACTORY, "com.sun.org.apache.xerces.internal.jaxp.datatype.DatatypeFactoryImpl");
    }
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** {@code /engine-rest/**} answers only to Camunda users (HTTP Basic). */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("engine-rest-basic-auth");
    registration.addUrlPatterns("/engine-rest/*");
    registration.addInitParameter(
        "authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    return registration;
  }
}
