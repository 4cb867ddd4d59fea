package app.wasla.commerce;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wasla.commerce.*}: which backend and payment gateway, their endpoints and secrets, and the
 * sales flows' timers. Secrets have no defaults (the sandbox's has a dev value) and are left out of
 * toString().
 */
@ConfigurationProperties("wasla.commerce")
public record CommerceProperties(
    /* demo (Wasla's own tables) or http (the business's backend, see docs/commerce-backend.openapi.yaml) */
    @DefaultValue("demo") String backend,
    @DefaultValue Http http,
    /* sandbox, paymob or stripe */
    @DefaultValue("sandbox") String paymentProvider,
    /* where gateways send the customer back and the sandbox pay page lives, e.g. https://shop.example */
    @DefaultValue("http://localhost:8080") String publicBaseUrl,
    @DefaultValue Timers timers,
    @DefaultValue Checkout checkout,
    @DefaultValue Sandbox sandbox,
    @DefaultValue Paymob paymob,
    @DefaultValue Stripe stripe,
    /* a product's photo (its imageUrl) is sent with an offer */
    @DefaultValue("true") boolean productPhotos,
    @DefaultValue Shop shop) {

  public CommerceProperties {
    if (!"demo".equals(backend) && !"http".equals(backend)) {
      throw new IllegalArgumentException(
          "wasla.commerce.backend must be demo or http, not " + backend);
    }
  }

  /** The shop as its invoices name it, in English and Arabic. */
  public record Shop(
      @DefaultValue("Nile Store") String name, @DefaultValue("متجر النيل") String nameAr) {}

  /** The business's backend. */
  public record Http(
      String baseUrl,
      @DefaultValue("Authorization") String authHeader,
      String authValue,
      @DefaultValue("3s") Duration connectTimeout,
      @DefaultValue("10s") Duration readTimeout) {
    @Override
    public String toString() {
      return "Http[baseUrl=" + baseUrl + ", authHeader=" + authHeader + ", authValue=***]";
    }
  }

  /** Durations of the sales flows' timers. */
  public record Timers(
      @DefaultValue("PT30M") Duration decision,
      @DefaultValue("PT30M") Duration paymentReminder,
      @DefaultValue("PT2H") Duration paymentExpiry,
      @DefaultValue("PT30M") Duration slotChoice) {}

  /**
   * Checkout: delivery fees by zone (EGP), free delivery for goods above {@code freeDeliveryAbove},
   * and the most an order may cost to be paid cash on delivery. The defaults are the demo
   * playbook's (store.md: delivery-fees, payment-methods). Where a transfer goes, {@code instapay}
   * (an InstaPay address) and {@code vodafoneCash} (a wallet number), has no default: money must
   * not go to a number nobody set; without one, a customer who chooses that way is handed to a
   * person for the details.
   */
  public record Checkout(
      @DefaultValue("60") java.math.BigDecimal feeCairo,
      @DefaultValue("70") java.math.BigDecimal feeAlexandria,
      @DefaultValue("85") java.math.BigDecimal feeDelta,
      @DefaultValue("110") java.math.BigDecimal feeUpperEgypt,
      @DefaultValue("3000") java.math.BigDecimal freeDeliveryAbove,
      @DefaultValue("20000") java.math.BigDecimal codLimit,
      String instapay,
      String vodafoneCash) {}

  /**
   * The local sandbox gateway: its callbacks are signed with this secret. With real WhatsApp (cloud
   * mode) it is refused unless {@code allowInCloud} says this is a staging system, and then only
   * with a secret of its own.
   */
  public record Sandbox(
      @DefaultValue(Sandbox.DEV_SECRET) String secret,
      @DefaultValue("false") boolean allowInCloud) {

    /**
     * The public development secret: anyone who reads the code can sign a sandbox callback with it.
     */
    public static final String DEV_SECRET = "sandbox-payments-dev-secret";

    @Override
    public String toString() {
      return "Sandbox[secret=***, allowInCloud=" + allowInCloud + "]";
    }
  }

  /** Paymob (Accept): intention API and the transaction callback's HMAC secret. */
  public record Paymob(
      @DefaultValue("https://accept.paymob.com") String baseUrl,
      String secretKey,
      String publicKey,
      Long integrationId,
      String hmacSecret) {
    @Override
    public String toString() {
      return "Paymob[baseUrl=" + baseUrl + ", integrationId=" + integrationId + ", secrets=***]";
    }
  }

  /** Stripe: Checkout Sessions API key and the webhook endpoint's signing secret. */
  public record Stripe(
      @DefaultValue("https://api.stripe.com") String baseUrl,
      String apiKey,
      String webhookSecret,
      @DefaultValue("300s") Duration tolerance) {
    @Override
    public String toString() {
      return "Stripe[baseUrl=" + baseUrl + ", tolerance=" + tolerance + ", secrets=***]";
    }
  }
}
