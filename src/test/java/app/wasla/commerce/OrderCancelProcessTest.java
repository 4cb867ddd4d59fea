package app.wasla.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import app.wasla.commerce.order.Order;
import app.wasla.commerce.order.Orders;
import app.wasla.commerce.payment.Payments;
import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.Inbox;
import app.wasla.support.FlowTest;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * processes/order-cancel.bpmn on the demo store: "are you sure?", then an unpaid order cancelled
 * (its reservation released or its units back, its pay link closed); a paid order not cancelled in
 * chat, a person offered; someone else's order refused; several open orders: which one. Jobs
 * stepped by the test.
 */
@FlowTest
class OrderCancelProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired Inbox inbox;
  @Autowired Orders orders;
  @Autowired Payments payments;

  SalesFlowTestSupport conversation;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    conversation = new SalesFlowTestSupport(inbox, jdbc);
  }

  private Order place(String sku) {
    return orders
        .place(conversation.waId, sku, 1, "CAI", UUID.randomUUID().toString())
        .orElseThrow();
  }

  @Test
  void anOrderAwaitingPaymentIsCancelledOnYesItsReservationReleasedAndItsLinkClosed() {
    int reservedBefore = conversation.reserved("ANK20");
    Order order = place("ANK20");
    Payments.Payment link =
        payments.linkFor(
            order.id(),
            conversation.waId,
            ConversationKey.parse(conversation.key),
            order.amountEgp(),
            "Anker",
            "Mariam");
    assertThat(conversation.reserved("ANK20")).isEqualTo(reservedBefore + 1);

    ProcessInstance instance =
        conversation.start(
            "order-cancel",
            "عايز الغي طلب " + order.id() + " مش محتاجه خلاص",
            "ar-EG",
            "booking_cancel");
    conversation.runDueJobs(instance);

    assertThat(instance).isWaitingAt("gateway_awaitAnswer");
    assertThat(conversation.sentTexts()).last().asString().contains("متأكد").contains(order.id());
    assertThat(conversation.orderStatus(order.id())).isEqualTo(Order.RESERVED);

    conversation.customerWrites(instance, "أيوه، الغيه", "ocancel_yes:" + order.id());
    conversation.runDueJobs(instance);

    assertThat(instance).hasPassed("serviceTask_cancelOrder").isEnded();
    assertThat(conversation.orderStatus(order.id())).isEqualTo(Order.CANCELLED);
    assertThat(conversation.reserved("ANK20")).isEqualTo(reservedBefore);
    assertThat(conversation.paymentStatus(link.id())).isEqualTo("EXPIRED");
    assertThat(conversation.sentTexts()).last().asString().contains("اتلغى");
  }

  @Test
  void aCashOnDeliveryOrderNamedByNumberIsCancelledOnAYesInWordsAndItsUnitsGoBack() {
    int onHandBefore = conversation.onHand("JBLF6");
    Order order = place("JBLF6");
    orders.confirmCashOnDelivery(order.id());
    assertThat(conversation.onHand("JBLF6")).isEqualTo(onHandBefore - 1);

    ProcessInstance instance =
        conversation.start(
            "order-cancel",
            "3ayez alghi el order " + order.id() + " law sama7t",
            "arabizi",
            "order_status");
    conversation.runDueJobs(instance);
    assertThat(conversation.sentTexts()).last().asString().contains("met2aked");

    conversation.customerWrites(instance, "aywa", null);
    conversation.runDueJobs(instance);

    assertThat(instance).hasPassed("serviceTask_cancelOrder").isEnded();
    assertThat(conversation.orderStatus(order.id())).isEqualTo(Order.CANCELLED);
    assertThat(conversation.onHand("JBLF6")).isEqualTo(onHandBefore);
    assertThat(conversation.sentTexts()).last().asString().contains("etlagha");
  }

  @Test
  void aNoKeepsTheOrder() {
    Order order = place("ANK20");
    orders.confirmCashOnDelivery(order.id());

    ProcessInstance instance =
        conversation.start("order-cancel", "please cancel my order", "en", "booking_cancel");
    conversation.runDueJobs(instance);
    conversation.customerWrites(instance, "No, keep it", "ocancel_keep");
    conversation.runDueJobs(instance);

    assertThat(instance).hasPassed("serviceTask_keepOrder").isEnded();
    assertThat(instance).hasNotPassed("serviceTask_cancelOrder");
    assertThat(conversation.orderStatus(order.id())).isEqualTo(Order.CONFIRMED);
    assertThat(conversation.sentTexts()).last().asString().contains("stays");
  }

  @Test
  void aPaidOrderIsNotCancelledInChatAndAPersonIsOffered() {
    Order order = place("ANK20");
    orders.markPaid(order.id(), "test-payment");

    ProcessInstance instance =
        conversation.start("order-cancel", "cancel order " + order.id(), "en", "booking_cancel");
    conversation.runDueJobs(instance);

    assertThat(instance).hasPassed("endEvent_answered").isEnded();
    assertThat(conversation.orderStatus(order.id())).isEqualTo(Order.PAID);
    assertThat(conversation.sentTexts())
        .last()
        .asString()
        .contains(order.id())
        .contains("already paid")
        .contains("can't cancel")
        .contains("Talk to a person")
        .doesNotContain("Are you sure");
  }

  @Test
  void someoneElsesOrderNumberIsRefusedAndLeftAlone() {
    SalesFlowTestSupport other = new SalesFlowTestSupport(inbox, jdbc);
    Order theirs =
        orders.place(other.waId, "ANK20", 1, "CAI", UUID.randomUUID().toString()).orElseThrow();
    orders.confirmCashOnDelivery(theirs.id());

    ProcessInstance instance =
        conversation.start("order-cancel", "cancel order " + theirs.id(), "en", "booking_cancel");
    conversation.runDueJobs(instance);

    assertThat(instance).isEnded();
    assertThat(conversation.orderStatus(theirs.id())).isEqualTo(Order.CONFIRMED);
    assertThat(conversation.sentTexts())
        .last()
        .asString()
        .contains("registered to another number")
        .doesNotContain("Anker");
  }

  @Test
  void severalOpenOrdersAndNoneNamedAsksWhichThenConfirmsThatOne() {
    Order first = place("ANK20");
    orders.confirmCashOnDelivery(first.id());
    Order second = place("JBLF6");
    orders.confirmCashOnDelivery(second.id());

    ProcessInstance instance =
        conversation.start("order-cancel", "عايز ألغي الطلب", "ar-EG", "booking_cancel");
    conversation.runDueJobs(instance);
    assertThat(instance).isWaitingAt("gateway_awaitAnswer");
    assertThat(conversation.sentTexts()).last().asString().contains("أنهي واحد");

    conversation.customerWrites(instance, first.id(), "ocancel_pick:" + first.id());
    conversation.runDueJobs(instance);
    assertThat(instance).isWaitingAt("gateway_awaitAnswer");
    assertThat(conversation.sentTexts()).last().asString().contains("متأكد").contains(first.id());

    conversation.customerWrites(instance, "ايوه", null);
    conversation.runDueJobs(instance);

    assertThat(conversation.orderStatus(first.id())).isEqualTo(Order.CANCELLED);
    assertThat(conversation.orderStatus(second.id())).isEqualTo(Order.CONFIRMED);
  }
}
