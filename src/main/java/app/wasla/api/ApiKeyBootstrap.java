package app.wasla.api;

import app.wasla.security.Scope;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Stores {@code wasla.api.bootstrap-key}, hashed, as the API key "bootstrap" with every scope,
 * once: the way to make the first real keys when no Camunda admin is at hand. Revoke it and remove
 * it from the configuration afterwards.
 */
@Component
class ApiKeyBootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(ApiKeyBootstrap.class);

  private final ApiKeys keys;
  private final ApiProperties props;

  ApiKeyBootstrap(ApiKeys keys, ApiProperties props) {
    this.keys = keys;
    this.props = props;
  }

  @Override
  public void run(ApplicationArguments args) {
    keys.shortenStoredPrefixes();
    if (props.bootstrapKey() == null || props.bootstrapKey().isBlank()) {
      return;
    }
    keys.storeIfAbsent(
            "bootstrap",
            props.bootstrapKey(),
            EnumSet.allOf(Scope.class),
            "wasla.api.bootstrap-key")
        .ifPresent(
            k ->
                log.warn(
                    "Stored the bootstrap API key (id {}); create real keys, then revoke it and "
                        + "remove wasla.api.bootstrap-key",
                    k.id()));
  }
}
