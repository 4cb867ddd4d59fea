package app.wasla.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the business's templates come from in cloud mode: {@code wasla.templates.waba-id} (the
 * WhatsApp Business Account that owns them), re-read every {@code refresh-interval}.
 */
@ConfigurationProperties("wasla.templates")
public record TemplateProperties(
    String wabaId,
    @DefaultValue("1h") Duration refreshInterval,
    @DefaultValue("100") int pageSize,
    @DefaultValue("50") int maxPages) {

  public TemplateProperties {
    if (refreshInterval.isNegative() || refreshInterval.isZero()) {
      throw new IllegalArgumentException("wasla.templates.refresh-interval must be positive");
    }
    if (pageSize < 1 || pageSize > 1000 || maxPages < 1) {
      throw new IllegalArgumentException(
          "wasla.templates.page-size must be 1 to 1000 and max-pages at least 1");
    }
  }

  boolean configured() {
    return wabaId != null && !wabaId.isBlank();
  }
}
