package app.wasla.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import app.wasla.support.FlowTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * processes/sales-conversation.bpmn with its real delegates and the sandbox transport. The job
 * executor and the mailbox are off: the test steps every job and timer itself.
 */
@FlowTest
class SalesConversationProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired Inbox inbox;

  String key;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    key = "100000000000001:2011" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    // the customer wrote just now: the 24-hour window is open
    inbox.accept(
        new NewInboxEntry(
            "wamid.p." + key,
            ConversationKey.parse(key),
            Mailbox.CUSTOMER_MESSAGE,
            "text",
            "hi",
            null,
            null,
            null,
            null,
            "Mariam",
            null,
            null,
            java.time.Instant.now(),
            java.time.Instant.now(),
            false));
    jdbc.sql(
            "UPDATE conversation SET last_inbound_at = CURRENT_TIMESTAMP WHERE conversation_key = ?")
        .param(key)
        .update();
  }

  private ProcessInstance startWith(String text) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(ConversationVariables.CONVERSATION_KEY, key);
    variables.put(ConversationVariables.CUSTOMER_NAME, "Mariam");
    variables.put(ConversationVariables.TURN_TEXT, text);
    variables.put(ConversationVariables.TURN_SEQ, 1L);
    return runtimeService().startProcessInstanceByKey("sales-conversation", key, variables);
  }

  private void customerWrites(ProcessInstance instance, String text, String replyId) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(ConversationVariables.TURN_TEXT, text);
    variables.put(ConversationVariables.REPLY_ID, replyId);
    runtimeService()
        .createMessageCorrelation(Mailbox.CUSTOMER_MESSAGE)
        .processInstanceId(instance.getId())
        .setVariables(variables)
        .correlate();
  }

  /** What was sent, but the offers' product photos (asserted where they matter). */
  private List<String> sentTexts() {
    return jdbc.sql(
            "SELECT text FROM outbound_message WHERE conversation_key = ? AND message_type <> 'image'"
                + " ORDER BY id")
        .param(key)
        .query(String.class)
        .list();
  }

  /** The captions of the photos sent, in order. */
  private List<String> sentPhotos() {
    return jdbc.sql(
            "SELECT text FROM outbound_message WHERE conversation_key = ? AND message_type = 'image'"
                + " ORDER BY id")
        .param(key)
        .query(String.class)
        .list();
  }

  @Test
  void aNewConversationIsGreetedByThePersonaInTheCustomersLanguage() {
    ProcessInstance instance = startWith("السلام عليكم");

    // nothing in the first turn calls out (embedded persona, the demo store's tables): answered
    // while starting, no job on the way
    assertThat(instance)
        .hasPassed("serviceTask_loadSmartInfo", "serviceTask_reply")
        .isWaitingAt("catchEvent_customerMessage");
    assertThat(noJobBoundary()).isTrue();
    assertThat(instance)
        .variables()
        .containsEntry("intent", "greeting")
        .containsEntry("handoff", false)
        .containsKeys("sentiment", "sentimentScore", "intentConfidence", "language");
    assertThat((String) runtimeService().getVariable(instance.getId(), "language"))
        .startsWith("ar");
    List<String> sent = sentTexts();
    assertThat(sent).hasSize(1);
    // in Arabic, without the Latin-script profile name "Mariam" inside the Arabic sentence
    assertThat(sent.get(0)).doesNotContain("Mariam").matches("(?s).*[\\u0600-\\u06FF].*");
    assertThat(
            jdbc.sql("SELECT message_type FROM outbound_message WHERE conversation_key = ?")
                .param(key)
                .query(String.class)
                .single())
        .isEqualTo("interactive");
  }

  @Test
  void eachCustomerMessageGetsItsOwnReplyFromThePersona() {
    ProcessInstance instance = startWith("hello");

    // later turns are answered in the correlating transaction (embedded persona): no job in between
    customerWrites(instance, "do you deliver to Alexandria?", null);
    assertThat(instance).isWaitingAt("catchEvent_customerMessage");
    assertThat(sentTexts()).hasSize(2);
    customerWrites(instance, "شكرا جزيلا يا نور", null);

    assertThat(instance).isWaitingAt("catchEvent_customerMessage");
    assertThat(instance)
        .variables()
        .containsEntry("intent", "thanks_goodbye")
        .containsEntry("language", "ar-EG");
    List<String> sent = sentTexts();
    assertThat(sent).hasSize(3);
    assertThat(sent.get(1)).contains("Alexandria");
    assertThat(sent.get(2)).matches("(?s).*[\\u0600-\\u06FF].*");
    assertThat(runtimeService().getVariable(instance.getId(), ConversationVariables.SEND_SEQ))
        .isEqualTo(3L);
  }

  @Test
  void aSalesQuestionIsAnsweredOnceByTheSalesFlowNotTwice() {
    ProcessInstance instance = startWith("hello");

    customerWrites(instance, "بكام سماعة ايربودز؟", null);

    assertThat(instance).isWaitingAt("callActivity_orderAndPay");
    assertThat(instance).variables().containsEntry("intent", "product_inquiry");
    ProcessInstance orderAndPay =
        runtimeService()
            .createProcessInstanceQuery()
            .superProcessInstanceId(instance.getId())
            .singleResult();
    assertThat(orderAndPay.getBusinessKey()).isEqualTo(key);
    execute(job(orderAndPay));
    List<String> sent = sentTexts();
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1)).contains("جنيه");
    // the offer came with the product's photo
    assertThat(sentPhotos()).containsExactly("إيربودز برو ٢");
  }

  /**
   * A turn whose first delivery failed is answered in the correlating transaction too: the
   * mailbox's own retries, and their incident, handle a turn that keeps failing (MailboxScenarios).
   */
  @Test
  void aTurnWhoseDeliveryFailedBeforeIsAnsweredAtOnceToo() {
    ProcessInstance instance = startWith("hello");

    Map<String, Object> variables = new HashMap<>();
    variables.put(ConversationVariables.TURN_TEXT, "do you deliver to Alexandria?");
    variables.put(
        ConversationVariables.TURN_RETRY,
        org.camunda.bpm.engine.variable.Variables.booleanValue(true, true));
    runtimeService()
        .createMessageCorrelation(Mailbox.CUSTOMER_MESSAGE)
        .processInstanceId(instance.getId())
        .setVariables(variables)
        .correlate();

    assertThat(instance).isWaitingAt("catchEvent_customerMessage");
    assertThat(sentTexts()).hasSize(2);
    assertThat(
            BpmnAwareTests.managementService()
                .createJobQuery()
                .processInstanceId(instance.getId())
                .count())
        .isZero();
    // transient: never stored
    assertThat(runtimeService().getVariable(instance.getId(), ConversationVariables.TURN_RETRY))
        .isNull();
  }

  /**
   * No job boundary in the sales conversation's turn with the embedded persona and the demo store:
   * no job definition at its Smart Info or persona step, so no turn can have waited for a job.
   */
  private boolean noJobBoundary() {
    return BpmnAwareTests.managementService()
            .createJobDefinitionQuery()
            .processDefinitionKey("sales-conversation")
            .activityIdIn("serviceTask_loadSmartInfo", "serviceTask_reply")
            .count()
        == 0;
  }

  @Test
  void aTurnLeavesNoTimerJobBehind() {
    ProcessInstance instance = startWith("hi");
    customerWrites(instance, "what are your opening hours?", null);

    assertThat(instance).isWaitingAt("catchEvent_customerMessage");
    // what a turn leaves in the engine: the wait state (a scope: its execution and its
    // subscription); nothing for
    // the inactivity timeout, which was a timer job and an event-based gateway, created anew on
    // every turn
    assertThat(
            BpmnAwareTests.managementService()
                .createJobQuery()
                .processInstanceId(instance.getId())
                .count())
        .isZero();
    assertThat(runtimeService().createExecutionQuery().processInstanceId(instance.getId()).count())
        .isEqualTo(2);
    assertThat(
            runtimeService()
                .createEventSubscriptionQuery()
                .processInstanceId(instance.getId())
                .eventName(Mailbox.CUSTOMER_MESSAGE)
                .count())
        .isEqualTo(1);
  }

  @Test
  void aSilentConversationClosesOnceItHasRestedLongerThanTheInactivityTimeout(
      @Autowired SilentConversations silent, @Autowired MailboxProperties props) {
    ProcessInstance instance = startWith("hi");
    // delivered (the mailbox is off here); a pending message would keep the conversation open
    jdbc.sql("UPDATE inbox_message SET status = 'DELIVERED' WHERE conversation_key = ?")
        .param(key)
        .update();
    java.time.Instant now = java.time.Instant.now();

    silent.closeSilent(now.plus(props.inactivityTimeout()).minusSeconds(60));
    assertThat(instance).isWaitingAt("catchEvent_customerMessage");

    silent.closeSilent(now.plus(props.inactivityTimeout()).plusSeconds(60));
    assertThat(instance)
        .hasPassed("startEvent_customerSilent", "endEvent_conversationClosed")
        .isEnded();
    assertThat(sentTexts()).hasSize(1);
  }

  @Test
  void aFlowThatMarksAWaitButCannotBeClosedDoesNotStopTheOthersFromClosing(
      @Autowired SilentConversations silent, @Autowired MailboxProperties props) {
    // an analyst's flow: a wait marked closesWhenSilent, but no "Customer went silent" event
    // subprocess
    BpmnAwareTests.repositoryService()
        .createDeployment()
        .addString(
            "marked-only.bpmn",
            """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="test">
          <message id="m" name="CustomerMessage" />
          <process id="markedOnly" isExecutable="true" camunda:historyTimeToLive="P1D">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <intermediateCatchEvent id="wait">
              <extensionElements><camunda:properties>
                <camunda:property name="closesWhenSilent" value="true" />
              </camunda:properties></extensionElements>
              <messageEventDefinition messageRef="m" />
            </intermediateCatchEvent>
            <sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>""")
        .deploy();
    ProcessInstance unclosable =
        runtimeService()
            .startProcessInstanceByKey(
                "markedOnly",
                "100000000000001:2015"
                    + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999));
    ProcessInstance sales = startWith("hi");
    jdbc.sql("UPDATE inbox_message SET status = 'DELIVERED' WHERE conversation_key = ?")
        .param(key)
        .update();
    java.time.Instant later =
        java.time.Instant.now().plus(props.inactivityTimeout()).plusSeconds(60);

    silent.closeSilent(later);
    silent.closeSilent(later);

    assertThat(unclosable).isWaitingAt("wait");
    assertThat(sales).hasPassed("endEvent_conversationClosed").isEnded();
  }

  @Test
  void aConversationWithAMessageWaitingIsNotClosedForSilence(
      @Autowired SilentConversations silent, @Autowired MailboxProperties props) {
    ProcessInstance instance = startWith("hi");
    // setUp's message is still pending: the mailbox (off here) has not delivered it yet

    silent.closeSilent(java.time.Instant.now().plus(props.inactivityTimeout()).plusSeconds(60));

    assertThat(instance).isWaitingAt("catchEvent_customerMessage");
  }

  @Test
  void aRetriedTurnDoesNotSendTwice() {
    Map<String, Object> variables = new HashMap<>();
    variables.put(ConversationVariables.CONVERSATION_KEY, key);
    variables.put(ConversationVariables.TURN_TEXT, "hi");
    // the mailbox's first attempt at this turn failed: answered at once all the same
    variables.put(
        ConversationVariables.TURN_RETRY,
        org.camunda.bpm.engine.variable.Variables.booleanValue(true, true));
    ProcessInstance instance =
        runtimeService().startProcessInstanceByKey("sales-conversation", key, variables);
    assertThat(instance).isWaitingAt("catchEvent_customerMessage");
    // A second run of the same send (as after a crash between send and commit) finds the first one.
    String idempotencyKey = instance.getId() + ":1";
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM outbound_message WHERE idempotency_key = ?")
                .param(idempotencyKey)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  // ---- a called sales flow ends because the customer changed topic: the conversation serves it in
  // that turn

  /**
   * The demo store's returning customer (ORD-12001, ORD-12002), who writes a numbered turn each
   * time; whatever flows of it an earlier test left (this class's or another's in the shared
   * database, support/FlowTest) are gone first.
   */
  private ProcessInstance demoCustomerStarts(String text) {
    key = "100000000000001:201001234567";
    inbox.accept(
        new NewInboxEntry(
            "wamid.p." + key + System.nanoTime(),
            ConversationKey.parse(key),
            Mailbox.CUSTOMER_MESSAGE,
            "text",
            "hi",
            null,
            null,
            null,
            null,
            "Mariam",
            null,
            null,
            java.time.Instant.now(),
            java.time.Instant.now(),
            false));
    jdbc.sql(
            "UPDATE conversation SET last_inbound_at = CURRENT_TIMESTAMP WHERE conversation_key = ?")
        .param(key)
        .update();
    jdbc.sql("DELETE FROM outbound_message WHERE conversation_key = ?").param(key).update();
    for (ProcessInstance earlier :
        runtimeService()
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(key)
            .rootProcessInstances()
            .list()) {
      runtimeService().deleteProcessInstance(earlier.getId(), "a test starts afresh");
    }
    return startWith(text);
  }

  private long turn = 1;

  /**
   * A customer turn as the mailbox delivers it (to whichever instance of the conversation waits),
   * numbered.
   */
  private void customerTurn(String text, String replyId) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(ConversationVariables.TURN_TEXT, text);
    variables.put(ConversationVariables.REPLY_ID, replyId);
    variables.put(ConversationVariables.TURN_SEQ, ++turn);
    runtimeService()
        .createMessageCorrelation(Mailbox.CUSTOMER_MESSAGE)
        .processInstanceBusinessKey(key)
        .setVariables(variables)
        .correlate();
    runDueJobs();
  }

  private void runDueJobs() {
    for (int i = 0; i < 50; i++) {
      List<String> ids =
          runtimeService()
              .createProcessInstanceQuery()
              .processInstanceBusinessKey(key)
              .list()
              .stream()
              .map(ProcessInstance::getId)
              .toList();
      List<Job> due =
          ids.isEmpty()
              ? List.of()
              : BpmnAwareTests.managementService()
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
      BpmnAwareTests.managementService().executeJob(due.get(0).getId());
    }
    throw new IllegalStateException("jobs keep coming");
  }

  /** The flows of this name that the conversation called. */
  private long calls(ProcessInstance main, String flow) {
    return BpmnAwareTests.historyService()
        .createHistoricProcessInstanceQuery()
        .superProcessInstanceId(main.getId())
        .processDefinitionKey(flow)
        .count();
  }

  @Test
  void anOrderStatusQuestionWhileAnOfferIsOpenIsAnsweredInTheSameTurnAndTheOfferStaysOpen() {
    ProcessInstance main = demoCustomerStarts("how much are the airpods pro?");
    runDueJobs();
    assertThat(main).isWaitingAt("callActivity_orderAndPay");
    int before = sentTexts().size();

    customerTurn("where is my order ORD-12002?", null);

    // the offer's wait hears the question and answers it in the same turn; nothing promised is left
    // hanging
    List<String> replies = sentTexts().subList(before, sentTexts().size());
    assertThat(String.join("\n", replies)).contains("ORD-12002").contains("BOSTA-7790415");
    assertThat(main).isWaitingAt("callActivity_orderAndPay");
  }

  @Test
  void anotherProductThatTheOffersPersonaAnsweredIsNotOfferedTwice() {
    ProcessInstance main = demoCustomerStarts("how much are the airpods pro?");
    runDueJobs();
    int before = sentTexts().size();

    customerTurn("and how much is the iphone 15?", null);

    // order-and-pay's persona answered with the price: one answer, not a second offer on top of it
    assertThat(calls(main, "order-and-pay")).isEqualTo(1);
    assertThat(sentTexts()).hasSize(before + 1).last().asString().contains("47,999");
  }

  @Test
  void aTurnThatACalledFlowLeavesUnansweredIsServedByTheFlowForItsTopic() {
    // a called flow that keeps the contract: on a turn about something else it reads it, answers
    // nothing and ends
    // with salesOutcome topic_changed (as a flow whose persona task leaves sales questions to the
    // flows does)
    String deployment = deployBookingFlowThatHandsEveryTurnBack();
    try {
      ProcessInstance main = demoCustomerStarts("I want to move my booking to another day");
      runDueJobs();
      assertThat(main).isWaitingAt("callActivity_bookingChange");
      int before = sentTexts().size();

      customerTurn("where is my order ORD-12002?", null);

      assertThat(main)
          .hasPassed("callActivity_orderTracking")
          .isWaitingAt("catchEvent_customerMessage");
      assertThat(sentTexts())
          .hasSize(before + 1)
          .last()
          .asString()
          .contains("ORD-12002")
          .contains("BOSTA-7790415");
      runtimeService().deleteProcessInstance(main.getId(), "test done");
    } finally {
      BpmnAwareTests.repositoryService().deleteDeployment(deployment, true);
    }
  }

  @Test
  void aThanksWhileAnOfferIsOpenIsAnsweredWithoutCallingAnotherFlow() {
    ProcessInstance main = demoCustomerStarts("how much are the airpods pro?");
    runDueJobs();
    int before = sentTexts().size();

    customerTurn("thanks a lot", null);

    assertThat(sentTexts()).hasSizeGreaterThan(before);
    assertThat(calls(main, "order-and-pay")).isEqualTo(1);
    assertThat(calls(main, "order-tracking")).isZero();
    assertThat(calls(main, "booking-change")).isZero();
  }

  @Test
  void aTurnHandedBackIsRoutedOnceSoTwoFlowsCannotPassItToEachOtherForever() {
    String deployment = deployBookingFlowThatHandsEveryTurnBack();
    try {
      ProcessInstance main = demoCustomerStarts("I want to move my booking to another day");
      runDueJobs();
      assertThat(main).isWaitingAt("callActivity_bookingChange");
      // the turn's topic was routed already (as if a flow called for it had handed it back again)
      runtimeService().setVariable(main.getId(), SalesTopics.ROUTED_TURN, turn + 1);

      customerTurn("where is my order ORD-12002?", null);

      assertThat(calls(main, "order-tracking")).isZero();
      assertThat(main).isWaitingAt("catchEvent_customerMessage");
      runtimeService().deleteProcessInstance(main.getId(), "test done");
    } finally {
      BpmnAwareTests.repositoryService().deleteDeployment(deployment, true);
    }
  }

  /**
   * A booking flow that keeps the hand-back contract on every turn: it reads the turn as tracking
   * and ends.
   */
  private static String deployBookingFlowThatHandsEveryTurnBack() {
    return BpmnAwareTests.repositoryService()
        .createDeployment()
        .addString(
            "booking-change.bpmn",
            """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="test">
          <message id="m" name="CustomerMessage" />
          <process id="booking-change" isExecutable="true" camunda:historyTimeToLive="P1D">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <intermediateCatchEvent id="wait"><messageEventDefinition messageRef="m" /></intermediateCatchEvent>
            <sequenceFlow id="f2" sourceRef="wait" targetRef="left" />
            <endEvent id="left">
              <extensionElements>
                <camunda:executionListener event="start" expression="${execution.setVariable('intent', 'order_status')}" />
                <camunda:executionListener event="start" expression="${execution.setVariable('salesOutcome', 'topic_changed')}" />
              </extensionElements>
            </endEvent>
          </process>
        </definitions>""")
        .deploy()
        .getId();
  }
}
