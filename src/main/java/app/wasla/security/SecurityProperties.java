package app.wasla.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Hardening of cloud mode. {@code remoteDeployments} is null unless set: then it follows the mode
 * (off in cloud, on in sandbox).
 */
@ConfigurationProperties("wasla.security")
public record SecurityProperties(
    Boolean remoteDeployments,
    /* Beans that expressions may name beyond Wasla's own delegates and helpers. */
    @DefaultValue List<String> expressionBeans,
    /* Serve /v3/api-docs and swagger-ui in cloud mode too. */
    @DefaultValue("false") boolean apiDocs,
    @DefaultValue Login login) {

  /**
   * Failed logins allowed per (client address, user name) pair ({@code maxFailures}) and per client
   * address across user names ({@code maxFailuresPerClient}) within {@code window} before further
   * attempts of that pair, or from that address, answer 429 without reaching the engine's password
   * check.
   */
  public record Login(
      @DefaultValue("5") int maxFailures,
      @DefaultValue("20") int maxFailuresPerClient,
      @DefaultValue("PT5M") Duration window) {

    public Login {
      if (maxFailures < 1 || maxFailuresPerClient < 1) {
        throw new IllegalArgumentException(
            "wasla.security.login.max-failures and max-failures-per-client must be at least 1");
      }
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("wasla.security.login.window must be positive");
      }
    }
  }

  public boolean remoteDeploymentsAllowed(boolean sandbox) {
    return remoteDeployments == null ? sandbox : remoteDeployments;
  }
}
