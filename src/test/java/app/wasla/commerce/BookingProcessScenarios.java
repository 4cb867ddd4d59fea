package app.wasla.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import app.wasla.conversation.Inbox;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * processes/booking-change.bpmn and processes/booking-reminder.bpmn on the demo store, jobs and
 * timers stepped by the test: a new appointment from the first message to the reminder, "are you
 * sure?" before a cancellation or a move, and every wait hearing a question (answered, the wait
 * kept) or another topic (the flow ends, the customer told).
 */
abstract class BookingProcessScenarios {

  static final ZoneId CAIRO = ZoneId.of("Africa/Cairo");
  static final Pattern ROW_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired Inbox inbox;

  SalesFlowTestSupport conversation;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    conversation = new SalesFlowTestSupport(inbox, jdbc);
  }

  /** The reply ids (buttons, list rows) of the latest message sent. */
  List<String> lastOptions() {
    String body =
        jdbc.sql(
                "SELECT body_json FROM outbound_message WHERE conversation_key = ? ORDER BY id DESC")
            .param(conversation.key)
            .query(String.class)
            .list()
            .get(0);
    List<String> ids = new ArrayList<>();
    Matcher m = ROW_ID.matcher(body);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  String lastText() {
    List<String> texts = conversation.sentTexts();
    return texts.get(texts.size() - 1);
  }

  Object variable(ProcessInstance instance, String name) {
    return engine.getRuntimeService().getVariable(instance.getId(), name);
  }

  static LocalDate nextThursday() {
    return LocalDate.now(CAIRO).with(TemporalAdjusters.next(DayOfWeek.THURSDAY));
  }

  private long bookTomorrowNoon() {
    Instant at =
        Instant.now()
            .plus(1, ChronoUnit.DAYS)
            .truncatedTo(ChronoUnit.DAYS)
            .plus(10, ChronoUnit.HOURS);
    jdbc.sql(
            """
        INSERT INTO commerce_booking (customer_id, service_code, branch_code, starts_at, status, updated_at)
        VALUES (?, 'BATTERY_SAMSUNG', 'ALX', ?, 'BOOKED', CURRENT_TIMESTAMP)""")
        .params(conversation.waId, at.atOffset(ZoneOffset.UTC))
        .update();
    return jdbc.sql("SELECT MAX(id) FROM commerce_booking WHERE customer_id = ?")
        .param(conversation.waId)
        .query(Long.class)
        .single();
  }

  private String status(long id) {
    return jdbc.sql("SELECT status FROM commerce_booking WHERE id = ?")
        .param(id)
        .query(String.class)
        .single();
  }

  @Test
  void aNewAppointmentFromServiceToBranchToDayToSlotToConfirmationAndTheReminderTheDayBefore() {
    ProcessInstance instance =
        conversation.start(
            "booking-change", "أريد حجز موعد لإصلاح الهاتف يوم الخميس", "ar-EG", "booking_new");
    conversation.runDueJobs(instance);
    assertThat(instance).isWaitingAt("gateway_awaitAnswer");
    assertThat(variable(instance, "bookingStep")).isEqualTo("ask_service");
    assertThat(lastText())
        .contains("تغيير شاشة آيفون ١٥")
        .contains("9,500 جنيه")
        .contains("[الخدمات: ");
    assertThat(lastOptions()).contains("service:SCREEN_IP15", "service:BATTERY_SAMSUNG");

    conversation.customerWrites(instance, "تغيير شاشة آيفون ١٥", "service:SCREEN_IP15");
    conversation.runDueJobs(instance);
    assertThat(lastOptions()).containsExactly("branch:CAI", "branch:ALX");
    assertThat(lastText()).contains("القاهرة (مدينة نصر)");

    // tapping a branch moves on to the day's free slots (Thursday, from the first message), not the
    // branch again
    conversation.customerWrites(instance, "القاهرة (مدينة نصر)", "branch:CAI");
    conversation.runDueJobs(instance);
    assertThat(variable(instance, "bookingStep")).isEqualTo("ask_slot");
    List<String> slots = lastOptions();
    assertThat(slots).isNotEmpty().allMatch(id -> id.startsWith("slot:"));
    assertThat(slots)
        .allMatch(
            id ->
                Instant.ofEpochSecond(Long.parseLong(id.substring(5)))
                    .atZone(CAIRO)
                    .toLocalDate()
                    .equals(nextThursday()));
    assertThat(lastText()).contains("الخميس");

    // the time in words: 2 o'clock is 14:00, free, so straight to the summary
    conversation.customerWrites(instance, "الخميس الساعة ٢", null);
    conversation.runDueJobs(instance);
    assertThat(variable(instance, "bookingStep")).isEqualTo("ask_confirm");
    assertThat(lastText())
        .contains("تغيير شاشة آيفون ١٥")
        .contains("القاهرة")
        .contains("2:00")
        .doesNotContain("مش لاقية حجز");
    assertThat(lastOptions()).containsExactly("bk_confirm", "bk_change", "bk_change_service");

    conversation.customerWrites(instance, "أكد الحجز", "bk_confirm");
    conversation.runDueJobs(instance);
    assertThat(instance).hasPassed("serviceTask_book", "endEvent_booked").isEnded();
    Instant at = nextThursday().atTime(LocalTime.of(14, 0)).atZone(CAIRO).toInstant();
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM commerce_booking WHERE customer_id = ? AND service_code = 'SCREEN_IP15'"
                        + " AND branch_code = 'CAI' AND status = 'BOOKED' AND starts_at = ?")
                .params(conversation.waId, at.atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(lastText()).contains("تم الحجز").contains("BK-").contains("هفكرك قبلها بيوم");

    // the reminder: its own instance (no business key), timer one day ahead; inside the 24-hour
    // window, a text
    ProcessInstance reminder =
        engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processDefinitionKey("booking-reminder")
            .variableValueEquals("conversationKey", conversation.key)
            .singleResult();
    assertThat(reminder.getBusinessKey()).isNull();
    Job timer =
        engine
            .getManagementService()
            .createJobQuery()
            .processInstanceId(reminder.getId())
            .timers()
            .singleResult();
    assertThat(timer.getDuedate().toInstant()).isEqualTo(at.minus(1, ChronoUnit.DAYS));
    engine.getManagementService().executeJob(timer.getId());
    conversation.runDueJobs(reminder);
    assertThat(reminder).isEnded();
    assertThat(lastText()).contains("تذكير").contains("تغيير شاشة آيفون ١٥").contains("القاهرة");
  }

  @Test
  void aQuestionWhileTheFlowWaitsIsAnsweredAndTheFlowAsksAgain() {
    ProcessInstance instance =
        conversation.start(
            "booking-change",
            "I want to book a Samsung battery replacement in Alexandria",
            "en",
            "booking_new");
    conversation.runDueJobs(instance);
    assertThat(variable(instance, "bookingStep")).isEqualTo("ask_day");
    int before = conversation.sentTexts().size();

    conversation.customerWrites(instance, "what are your opening hours?", null);
    conversation.runDueJobs(instance);

    assertThat(instance).isWaitingAt("gateway_awaitAnswer");
    assertThat(variable(instance, "bookingStep")).isEqualTo("ask_day");
    List<String> answers =
        conversation.sentTexts().subList(before, conversation.sentTexts().size());
    assertThat(answers).hasSize(2);
    assertThat(answers.get(0)).contains("10 am");
    assertThat(answers.get(1)).contains("Which day");

    conversation.customerWrites(instance, "bokra", null);
    conversation.runDueJobs(instance);
    assertThat(variable(instance, "bookingStep")).isEqualTo("ask_slot");
    assertThat(lastText()).contains("Free half-hour slots");
  }

  @Test
  void anotherSalesTopicEndsTheFlowWithTheCustomerToldAndTheTopicLeftToTheConversation() {
    ProcessInstance instance =
        conversation.start(
            "booking-change", "عايز احجز ميعاد لتغيير البطارية", "ar-EG", "booking_new");
    conversation.runDueJobs(instance);

    // where an order is, asked aside, is answered and the booking goes on
    conversation.customerWrites(instance, "فين الاوردر ORD-12002؟", null);
    conversation.runDueJobs(instance);
    assertThat(instance).isNotEnded().hasNotPassed("endEvent_otherTopic");
    // (the order is another customer's: "registered to another number", nothing of it told)
    assertThat(String.join("\n", conversation.sentTexts()))
        .contains("ORD-12002 متسجل على رقم تاني")
        .doesNotContain("اتشحن");

    // a product ordered is another topic: the booking ends and the conversation serves it
    conversation.customerWrites(instance, "عايز اطلب شاحن انكر", null);
    conversation.runDueJobs(instance);

    assertThat(instance).hasPassed("endEvent_otherTopic").isEnded();
    assertThat(lastText()).contains("الحجز لسه متأكدش");
    assertThat(
            engine
                .getHistoryService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId())
                .variableName("salesOutcome")
                .singleResult()
                .getValue())
        .isEqualTo("topic_changed");
    assertThat(
            engine
                .getHistoryService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId())
                .variableName("intent")
                .singleResult()
                .getValue())
        .isEqualTo("order");
  }

  @Test
  void cancellingAsksAreYouSureAndNoKeepsTheBooking() {
    long id = bookTomorrowNoon();
    ProcessInstance instance =
        conversation.start("booking-change", "الغي الحجز", "ar-EG", "booking_cancel");
    conversation.runDueJobs(instance);

    assertThat(instance).isWaitingAt("gateway_awaitAnswer");
    assertThat(lastText()).contains("متأكد").contains("تغيير بطارية سامسونج");
    assertThat(lastOptions()).containsExactly("bk_cancel_yes", "bk_keep");
    assertThat(status(id)).isEqualTo("BOOKED");

    conversation.customerWrites(instance, "لا خليه", null);
    conversation.runDueJobs(instance);
    assertThat(instance).hasPassed("serviceTask_keepBooking").isEnded();
    assertThat(status(id)).isEqualTo("BOOKED");
    assertThat(lastText()).contains("زي ما هو");
  }

  @Test
  void cancellingHappensOnceTheCustomerIsSure() {
    long id = bookTomorrowNoon();
    ProcessInstance instance =
        conversation.start("booking-change", "cancel my appointment", "en", "booking_cancel");
    conversation.runDueJobs(instance);
    assertThat(status(id)).isEqualTo("BOOKED");

    conversation.customerWrites(instance, "Yes, cancel it", "bk_cancel_yes");
    conversation.runDueJobs(instance);
    assertThat(instance).hasPassed("serviceTask_cancelBooking").isEnded();
    assertThat(status(id)).isEqualTo("CANCELLED");
  }

  @Test
  void aMoveGoesToThePickedSlotOnceConfirmed() {
    long id = bookTomorrowNoon();
    ProcessInstance instance =
        conversation.start("booking-change", "عايز اغير ميعاد الصيانة", "ar-EG", "booking_change");
    conversation.runDueJobs(instance);
    assertThat(lastText()).contains("تغيير بطارية سامسونج").contains("[المواعيد: ");
    String slot = lastOptions().get(0);

    conversation.customerWrites(instance, "…", slot);
    conversation.runDueJobs(instance);
    assertThat(variable(instance, "bookingStep")).isEqualTo("ask_move");
    assertThat(lastOptions()).containsExactly("bk_move_yes", "bk_change", "bk_keep");
    Instant before =
        jdbc.sql("SELECT starts_at FROM commerce_booking WHERE id = ?")
            .param(id)
            .query(OffsetDateTime.class)
            .single()
            .toInstant();
    assertThat(before.getEpochSecond()).isNotEqualTo(Long.parseLong(slot.substring(5)));

    conversation.customerWrites(instance, "ايوه", null);
    conversation.runDueJobs(instance);
    assertThat(instance)
        .hasPassed("serviceTask_rescheduleBooking", "endEvent_rescheduled")
        .isEnded();
    Instant moved =
        jdbc.sql("SELECT starts_at FROM commerce_booking WHERE id = ?")
            .param(id)
            .query(OffsetDateTime.class)
            .single()
            .toInstant();
    assertThat(moved.getEpochSecond()).isEqualTo(Long.parseLong(slot.substring(5)));
    assertThat(lastText()).contains("اتنقل");
  }

  @Test
  void aDayAndTimeFromACustomerWithoutABookingStartANewOneInsteadOfNoBookingOnYourNumber() {
    ProcessInstance instance =
        conversation.start("booking-change", "الخميس الساعة ٢", "ar-EG", "booking_change");
    conversation.runDueJobs(instance);

    assertThat(instance).isWaitingAt("gateway_awaitAnswer");
    assertThat(variable(instance, "bookingMode")).isEqualTo("new");
    assertThat(variable(instance, "bookingDay")).isEqualTo(nextThursday().toString());
    assertThat(variable(instance, "bookingStep")).isEqualTo("ask_service");
  }

  @Test
  void cancellingWithoutABookingSaysSoAndOffersANewOne() {
    ProcessInstance instance =
        conversation.start("booking-change", "cancel my booking", "en", "booking_cancel");
    conversation.runDueJobs(instance);

    assertThat(instance).hasPassed("endEvent_noBooking").isEnded();
    assertThat(lastText()).contains("nothing to cancel").contains("[Book an appointment]");
  }

  @Test
  void noAnswerInTimeLeavesEverythingAsItWas() {
    long id = bookTomorrowNoon();
    ProcessInstance instance =
        conversation.start("booking-change", "change my booking", "en", "booking_change");
    conversation.runDueJobs(instance);
    conversation.fireTimer(instance, "timer_slotChoice");

    assertThat(instance).hasPassed("endEvent_slotTimedOut").isEnded();
    assertThat(status(id)).isEqualTo("BOOKED");
  }

  @Test
  void aSlotTakenMeanwhileIsOfferedAgainInsteadOfBooked() {
    ProcessInstance instance =
        conversation.start(
            "booking-change", "book a free check-up in Cairo tomorrow", "en", "booking_new");
    conversation.runDueJobs(instance);
    String slot = lastOptions().get(0);
    conversation.customerWrites(instance, "…", slot);
    conversation.runDueJobs(instance);
    jdbc.sql(
            """
        INSERT INTO commerce_booking (customer_id, service_code, branch_code, starts_at, status, updated_at)
        VALUES ('someone-else', 'REPAIR_CHECK', 'CAI', ?, 'BOOKED', CURRENT_TIMESTAMP)""")
        .param(Instant.ofEpochSecond(Long.parseLong(slot.substring(5))).atOffset(ZoneOffset.UTC))
        .update();

    conversation.customerWrites(instance, "Confirm", "bk_confirm");
    conversation.runDueJobs(instance);

    assertThat(instance).isWaitingAt("gateway_awaitAnswer");
    assertThat(variable(instance, "bookingStep")).isEqualTo("ask_slot");
    assertThat(conversation.sentTexts()).anyMatch(t -> t.contains("just taken"));
    assertThat(lastOptions()).doesNotContain(slot);
  }

  @Test
  void aReminderForABookingCancelledMeanwhileIsNotSent() {
    ProcessInstance instance =
        conversation.start(
            "booking-change",
            "book a samsung battery replacement in alex the day after tomorrow at 5pm",
            "en",
            "booking_new");
    conversation.runDueJobs(instance);
    conversation.customerWrites(instance, "yes", null);
    conversation.runDueJobs(instance);
    assertThat(instance).hasPassed("endEvent_booked");
    jdbc.sql("UPDATE commerce_booking SET status = 'CANCELLED' WHERE customer_id = ?")
        .param(conversation.waId)
        .update();
    int sent = conversation.sentTexts().size();

    ProcessInstance reminder =
        engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processDefinitionKey("booking-reminder")
            .variableValueEquals("conversationKey", conversation.key)
            .singleResult();
    engine
        .getManagementService()
        .executeJob(
            engine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(reminder.getId())
                .timers()
                .singleResult()
                .getId());
    conversation.runDueJobs(reminder);

    assertThat(reminder).isEnded();
    assertThat(conversation.sentTexts()).hasSize(sent);
  }

  @Test
  void aReminderForAnAppointmentThatIsNotTomorrowNamesItsRealDay() {
    ProcessInstance instance =
        conversation.start(
            "booking-change", "احجز فحص في القاهرة بعد بكرة الساعة 7", "ar-EG", "booking_new");
    conversation.runDueJobs(instance);
    conversation.customerWrites(instance, "تمام", null);
    conversation.runDueJobs(instance);
    assertThat(instance).hasPassed("endEvent_booked");

    // the reminder goes out now, two days ahead of the appointment (as with
    // booking.reminder-before=P2D)
    ProcessInstance reminder =
        engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processDefinitionKey("booking-reminder")
            .variableValueEquals("conversationKey", conversation.key)
            .singleResult();
    engine
        .getManagementService()
        .executeJob(
            engine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(reminder.getId())
                .timers()
                .singleResult()
                .getId());
    conversation.runDueJobs(reminder);

    String weekday =
        java.time.LocalDate.now(CAIRO)
            .plusDays(2)
            .getDayOfWeek()
            .getDisplayName(
                java.time.format.TextStyle.FULL, java.util.Locale.forLanguageTag("ar-EG"));
    assertThat(lastText())
        .contains("تذكير")
        .contains("يوم " + weekday)
        .doesNotContain("بكرة")
        .contains("فحص صيانة مجاني");
  }

  @Test
  void outsideThe24HourWindowTheReminderIsTheApprovedTemplate() {
    ProcessInstance instance =
        conversation.start(
            "booking-change", "احجز فحص في القاهرة بعد بكرة الساعة 4", "ar-EG", "booking_new");
    conversation.runDueJobs(instance);
    conversation.customerWrites(instance, "تمام", null);
    conversation.runDueJobs(instance);
    assertThat(instance).hasPassed("endEvent_booked");
    jdbc.sql("UPDATE conversation SET last_inbound_at = ? WHERE conversation_key = ?")
        .params(OffsetDateTime.now().minusDays(2), conversation.key)
        .update();

    ProcessInstance reminder =
        engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processDefinitionKey("booking-reminder")
            .variableValueEquals("conversationKey", conversation.key)
            .singleResult();
    engine
        .getManagementService()
        .executeJob(
            engine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(reminder.getId())
                .timers()
                .singleResult()
                .getId());
    conversation.runDueJobs(reminder);

    String[] last =
        jdbc.sql(
                "SELECT message_type, body_json FROM outbound_message WHERE conversation_key = ? "
                    + "ORDER BY id DESC")
            .param(conversation.key)
            .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)})
            .list()
            .get(0);
    assertThat(last[0]).isEqualTo("template");
    assertThat(last[1]).contains("appointment_reminder").contains("فحص صيانة مجاني");
  }
}
