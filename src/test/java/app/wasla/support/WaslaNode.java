package app.wasla.support;

import app.wasla.WaslaApplication;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A whole Wasla node started and stopped by a test, to check what survives a stop. */
public final class WaslaNode {

  private WaslaNode() {}

  /**
   * The same database on H2 and on PostgreSQL, as arguments of a parameterized test: (name,
   * properties).
   */
  public static Stream<Arguments> databases(String name) {
    return Stream.of(
        Arguments.of(
            "H2",
            Map.of(
                "spring.datasource.url",
                "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000")),
        Arguments.of(
            "PostgreSQL",
            Map.of(
                "spring.datasource.url",
                PostgresTestDatabase.url("wasla_" + name.replace('-', '_'), true),
                "spring.datasource.username",
                PostgresTestDatabase.USER,
                "spring.datasource.password",
                "")));
  }

  /**
   * Starts a node in cloud mode against the mock, on a free port, with the given extra properties.
   */
  public static ConfigurableApplicationContext start(
      WhatsAppMock meta, Map<String, String> properties) {
    Map<String, Object> props = new HashMap<>(properties);
    props.put("server.port", "0");
    props.put("wasla.whatsapp.mode", "cloud");
    props.put("wasla.whatsapp.api-base-url", meta.baseUrl());
    props.put("wasla.whatsapp.access-token", "test-token");
    props.put("wasla.whatsapp.app-secret", Webhooks.APP_SECRET);
    props.put("wasla.whatsapp.verify-token", "test-verify-token");
    CloudMode.safetyProperties().forEach(props::putIfAbsent);
    // as command-line arguments: default properties would lose to application.yaml
    return new SpringApplicationBuilder(WaslaApplication.class)
        .run(
            props.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
  }

  public static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }
}
