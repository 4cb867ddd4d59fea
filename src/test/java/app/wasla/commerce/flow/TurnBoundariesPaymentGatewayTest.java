package app.wasla.commerce.flow;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The demo store with a payment gateway that is called over the network (Paymob): lookups stay in
 * the turn; placing the order and making its link are a job each, so that a link that fails is
 * tried again without placing the order again.
 */
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:turns-paymob;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "wasla.mailbox.enabled=false",
      "wasla.commerce.payment-provider=paymob",
      "wasla.commerce.paymob.base-url=http://127.0.0.1:9",
      "wasla.commerce.paymob.secret-key=test-secret",
      "wasla.commerce.paymob.public-key=test-public",
      "wasla.commerce.paymob.integration-id=1",
      "wasla.commerce.paymob.hmac-secret=test-hmac"
    })
class TurnBoundariesPaymentGatewayTest extends TurnBoundariesCase {

  @Override
  Map<String, Set<String>> configured() {
    return Map.of(
        "order-and-pay", Set.of("serviceTask_placeOrder", "serviceTask_createPaymentLink"));
  }

  @Test
  void placingTheOrderAndItsLinkWaitForAJobEach() {
    assertJobsAsConfigured();
  }
}
