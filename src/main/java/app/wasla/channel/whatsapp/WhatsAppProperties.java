package app.wasla.channel.whatsapp;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The WhatsApp channel: where outbound messages go and the secrets that authenticate Meta's
 * webhooks. Secrets never appear in {@link #toString()}.
 */
@ConfigurationProperties("wasla.whatsapp")
public record WhatsAppProperties(
    @DefaultValue("sandbox") Mode mode,
    @DefaultValue("https://graph.facebook.com/v23.0") String apiBaseUrl,
    String accessToken,
    String appSecret,
    String verifyToken,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("15s") Duration readTimeout,
    @DefaultValue("3") int sendAttempts,
    @DefaultValue("500ms") Duration sendBackoff,
    @DefaultValue("true") boolean markRead,
    /* Template sent instead of free-form text when the 24-hour customer-service window is closed. */
    String reopenTemplate,
    @DefaultValue("ar") String reopenTemplateLanguage,
    /* The business number the simulator plays against in sandbox mode. */
    @DefaultValue("100000000000001") String sandboxPhoneNumberId,
    /* The reopen template's category as Meta approved it: MARKETING (the default: then never sent to a customer who
    opted out of marketing), UTILITY or AUTHENTICATION. */
    @DefaultValue("MARKETING") String reopenTemplateCategory,
    /* Cloud API calls per second per business number (Meta's default throughput is 80 messages/s); sends beyond
    it wait for their turn here instead of earning 130429 from Meta. */
    @DefaultValue("80") int messagesPerSecond,
    /* The business's own WhatsApp numbers (phone number ids): in cloud mode a send from any other is refused
    before Meta is called. Empty: not checked. */
    java.util.List<String> phoneNumberIds) {

  /** Sandbox keeps outbound messages in Wasla (for the simulator); cloud calls Meta's Graph API. */
  public enum Mode {
    SANDBOX,
    CLOUD
  }

  /**
   * Values for development only: the sandbox must work out of the box, cloud must be configured.
   */
  static final String SANDBOX_APP_SECRET = "wasla-sandbox-app-secret";

  static final String SANDBOX_VERIFY_TOKEN = "wasla-sandbox-verify-token";

  public WhatsAppProperties {
    if (mode == Mode.SANDBOX) {
      appSecret = blankToNull(appSecret) == null ? SANDBOX_APP_SECRET : appSecret;
      verifyToken = blankToNull(verifyToken) == null ? SANDBOX_VERIFY_TOKEN : verifyToken;
    } else {
      require(accessToken, "wasla.whatsapp.access-token");
      require(appSecret, "wasla.whatsapp.app-secret");
      require(verifyToken, "wasla.whatsapp.verify-token");
    }
    phoneNumberIds =
        phoneNumberIds == null
            ? java.util.List.of()
            : phoneNumberIds.stream()
                .filter(n -> n != null && !n.isBlank())
                .map(String::strip)
                .toList();
    for (String number : phoneNumberIds) {
      if (!number.matches("[0-9]{1,64}")) {
        throw new IllegalArgumentException(
            "wasla.whatsapp.phone-number-ids: a phone number id is digits, got " + number);
      }
    }
    if (sendAttempts < 1) {
      throw new IllegalArgumentException("wasla.whatsapp.send-attempts must be at least 1");
    }
    if (messagesPerSecond < 1 || messagesPerSecond > 1_000_000) {
      throw new IllegalArgumentException(
          "wasla.whatsapp.messages-per-second must be between 1 and 1000000");
    }
  }

  public boolean sandbox() {
    return mode == Mode.SANDBOX;
  }

  private static void require(String value, String key) {
    if (blankToNull(value) == null) {
      throw new IllegalArgumentException(key + " is required when wasla.whatsapp.mode=cloud");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  @Override
  public String toString() {
    return "WhatsAppProperties[mode="
        + mode
        + ", apiBaseUrl="
        + apiBaseUrl
        + ", accessToken="
        + (accessToken == null ? "none" : "***")
        + ", appSecret=***, verifyToken=***, sendAttempts="
        + sendAttempts
        + "]";
  }
}
