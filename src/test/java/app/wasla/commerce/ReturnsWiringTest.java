package app.wasla.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import app.wasla.commerce.order.Order;
import app.wasla.commerce.order.Orders;
import app.wasla.conversation.ConversationVariables;
import app.wasla.conversation.Inbox;
import app.wasla.conversation.Mailbox;
import app.wasla.support.FlowTest;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * processes/sales-conversation.bpmn calling returns-and-warranty: a return request is served by the
 * flow, a question about the policy is not; a new topic while the flow waits is served by the
 * conversation in the same turn; a repair's button leads to the booking flow.
 */
@FlowTest
class ReturnsWiringTest {

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired Inbox inbox;
  @Autowired Orders orders;

  SalesFlowTestSupport conversation;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    conversation = new SalesFlowTestSupport(inbox, jdbc);
  }

  private Order placed(String sku, int daysAgo) {
    return conversation.placedDaysAgo(orders, sku, daysAgo);
  }

  private ProcessInstance start(String text) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(ConversationVariables.CONVERSATION_KEY, conversation.key);
    variables.put(ConversationVariables.CUSTOMER_NAME, "Mariam");
    variables.put(ConversationVariables.TURN_TEXT, text);
    variables.put(ConversationVariables.REPLY_ID, null);
    variables.put(ConversationVariables.TURN_SEQ, 1L);
    ProcessInstance main =
        runtimeService()
            .startProcessInstanceByKey("sales-conversation", conversation.key, variables);
    runDueJobs();
    return main;
  }

  private long turn = 1;

  private void customerWrites(ProcessInstance main, String text, String replyId) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(ConversationVariables.TURN_TEXT, text);
    variables.put(ConversationVariables.REPLY_ID, replyId);
    variables.put(ConversationVariables.TURN_SEQ, ++turn);
    runtimeService()
        .createMessageCorrelation(Mailbox.CUSTOMER_MESSAGE)
        .processInstanceBusinessKey(conversation.key)
        .setVariables(variables)
        .correlate();
    runDueJobs();
  }

  /** Runs due jobs of every instance of the conversation (the main flow and the called ones). */
  private void runDueJobs() {
    for (int i = 0; i < 50; i++) {
      java.util.Set<String> ids =
          runtimeService()
              .createProcessInstanceQuery()
              .processInstanceBusinessKey(conversation.key)
              .list()
              .stream()
              .map(ProcessInstance::getId)
              .collect(java.util.stream.Collectors.toSet());
      java.util.List<org.camunda.bpm.engine.runtime.Job> due =
          ids.isEmpty()
              ? java.util.List.of()
              : engine
                  .getManagementService()
                  .createJobQuery()
                  .processInstanceIds(ids)
                  .executable()
                  .list()
                  .stream()
                  .filter(
                      j -> j.getDuedate() == null || !j.getDuedate().after(new java.util.Date()))
                  .toList();
      if (due.isEmpty()) {
        return;
      }
      engine.getManagementService().executeJob(due.get(0).getId());
    }
    throw new IllegalStateException("jobs keep coming");
  }

  private ProcessInstance called(String processKey) {
    return runtimeService()
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(conversation.key)
        .processDefinitionKey(processKey)
        .singleResult();
  }

  @Test
  void aReturnRequestIsServedByTheFlowAndANewTopicGoesBackToTheConversation() {
    Order order = placed("ANK20", 2);
    ProcessInstance main = start("عايز ارجع الشاحن");

    assertThat(main).isWaitingAt("callActivity_returns");
    assertThat(called("returns-and-warranty")).isWaitingAt("gateway_waitReason");
    // the policy from the persona, then the flow's question about the order
    assertThat(conversation.sentTexts()).hasSize(2);
    assertThat(conversation.sentTexts().get(0)).contains("١٤ يوم");
    assertThat(conversation.sentTexts().get(1)).contains(order.id()).contains("إيه المشكلة");

    customerWrites(main, "بكام الايفون 15؟", null);

    assertThat(main).hasPassed("callActivity_returns").isWaitingAt("callActivity_orderAndPay");
    assertThat(called("returns-and-warranty")).isNull();
    assertThat(conversation.sentTexts()).hasSize(3).last().asString().contains("47,999");
  }

  @Test
  void aQuestionAboutThePolicyIsAnsweredAndStartsNoReturn() {
    placed("ANK20", 2);
    ProcessInstance main = start("ما هي سياسة الإرجاع لديكم؟");

    assertThat(main).hasNotPassed("callActivity_returns").isWaitingAt("catchEvent_customerMessage");
    assertThat(conversation.sentTexts()).hasSize(1).last().asString().contains("١٤ يوماً");

    customerWrites(main, "can I return it if I don't like it?", null);
    assertThat(main).hasNotPassed("callActivity_returns").isWaitingAt("catchEvent_customerMessage");
  }

  @Test
  void aRepairIsHandedToTheBookingFlowOnTheButtonsTap() {
    placed("AWSE", 90);
    ProcessInstance main = start("I want to claim the warranty on my watch");
    assertThat(main).isWaitingAt("callActivity_returns");

    customerWrites(main, "Defective", "Defective");
    customerWrites(main, "[image]", null);

    assertThat(called("returns-and-warranty")).isWaitingAt("gateway_waitRepair");
    assertThat(conversation.sentTexts()).last().asString().contains("repair");

    customerWrites(main, "Book a repair", "Book a repair");

    assertThat(main).isWaitingAt("callActivity_returns");
    assertThat(called("returns-and-warranty")).isWaitingAt("callActivity_bookRepair");
    assertThat(called("booking-change")).isNotNull();
  }
}
