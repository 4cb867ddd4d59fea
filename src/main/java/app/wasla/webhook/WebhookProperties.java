package app.wasla.webhook;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How outbound webhooks are delivered: the worker pool (separate from the mailbox and the job
 * executor, so a slow receiver never slows a conversation), HTTP timeouts, the retry schedule, and
 * where receivers may be ({@link WebhookTargets}).
 */
@ConfigurationProperties("wasla.webhooks")
public record WebhookProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("8") int workers,
    /* A receiver gets at most this many deliveries at once, so that a slow one cannot take every worker. */
    @DefaultValue("2") int maxInFlightPerSubscription,
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("10s") Duration readTimeout,
    @DefaultValue("15s") Duration callTimeout,
    @DefaultValue("10s") Duration initialBackoff,
    @DefaultValue("1h") Duration maxBackoff,
    /* Retries stop this long after a delivery was created (or redelivered by hand): it is dead-lettered. */
    @DefaultValue("24h") Duration retryHorizon,
    /* How long subscriptions are cached by the publishing side; changes on this node apply at once. */
    @DefaultValue("5s") Duration subscriptionCacheTtl,
    /* Host names, addresses or CIDRs webhooks may reach although they are internal (loopback, private, ...). */
    @DefaultValue List<String> allowedHosts,
    /* Plain http receivers; unset = allowed in sandbox mode only. */
    Boolean allowHttp) {

  public WebhookProperties {
    if (workers < 1 || maxInFlightPerSubscription < 1) {
      throw new IllegalArgumentException(
          "wasla.webhooks.workers and max-in-flight-per-subscription must be >= 1");
    }
  }

  /**
   * An attempt in flight holds its delivery this long; a node that dies mid-call frees it after
   * that.
   */
  Duration lease() {
    return callTimeout.plusSeconds(30);
  }
}
