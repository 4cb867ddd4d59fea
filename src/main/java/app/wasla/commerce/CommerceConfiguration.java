package app.wasla.commerce;

import app.wasla.commerce.demo.DemoBackend;
import app.wasla.commerce.http.HttpBackend;
import app.wasla.commerce.payment.PaymentGateway;
import app.wasla.commerce.payment.Payments;
import app.wasla.commerce.payment.PaymobGateway;
import app.wasla.commerce.payment.SandboxGateway;
import app.wasla.commerce.payment.StripeGateway;
import app.wasla.channel.whatsapp.WhatsAppProperties;
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
  @Bean
  @ConditionalOnProperty(name = "wasla.commerce.backend", havingValue = "demo", matchIfMissing = true)
  DemoBackend demoBackend(JdbcClient jdbc, Clock clock) {
    return new DemoBackend(jdbc, clock);
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
  Payments payments(CommerceProperties props, JdbcClient jdbc, SandboxGateway sandbox, Mailbox mailbox,
      TransactionTemplate transactions, Clock clock, WhatsAppProperties whatsApp) {
    if (!whatsApp.sandbox() && "sandbox".equals(props.paymentProvider())) {
      // not refused, so that a cloud-mode trial without a gateway still starts; but it must be seen
      log.warn("wasla.commerce.payment-provider=sandbox with real WhatsApp: anyone with a pay link can mark its"
          + " order paid. Set paymob or stripe before selling.");
    }
    OkHttpClient http = new OkHttpClient.Builder().callTimeout(java.time.Duration.ofSeconds(20)).build();
    Map<String, PaymentGateway> gateways = new LinkedHashMap<>();
    // the sandbox's dev secret is public: its callbacks are accepted only while it is the chosen gateway
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
      throw new IllegalStateException("wasla.commerce.payment-provider must be sandbox, paymob or stripe");
    }
    return new Payments(jdbc, current, gateways, mailbox, transactions, clock);
  }

}
