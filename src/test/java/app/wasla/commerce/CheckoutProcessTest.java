package app.wasla.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import app.wasla.conversation.Inbox;
import app.wasla.support.FlowTest;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * processes/order-and-pay.bpmn while an offer waits and through checkout, with its real delegates,
 * the embedded persona, the demo store and the sandbox gateway; the test plays the mailbox (as
 * {@link OrderAndPayProcessTest}).
 */
@FlowTest
class CheckoutProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired Inbox inbox;

  SalesFlowTestSupport conversation;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    conversation = new SalesFlowTestSupport(inbox, jdbc);
  }

  private ProcessInstance offer(String text, String language, String sku) {
    ProcessInstance instance =
        conversation.start("order-and-pay", text, language, "product_inquiry");
    conversation.runDueJobs(instance);
    assertThat(instance)
        .isWaitingAt("gateway_awaitDecision")
        .variables()
        .containsEntry("productSku", sku);
    return instance;
  }

  private String last() {
    List<String> sent = conversation.sentTexts();
    return sent.get(sent.size() - 1);
  }

  private Object variable(ProcessInstance instance, String name) {
    return runtimeService().getVariable(instance.getId(), name);
  }

  @Test
  void aDeliveryQuestionIsAnsweredAndOrderNowStillStartsCheckout() {
    ProcessInstance instance = offer("بكام ايربودز برو؟", "ar-EG", "APP2");
    conversation.customerWrites(instance, "التوصيل لمدينة نصر بكام؟", null);
    assertThat(instance).isWaitingAt("gateway_awaitDecision");
    assertThat(last()).contains("٦٠").contains("٣٠٠٠");

    conversation.customerWrites(instance, "اطلب دلوقتي", "sales_order:APP2");
    assertThat(instance)
        .isWaitingAt("gateway_awaitCheckout")
        .hasPassed("serviceTask_startCheckout");
    assertThat(last()).contains("كام قطعة").contains("[1]").doesNotContain("اسم المنتج");
  }

  @Test
  void whereIsMyOrderWhileAnOfferWaitsIsAnsweredInTheTurnAndTheOfferStays() {
    conversation = new SalesFlowTestSupport(inbox, jdbc, "201001234567");
    ProcessInstance instance = offer("how much are the airpods pro?", "en", "APP2");
    int before = conversation.sentTexts().size();
    conversation.customerWrites(instance, "where is my order ORD-12002?", null);
    // the intent is the persona's reading of this turn; the flow answers it
    assertThat(variable(instance, "intent")).isEqualTo("order_status");
    List<String> sent = conversation.sentTexts();
    assertThat(sent.subList(before, sent.size()))
        .anyMatch(t -> t.contains("ORD-12002"))
        .noneMatch(t -> t.contains("One moment"));
    assertThat(last()).contains("still open").contains("[Order now]");
    assertThat(instance).isWaitingAt("gateway_awaitDecision");

    conversation.customerWrites(instance, "Order now", "sales_order:APP2");
    assertThat(last()).contains("How many").doesNotContain("can't find");
    assertThat(instance).isWaitingAt("gateway_awaitCheckout");
  }

  @Test
  void theOfferTakenInWordsWithAQuantitySkipsTheQuantityQuestion() {
    ProcessInstance instance = offer("how much is the samsung 25w charger", "en", "SM25");
    conversation.customerWrites(instance, "2 please", null);
    assertThat(instance)
        .isWaitingAt("gateway_awaitCheckout")
        .variables()
        .containsEntry("orderQuantity", 2)
        .containsEntry("checkoutStep", "fulfilment");
    assertThat(last()).contains("deliver").contains("[Delivery]").contains("[Pickup at a branch]");
  }

  @Test
  void tamamHakhdoStartsCheckout() {
    ProcessInstance instance = offer("بكام شاحن انكر؟", "ar-EG", "ANK20");
    conversation.customerWrites(instance, "تمام هاخده", null);
    assertThat(instance)
        .isWaitingAt("gateway_awaitCheckout")
        .variables()
        .containsEntry("checkoutStep", "quantity");
  }

  @Test
  void deliveryByASharedLocationChargesTheZoneFeeBelowTheThresholdAndPaysCashOnDelivery() {
    ProcessInstance instance = offer("how much is the anker charger?", "en", "ANK20");
    int onHand = conversation.onHand("ANK20");
    conversation.customerWrites(instance, "ok i'll take it", null);
    conversation.customerWrites(instance, "1", "checkout_qty:1");
    conversation.customerWrites(instance, "Delivery", "checkout_delivery");
    assertThat(last()).contains("address").contains("location");
    conversation.customerWrites(instance, "📍 Smouha, Alexandria (31.2156, 29.9553)", null);
    assertThat(instance)
        .variables()
        .containsEntry("deliveryZone", "alexandria")
        .containsEntry("checkoutStep", "confirm");
    assertThat(last())
        .contains("899 EGP")
        .contains("Delivery fee: 70 EGP")
        .contains("Total: 969 EGP")
        .contains("[Confirm]");
    conversation.customerWrites(instance, "yes", null);
    assertThat(last())
        .contains("[Cash on delivery]")
        .contains("[Pay online]")
        .contains("[Instalments]");
    conversation.customerWrites(instance, "Cash on delivery", "pay_cod");

    assertThat(instance)
        .hasPassed(
            "serviceTask_placeOrder",
            "serviceTask_confirmCashOnDelivery",
            "endEvent_cashOnDelivery")
        .isEnded();
    String orderId =
        (String)
            BpmnAwareTests.historyService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId())
                .variableName("orderId")
                .singleResult()
                .getValue();
    assertThat(conversation.orderStatus(orderId)).isEqualTo("CONFIRMED");
    assertThat(conversation.onHand("ANK20")).isEqualTo(onHand - 1);
    assertThat(last()).contains(orderId).contains("969 EGP").contains("cash on delivery");
  }

  @Test
  void aPhoneAboveTheCashLimitIsNotOfferedCashOnDeliveryAndCashInWordsIsExplained() {
    ProcessInstance instance = offer("بكام الايفون 15 برو ماكس؟", "ar-EG", "IP15PM-256");
    conversation.customerWrites(instance, "اطلب دلوقتي", "sales_order:IP15PM-256");
    conversation.customerWrites(instance, "1", "checkout_qty:1");
    conversation.customerWrites(instance, "توصيل", "checkout_delivery");
    conversation.customerWrites(instance, "شارع ٩ المعادي القاهرة", null);
    assertThat(last()).contains("مجاني").contains("72,999 جنيه");
    conversation.customerWrites(instance, "تأكيد", "checkout_confirm");
    assertThat(last()).doesNotContain("الدفع عند الاستلام]").contains("[ادفع أونلاين]");
    conversation.customerWrites(instance, "عايز ادفع كاش", null);
    assertThat(instance).isWaitingAt("gateway_awaitCheckout");
    assertThat(last()).contains("20,000");
  }

  @Test
  void instalmentsHandTheCustomerToAPerson() {
    ProcessInstance instance = offer("galaxy s24 price", "en", "SM-S24");
    conversation.customerWrites(instance, "Order now", "sales_order:SM-S24");
    conversation.customerWrites(instance, "1", "checkout_qty:1");
    conversation.customerWrites(instance, "Pickup", "checkout_pickup");
    conversation.customerWrites(instance, "Cairo", "checkout_branch:CAI");
    conversation.customerWrites(instance, "Confirm", "checkout_confirm");
    conversation.customerWrites(instance, "Instalments", "pay_instalments");

    assertThat(instance).hasPassed("endEvent_instalments").isEnded();
    assertThat(
            BpmnAwareTests.historyService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId())
                .variableName("handoff")
                .singleResult()
                .getValue())
        .isEqualTo(true);
    assertThat(last()).contains("colleague");
  }

  @Test
  void anOlderOffersOrderButtonOrdersWhatItWasOfferedFor() {
    ProcessInstance instance = offer("how much are the airpods pro?", "en", "APP2");
    conversation.customerWrites(instance, "and the galaxy buds fe?", null);
    assertThat(instance)
        .isWaitingAt("gateway_awaitDecision")
        .variables()
        .containsEntry("productSku", "GBFE");
    conversation.customerWrites(instance, "Order now", "sales_order:APP2");
    assertThat(instance)
        .isWaitingAt("gateway_awaitCheckout")
        .variables()
        .containsEntry("productSku", "APP2");
    assertThat(last()).contains("AirPods Pro 2");
  }

  @Test
  void aBookingRequestWhileAnOfferWaitsEndsTheFlowTellingTheCustomerForTheConversationToServeIt() {
    ProcessInstance instance = offer("how much are the airpods pro?", "en", "APP2");
    conversation.customerWrites(instance, "I want to change my repair booking", null);
    assertThat(instance).hasPassed("endEvent_newTopic").isEnded();
    assertThat(
            BpmnAwareTests.historyService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId())
                .variableName("salesOutcome")
                .singleResult()
                .getValue())
        .isEqualTo("topic_changed");
  }

  @Test
  void aQuestionDuringCheckoutIsAnsweredAndThePendingQuestionAskedAgain() {
    ProcessInstance instance = offer("بكام جراب الموبايل؟", "ar-EG", "CASE");
    conversation.customerWrites(instance, "اطلب دلوقتي", "sales_order:CASE");
    int before = conversation.sentTexts().size();
    conversation.customerWrites(instance, "الضمان كام سنة؟", null);
    assertThat(instance)
        .isWaitingAt("gateway_awaitCheckout")
        .variables()
        .containsEntry("checkoutStep", "quantity");
    List<String> sent = conversation.sentTexts();
    assertThat(sent.subList(before, sent.size())).hasSizeGreaterThanOrEqualTo(2);
    assertThat(last()).contains("كام قطعة");
  }

  @Test
  void cancellingAtTheSummaryReservesNothing() {
    ProcessInstance instance = offer("bkam el jbl flip 6?", "arabizi", "JBLF6");
    int reserved = conversation.reserved("JBLF6");
    conversation.customerWrites(instance, "ha5do", null);
    conversation.customerWrites(instance, "1", null);
    conversation.customerWrites(instance, "tawsil", null);
    conversation.customerWrites(instance, "12 share3 el nasr, madinet nasr, el kahera", null);
    assertThat(last()).contains("Molakhas").contains("5,999 geneh").contains("bbalash");
    conversation.customerWrites(instance, "Elghi", "checkout_cancel");
    assertThat(instance).hasPassed("endEvent_checkoutCancelled").isEnded();
    assertThat(conversation.reserved("JBLF6")).isEqualTo(reserved);
  }

  @Test
  void aCancelInEgyptianWhileTheAddressIsAskedEndsCheckoutInEgyptianAndIsNoAddress() {
    for (String cancel :
        List.of(
            "لا خلاص الغي الموضوع ده دلوقتي", "عايز الغي الطلب", "مش عايز اكمل الطلب", "الغاء")) {
      ProcessInstance instance = offer("بكام ايربودز برو؟", "ar-EG", "APP2");
      conversation.customerWrites(instance, "اطلب دلوقتي", "sales_order:APP2");
      conversation.customerWrites(instance, "1", "checkout_qty:1");
      conversation.customerWrites(instance, "توصيل", "checkout_delivery");
      assertThat(instance).variables().containsEntry("checkoutStep", "address");

      conversation.customerWrites(instance, cancel, null);

      assertThat(instance).hasPassed("endEvent_checkoutCancelled").isEnded();
      assertThat(last()).as(cancel).contains("لغيت الطلب");
      assertThat(
              historyService()
                  .createHistoricVariableInstanceQuery()
                  .processInstanceId(instance.getId())
                  .variableName("deliveryAddress")
                  .list())
          .as(cancel)
          .allSatisfy(v -> assertThat(v.getValue()).isNull());
    }
  }

  @Test
  void notWantingDeliveryAtTheFulfilmentQuestionChoosesPickupNotACancel() {
    ProcessInstance instance = offer("بكام ايربودز برو؟", "ar-EG", "APP2");
    conversation.customerWrites(instance, "اطلب دلوقتي", "sales_order:APP2");
    conversation.customerWrites(instance, "1", "checkout_qty:1");
    conversation.customerWrites(instance, "مش عايز توصيل هستلم من الفرع", null);

    assertThat(instance).hasNotPassed("endEvent_checkoutCancelled");
    assertThat(instance).variables().containsEntry("fulfilment", "pickup");
  }

  @Test
  void aQuantitySaidAtTheSummaryUpdatesItInsteadOfStartingABooking() {
    ProcessInstance instance = offer("how much are the airpods pro?", "en", "APP2");
    conversation.customerWrites(instance, "2 please", null);
    conversation.customerWrites(instance, "I'll pick them up from the store", null);
    assertThat(instance).variables().containsEntry("checkoutStep", "branch");
    conversation.customerWrites(instance, "Alexandria", null);
    assertThat(last()).contains("× 2");
    conversation.customerWrites(instance, "Actually make it just 1", null);
    assertThat(instance)
        .isWaitingAt("gateway_awaitCheckout")
        .variables()
        .containsEntry("orderQuantity", 1)
        .containsEntry("pickupBranch", "ALX")
        .containsEntry("checkoutStep", "confirm");
    assertThat(last()).contains("AirPods Pro 2 × 1 = 11,499 EGP").contains("[Confirm]");
  }

  @Test
  void aQuantityOnAnOfferInArabiziTakesItAndIsNoMondayBooking() {
    ProcessInstance instance = offer("3ayz sha7en anker 20w b kaaam", "arabizi", "ANK20");
    conversation.customerWrites(instance, "3ayz etneen", null);
    assertThat(instance)
        .isWaitingAt("gateway_awaitCheckout")
        .variables()
        .containsEntry("orderQuantity", 2)
        .containsEntry("checkoutStep", "fulfilment");
  }

  @Test
  void aNamedBranchIsTakenForPickupAndABranchWithoutStockIsSaid() {
    ProcessInstance instance = offer("بكام شاحن انكر؟", "ar-EG", "ANK20");
    conversation.customerWrites(instance, "تمام هاخد ٥", null);
    assertThat(instance).variables().containsEntry("orderQuantity", 5);
    conversation.customerWrites(instance, "استلام من فرع مدينة نصر", null);
    assertThat(instance)
        .variables()
        .containsEntry("fulfilment", "pickup")
        .containsEntry("pickupBranch", "CAI")
        .containsEntry("checkoutStep", "confirm");

    ProcessInstance jbl = offer("بكام jbl flip 6", "ar-EG", "JBLF6");
    conversation.customerWrites(jbl, "عايز اتنين", null);
    conversation.customerWrites(jbl, "استلام من فرع اسكندرية", null);
    assertThat(jbl).variables().containsEntry("checkoutStep", "branch");
    assertThat(variable(jbl, "pickupBranch")).isNull();
    assertThat(last()).contains("مفيهوش").contains("توصيل").contains("[القاهرة (مدينة نصر)]");
  }

  @Test
  void vodafoneCashAtThePaymentChoiceIsPayingOnlineNeverCashOnDelivery() {
    ProcessInstance instance = offer("بكام شاحن انكر؟", "ar-EG", "ANK20");
    conversation.customerWrites(instance, "اطلب دلوقتي", "sales_order:ANK20");
    conversation.customerWrites(instance, "1", "checkout_qty:1");
    conversation.customerWrites(instance, "توصيل للمعادي، ٩ شارع ٢٣١ دجلة، القاهرة", null);
    assertThat(instance)
        .variables()
        .containsEntry("deliveryAddress", "المعادي، ٩ شارع ٢٣١ دجلة، القاهرة");
    conversation.customerWrites(instance, "تأكيد", "checkout_confirm");
    conversation.customerWrites(instance, "تمام هحول فودافون كاش دلوقتي على الرقم ده", null);
    assertThat(instance)
        .hasPassed("serviceTask_createPaymentLink")
        .hasNotPassed("serviceTask_confirmCashOnDelivery")
        .variables()
        .containsEntry("paymentMethod", "online")
        .containsEntry("transferTo", "01012345678");
    // where to transfer and a receipt asked for, not a card link alone
    assertThat(last()).contains("فودافون كاش 01012345678").contains("الإيصال");

    conversation.customerWrites(instance, "تمام حولت الفلوس على فودافون كاش خلاص", null);
    conversation.runDueJobs(instance);
    assertThat(instance).isWaitingAt("catchEvent_customerWhilePaying");
    assertThat(last()).contains("إيصال التحويل").doesNotContain("طرق الدفع");
  }

  @Test
  void askingForCashOnDeliveryAboveTheLimitIsToldTheLimitAndThatTheOrderIsAbove() {
    ProcessInstance instance = offer("بكام ايفون ١٥؟", "ar-EG", "IP15-128");
    conversation.customerWrites(instance, "اطلب دلوقتي", "sales_order:IP15-128");
    conversation.customerWrites(instance, "1", "checkout_qty:1");
    conversation.customerWrites(instance, "توصيل", "checkout_delivery");
    conversation.customerWrites(instance, "١٢ شارع عباس العقاد، مدينة نصر", null);
    conversation.customerWrites(instance, "تأكيد", "checkout_confirm");
    conversation.customerWrites(instance, "مفيش دفع كاش عند الاستلام؟", null);
    assertThat(instance)
        .isWaitingAt("gateway_awaitCheckout")
        .variables()
        .containsEntry("checkoutStep", "payment");
    assertThat(last()).contains("20,000").contains("47,999").contains("فوق");
  }
}
