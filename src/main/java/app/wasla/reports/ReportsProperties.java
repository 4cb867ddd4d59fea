package app.wasla.reports;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The owner's reports ({@code wasla.reports.*}, docs/configuration.md).
 *
 * @param zone the business's time zone: where a day of the reports starts and ends
 * @param maxDays the longest period a report covers, in days
 */
@ConfigurationProperties("wasla.reports")
public record ReportsProperties(
    @DefaultValue("Africa/Cairo") ZoneId zone, @DefaultValue("366") int maxDays) {}
