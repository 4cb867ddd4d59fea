package app.wasla.campaign;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Marketing campaigns ({@code wasla.campaigns.*}).
 *
 * @param ratePerSecond most campaign sends per second per business number on each node (within the
 *     number's Meta throughput tier; a campaign may ask for less)
 * @param maxMarketingPerWeek most marketing templates one customer gets in 7 days, all campaigns
 *     together; 0 for no cap
 * @param attributionWindow how long after a campaign's message an order counts for the campaign
 * @param phoneNumberId the business number a campaign sends from when it names none
 * @param lease how long a node holds the recipients it claimed; a dead node's claims are taken over
 *     after it
 * @param pollInterval how often each node looks for recipients to send to
 * @param senders sends in flight at once per node (Meta's answer takes a while)
 * @param maxAttempts sends tried per recipient when Meta refuses for a passing reason
 * @param retryBackoff the wait before the first retry, doubled each time (or Meta's Retry-After)
 * @param reminderAfter the reminder's default delay after the audience was sent
 */
@ConfigurationProperties("wasla.campaigns")
public record CampaignProperties(
    @DefaultValue("80") int ratePerSecond,
    @DefaultValue("2") int maxMarketingPerWeek,
    @DefaultValue("3d") Duration attributionWindow,
    String phoneNumberId,
    @DefaultValue("60s") Duration lease,
    @DefaultValue("500ms") Duration pollInterval,
    @DefaultValue("8") int senders,
    @DefaultValue("5") int maxAttempts,
    @DefaultValue("30s") Duration retryBackoff,
    @DefaultValue("P1D") Duration reminderAfter) {

  public CampaignProperties {
    if (ratePerSecond < 1 || ratePerSecond > 1000) {
      throw new IllegalArgumentException("wasla.campaigns.rate-per-second must be 1 to 1000");
    }
    if (maxMarketingPerWeek < 0) {
      throw new IllegalArgumentException("wasla.campaigns.max-marketing-per-week must be >= 0");
    }
    if (senders < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException(
          "wasla.campaigns.senders and .max-attempts must be at least 1");
    }
    if (lease.compareTo(Duration.ofSeconds(2)) < 0) {
      throw new IllegalArgumentException("wasla.campaigns.lease must be at least 2s");
    }
  }
}
