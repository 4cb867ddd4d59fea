package app.wasla.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import app.wasla.commerce.smartinfo.LoadSmartInfoDelegate;
import app.wasla.conversation.Inbox;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
 * processes/booking-change.bpmn and processes/order-tracking.bpmn, and the Smart Info delegate, on the demo
 * store; jobs and timers stepped by the test.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:booking-tracking;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "wasla.mailbox.enabled=false"})
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

  private long bookTomorrowNoon() {
    Instant at = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).plus(10, ChronoUnit.HOURS);
    jdbc.sql("""
        INSERT INTO commerce_booking (customer_id, service_code, branch_code, starts_at, status, updated_at)
        VALUES (?, 'BATTERY_SAMSUNG', 'ALX', ?, 'BOOKED', CURRENT_TIMESTAMP)""")
        .params(conversation.waId, at.atOffset(ZoneOffset.UTC)).update();
    return jdbc.sql("SELECT MAX(id) FROM commerce_booking WHERE customer_id = ?").param(conversation.waId)
        .query(Long.class).single();
  }

  @Test
  void aBookingIsMovedToTheSlotTheCustomerPicksFromTheList() {
    long id = bookTomorrowNoon();
    ProcessInstance instance = conversation.start("booking-change", "عايز اغير ميعاد الصيانة", "ar-EG",
        "booking_change");
    conversation.runDueJobs(instance);

    assertThat(instance).isWaitingAt("gateway_awaitSlot");
    String list = conversation.sentTexts().get(0);
    assertThat(list).contains("تغيير بطارية سامسونج").contains("[المواعيد: ");
    String replyId = jdbc.sql("SELECT body_json FROM outbound_message WHERE conversation_key = ?")
        .param(conversation.key).query(String.class).single().replaceAll("(?s).*?\"id\"\\s*:\\s*\"(slot:\\d+)\".*", "$1");
    assertThat(replyId).startsWith("slot:");

    conversation.customerWrites(instance, "…", replyId);
    conversation.runDueJobs(instance);

    assertThat(instance).hasPassed("serviceTask_rescheduleBooking", "endEvent_rescheduled").isEnded();
    Instant moved = jdbc.sql("SELECT starts_at FROM commerce_booking WHERE id = ?").param(id)
        .query(OffsetDateTime.class).single().toInstant();
    assertThat(moved.getEpochSecond()).isEqualTo(Long.parseLong(replyId.substring(5)));
    assertThat(conversation.sentTexts()).hasSize(2).last().asString().contains("اتنقل");
  }

  @Test
  void aCancelRequestCancelsTheNextBooking() {
    long id = bookTomorrowNoon();
    ProcessInstance instance = conversation.start("booking-change", "cancel my appointment", "en", "booking_cancel");
    conversation.runDueJobs(instance);

    assertThat(instance).hasPassed("serviceTask_cancelBooking").isEnded();
    assertThat(jdbc.sql("SELECT status FROM commerce_booking WHERE id = ?").param(id).query(String.class).single())
        .isEqualTo("CANCELLED");
  }

  @Test
  void aCustomerWithoutABookingIsToldSo() {
    ProcessInstance instance = conversation.start("booking-change", "change my booking", "en", "booking_change");
    conversation.runDueJobs(instance);

    assertThat(instance).hasPassed("endEvent_noBooking").isEnded();
    assertThat(conversation.sentTexts()).singleElement().asString().contains("can't find an upcoming booking");
  }

  @Test
  void noChoiceInTimeLeavesTheBookingAsItWas() {
    bookTomorrowNoon();
    ProcessInstance instance = conversation.start("booking-change", "change my booking", "en", "booking_change");
    conversation.runDueJobs(instance);
    conversation.fireTimer(instance, "timer_slotChoice");

    assertThat(instance).hasPassed("endEvent_slotTimedOut").isEnded();
  }

  @Test
  void freeTextInsteadOfASlotIsAnsweredByThePersona() {
    bookTomorrowNoon();
    ProcessInstance instance = conversation.start("booking-change", "change my booking", "en", "booking_change");
    conversation.runDueJobs(instance);
    conversation.customerWrites(instance, "where is your Alexandria branch?", null);
    conversation.runDueJobs(instance);

    assertThat(instance).hasPassed("serviceTask_freeTurn").isEnded();
    assertThat(conversation.sentTexts()).hasSize(2);
  }

  @Test
  void theDemoCustomersOrderStatusComesFromTheBackend() {
    SalesFlowTestSupport demo = new SalesFlowTestSupport(inbox, jdbc, "201001234567");
    ProcessInstance instance = demo.start("order-tracking", "فين الاوردر ORD-١٢٠٠٢؟", "ar-EG", "order_status");
    conversation.runDueJobs(instance);

    assertThat(instance).hasPassed("serviceTask_trackOrder").isEnded();
    assertThat(demo.sentTexts()).last().asString().contains("ORD-12002").contains("اتشحن").contains("BOSTA-7790415");
  }

  @Test
  void someoneElsesOrderNumberIsNotRevealed() {
    ProcessInstance instance = conversation.start("order-tracking", "where is ORD-12001", "en", "order_status");
    conversation.runDueJobs(instance);

    assertThat(conversation.sentTexts()).singleElement().asString().contains("can't find that order")
        .doesNotContain("Galaxy");
  }

  @Test
  void smartInfoLoadsASmallSummaryOfTheCustomer() {
    DelegateExecution execution = mock(DelegateExecution.class);
    when(execution.getProcessBusinessKey()).thenReturn("100000000000001:201001234567");

    smartInfo.execute(execution);

    verify(execution).setVariable(LoadSmartInfoDelegate.ORDERS, 2);
    verify(execution).setVariable(LoadSmartInfoDelegate.TOTAL_SPEND_EGP, 20398L);
    verify(execution).setVariable(LoadSmartInfoDelegate.LAST_ORDER, "ORD-12002 · Anker 20W USB-C Charger · SHIPPED");
    verify(execution).setVariable(LoadSmartInfoDelegate.OPEN_PAYMENTS, 0);
    verify(execution).setVariable(LoadSmartInfoDelegate.OPEN_BOOKINGS, 1);
  }
}
