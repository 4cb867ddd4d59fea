package app.wasla.commerce;

import app.wasla.commerce.payment.PaymentSignaturesTest;
import app.wasla.support.Webhooks;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The embedded default over real HTTP (H2, sandbox WhatsApp, demo store, mailbox and job executor
 * running) with every payment gateway's callback secret set: the classes so annotated share one
 * application context and its database, each with customers, orders and payments of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:commerce-e2e;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
      "wasla.whatsapp.app-secret=" + Webhooks.APP_SECRET,
      "wasla.commerce.sandbox.secret=" + CommerceNodeTest.SANDBOX_SECRET,
      "wasla.commerce.paymob.hmac-secret=" + PaymentSignaturesTest.PAYMOB_SECRET,
      "wasla.commerce.stripe.webhook-secret=" + CommerceNodeTest.STRIPE_SECRET
    })
public @interface CommerceNodeTest {

  /** The sandbox gateway's callback secret. */
  String SANDBOX_SECRET = "e2e-sandbox-secret";

  /** Stripe's webhook signing secret. */
  String STRIPE_SECRET = "whsec_e2e";
}
