package app.wasla.commerce.booking;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wasla.commerce.booking.*}: the appointment reminder. It goes out {@code reminderBefore}
 * the appointment; inside WhatsApp's 24-hour window as a text, outside it only as the approved
 * template {@code reminderTemplate} (body parameters: service, date and time, branch; declare it
 * UTILITY in {@code wasla.whatsapp.utility-templates} so that it also reaches customers who opted
 * out of marketing). Without a template, a reminder that falls outside the window is not sent (and
 * logged).
 */
@ConfigurationProperties("wasla.commerce.booking")
public record BookingProperties(
    @DefaultValue("P1D") Duration reminderBefore,
    String reminderTemplate,
    @DefaultValue("ar") String reminderTemplateLanguage) {}
