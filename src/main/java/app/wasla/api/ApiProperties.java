package app.wasla.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The REST API for external systems: a bootstrap key for the very first start, per-key rate limits
 * and body size limits. {@link #toString()} never shows the bootstrap key.
 */
@ConfigurationProperties("wasla.api")
public record ApiProperties(
    /* Optional: a key (at least 32 characters) that is hashed at start-up and stored as the API key
    "bootstrap" with every scope, so that the first real keys can be made. Remove it afterwards. */
    String bootstrapKey,
    @DefaultValue("20") int rateLimit,
    @DefaultValue("1s") Duration rateLimitPeriod,
    /* Largest request body accepted on /api/**. */
    @DefaultValue("256KB") DataSize maxBodySize,
    /* Largest request body accepted anywhere else (webhooks, engine-rest deployments, webapps). */
    @DefaultValue("5MB") DataSize maxBodySizeOtherPaths) {

  public ApiProperties {
    if (bootstrapKey != null && !bootstrapKey.isBlank() && bootstrapKey.length() < 32) {
      throw new IllegalArgumentException("wasla.api.bootstrap-key must be at least 32 characters");
    }
    if (rateLimit < 1) {
      throw new IllegalArgumentException("wasla.api.rate-limit must be at least 1");
    }
  }

  @Override
  public String toString() {
    return "ApiProperties[bootstrapKey="
        + (bootstrapKey == null ? "none" : "***")
        + ", rateLimit="
        + rateLimit
        + "/"
        + rateLimitPeriod
        + ", maxBodySize="
        + maxBodySize
        + "]";
  }
}
