package app.wasla.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import app.wasla.commerce.order.Order;
import app.wasla.commerce.order.Orders;
import app.wasla.conversation.Inbox;
import app.wasla.support.FlowTest;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * processes/returns-and-warranty.bpmn with processes/return-rules.dmn on the demo store: each
 * outcome (exchange, refund approved by a person, refused, repair), a person's refusal, a change of
 * topic while the flow waits, and a customer without orders. Jobs and timers stepped by the test.
 */
@FlowTest
class ReturnsAndWarrantyProcessTest {

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

  /** An order delivered: one that can be returned. */
  private Order placed(String sku, int daysAgo) {
    return conversation.deliveredDaysAgo(orders, sku, daysAgo);
  }

  /** Starts the flow as the conversation calls it and runs the order look-up's job. */
  private ProcessInstance start(String processKey, String text, String language, String intent) {
    ProcessInstance instance = conversation.start(processKey, text, language, intent);
    conversation.runDueJobs(instance);
    return instance;
  }

  private Object variable(ProcessInstance instance, String name) {
    return engine
        .getHistoryService()
        .createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId())
        .variableName(name)
        .singleResult()
        .getValue();
  }

  @Test
  void aDefectWithinFourteenDaysIsExchangedOnceAPhotoArrives() {
    Order order = placed("ANK20", 3);
    ProcessInstance instance =
        start("returns-and-warranty", "عايز ارجع الطلب " + order.id(), "ar-EG", "other");

    assertThat(instance).isWaitingAt("gateway_waitReason");
    assertThat(conversation.sentTexts())
        .last()
        .asString()
        .contains(order.id())
        .contains("إيه المشكلة");
    assertThat(conversation.sentTypesAndTexts()).last().asString().startsWith("interactive");

    conversation.customerWrites(instance, "عيب صناعة", "عيب صناعة");
    assertThat(instance).isWaitingAt("gateway_waitPhoto");
    assertThat(conversation.sentTexts()).last().asString().contains("صورة");

    conversation.customerWrites(instance, "[image]", null);
    conversation.runDueJobs(instance);

    assertThat(instance)
        .hasPassed("businessRuleTask_decide", "serviceTask_tellExchange")
        .hasNotPassed("userTask_approve")
        .isEnded();
    assertThat(variable(instance, "returnOutcome")).isEqualTo("exchange");
    assertThat(variable(instance, "salesOutcome")).isEqualTo("return_exchange");
    assertThat(conversation.sentTexts()).last().asString().contains("هنستبدله");
  }

  @Test
  void aBigRefundWaitsForThePersonWhoApprovesWhileTheCustomerIsStillAnswered() {
    Order order = placed("IP15-128", 2);
    ProcessInstance instance =
        start("returns-and-warranty", "I want to return my order", "en", "other");
    assertThat(conversation.sentTexts())
        .last()
        .asString()
        .contains(order.id())
        .contains("What is wrong");

    conversation.customerWrites(instance, "Changed my mind", "Changed my mind");

    assertThat(instance).isWaitingAt("userTask_approve");
    assertThat(task(instance)).hasCandidateGroup("support");
    assertThat(variable(instance, "returnOutcome")).isEqualTo("refund");
    assertThat(conversation.sentTexts()).last().asString().contains("support team reviews");

    conversation.customerWrites(instance, "what are your opening hours?", null);
    assertThat(instance).isWaitingAt("userTask_approve");
    assertThat(conversation.sentTexts()).last().asString().contains("10 am");

    Task approval = task(instance);
    // the Camunda Form Tasklist shows is deployed beside the flow (camunda:formRef, binding
    // deployment)
    String deployment =
        engine
            .getRepositoryService()
            .getProcessDefinition(approval.getProcessDefinitionId())
            .getDeploymentId();
    assertThat(engine.getRepositoryService().getDeploymentResourceNames(deployment))
        .contains("forms/return-approval.form");
    // what Tasklist loads for the task (GET /task/{id}/deployed-form): the Camunda Form itself
    try (java.io.InputStream form = engine.getFormService().getDeployedTaskForm(approval.getId())) {
      assertThat(new String(form.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .contains("\"id\": \"return-approval\"")
          .contains("\"key\": \"returnDecision\"");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    taskService().complete(approval.getId(), Map.of("returnDecision", "approve"));

    assertThat(instance).hasPassed("serviceTask_tellRefund").isEnded();
    assertThat(variable(instance, "salesOutcome")).isEqualTo("return_refund");
    assertThat(conversation.sentTexts())
        .last()
        .asString()
        .contains("refund")
        .contains("7 working days");
  }

  @Test
  void damageInDeliveryThatThePersonRefusesIsToldSo() {
    placed("JBLF6", 1);
    ProcessInstance instance = start("returns-and-warranty", "أريد إرجاع السماعة", "ar", "other");
    assertThat(conversation.sentTexts()).last().asString().contains("ما المشكلة");

    conversation.customerWrites(instance, "تلف في الشحن", "تلف في الشحن");
    conversation.customerWrites(instance, "[image]", null);

    assertThat(instance).isWaitingAt("userTask_approve");
    assertThat(variable(instance, "returnOutcome")).isEqualTo("exchange");
    taskService().complete(task(instance).getId(), Map.of("returnDecision", "refuse"));

    assertThat(instance).hasPassed("serviceTask_tellRefusal").isEnded();
    assertThat(variable(instance, "salesOutcome")).isEqualTo("return_refused");
    assertThat(conversation.sentTexts())
        .last()
        .asString()
        .contains("لا يمكننا قبول")
        .doesNotContain("مش");
  }

  @Test
  void aChangeOfMindAfterFourteenDaysIsRefusedWithoutAPerson() {
    Order order = placed("ANK20", 30);
    ProcessInstance instance =
        start("returns-and-warranty", "3ayez arag3 el order " + order.id(), "arabizi", "other");
    assertThat(conversation.sentTexts()).last().asString().contains("Eh el moshkla");
    conversation.customerWrites(instance, "Ghayart ra2yi", "Ghayart ra2yi");

    assertThat(instance)
        .hasPassed("serviceTask_tellRefusal")
        .hasNotPassed("userTask_approve", "serviceTask_askPhoto")
        .isEnded();
    assertThat(variable(instance, "returnOutcome")).isEqualTo("refuse");
    // in the customer's Arabizi, as the persona answered
    assertThat(conversation.sentTexts())
        .last()
        .asString()
        .contains("14 yom")
        .doesNotContain("days");
  }

  @Test
  void aDefectWithinTheWarrantyIsARepairThatTheBookingFlowBooksOnTheButtonsTap() {
    placed("AWSE", 60);
    ProcessInstance instance =
        start(
            "returns-and-warranty",
            "I want to claim the warranty, my watch stopped",
            "en",
            "other");
    conversation.customerWrites(instance, "Defective", "Defective");
    conversation.customerWrites(instance, "[image]", null);

    assertThat(instance).hasPassed("serviceTask_tellRepair").isWaitingAt("gateway_waitRepair");
    assertThat(variable(instance, "returnOutcome")).isEqualTo("repair");
    assertThat(conversation.sentTexts()).last().asString().contains("warranty").contains("free");
    assertThat(
            jdbc.sql(
                    "SELECT body_json FROM outbound_message WHERE conversation_key = ? ORDER BY id"
                        + " DESC LIMIT 1")
                .param(conversation.key)
                .query(String.class)
                .single())
        .contains("Book a repair");
    int sent = conversation.sentTexts().size();

    conversation.customerWrites(instance, "Book a repair", "Book a repair");
    conversation.runDueJobs(instance);

    assertThat(instance).isWaitingAt("callActivity_bookRepair");
    ProcessInstance booking =
        runtimeService()
            .createProcessInstanceQuery()
            .processDefinitionKey("booking-change")
            .processInstanceBusinessKey(conversation.key)
            .singleResult();
    assertThat(booking).isNotNull();
    assertThat(runtimeService().getVariable(booking.getId(), "intent")).isEqualTo("booking_new");
    conversation.runDueJobs(booking);
    // the booking flow asks its first question
    assertThat(conversation.sentTexts()).hasSizeGreaterThan(sent);
  }

  @Test
  void aRepairNotBookedEndsAsOfferedAfterTheWait() {
    placed("AWSE", 60);
    ProcessInstance instance =
        start("returns-and-warranty", "عايز اعمل ضمان على الساعة", "ar-EG", "other");
    conversation.customerWrites(instance, "عيب صناعة", "عيب صناعة");
    conversation.customerWrites(instance, "[image]", null);
    assertThat(conversation.sentTexts()).last().asString().contains("احجز صيانة");

    conversation.fireTimer(instance, "timer_noRepairTap");

    assertThat(instance).hasPassed("endEvent_repair").isEnded();
    assertThat(variable(instance, "salesOutcome")).isEqualTo("return_repair");
  }

  @Test
  void anotherTopicWhileWaitingForTheReasonGoesBackToTheConversation() {
    placed("ANK20", 2);
    ProcessInstance instance = start("returns-and-warranty", "عايز ارجع الشاحن", "ar-EG", "other");
    assertThat(instance).isWaitingAt("gateway_waitReason");
    int sent = conversation.sentTexts().size();

    conversation.customerWrites(instance, "بكام الايربودز برو؟", null);

    assertThat(instance).hasPassed("serviceTask_otherTopic", "endEvent_otherTopic").isEnded();
    assertThat(variable(instance, "salesOutcome")).isEqualTo("topic_changed");
    assertThat(variable(instance, "intent")).isEqualTo("product_inquiry");
    // left to the conversation's order-and-pay flow, which answers with the price
    assertThat(conversation.sentTexts()).hasSize(sent);
  }

  @Test
  void somethingOtherThanAPhotoGoesBackToTheConversationToo() {
    placed("ANK20", 2);
    ProcessInstance instance =
        start("returns-and-warranty", "I want to return the charger", "en", "other");
    conversation.customerWrites(instance, "Defective", "Defective");
    assertThat(instance).isWaitingAt("gateway_waitPhoto");

    conversation.customerWrites(instance, "where is my order?", null);

    assertThat(instance).hasPassed("endEvent_otherTopicPhoto").isEnded();
    assertThat(variable(instance, "salesOutcome")).isEqualTo("topic_changed");
  }

  @Test
  void noAnswerEndsTheFlowAfterTheWait() {
    placed("ANK20", 2);
    ProcessInstance instance =
        start("returns-and-warranty", "I want to return the charger", "en", "other");
    conversation.fireTimer(instance, "timer_noReason");
    assertThat(instance).hasPassed("endEvent_noReason").isEnded();
  }

  @Test
  void aCustomerWithoutOrdersIsAskedForTheNumber() {
    ProcessInstance instance =
        start("returns-and-warranty", "I want to return my order", "en", "other");
    assertThat(instance).hasPassed("endEvent_noOrder").isEnded();
    assertThat(conversation.sentTexts()).last().asString().contains("ORD-12345");
    assertThat(
            runtimeService()
                .createProcessInstanceQuery()
                .processInstanceId(instance.getId())
                .count())
        .isZero();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "3ayez arag3 el order ORD-12004, arabizi, Msh la2ya order ORD-12004 3ala rakamak, kalem mowazaf",
    "عايز ارجع الاوردر ORD-12004, ar-EG, مش لاقية طلب ORD-12004 على رقمك, كلم موظف",
    "أريد إرجاع الطلب ORD-12004, ar, لم أجد الطلب ORD-12004 على رقمك, كلم موظف",
    "I want to return order ORD-12004, en, I could not find order ORD-12004 on this number, talk to a"
        + " person"
  })
  void anOrderNumberNotOnTheCustomersNumberIsSaidNotFoundWithHowToGoOn(
      String text, String language, String said, String person) {
    ProcessInstance instance = start("returns-and-warranty", text, language, "other");
    assertThat(instance).hasPassed("endEvent_noOrder").isEnded();
    assertThat(conversation.sentTexts())
        .last()
        .asString()
        .contains(said)
        .contains(person)
        .doesNotContain("ORD-12345");
  }

  @Test
  void aChangeOfMindAboutAnOrderNotShippedNorPaidIsOfferedToBeCancelledNotRefunded() {
    // cash on delivery, not shipped: nothing paid, nothing to send back
    Order order = conversation.placedDaysAgo(orders, "IP15-128", 0);
    ProcessInstance instance =
        start("returns-and-warranty", "I want to return my order " + order.id(), "en", "other");
    conversation.customerWrites(instance, "Changed my mind", "Changed my mind");
    conversation.runAllDueJobs();

    assertThat(variable(instance, "returnOutcome")).isEqualTo("cancel");
    assertThat(instance)
        .hasPassed("serviceTask_tellCancelInstead")
        .hasNotPassed("userTask_approve", "serviceTask_tellRefund")
        .isWaitingAt("callActivity_cancelOrder");
    java.util.List<String> sent = conversation.sentTexts();
    assertThat(sent.get(sent.size() - 2)).contains(order.id()).contains("has not shipped yet");
    assertThat(sent).noneMatch(t -> t.contains("7 working days"));
    assertThat(sent)
        .last()
        .asString()
        .contains("Are you sure you want to cancel order " + order.id());

    ProcessInstance cancel =
        runtimeService()
            .createProcessInstanceQuery()
            .processDefinitionKey("order-cancel")
            .processInstanceBusinessKey(conversation.key)
            .singleResult();
    conversation.customerWrites(cancel, "Yes, cancel it", "ocancel_yes:" + order.id());
    conversation.runAllDueJobs();

    assertThat(instance).hasPassed("endEvent_cancelOffered").isEnded();
    assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(Order.CANCELLED);
    assertThat(conversation.sentTexts()).last().asString().contains("is cancelled");
  }

  @Test
  void whileTheTeamDecidesAnOrderIsTrackedAndAnotherCancelledWithoutLosingTheReturn() {
    Order returned = placed("IP15-128", 2);
    ProcessInstance instance =
        start("returns-and-warranty", "I want to return my order " + returned.id(), "en", "other");
    conversation.customerWrites(instance, "Changed my mind", "Changed my mind");
    assertThat(instance).isWaitingAt("userTask_approve");
    Order other = conversation.placedDaysAgo(orders, "ANK20", 0);

    // where an order is: the status, not only a promise to look
    int before = conversation.sentTexts().size();
    conversation.customerWrites(instance, "where is my order " + other.id() + "?", null);
    conversation.runAllDueJobs();
    assertThat(instance).hasPassed("callActivity_trackMeanwhile").isWaitingAt("userTask_approve");
    assertThat(conversation.sentTexts().subList(before, conversation.sentTexts().size()))
        .anyMatch(t -> t.contains(other.id()) && !t.contains("One moment"));

    // an order cancel named by its number: the order's, never a booking's
    conversation.customerWrites(instance, "cancel " + other.id() + " please", null);
    assertThat(conversation.sentTexts())
        .last()
        .asString()
        .contains("Are you sure you want to cancel order " + other.id())
        .doesNotContain("booking");
    conversation.customerWrites(instance, "Yes, cancel it", "ocancel_yes:" + other.id());
    assertThat(conversation.sentTexts()).last().asString().contains(other.id() + " is cancelled");
    assertThat(orders.find(other.id()).orElseThrow().status()).isEqualTo(Order.CANCELLED);

    // the return stays with the team, for its own order
    assertThat(instance).isWaitingAt("userTask_approve");
    assertThat(runtimeService().getVariable(instance.getId(), "orderId")).isEqualTo(returned.id());
    taskService().complete(task(instance).getId(), Map.of("returnDecision", "approve"));
    assertThat(instance).hasPassed("serviceTask_tellRefund").isEnded();
    assertThat(conversation.sentTexts()).last().asString().contains("7 working days");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "el earbuds fiha 3eib w bt2ata3, arabizi, defect, gateway_waitPhoto",
    "السماعة بتقطع ومش بتشحن, ar-EG, defect, gateway_waitPhoto",
    "it arrived broken in the box, en, damaged, gateway_waitPhoto",
    "غيرت رأيي, ar, changed_mind, userTask_approve"
  })
  void aTypedReasonIsTheReason(String typed, String language, String reason, String waitsAt) {
    placed("JBLF6", 2);
    ProcessInstance instance =
        start("returns-and-warranty", "I want to return my order", language, "other");
    assertThat(instance).isWaitingAt("gateway_waitReason");

    conversation.customerWrites(instance, typed, null);

    assertThat(variable(instance, "returnReason")).isEqualTo(reason);
    assertThat(instance).hasNotPassed("serviceTask_otherTopic").isWaitingAt(waitsAt);
  }
}
