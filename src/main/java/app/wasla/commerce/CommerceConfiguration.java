package app.wasla.commerce;

import app.wasla.channel.whatsapp.WhatsAppProperties;
import app.wasla.commerce.demo.DemoBackend;
import app.wasla.commerce.http.HttpBackend;
import app.wasla.commerce.payment.PaymentGateway;
import app.wasla.commerce.payment.Payments;
import app.wasla.commerce.payment.PaymobGateway;
import app.wasla.commerce.payment.SandboxGateway;
import app.wasla.commerce.payment.StripeGateway;
import app.wasla.conversation.Mailbox;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the backend chosen by {@code wasla.commerce.backend} and the payment gateways. */
@Configuration(proxyBeanMethods = false)
class CommerceConfiguration {

  private static final Logger log = LoggerFactory.getLogger(CommerceConfiguration.class);

  /** The demo store in Wasla's own tables (the default). It serves all four ports. */
  /** The delivery zones and fees that checkout charges (wasla.commerce.checkout.*). */
  @Bean
  app.wasla.commerce.order.DeliveryZones deliveryZones(CommerceProperties props) {
    CommerceProperties.Checkout c = props.checkout();
    return new app.wasla.commerce.order.DeliveryZones(
        c.feeCairo(), c.feeAlexandria(), c.feeDelta(), c.feeUpperEgypt(), c.freeDeliveryAbove());
  }

  @Bean
  @ConditionalOnProperty(
      name = "wasla.commerce.backend",
      havingValue = "demo",
      matchIfMissing = true)
  DemoBackend demoBackend(JdbcClient jdbc, Clock clock, CommerceProperties props) {
    return new DemoBackend(jdbc, clock, props.publicBaseUrl());
  }

  /** The business's backend over HTTP. It serves all four ports. */
  @Bean
  @ConditionalOnProperty(name = "wasla.commerce.backend", havingValue = "http")
  HttpBackend httpBackend(CommerceProperties props) {
    return new HttpBackend(new OkHttpClient(), props.http());
  }

  @Bean
  SandboxGateway sandboxGateway(CommerceProperties props) {
    return new SandboxGateway(props.sandbox().secret(), props.publicBaseUrl());
  }

  @Bean
  Payments payments(
      CommerceProperties props,
      JdbcClient jdbc,
      SandboxGateway sandbox,
      Mailbox mailbox,
      TransactionTemplate transactions,
      Clock clock,
      WhatsAppProperties whatsApp) {
    if (!whatsApp.sandbox() && "sandbox".equals(props.paymentProvider())) {
      requireStagingSandbox(props.sandbox());
      log.warn(
          "wasla.commerce.payment-provider=sandbox with real WhatsApp (wasla.commerce.sandbox.allow-in-cloud):"
              + " anyone with a pay link can mark its order paid. A staging system only.");
    }
    OkHttpClient http =
        new OkHttpClient.Builder().callTimeout(java.time.Duration.ofSeconds(20)).build();
    Map<String, PaymentGateway> gateways = new LinkedHashMap<>();
    // the sandbox's dev secret is public: its callbacks are accepted only while it is the chosen
    // gateway
    if ("sandbox".equals(props.paymentProvider())) {
      gateways.put("sandbox", sandbox);
    }
    if (props.paymob().hmacSecret() != null || "paymob".equals(props.paymentProvider())) {
      gateways.put("paymob", new PaymobGateway(http, props.paymob(), props.publicBaseUrl()));
    }
    if (props.stripe().webhookSecret() != null || "stripe".equals(props.paymentProvider())) {
      gateways.put("stripe", new StripeGateway(http, props.stripe(), props.publicBaseUrl(), clock));
    }
    PaymentGateway current = gateways.get(props.paymentProvider());
    if (current == null) {
      throw new IllegalStateException(
          "wasla.commerce.payment-provider must be sandbox, paymob or stripe");
    }
    return new Payments(jdbc, current, gateways, mailbox, transactions, clock);
  }

  /**
   * Cloud mode sells for real: the sandbox gateway, whose pay page marks an order paid for anyone
   * holding the link, is a staging choice that must be made explicitly, and never with the public
   * development secret.
   */
  static void requireStagingSandbox(CommerceProperties.Sandbox sandbox) {
    if (!sandbox.allowInCloud()) {
      throw new IllegalStateException(
          "wasla.whatsapp.mode=cloud refuses the sandbox payment gateway (anyone with a"
              + " pay link could mark an order paid): set wasla.commerce.payment-provider=paymob|stripe with their keys,"
              + " or for a staging system wasla.commerce.sandbox.allow-in-cloud=true with a non-default"
              + " wasla.commerce.sandbox.secret");
    }
    if (sandbox.secret() == null
        || sandbox.secret().isBlank()
        || CommerceProperties.Sandbox.DEV_SECRET.equals(sandbox.secret())) {
      throw new IllegalStateException(
          "wasla.commerce.sandbox.allow-in-cloud=true needs a non-default"
              + " wasla.commerce.sandbox.secret: the development secret is public, and anyone could sign a sandbox"
              + " payment callback with it");
    }
    if (sandbox.secret().length() < 16) {
      throw new IllegalStateException(
          "wasla.commerce.sandbox.secret must be at least 16 characters in cloud mode:"
              + " it signs the sandbox's payment callbacks");
    }
  }
}
