package app.wasla.commerce.flow;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The business's backend over HTTP with the embedded persona: a job before Smart Info, before the
 * steps that read the catalogue first in a turn, and before placing the order and before its
 * payment link, each its own.
 */
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:turns-http;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "wasla.mailbox.enabled=false",
      "wasla.commerce.backend=http",
      "wasla.commerce.http.base-url=http://127.0.0.1:9/api/v1"
    })
class TurnBoundariesHttpBackendTest extends TurnBoundariesCase {

  @Override
  Map<String, Set<String>> configured() {
    return Map.of(
        "sales-conversation",
        Set.of("serviceTask_loadSmartInfo"),
        "order-and-pay",
        Set.of(
            "serviceTask_lookUpStock",
            "serviceTask_offerTurn",
            "serviceTask_checkoutAnswer",
            "serviceTask_placeOrder",
            "serviceTask_createPaymentLink"));
  }

  @Test
  void theBackendsStepsWaitForAJobEach() {
    assertJobsAsConfigured();
  }
}
