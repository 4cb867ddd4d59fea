package app.wasla.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import app.wasla.commerce.smartinfo.LoadSmartInfoDelegate;
import app.wasla.conversation.Inbox;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * processes/order-tracking.bpmn and the Smart Info delegate, on the demo store; jobs stepped by the
 * test (the booking flow: {@link BookingProcessScenarios}).
 */
// a context of its own, not support/FlowTest: it reads the demo customer's figures as seeded, and
// the flow tests that share a database place and pay orders as that customer
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:booking-tracking;DB_CLOSE_DELAY=-1",
      "camunda.bpm.job-execution.enabled=false",
      "wasla.mailbox.enabled=false"
    })
class BookingAndTrackingProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired Inbox inbox;
  @Autowired LoadSmartInfoDelegate smartInfo;

  SalesFlowTestSupport conversation;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    conversation = new SalesFlowTestSupport(inbox, jdbc);
  }

  @Test
  void theDemoCustomersOrderStatusComesFromTheBackend() {
    SalesFlowTestSupport demo = new SalesFlowTestSupport(inbox, jdbc, "201001234567");
    ProcessInstance instance =
        demo.start("order-tracking", "فين الاوردر ORD-١٢٠٠٢؟", "ar-EG", "order_status");
    conversation.runDueJobs(instance);

    assertThat(instance).hasPassed("serviceTask_trackOrder").isEnded();
    assertThat(demo.sentTexts())
        .last()
        .asString()
        .contains("ORD-12002")
        .contains("اتشحن")
        .contains("BOSTA-7790415");
  }

  @Test
  void someoneElsesOrderNumberIsNotRevealed() {
    ProcessInstance instance =
        conversation.start("order-tracking", "where is ORD-12001", "en", "order_status");
    conversation.runDueJobs(instance);

    // on another number: said so (never "send me the order number", which was just sent), no
    // detail of it, a person offered
    assertThat(conversation.sentTexts())
        .singleElement()
        .asString()
        .contains("ORD-12001 is registered to another number")
        .contains("Talk to a person")
        .doesNotContain("Send me the order number")
        .doesNotContain("Galaxy")
        .doesNotContain("delivered");
  }

  @Test
  void someoneElsesOrderNumberSentAgainIsNotAskedForAgainInArabizi() {
    ProcessInstance instance =
        conversation.start("order-tracking", "ORD-12002 wesel fen", "arabizi", "order_status");
    conversation.runDueJobs(instance);

    assertThat(conversation.sentTexts())
        .singleElement()
        .asString()
        .contains("metsagel 3ala rakam tany")
        .doesNotContain("Ab3atly rakam el order")
        .doesNotContain("Bosta");
  }

  @Test
  void smartInfoLoadsASmallSummaryOfTheCustomer() {
    DelegateExecution execution = mock(DelegateExecution.class);
    when(execution.getProcessBusinessKey()).thenReturn("100000000000001:201001234567");

    smartInfo.execute(execution);

    verify(execution).setVariable(LoadSmartInfoDelegate.ORDERS, 2);
    verify(execution).setVariable(LoadSmartInfoDelegate.TOTAL_SPEND_EGP, 20398L);
    verify(execution)
        .setVariable(
            LoadSmartInfoDelegate.LAST_ORDER, "ORD-12002 · Anker 20W USB-C Charger · SHIPPED");
    verify(execution).setVariable(LoadSmartInfoDelegate.OPEN_PAYMENTS, 0);
    verify(execution).setVariable(LoadSmartInfoDelegate.OPEN_BOOKINGS, 1);
  }
}
