package app.wasla.security;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings that cloud mode overrides before any auto-configuration reads them: the OpenAPI document
 * and Swagger UI are off unless {@code wasla.security.api-docs=true}.
 */
public class CloudDefaults implements EnvironmentPostProcessor {

  static final String SOURCE = "waslaCloudDefaults";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    boolean cloud =
        "cloud".equalsIgnoreCase(environment.getProperty("wasla.whatsapp.mode", "sandbox").trim());
    boolean apiDocs = environment.getProperty("wasla.security.api-docs", Boolean.class, false);
    if (cloud && !apiDocs) {
      environment
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  SOURCE,
                  Map.of(
                      "springdoc.api-docs.enabled", "false",
                      "springdoc.swagger-ui.enabled", "false")));
    }
  }
}
