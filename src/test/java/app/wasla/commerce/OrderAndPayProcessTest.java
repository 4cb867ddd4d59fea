package app.wasla.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import app.wasla.commerce.payment.Payments;
import app.wasla.conversation.ConversationVariables;
import app.wasla.conversation.Inbox;
import app.wasla.support.FlowTest;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * processes/order-and-pay.bpmn with its real delegates, the demo store and the sandbox gateway. The
 * job executor and the mailbox are off: the test steps every job and timer, and plays the mailbox's
 * correlations (CustomerMessage, PaymentReceived, PaymentFailed) itself.
 */
@FlowTest
class OrderAndPayProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired Inbox inbox;
  @Autowired org.springframework.context.ApplicationContext context;

  SalesFlowTestSupport conversation;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    conversation = new SalesFlowTestSupport(inbox, jdbc);
  }

  /**
   * Asks, taps "Order now", checks out one unit for delivery to Nasr City and chooses to pay
   * online.
   */
  private ProcessInstance askAndOrder(String text, String sku) {
    ProcessInstance instance =
        conversation.start("order-and-pay", text, "ar-EG", "product_inquiry");
    conversation.runDueJobs(instance);
    assertThat(instance).isWaitingAt("gateway_awaitDecision");
    assertThat(instance)
        .variables()
        .containsEntry("productSku", sku)
        .containsEntry("productAvailable", true);
    conversation.customerWrites(instance, "اطلب دلوقتي", "sales_order:" + sku);
    checkOutOnline(conversation, instance);
    return instance;
  }

  static void checkOutOnline(SalesFlowTestSupport conversation, ProcessInstance instance) {
    conversation.runDueJobs(instance);
    assertThat(instance)
        .isWaitingAt("gateway_awaitCheckout")
        .variables()
        .containsEntry("checkoutStep", "quantity");
    conversation.customerWrites(instance, "1", "checkout_qty:1");
    conversation.customerWrites(instance, "توصيل", "checkout_delivery");
    conversation.customerWrites(instance, "24 شارع عباس العقاد، مدينة نصر، القاهرة", null);
    assertThat(instance)
        .variables()
        .containsEntry("checkoutStep", "confirm")
        .containsEntry("deliveryZone", "cairo");
    conversation.customerWrites(instance, "تأكيد", "checkout_confirm");
    assertThat(instance).variables().containsEntry("checkoutStep", "payment");
    conversation.customerWrites(instance, "ادفع أونلاين", "pay_online");
    conversation.runDueJobs(instance);
    assertThat(instance).isWaitingAt("catchEvent_customerWhilePaying");
  }

  private void gatewayReports(String messageName) {
    runtimeService()
        .createMessageCorrelation(messageName)
        .processInstanceBusinessKey(conversation.key)
        .correlate();
  }

  @Test
  void aPriceQuestionGetsPriceStockAndButtonsThenAPaidOrderIsConfirmed() {
    int onHandBefore = conversation.onHand("IP15-128");
    ProcessInstance instance = askAndOrder("بكام الايفون ١٥؟", "IP15-128");

    List<String> sent = conversation.sentTexts();
    assertThat(sent.get(0))
        .contains("آيفون ١٥ ١٢٨ جيجا")
        .contains("47,999 جنيه")
        .contains("القاهرة")
        .contains("[اطلب دلوقتي]")
        .contains("[كلّم حد]");
    // the product's photo comes first, captioned with its name in the customer's language
    assertThat(conversation.sentTypesAndTexts().subList(0, 2))
        .satisfiesExactly(
            photo -> assertThat(photo).isEqualTo("image: آيفون ١٥ ١٢٨ جيجا"),
            offer -> assertThat(offer).startsWith("interactive: سعر آيفون ١٥"));
    assertThat(conversation.sentPhotos())
        .singleElement()
        .asString()
        .contains("\"link\":\"http://localhost:8080/store/products/ip15-128.png\"");
    String orderId = (String) runtimeService().getVariable(instance.getId(), "orderId");
    String paymentId = (String) runtimeService().getVariable(instance.getId(), "paymentId");
    assertThat(sent.get(sent.size() - 1))
        .contains(orderId)
        .contains("/pay/sandbox/" + paymentId)
        .contains("[ادفع دلوقتي: ");
    // above the free-delivery threshold: no fee, the link is for the goods
    assertThat(instance)
        .variables()
        .containsEntry("deliveryFeeEgp", 0L)
        .containsEntry("orderTotalEgp", 47999L);
    assertThat(conversation.orderStatus(orderId)).isEqualTo("RESERVED");
    assertThat(conversation.reserved("IP15-128")).isEqualTo(1);
    assertThat(conversation.timer(instance, "boundaryEvent_paymentReminder").getDuedate())
        .isAfter(new Date(System.currentTimeMillis() + 29 * 60_000));

    gatewayReports(Payments.PAYMENT_RECEIVED);
    conversation.runDueJobs(instance);

    assertThat(instance).hasPassed("serviceTask_confirmPayment", "endEvent_paid").isEnded();
    assertThat(conversation.orderStatus(orderId)).isEqualTo("PAID");
    assertThat(conversation.reserved("IP15-128")).isZero();
    assertThat(conversation.onHand("IP15-128")).isEqualTo(onHandBefore - 1);
    // the confirmation, then the invoice as a PDF document
    List<String> after = conversation.sentTexts();
    assertThat(after).hasSize(sent.size() + 2);
    assertThat(after.get(after.size() - 2))
        .contains("وصلنا الدفع")
        .contains(orderId)
        .contains("للشحن");
    assertThat(after.get(after.size() - 1))
        .isEqualTo("[document: invoice-" + orderId + ".pdf] فاتورة طلبك " + orderId);
  }

  @Test
  void anUnpaidOrderIsRemindedOnceThenExpiresAndReleasesItsStock() {
    ProcessInstance instance = askAndOrder("how much is the JBL Flip 6?", "JBLF6");
    String orderId = (String) runtimeService().getVariable(instance.getId(), "orderId");
    String paymentId = (String) runtimeService().getVariable(instance.getId(), "paymentId");

    int sent = conversation.sentTexts().size();
    conversation.fireTimer(instance, "boundaryEvent_paymentReminder");
    assertThat(instance)
        .hasPassed("serviceTask_remindPayment")
        .isWaitingAt("catchEvent_customerWhilePaying");
    assertThat(conversation.sentTexts())
        .hasSize(sent + 1)
        .last()
        .asString()
        .contains("/pay/sandbox/" + paymentId);
    assertThat(conversation.reserved("JBLF6")).isEqualTo(1);

    conversation.fireTimer(instance, "boundaryEvent_paymentExpired");
    assertThat(instance).hasPassed("serviceTask_expireOrder", "endEvent_expired").isEnded();
    assertThat(conversation.reserved("JBLF6")).isZero();
    assertThat(conversation.orderStatus(orderId)).isEqualTo("CANCELLED");
    assertThat(conversation.paymentStatus(paymentId)).isEqualTo("EXPIRED");
    assertThat(conversation.sentTexts()).hasSize(sent + 2);
    assertThat(
            runtimeService()
                .createProcessInstanceQuery()
                .processInstanceId(instance.getId())
                .count())
        .isZero();
  }

  @Test
  void aFailedPaymentCancelsTheOrderAndAsksAgainHowToPayThenCashOnDeliveryConfirmsANewOrder() {
    ProcessInstance instance = askAndOrder("بكام الريدمي نوت 13", "RN13");
    String orderId = (String) runtimeService().getVariable(instance.getId(), "orderId");

    gatewayReports(Payments.PAYMENT_FAILED);
    conversation.runDueJobs(instance);

    assertThat(instance)
        .hasPassed("serviceTask_paymentFailed")
        .isWaitingAt("gateway_awaitCheckout");
    assertThat(conversation.orderStatus(orderId)).isEqualTo("CANCELLED");
    assertThat(conversation.reserved("RN13")).isZero();
    assertThat(conversation.sentTexts())
        .last()
        .asString()
        .contains("الدفع ما تمّش")
        .contains("[الدفع عند الاستلام]")
        .contains("[ادفع أونلاين]");

    // the customer says so in words: cash on delivery, a new order confirmed at once
    conversation.customerWrites(instance, "عايز ادفع عند الاستلام", null);
    conversation.runDueJobs(instance);
    assertThat(instance)
        .hasPassed("serviceTask_confirmCashOnDelivery", "endEvent_cashOnDelivery")
        .isEnded();
    String second =
        (String)
            org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId())
                .variableName("orderId")
                .singleResult()
                .getValue();
    assertThat(second).isNotEqualTo(orderId);
    assertThat(conversation.orderStatus(second)).isEqualTo("CONFIRMED");
    assertThat(conversation.orderStatus(orderId)).isEqualTo("CANCELLED");
    assertThat(conversation.sentTexts())
        .last()
        .asString()
        .contains(second)
        .contains("عند الاستلام")
        .contains("9,999 جنيه");
  }

  @Test
  void theCustomerWritingWhileTheLinkIsOpenGetsAnAnswerAndThePaymentStillCounts() {
    ProcessInstance instance = askAndOrder("عايز اعرف سعر ايربودز برو", "APP2");

    int sent = conversation.sentTexts().size();
    conversation.customerWrites(instance, "التوصيل لإسكندرية بكام؟", null);
    conversation.runDueJobs(instance);
    assertThat(instance)
        .hasPassed("serviceTask_answerWhilePaying")
        .isWaitingAt("catchEvent_customerWhilePaying");
    // the persona's answer, then the link that stays open
    assertThat(conversation.sentTexts())
        .hasSize(sent + 2)
        .last()
        .asString()
        .contains("لينك الدفع لسه شغال")
        .contains("/pay/sandbox/");

    gatewayReports(Payments.PAYMENT_RECEIVED);
    conversation.runDueJobs(instance);
    assertThat(instance).hasPassed("endEvent_paid").isEnded();
  }

  @Test
  void whereIsMyOrderWhileTheLinkIsOpenIsAnsweredWithItsStatusInTheSameTurnAndTheLinkStaysOpen() {
    conversation = new SalesFlowTestSupport(inbox, jdbc, "201001234567");
    ProcessInstance instance = askAndOrder("بكام شاحن انكر", "ANK20");

    int sent = conversation.sentTexts().size();
    conversation.customerWrites(instance, "طلبي رقم ORD-12002 فين؟", null);
    conversation.runDueJobs(instance);

    assertThat(instance)
        .hasPassed("serviceTask_payingTopic")
        .isWaitingAt("catchEvent_customerWhilePaying");
    assertThat(conversation.sentTexts())
        .hasSize(sent + 1)
        .last()
        .asString()
        .contains("ORD-12002")
        .contains("BOSTA-7790415")
        .contains("لينك الدفع لسه شغال");
    gatewayReports(Payments.PAYMENT_RECEIVED);
    conversation.runDueJobs(instance);
    assertThat(instance).hasPassed("endEvent_paid").isEnded();
  }

  @Test
  void cashOnDeliveryInWordsWhileTheLinkIsOpenGivesUpTheLinkAndConfirmsTheOrder() {
    ProcessInstance instance = askAndOrder("عايز اعرف سعر ايربودز برو", "APP2");
    String orderId = (String) runtimeService().getVariable(instance.getId(), "orderId");
    String paymentId = (String) runtimeService().getVariable(instance.getId(), "paymentId");

    conversation.customerWrites(instance, "عايز ادفع عند الاستلام", null);
    conversation.runDueJobs(instance);

    assertThat(instance)
        .hasPassed(
            "serviceTask_payingTurn",
            "endEvent_cashInstead",
            "serviceTask_confirmCashOnDelivery",
            "endEvent_cashOnDelivery")
        .hasNotPassed("serviceTask_answerWhilePaying")
        .isEnded();
    assertThat(conversation.orderStatus(orderId)).isEqualTo("CONFIRMED");
    assertThat(
            jdbc.sql("SELECT status FROM commerce_payment WHERE id = ?")
                .param(paymentId)
                .query(String.class)
                .single())
        .isEqualTo("EXPIRED");
    assertThat(conversation.sentTexts())
        .last()
        .asString()
        .contains(orderId)
        .contains("كاش عند الاستلام");
  }

  @Test
  void cashOnDeliveryAboveTheLimitWhileTheLinkIsOpenKeepsTheLink() {
    ProcessInstance instance = askAndOrder("بكام ايفون 15 برو ماكس", "IP15PM-256");
    String orderId = (String) runtimeService().getVariable(instance.getId(), "orderId");

    conversation.customerWrites(instance, "cash on delivery please", null);
    conversation.runDueJobs(instance);

    assertThat(instance)
        .isWaitingAt("catchEvent_customerWhilePaying")
        .hasNotPassed("endEvent_cashInstead");
    assertThat(conversation.orderStatus(orderId)).isEqualTo("RESERVED");
    assertThat(conversation.sentTexts())
        .last()
        .asString()
        .contains("20,000")
        .contains("/pay/sandbox/");
  }

  @Test
  void anOlderOffersOrderNowTappedAfterItsFlowEndedStartsCheckoutForThatProduct() {
    ProcessInstance instance = startTapped("sales_order:APP2");
    conversation.runDueJobs(instance);

    assertThat(instance)
        .hasPassed("serviceTask_startCheckout")
        .isWaitingAt("gateway_awaitCheckout");
    assertThat(instance)
        .variables()
        .containsEntry("productSku", "APP2")
        .containsEntry("checkoutStep", "quantity");
  }

  @Test
  void anOlderOffersOrderNowOfAProductNoLongerSoldSaysSo() {
    ProcessInstance instance = startTapped("sales_order:GONE-1");
    conversation.runDueJobs(instance);

    assertThat(instance).hasPassed("endEvent_noProduct").isEnded();
    assertThat(conversation.sentTexts()).singleElement().asString().contains("مبقاش موجود");
  }

  /** The conversation calls the flow for a tapped "Order now" (the persona read it as an order). */
  private ProcessInstance startTapped(String replyId) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(ConversationVariables.CONVERSATION_KEY, conversation.key);
    variables.put(ConversationVariables.TURN_TEXT, "اطلب دلوقتي");
    variables.put(ConversationVariables.REPLY_ID, replyId);
    variables.put(ConversationVariables.TURN_SEQ, 1L);
    variables.put("language", "ar-EG");
    variables.put("intent", "order");
    return runtimeService().startProcessInstanceByKey("order-and-pay", conversation.key, variables);
  }

  private org.camunda.bpm.engine.task.Task handoffTask(ProcessInstance instance) {
    return engine
        .getTaskService()
        .createTaskQuery()
        .processInstanceId(instance.getId())
        .taskDefinitionKey(app.wasla.handoff.HandoffRouter.HANDOFF_TASK)
        .singleResult();
  }

  @Test
  void aCustomerWhoAsksForAPersonWhileTheLinkIsOpenGetsAHandoffTaskAndTheOrderStaysPayable() {
    ProcessInstance instance = askAndOrder("how much is the Oraimo FreePods 4?", "ORFP4");
    String orderId = (String) runtimeService().getVariable(instance.getId(), "orderId");
    String paymentId = (String) runtimeService().getVariable(instance.getId(), "paymentId");

    conversation.customerWrites(instance, "I want to talk to a human please", null);
    conversation.runDueJobs(instance);

    assertThat(instance)
        .hasPassed("serviceTask_answerWhilePaying", "businessRuleTask_routeHandoff")
        .isWaitingAt("userTask_handoff");
    org.camunda.bpm.engine.task.Task task = handoffTask(instance);
    assertThat(task).isNotNull();
    assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId()))
        .extracting(org.camunda.bpm.engine.task.IdentityLink::getGroupId)
        .contains("sales");
    // still payable: reserved, the link open, the payment's boundary events armed
    assertThat(conversation.orderStatus(orderId)).isEqualTo("RESERVED");
    assertThat(conversation.paymentStatus(paymentId)).isEqualTo("OPEN");
    assertThat(conversation.timer(instance, "boundaryEvent_paymentExpired")).isNotNull();

    // the agent answers: the flow waits for the payment again, and the payment still counts
    engine
        .getTaskService()
        .complete(
            task.getId(),
            Map.of(
                "agentReply",
                "Hi, this is Sara from the shop: how can I help?",
                "agentDecision",
                "send_return"));
    conversation.runDueJobs(instance);
    assertThat(instance)
        .hasPassed("serviceTask_sendAgentReply", "endEvent_handoffDone")
        .isWaitingAt("catchEvent_customerWhilePaying");
    assertThat(conversation.sentTexts()).last().asString().contains("this is Sara");
    assertThat(runtimeService().getVariable(instance.getId(), "handoff")).isEqualTo(false);

    gatewayReports(Payments.PAYMENT_RECEIVED);
    conversation.runDueJobs(instance);
    assertThat(instance).hasPassed("endEvent_paid").isEnded();
    assertThat(conversation.orderStatus(orderId)).isEqualTo("PAID");
  }

  @Test
  void aPaymentWhileTheHandoffIsOpenPaysTheOrderAndLeavesTheHandoffToTheConversation() {
    ProcessInstance instance = askAndOrder("عايز اعرف سعر ايربودز برو", "APP2");
    String orderId = (String) runtimeService().getVariable(instance.getId(), "orderId");
    conversation.customerWrites(instance, "I want to talk to a human please", null);
    conversation.runDueJobs(instance);
    assertThat(instance).isWaitingAt("userTask_handoff");

    gatewayReports(Payments.PAYMENT_RECEIVED);
    conversation.runDueJobs(instance);

    assertThat(instance).hasPassed("serviceTask_confirmPayment", "endEvent_paid").isEnded();
    assertThat(conversation.orderStatus(orderId)).isEqualTo("PAID");
    // sales-conversation reads it when order-and-pay returns, and hands the conversation over there
    assertThat(
            org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId())
                .variableName("handoff")
                .singleResult()
                .getValue())
        .isEqualTo(true);
  }

  @Test
  void aRetriedTurnLooksTheProductUpAtOnceToo() {
    Map<String, Object> variables = new HashMap<>();
    variables.put(ConversationVariables.TURN_TEXT, "بكام الايفون ١٥؟");
    variables.put("language", "ar-EG");
    variables.put("intent", "product_inquiry");
    // the mailbox marks a turn whose first delivery failed (transient, never stored)
    variables.put(ConversationVariables.TURN_RETRY, Variables.booleanValue(true, true));
    ProcessInstance instance =
        runtimeService().startProcessInstanceByKey("order-and-pay", conversation.key, variables);

    // the mailbox's own retries, and their incident, handle a turn that keeps failing: no job
    assertThat(instance).isWaitingAt("gateway_awaitDecision");
    assertThat(
            engine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(instance.getId())
                .messages()
                .count())
        .isZero();
    assertThat(conversation.sentTexts()).singleElement().asString().contains("47,999 جنيه");
  }

  @Test
  void withTheDemoStoreAndTheSandboxGatewayOrderNowPlacesTheOrderAndSendsTheLinkInTheTurnItself() {
    ProcessInstance instance =
        conversation.start("order-and-pay", "بكام الباور بانك؟", "ar-EG", "product_inquiry");
    assertThat(instance).isWaitingAt("gateway_awaitDecision");
    assertThat(instance).variables().containsEntry("productSku", "ANKPB10");

    conversation.customerWrites(instance, "اطلب دلوقتي", "sales_order:ANKPB10");
    conversation.customerWrites(instance, "2", null);
    conversation.customerWrites(instance, "هستلم من الفرع", null);
    conversation.customerWrites(instance, "فرع القاهرة", null);
    conversation.customerWrites(instance, "تمام", null);
    conversation.customerWrites(instance, "ادفع أونلاين", "pay_online");

    // no job ran: each correlation's own transaction answered, and the last placed the order and
    // sent its link
    assertThat(instance)
        .isWaitingAt("catchEvent_customerWhilePaying")
        .hasPassed(
            "serviceTask_checkoutAnswer",
            "serviceTask_placeOrder",
            "serviceTask_createPaymentLink");
    assertThat(
            engine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(instance.getId())
                .messages()
                .count())
        .isZero();
    String orderId = (String) runtimeService().getVariable(instance.getId(), "orderId");
    assertThat(conversation.orderStatus(orderId)).isEqualTo("RESERVED");
    assertThat(
            jdbc.sql("SELECT quantity || ' ' || branch_code FROM commerce_order WHERE id = ?")
                .param(Long.valueOf(orderId.substring(4)))
                .query(String.class)
                .single())
        .isEqualTo("2 CAI");
    // pickup: no delivery fee, two units
    assertThat(conversation.sentTexts())
        .last()
        .asString()
        .contains(orderId)
        .contains("2,598 جنيه")
        .contains("/pay/sandbox/");
  }

  @Test
  void aRetriedOrderTurnPlacesTheOrderAndSendsTheLinkAtOnceToo() {
    ProcessInstance instance =
        conversation.start("order-and-pay", "شاحن انكر بكام؟", "ar-EG", "product_inquiry");
    conversation.customerWrites(instance, "اطلب دلوقتي", "sales_order:ANK20");
    conversation.customerWrites(instance, "1", "checkout_qty:1");
    conversation.customerWrites(instance, "استلام من الفرع", "checkout_pickup");
    conversation.customerWrites(instance, "القاهرة (مدينة نصر)", "checkout_branch:CAI");
    conversation.customerWrites(instance, "تأكيد", "checkout_confirm");
    int sent = conversation.sentTexts().size();
    Map<String, Object> variables = new HashMap<>();
    variables.put(ConversationVariables.TURN_TEXT, "ادفع أونلاين");
    variables.put(ConversationVariables.REPLY_ID, "pay_online");
    // the mailbox marks a turn whose first delivery failed (transient, never stored)
    variables.put(ConversationVariables.TURN_RETRY, Variables.booleanValue(true, true));
    runtimeService()
        .createMessageCorrelation("CustomerMessage")
        .processInstanceId(instance.getId())
        .setVariables(variables)
        .correlate();

    assertThat(instance).variables().containsEntry("productSku", "ANK20");
    // no job: placed and linked in the correlating transaction, as a first attempt would be
    assertThat(instance)
        .isWaitingAt("catchEvent_customerWhilePaying")
        .hasPassed("serviceTask_placeOrder", "serviceTask_createPaymentLink");
    assertThat(
            engine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(instance.getId())
                .messages()
                .count())
        .isZero();
    assertThat(conversation.sentTexts())
        .hasSize(sent + 1)
        .last()
        .asString()
        .contains("/pay/sandbox/");
  }

  @Test
  void anUnknownProductIsAnsweredWithAQuestionAndTheFlowReturns() {
    ProcessInstance instance =
        conversation.start("order-and-pay", "بكام الموبايل ده؟", "ar-EG", "product_inquiry");
    conversation.runDueJobs(instance);

    assertThat(instance).hasPassed("endEvent_noProduct").isEnded();
    assertThat(conversation.sentTexts()).singleElement().asString().contains("اسم المنتج");
  }

  @Test
  void anOutOfStockProductOffersNoOrderButton() {
    ProcessInstance instance =
        conversation.start("order-and-pay", "Is the Oppo Reno 11 available?", "en", "availability");
    conversation.runDueJobs(instance);

    assertThat(instance).isWaitingAt("gateway_awaitDecision");
    assertThat(instance).variables().containsEntry("productAvailable", false);
    assertThat(conversation.sentTexts().get(0))
        .contains("18,999 EGP")
        .contains("out of stock")
        .doesNotContain("[Order now]")
        .contains("[Talk to someone]");
  }

  @Test
  void anOutOfStockCardOffersTheNearestProductsInStockToOrder() {
    ProcessInstance instance =
        conversation.start("order-and-pay", "Is the Oppo Reno 11 available?", "en", "availability");
    conversation.runDueJobs(instance);
    // the same kind (phones), the nearest prices to 18,999, in stock
    assertThat(conversation.sentTexts().get(0))
        .contains("out of stock")
        .contains("nearest ones we have in stock")
        .contains("Samsung Galaxy A55: 19,499 EGP")
        .contains("Xiaomi Redmi Note 13: 9,999 EGP")
        .doesNotContain("[Order now]")
        .contains("[Samsung Galaxy A55]");

    conversation.customerWrites(instance, "Samsung Galaxy A55", "sales_order:SM-A55");
    conversation.runDueJobs(instance);
    assertThat(instance).variables().containsEntry("productSku", "SM-A55");
    assertThat(instance).isWaitingAt("gateway_awaitCheckout");
  }

  @Test
  void anOutOfStockCardOffersTheNearestInArabic() {
    ProcessInstance instance =
        conversation.start("order-and-pay", "اوبو رينو ١١ متوفر؟", "ar-EG", "availability");
    conversation.runDueJobs(instance);
    assertThat(conversation.sentTexts().get(0))
        .contains("المخزون خلص")
        .contains("الأقرب ليه ومتوفر")
        .contains("سامسونج جالاكسي A55: 19,499 جنيه")
        .contains("[سامسونج جالاكسي A55]");
  }

  @Test
  void soldOutBetweenOfferAndOrderTakesTheOutOfStockPath() {
    ProcessInstance instance =
        conversation.start("order-and-pay", "apple watch se price", "en", "product_inquiry");
    conversation.runDueJobs(instance);
    jdbc.sql("UPDATE commerce_stock SET reserved = on_hand WHERE sku = 'AWSE'").update();
    try {
      conversation.customerWrites(instance, "Order now", "sales_order:AWSE");
      conversation.runDueJobs(instance);
      // stock is back while the customer answers
      assertThat(instance).isWaitingAt("gateway_awaitCheckout");
      jdbc.sql("UPDATE commerce_stock SET reserved = 0 WHERE sku = 'AWSE'").update();
      conversation.customerWrites(instance, "1", "checkout_qty:1");
      conversation.customerWrites(instance, "Delivery", "checkout_delivery");
      conversation.customerWrites(instance, "12 Fawzy Moaz St, Smouha, Alexandria", null);
      conversation.customerWrites(instance, "Confirm", "checkout_confirm");
      // sold out while the customer confirmed
      jdbc.sql("UPDATE commerce_stock SET reserved = on_hand WHERE sku = 'AWSE'").update();
      conversation.customerWrites(instance, "Pay online", "pay_online");
      conversation.runDueJobs(instance);

      assertThat(instance).hasPassed("boundaryEvent_outOfStock", "endEvent_outOfStock").isEnded();
      assertThat(instance).variables().containsEntry("salesOutcome", "out_of_stock");
      assertThat(conversation.sentTexts()).last().asString().contains("just sold");
    } finally {
      jdbc.sql("UPDATE commerce_stock SET reserved = 0 WHERE sku = 'AWSE'").update();
    }
  }

  @Test
  void talkToSomeoneEndsTheFlowAskingForAHandoff() {
    ProcessInstance instance =
        conversation.start("order-and-pay", "galaxy s24?", "en", "product_inquiry");
    conversation.runDueJobs(instance);
    conversation.customerWrites(instance, "Talk to someone", "sales_human");
    conversation.runDueJobs(instance);

    assertThat(instance).hasPassed("endEvent_handoffRequested").isEnded();
    assertThat(instance)
        .variables()
        .containsEntry("handoff", true)
        .containsEntry("salesOutcome", "handoff")
        .containsEntry("handoffReason", "customer asked for a person about a product");
  }

  @Test
  void aComplaintDuringTheOfferKeepsThePersonasReasonForThePerson() {
    ProcessInstance instance =
        conversation.start("order-and-pay", "galaxy s24?", "en", "product_inquiry");
    conversation.runDueJobs(instance);
    conversation.customerWrites(instance, "see the problem, it keeps restarting", null);
    conversation.runDueJobs(instance);

    assertThat(instance).hasPassed("endEvent_handoffRequested").isEnded();
    assertThat(instance)
        .variables()
        .containsEntry("handoff", true)
        .containsEntry("intent", "complaint")
        .containsEntry("handoffReason", "complaint");
  }

  @Test
  void freeTextInsteadOfAButtonIsAnsweredByThePersonaAndTheOfferStaysOpen() {
    ProcessInstance instance =
        conversation.start("order-and-pay", "galaxy a55 price", "en", "product_inquiry");
    conversation.runDueJobs(instance);
    conversation.customerWrites(instance, "what are your opening hours?", null);
    conversation.runDueJobs(instance);

    assertThat(instance)
        .hasPassed("serviceTask_readOfferTurn", "serviceTask_offerTurn")
        .isWaitingAt("gateway_awaitDecision");
    assertThat(conversation.sentTexts()).hasSize(2).last().asString().contains("10 am");
  }

  @Test
  void aCustomerWhoNeverAnswersTheOfferLetsTheFlowEnd() {
    ProcessInstance instance =
        conversation.start("order-and-pay", "anker power bank", "en", "product_inquiry");
    conversation.runDueJobs(instance);
    conversation.fireTimer(instance, "timer_decision");

    assertThat(instance).hasPassed("endEvent_decisionTimedOut").isEnded();
  }

  @Test
  void aProductQuestionWhileTheLinkIsOpenGetsPriceStockAndTheOfferAndTheOrderStaysPayable() {
    ProcessInstance instance = askAndOrder("عايز اعرف سعر ايربودز برو", "APP2");
    String orderId = (String) runtimeService().getVariable(instance.getId(), "orderId");
    String paymentId = (String) runtimeService().getVariable(instance.getId(), "paymentId");
    int sent = conversation.sentTexts().size();

    conversation.customerWrites(instance, "بكام الايفون ١٥؟", null);
    conversation.runDueJobs(instance);

    assertThat(instance)
        .hasPassed("serviceTask_offerWhilePaying")
        .isWaitingAt("catchEvent_customerWhilePaying");
    assertThat(conversation.sentTexts())
        .hasSize(sent + 1)
        .last()
        .asString()
        .contains("آيفون ١٥")
        .contains("47,999")
        .contains("القاهرة")
        .contains("[اطلب دلوقتي]")
        .contains(orderId)
        .contains("/pay/sandbox/" + paymentId)
        .doesNotContain("نخلص طلبك");
    // the open order is untouched: its product, reservation and link
    assertThat(instance)
        .variables()
        .containsEntry("productSku", "APP2")
        .containsEntry("offeredWhilePaying", "IP15-128");
    assertThat(conversation.orderStatus(orderId)).isEqualTo("RESERVED");
    assertThat(conversation.paymentStatus(paymentId)).isEqualTo("OPEN");

    gatewayReports(Payments.PAYMENT_RECEIVED);
    conversation.runDueJobs(instance);
    assertThat(instance).hasPassed("endEvent_paid").isEnded();
    assertThat(conversation.orderStatus(orderId)).isEqualTo("PAID");
  }

  @Test
  void orderNowOfTheProductOfferedWhileTheLinkIsOpenCancelsTheUnpaidOrderAndChecksOutTheNewOne() {
    int reservedBefore = conversation.reserved("APP2");
    int jblReservedBefore = conversation.reserved("JBLF6");
    ProcessInstance instance = askAndOrder("عايز اعرف سعر ايربودز برو", "APP2");
    String orderId = (String) runtimeService().getVariable(instance.getId(), "orderId");
    String paymentId = (String) runtimeService().getVariable(instance.getId(), "paymentId");
    assertThat(conversation.reserved("APP2")).isEqualTo(reservedBefore + 1);
    conversation.customerWrites(instance, "how much is the JBL Flip 6?", null);
    conversation.runDueJobs(instance);
    assertThat(instance).hasPassed("serviceTask_offerWhilePaying");

    conversation.customerWrites(instance, "Order now", "sales_order:JBLF6");
    conversation.runDueJobs(instance);

    assertThat(instance)
        .hasPassed(
            "endEvent_orderInstead", "serviceTask_giveUpUnpaidOrder", "serviceTask_startCheckout")
        .isWaitingAt("gateway_awaitCheckout");
    assertThat(instance)
        .variables()
        .containsEntry("productSku", "JBLF6")
        .containsEntry("checkoutStep", "quantity");
    assertThat(conversation.orderStatus(orderId)).isEqualTo("CANCELLED");
    assertThat(conversation.paymentStatus(paymentId)).isEqualTo("EXPIRED");
    assertThat(conversation.reserved("APP2")).isEqualTo(reservedBefore);
    List<String> sent = conversation.sentTexts();
    assertThat(sent.get(sent.size() - 2))
        .contains(orderId)
        .contains("cancelled")
        .contains("JBL Flip 6");

    // the new product's checkout places a new order with its own link
    conversation.customerWrites(instance, "1", "checkout_qty:1");
    conversation.customerWrites(instance, "Pickup", "checkout_pickup");
    conversation.customerWrites(instance, "Cairo", "checkout_branch:CAI");
    conversation.customerWrites(instance, "Confirm", "checkout_confirm");
    conversation.customerWrites(instance, "Pay online", "pay_online");
    conversation.runDueJobs(instance);
    assertThat(instance).isWaitingAt("catchEvent_customerWhilePaying");
    String second = (String) runtimeService().getVariable(instance.getId(), "orderId");
    assertThat(second).isNotEqualTo(orderId);
    assertThat(conversation.orderStatus(second)).isEqualTo("RESERVED");
    assertThat(conversation.reserved("JBLF6")).isEqualTo(jblReservedBefore + 1);

    // paid: a pickup is not shipped, the confirmation says it waits at the branch
    gatewayReports(Payments.PAYMENT_RECEIVED);
    conversation.runDueJobs(instance);
    List<String> after = conversation.sentTexts();
    assertThat(after.get(after.size() - 2))
        .contains(second)
        .contains("ready for pickup")
        .doesNotContain("ships");
  }

  @Test
  void theProductOfferedWhileTheLinkIsOpenTakenInWordsIsOrderedInsteadWithItsQuantity() {
    ProcessInstance instance = askAndOrder("عايز اعرف سعر ايربودز برو", "APP2");
    String orderId = (String) runtimeService().getVariable(instance.getId(), "orderId");
    conversation.customerWrites(instance, "بكام شاحن انكر؟", null);
    conversation.runDueJobs(instance);

    conversation.customerWrites(instance, "تمام هاخده، ٢ من فضلك", null);
    conversation.runDueJobs(instance);

    assertThat(instance)
        .hasPassed("serviceTask_giveUpUnpaidOrder")
        .isWaitingAt("gateway_awaitCheckout");
    assertThat(instance)
        .variables()
        .containsEntry("productSku", "ANK20")
        .containsEntry("orderQuantity", 2)
        .containsEntry("checkoutStep", "fulfilment");
    assertThat(conversation.orderStatus(orderId)).isEqualTo("CANCELLED");
    List<String> sent = conversation.sentTexts();
    assertThat(sent.get(sent.size() - 2)).contains(orderId).contains("لغيت");
  }

  @Test
  void orderNowOfTheOpenOrdersOwnProductSendsTheLinkAgainAndCancelsNothing() {
    ProcessInstance instance = askAndOrder("عايز اعرف سعر ايربودز برو", "APP2");
    String orderId = (String) runtimeService().getVariable(instance.getId(), "orderId");

    conversation.customerWrites(instance, "اطلب دلوقتي", "sales_order:APP2");
    conversation.runDueJobs(instance);

    assertThat(instance)
        .isWaitingAt("catchEvent_customerWhilePaying")
        .hasNotPassed("endEvent_orderInstead");
    assertThat(conversation.orderStatus(orderId)).isEqualTo("RESERVED");
    assertThat(conversation.sentTexts())
        .last()
        .asString()
        .contains("لينك الدفع لسه شغال")
        .contains(orderId);
  }

  /** The booking flow order-and-pay called inside its payment wait. */
  private ProcessInstance bookingWhilePaying(ProcessInstance instance) {
    return runtimeService()
        .createProcessInstanceQuery()
        .superProcessInstanceId(instance.getId())
        .singleResult();
  }

  @Test
  void cancellingTheOrderByNumberWhileTheLinkIsOpenAsksFirstThenCancelsItAndClosesTheLink() {
    ProcessInstance instance = askAndOrder("بكام جالاكسي S24؟", "SM-S24");
    String orderId = (String) runtimeService().getVariable(instance.getId(), "orderId");
    String paymentId = (String) runtimeService().getVariable(instance.getId(), "paymentId");

    // "cancel ORD-…" is never a booking's cancellation, nor an offer of cheaper phones
    conversation.customerWrites(
        instance,
        "Actually please cancel order " + orderId + ", I found it cheaper elsewhere",
        null);
    conversation.runDueJobs(instance);

    assertThat(instance).isWaitingAt("callActivity_orderCancelWhilePaying");
    ProcessInstance cancel = bookingWhilePaying(instance);
    assertThat(cancel.getProcessDefinitionId()).startsWith("order-cancel:");
    conversation.runDueJobs(cancel);
    assertThat(cancel).isWaitingAt("gateway_awaitAnswer");
    assertThat(conversation.sentTexts()).last().asString().contains(orderId).contains("متأكد");
    assertThat(conversation.paymentStatus(paymentId)).isEqualTo("OPEN");

    conversation.customerWrites(cancel, "Yes, cancel it", "ocancel_yes:" + orderId);
    conversation.runDueJobs(cancel);
    conversation.runDueJobs(instance);

    assertThat(cancel).hasPassed("serviceTask_cancelOrder").isEnded();
    assertThat(instance).hasPassed("endEvent_orderCancelled").isEnded();
    assertThat(conversation.orderStatus(orderId)).isEqualTo("CANCELLED");
    assertThat(conversation.paymentStatus(paymentId)).isEqualTo("EXPIRED");
    assertThat(conversation.sentTexts()).last().asString().contains("اتلغى").doesNotContain("http");
  }

  @Test
  void keepingTheOrderAfterAskingToCancelItWhileTheLinkIsOpenKeepsTheLinkOpen() {
    ProcessInstance instance = askAndOrder("بكام جالاكسي S24؟", "SM-S24");
    String orderId = (String) runtimeService().getVariable(instance.getId(), "orderId");
    String paymentId = (String) runtimeService().getVariable(instance.getId(), "paymentId");

    conversation.customerWrites(instance, "momken tlghy el order " + orderId, null);
    conversation.runDueJobs(instance);
    ProcessInstance cancel = bookingWhilePaying(instance);
    conversation.runDueJobs(cancel);
    conversation.customerWrites(cancel, "La2, khallih", "ocancel_keep");
    conversation.runDueJobs(cancel);
    conversation.runDueJobs(instance);

    assertThat(instance)
        .hasPassed("serviceTask_afterOrderCancelWhilePaying")
        .isWaitingAt("catchEvent_customerWhilePaying")
        .variables()
        .containsEntry("orderId", orderId);
    assertThat(conversation.orderStatus(orderId)).isEqualTo("RESERVED");
    assertThat(conversation.paymentStatus(paymentId)).isEqualTo("OPEN");
    assertThat(conversation.sentTexts()).last().asString().contains(orderId).contains("http");
  }

  @Test
  void aBookingRequestWhileTheLinkIsOpenRunsTheBookingFlowAndTheOrderStaysPayable() {
    ProcessInstance instance = askAndOrder("عايز اعرف سعر ايربودز برو", "APP2");
    String orderId = (String) runtimeService().getVariable(instance.getId(), "orderId");
    String paymentId = (String) runtimeService().getVariable(instance.getId(), "paymentId");

    conversation.customerWrites(instance, "عايز احجز معاد صيانة يوم الخميس", null);
    conversation.runDueJobs(instance);

    assertThat(instance)
        .hasPassed("serviceTask_payingTopic")
        .isWaitingAt("callActivity_bookingWhilePaying");
    ProcessInstance booking = bookingWhilePaying(instance);
    conversation.runDueJobs(booking);
    assertThat(booking).isNotNull();
    assertThat(booking.getBusinessKey()).isEqualTo(conversation.key);
    assertThat(booking).isWaitingAt("gateway_awaitAnswer");
    assertThat(conversation.sentTexts()).last().asString().doesNotContain("نخلص طلبك");
    assertThat(conversation.paymentStatus(paymentId)).isEqualTo("OPEN");

    conversation.customerWrites(booking, "فحص مجاني", "service:REPAIR_CHECK");
    conversation.runDueJobs(booking);
    conversation.customerWrites(booking, "القاهرة (مدينة نصر)", "branch:CAI");
    conversation.runDueJobs(booking);
    conversation.customerWrites(booking, "الخميس الساعة ٣", null);
    conversation.runDueJobs(booking);
    conversation.customerWrites(booking, "أكد الحجز", "bk_confirm");
    conversation.runDueJobs(booking);
    conversation.runDueJobs(instance);

    assertThat(booking).hasPassed("endEvent_booked").isEnded();
    assertThat(instance)
        .hasPassed("serviceTask_afterBookingWhilePaying")
        .isWaitingAt("catchEvent_customerWhilePaying");
    List<String> sent = conversation.sentTexts();
    assertThat(sent.get(sent.size() - 2)).contains("BK-");
    assertThat(sent.get(sent.size() - 1)).contains("لينك الدفع لسه شغال").contains(orderId);
    assertThat(instance).variables().containsEntry("bookingWhilePaying", false);

    gatewayReports(Payments.PAYMENT_RECEIVED);
    conversation.runDueJobs(instance);
    assertThat(instance).hasPassed("endEvent_paid").isEnded();
    assertThat(conversation.orderStatus(orderId)).isEqualTo("PAID");
    assertThat(conversation.sentTexts()).last().asString().doesNotContain("ما اتحجزش");
  }

  @Test
  void aPaymentWhileTheBookingRunsPaysTheOrderEndsTheBookingAndSaysHowToGoOn() {
    ProcessInstance instance = askAndOrder("عايز اعرف سعر ايربودز برو", "APP2");
    String orderId = (String) runtimeService().getVariable(instance.getId(), "orderId");
    conversation.customerWrites(instance, "عايز احجز معاد صيانة", null);
    conversation.runDueJobs(instance);
    ProcessInstance booking = bookingWhilePaying(instance);
    conversation.runDueJobs(booking);
    assertThat(booking).isWaitingAt("gateway_awaitAnswer");

    gatewayReports(Payments.PAYMENT_RECEIVED);
    conversation.runDueJobs(instance);

    assertThat(instance).hasPassed("endEvent_paid").isEnded();
    assertThat(booking).isEnded();
    assertThat(conversation.orderStatus(orderId)).isEqualTo("PAID");
    // the confirmation, then the invoice
    List<String> sent = conversation.sentTexts();
    assertThat(sent.get(sent.size() - 2)).contains("وصلنا الدفع").contains("ما اتحجزش");
    assertThat(sent.get(sent.size() - 1)).startsWith("[document: invoice-" + orderId + ".pdf]");
  }

  @Test
  void aProductOrderedInsideTheBookingWhileTheLinkIsOpenIsOfferedAfterTheBookingEnds() {
    ProcessInstance instance = askAndOrder("how much are the airpods pro?", "APP2");
    conversation.customerWrites(instance, "I'd like to book a repair appointment", null);
    conversation.runDueJobs(instance);
    ProcessInstance booking = bookingWhilePaying(instance);
    conversation.runDueJobs(booking);
    assertThat(booking).isWaitingAt("gateway_awaitAnswer");

    // a price asked aside is answered and the booking goes on
    conversation.customerWrites(booking, "how much is the JBL Flip 6?", null);
    conversation.runDueJobs(booking);
    assertThat(booking).isNotEnded();
    assertThat(String.join("\n", conversation.sentTexts())).contains("5,999");

    // a product ordered is another topic: the booking ends and the open order's flow offers it
    conversation.customerWrites(booking, "I want to order the JBL Flip 6", null);
    conversation.runDueJobs(booking);
    conversation.runDueJobs(instance);

    assertThat(booking).isEnded();
    assertThat(instance)
        .hasPassed("serviceTask_afterBookingWhilePaying", "serviceTask_offerWhilePaying")
        .isWaitingAt("catchEvent_customerWhilePaying");
    assertThat(conversation.sentTexts())
        .last()
        .asString()
        .contains("JBL Flip 6")
        .contains("5,999")
        .contains("/pay/sandbox/");
  }

  @Test
  void paymentTextsFollowTheCustomersRegister() {
    ProcessInstance instance =
        conversation.start("order-and-pay", "كم سعر سماعة أورايمو؟", "ar", "product_inquiry");
    conversation.runDueJobs(instance);
    conversation.customerWrites(instance, "اطلب الآن", "sales_order:ORFP4");
    checkOutOnline(conversation, instance);
    runtimeService().setVariable(instance.getId(), "language", "ar");
    String orderId = (String) runtimeService().getVariable(instance.getId(), "orderId");

    conversation.fireTimer(instance, "boundaryEvent_paymentReminder");
    assertThat(conversation.sentTexts())
        .last()
        .asString()
        .contains("للتذكير")
        .doesNotContain("لسه");
    gatewayReports(Payments.PAYMENT_RECEIVED);
    conversation.runDueJobs(instance);
    List<String> sent = conversation.sentTexts();
    // the invoice's caption is in MSA too
    assertThat(sent.get(sent.size() - 1)).endsWith("فاتورة طلبك " + orderId);
    assertThat(sent.get(sent.size() - 2))
        .contains(orderId)
        .contains("مؤكد")
        .doesNotContain("اتأكد")
        .doesNotContain("هنجهزه");
  }

  @Test
  void everyBeanTheSalesFlowsNameExistsAndEveryWaitHearsTheCustomer() throws Exception {
    for (String file :
        List.of("order-and-pay", "booking-change", "order-tracking", "order-cancel")) {
      String xml =
          java.nio.file.Files.readString(java.nio.file.Path.of("processes", file + ".bpmn"));
      java.util.regex.Matcher beans =
          java.util.regex.Pattern.compile("\\$\\{(\\w+)[.}]").matcher(xml);
      while (beans.find()) {
        String name = beans.group(1);
        // variables, not beans: handoffGroup is the handoff routing table's result
        if (!List.of("execution", "productFound", "bookingFound", "handoffGroup").contains(name)) {
          assertThat(context.containsBean(name)).as(file + " names bean " + name).isTrue();
        }
      }
      assertThat(xml)
          .contains("camunda:historyTimeToLive=\"P30D\"")
          .contains("<bpmndi:BPMNDiagram");
      // each event-based gateway and the payment wait has a CustomerMessage branch
      assertThat(xml.split("<bpmn:eventBasedGateway", -1).length - 1)
          .isLessThanOrEqualTo(xml.split("messageRef=\"message_customerMessage\"", -1).length - 1);
    }
  }
}
