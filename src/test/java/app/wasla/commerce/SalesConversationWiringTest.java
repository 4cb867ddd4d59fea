package app.wasla.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import app.wasla.commerce.payment.Payments;
import app.wasla.conversation.ConversationVariables;
import app.wasla.conversation.Inbox;
import app.wasla.conversation.Mailbox;
import app.wasla.support.FlowTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * processes/sales-conversation.bpmn calling the sales flows: the called flows share the business
 * key, the correlations by business key reach them, and the customer gets one answer per question.
 */
@FlowTest
class SalesConversationWiringTest {

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired Inbox inbox;
  @Autowired app.wasla.crm.CustomerMemory customers;
  @Autowired app.wasla.webhook.Subscriptions subscriptions;

  SalesFlowTestSupport conversation;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
  }

  private ProcessInstance start(String text) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(ConversationVariables.CONVERSATION_KEY, conversation.key);
    variables.put(ConversationVariables.CUSTOMER_NAME, "Mariam");
    variables.put(ConversationVariables.TURN_TEXT, text);
    variables.put(ConversationVariables.REPLY_ID, null);
    variables.put(ConversationVariables.TURN_SEQ, 1L);
    return runtimeService()
        .startProcessInstanceByKey("sales-conversation", conversation.key, variables);
  }

  /** Runs due jobs of every instance of the conversation (the main flow and the called ones). */
  private void runDueJobs() {
    for (int i = 0; i < 50; i++) {
      List<String> ids =
          runtimeService()
              .createProcessInstanceQuery()
              .processInstanceBusinessKey(conversation.key)
              .list()
              .stream()
              .map(ProcessInstance::getId)
              .toList();
      List<Job> due =
          ids.isEmpty()
              ? List.of()
              : managementService()
                  .createJobQuery()
                  .processInstanceIds(new java.util.HashSet<>(ids))
                  .executable()
                  .list()
                  .stream()
                  .filter(
                      j -> j.getDuedate() == null || !j.getDuedate().after(new java.util.Date()))
                  .toList();
      if (due.isEmpty()) {
        return;
      }
      managementService().executeJob(due.get(0).getId());
    }
    throw new IllegalStateException("jobs keep coming");
  }

  private void correlate(String messageName, String text, String replyId) {
    Map<String, Object> variables = new HashMap<>();
    if (text != null) {
      variables.put(ConversationVariables.TURN_TEXT, text);
      variables.put(ConversationVariables.REPLY_ID, replyId);
    }
    runtimeService()
        .createMessageCorrelation(messageName)
        .processInstanceBusinessKey(conversation.key)
        .setVariables(variables)
        .correlate();
  }

  @Test
  void aPriceQuestionInTheMainFlowRunsOrderAndPayAndComesBackAfterPayment() {
    conversation = new SalesFlowTestSupport(inbox, jdbc);
    subscriptions.create(
        "http://127.0.0.1:9/backend",
        List.of("order.created", "payment.succeeded"),
        "sales events for the wiring test",
        true);
    ProcessInstance main = start("بكام الايفون 15؟");
    runDueJobs();

    assertThat(main)
        .hasPassed("serviceTask_loadSmartInfo", "serviceTask_reply")
        .isWaitingAt("callActivity_orderAndPay");
    assertThat(main)
        .variables()
        .containsEntry("intent", "product_inquiry")
        .containsEntry("smartOrders", 0);
    // the persona's reply, then the flow's price and stock with buttons
    // one answer: the persona reads the question, order-and-pay answers it with live stock
    assertThat(conversation.sentTexts()).hasSize(1).last().asString().contains("47,999 جنيه");

    for (String tap :
        new String[] {
          "sales_order:IP15-128",
          "checkout_qty:1",
          "checkout_pickup",
          "checkout_branch:CAI",
          "checkout_confirm",
          "pay_online"
        }) {
      correlate(Mailbox.CUSTOMER_MESSAGE, tap, tap);
      runDueJobs();
    }
    // the offer, five checkout questions (quantity, delivery or pickup, branch, summary, how to
    // pay), the link
    assertThat(conversation.sentTexts())
        .hasSize(7)
        .last()
        .asString()
        .containsPattern("/pay/sandbox/PAY-[A-Z2-7]{26}");
    correlate(Payments.PAYMENT_RECEIVED, null, null);
    runDueJobs();

    assertThat(main)
        .hasPassed("callActivity_orderAndPay")
        .isWaitingAt("catchEvent_customerMessage");
    assertThat(main)
        .variables()
        .containsEntry("salesOutcome", "paid")
        .containsEntry("orderStatus", "PAID");
    // the confirmation, then the invoice
    assertThat(conversation.sentTexts())
        .hasSize(9)
        .last()
        .asString()
        .contains("[document: invoice-");
    assertThat(conversation.sentTexts().get(7)).contains("وصلنا الدفع");
    // the customer's memory and the outbound webhooks heard of the order and the payment
    var profile = customers.find(conversation.key).orElseThrow();
    assertThat(profile.orders()).isEqualTo(1);
    assertThat(profile.totalSpend()).isEqualByComparingTo("47999");
    assertThat(
            jdbc.sql("SELECT event_type FROM webhook_event WHERE conversation_key = ? ORDER BY seq")
                .param(conversation.key)
                .query(String.class)
                .list())
        .containsSubsequence("order.created", "payment.succeeded");
  }

  @Test
  void aSalesFlowGetsOnlyWhatItReadsAndItsSendsNeverTakeTheKeyOfALaterReply() {
    conversation = new SalesFlowTestSupport(inbox, jdbc);
    ProcessInstance main = start("السلام عليكم");
    correlate(Mailbox.CUSTOMER_MESSAGE, "thanks a lot", null);
    correlate(Mailbox.CUSTOMER_MESSAGE, "what are your opening hours?", null);
    // three replies of the main flow; then order-and-pay answers a price question and, to free text
    // instead of
    // a button, its persona answers while the offer stays open: two sends of the called flow; then
    // the offer times out
    correlate(Mailbox.CUSTOMER_MESSAGE, "بكام الايفون 15؟", null);
    runDueJobs();
    correlate(Mailbox.CUSTOMER_MESSAGE, "شكرا جزيلا", null);
    runDueJobs();
    String called =
        historyService()
            .createHistoricProcessInstanceQuery()
            .superProcessInstanceId(main.getId())
            .singleResult()
            .getId();
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService()
        .executeJob(
            org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService()
                .createJobQuery()
                .processInstanceId(called)
                .activityId("timer_decision")
                .singleResult()
                .getId());
    runDueJobs();
    assertThat(main)
        .hasPassed("callActivity_orderAndPay")
        .isWaitingAt("catchEvent_customerMessage");
    // the conversation's Smart Info stays in the main flow, not copied into every sales flow it
    // calls
    assertThat(
            historyService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(called)
                .variableName("smartOrders")
                .count())
        .isZero();
    assertThat(
            historyService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(called)
                .variableName("language")
                .count())
        .isEqualTo(1);

    correlate(Mailbox.CUSTOMER_MESSAGE, "مساء الخير", null);

    // the send counter went into the called flow and came back: the main flow's next reply has a
    // key of its
    // own (counting from 0 there, the called flow would have handed back 2, and this reply would
    // have reused
    // the key of the main flow's third and never been sent)
    assertThat(conversation.sentTexts()).hasSize(6);
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(DISTINCT idempotency_key) FROM outbound_message WHERE conversation_key = ?")
                .param(conversation.key)
                .query(Long.class)
                .single())
        .isEqualTo(conversation.sentTypesAndTexts().size()); // the texts and the offer's photo
  }

  @Test
  void withTheDemoStoreAPriceQuestionIsAnsweredInItsOwnTurnWithoutAJob() {
    conversation = new SalesFlowTestSupport(inbox, jdbc);
    ProcessInstance main = start("بكام الايفون 15؟");

    // no job stepped: the stock lookup ran in the transaction of the turn that asked
    assertThat(conversation.sentTexts()).hasSize(1).last().asString().contains("47,999 جنيه");
    String called =
        historyService()
            .createHistoricProcessInstanceQuery()
            .superProcessInstanceId(main.getId())
            .singleResult()
            .getId();
    assertThat(
            historyService()
                .createHistoricActivityInstanceQuery()
                .processInstanceId(called)
                .activityId("serviceTask_lookUpStock")
                .count())
        .isEqualTo(1);
    // nothing could have waited for a job: the demo store's lookup has no job definition
    assertThat(
            managementService()
                .createJobDefinitionQuery()
                .processDefinitionId(
                    historyService()
                        .createHistoricProcessInstanceQuery()
                        .processInstanceId(called)
                        .singleResult()
                        .getProcessDefinitionId())
                .activityIdIn("serviceTask_lookUpStock")
                .count())
        .isZero();
    runtimeService().deleteProcessInstance(main.getId(), "test done");
  }

  @Test
  void talkToSomeoneInTheSalesFlowHandsOffWithFreshSmartInfo() {
    conversation = new SalesFlowTestSupport(inbox, jdbc, "201001234567");
    ProcessInstance main = start("how much is the galaxy s24?");
    runDueJobs();
    assertThat(main).isWaitingAt("callActivity_orderAndPay");

    correlate(Mailbox.CUSTOMER_MESSAGE, "Talk to someone", "sales_human");
    runDueJobs();

    assertThat(main).isWaitingAt("userTask_handoff");
    assertThat(main)
        .variables()
        .containsEntry("handoff", true)
        .containsEntry("smartOrders", 2)
        .containsEntry("smartLastOrder", "ORD-12002 · Anker 20W USB-C Charger · SHIPPED");
    runtimeService().deleteProcessInstance(main.getId(), "test done");
  }

  @Test
  void anOrderStatusQuestionIsAnsweredFromTheBackendAndTheConversationGoesOn() {
    conversation = new SalesFlowTestSupport(inbox, jdbc, "201001234567");
    ProcessInstance main = start("where is my order ORD-12002?");
    runDueJobs();

    assertThat(main)
        .hasPassed("callActivity_orderTracking")
        .isWaitingAt("catchEvent_customerMessage");
    assertThat(conversation.sentTexts())
        .last()
        .asString()
        .contains("ORD-12002")
        .contains("BOSTA-7790415");
    runtimeService().deleteProcessInstance(main.getId(), "test done");
  }

  @Test
  void aRepairAppointmentRequestIsServedByTheBookingFlowAndTappingABranchMovesOn() {
    conversation = new SalesFlowTestSupport(inbox, jdbc);
    ProcessInstance main = start("أريد حجز موعد لإصلاح الهاتف يوم الخميس");
    runDueJobs();
    assertThat(main).isWaitingAt("callActivity_bookingChange");
    assertThat(conversation.sentTexts())
        .hasSize(1)
        .last()
        .asString()
        .contains("تغيير بطارية سامسونج");

    correlate(Mailbox.CUSTOMER_MESSAGE, "تغيير بطارية سامسونج", "service:BATTERY_SAMSUNG");
    runDueJobs();
    correlate(Mailbox.CUSTOMER_MESSAGE, "القاهرة (مدينة نصر)", "branch:CAI");
    runDueJobs();

    assertThat(conversation.sentTexts())
        .hasSize(3)
        .last()
        .asString()
        .contains("الخميس")
        .contains("[المواعيد")
        .doesNotContain("فرع");
    runtimeService().deleteProcessInstance(main.getId(), "test done");
  }

  @Test
  void aProductOrderedMidBookingIsAnsweredInTheSameTurnByTheOrderFlow() {
    conversation = new SalesFlowTestSupport(inbox, jdbc);
    ProcessInstance main = start("I want to book a repair appointment");
    runDueJobs();
    assertThat(main).isWaitingAt("callActivity_bookingChange");

    // a price asked aside is answered inside the booking, which goes on
    correlate(Mailbox.CUSTOMER_MESSAGE, "how much is the iPhone 15?", null);
    runDueJobs();
    assertThat(main).isWaitingAt("callActivity_bookingChange");
    List<String> aside = conversation.sentTexts();
    assertThat(aside.get(aside.size() - 2)).contains("47,999");
    assertThat(aside.get(aside.size() - 1)).contains("Which service?");

    // a product ordered ends the booking; the order flow answers in the same turn
    correlate(Mailbox.CUSTOMER_MESSAGE, "I want to order the Anker 20W charger", null);
    runDueJobs();

    assertThat(main)
        .hasPassed("callActivity_bookingChange")
        .isWaitingAt("callActivity_orderAndPay");
    List<String> sent = conversation.sentTexts();
    assertThat(sent.get(sent.size() - 2)).contains("isn't booked yet");
    assertThat(sent.get(sent.size() - 1)).contains("899");
    runtimeService().deleteProcessInstance(main.getId(), "test done");
  }
}
