package app.wasla.commerce.flow;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.commerce.booking.Booking;
import app.wasla.commerce.booking.BookingOptions;
import app.wasla.commerce.booking.BookingProperties;
import app.wasla.commerce.booking.Bookings;
import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.Inbox;
import app.wasla.conversation.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The reminder before an appointment: an instance of processes/booking-reminder.bpmn per booked (or
 * moved) slot, whose timer fires {@code wasla.commerce.booking.reminder-before} ahead. It has no
 * business key, so the mailbox never takes it for the conversation; it sends to the conversation
 * named in its variables. When it fires it checks that the booking is still on at that time (a
 * cancelled or moved booking is not reminded of) and respects WhatsApp's 24-hour window: a text
 * inside it, the approved template outside it, nothing (logged) without a template.
 */
@Component
public class BookingReminders {

  static final String PROCESS = "booking-reminder";
  static final String CONVERSATION_KEY = "conversationKey";
  static final String REMIND_AT = "remindAt";
  private static final Logger log = LoggerFactory.getLogger(BookingReminders.class);
  private static final Duration SERVICE_WINDOW = Duration.ofHours(24);

  private final BookingProperties props;
  private final Clock clock;

  BookingReminders(BookingProperties props, Clock clock) {
    this.props = props;
    this.clock = clock;
  }

  /**
   * Starts the reminder of this booking; false when the appointment is too close for one (it was
   * just booked).
   */
  boolean schedule(DelegateExecution execution, Booking booking) {
    Instant remindAt = booking.startsAt().minus(props.reminderBefore());
    if (!remindAt.isAfter(clock.instant())) {
      return false;
    }
    execution
        .getProcessEngineServices()
        .getRuntimeService()
        .startProcessInstanceByKey(
            PROCESS,
            Map.of(
                CONVERSATION_KEY,
                execution.getProcessBusinessKey(),
                SalesVariables.BOOKING_ID,
                booking.id(),
                SalesVariables.BOOKING_STARTS_AT,
                booking.startsAt().toString(),
                "language",
                String.valueOf(execution.getVariable("language")),
                REMIND_AT,
                Date.from(remindAt)));
    return true;
  }

  /**
   * {@code ${sendBookingReminder}}: the reminder itself; sets reminderSent (true, or false with
   * reminderSkipped why).
   */
  @Component("sendBookingReminder")
  static class Send implements JavaDelegate {
    private final Bookings bookings;
    private final Outbox outbox;
    private final Inbox inbox;
    private final BookingProperties props;
    private final Clock clock;

    Send(Bookings bookings, Outbox outbox, Inbox inbox, BookingProperties props, Clock clock) {
      this.bookings = bookings;
      this.outbox = outbox;
      this.inbox = inbox;
      this.props = props;
      this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
      ConversationKey key = ConversationKey.parse((String) execution.getVariable(CONVERSATION_KEY));
      String bookingId = (String) execution.getVariable(SalesVariables.BOOKING_ID);
      Instant startsAt =
          Instant.parse((String) execution.getVariable(SalesVariables.BOOKING_STARTS_AT));
      Booking booking =
          bookings.upcoming(key.waId()).stream()
              .filter(b -> b.id().equals(bookingId) && b.startsAt().equals(startsAt))
              .findFirst()
              .orElse(null);
      if (booking == null) {
        skipped(execution, "booking cancelled or moved");
        return;
      }
      BookingTexts t = BookingTexts.of((String) execution.getVariable("language"));
      BookingOptions.Branch branch = bookings.options().branch(booking.branchCode());
      String where = branch == null ? booking.branchCode() : t.branch(branch);
      String service = t.arabicScript() ? booking.serviceNameAr() : booking.serviceNameEn();
      OutboundMessage message;
      if (inbox.serviceWindowOpen(key.value(), clock.instant(), SERVICE_WINDOW)) {
        message =
            OutboundMessage.Text.of(
                reminderText(
                    t,
                    service,
                    where,
                    startsAt,
                    booking.id(),
                    clock.instant().atZone(BookingTexts.CAIRO).toLocalDate()));
      } else if (props.reminderTemplate() != null && !props.reminderTemplate().isBlank()) {
        message =
            new OutboundMessage.Template(
                props.reminderTemplate(),
                props.reminderTemplateLanguage(),
                List.of(service, t.when(startsAt), where));
      } else {
        log.info(
            "Booking reminder for {} not sent: outside the 24-hour window and no wasla.commerce.booking."
                + "reminder-template configured",
            bookingId);
        skipped(execution, "outside the 24-hour window, no template");
        return;
      }
      outbox.queue(
          key,
          message,
          "booking-reminder:" + bookingId + ":" + startsAt.getEpochSecond(),
          execution.getProcessInstanceId());
      execution.setVariable("reminderSent", true);
    }

    /**
     * The reminder in the customer's register, with the appointment's real day: "today" or
     * "tomorrow" (Cairo time) when it is, else its weekday and date (a reminder sent more than a
     * day ahead, or a booking made for later).
     */
    static String reminderText(
        BookingTexts t,
        String service,
        String where,
        Instant startsAt,
        String bookingId,
        LocalDate today) {
      long days = ChronoUnit.DAYS.between(today, startsAt.atZone(BookingTexts.CAIRO).toLocalDate());
      String when = t.when(startsAt);
      String egyptian =
          days == 0 ? "النهارده، " + when : days == 1 ? "بكرة، " + when : "يوم " + when;
      String msa = days == 0 ? "اليوم، " + when : days == 1 ? "غداً، " + when : "يوم " + when;
      String arabizi =
          days == 0 ? "ennaharda, " + when : days == 1 ? "bokra, " + when : "yom " + when;
      String english =
          days == 0 ? "today, " + when : days == 1 ? "tomorrow, " + when : "on " + when;
      return t.say(
          "تذكير: ميعادك "
              + egyptian
              + " ⏰ "
              + service
              + "، فرع "
              + where
              + " ("
              + bookingId
              + "). لو حابب تغيره أو تلغيه ابعتلي.",
          "تذكير: موعدك "
              + msa
              + " ⏰ "
              + service
              + "، فرع "
              + where
              + " ("
              + bookingId
              + "). إن أردت تغييره أو إلغاءه راسلني.",
          "Tazkeer: ma3adak "
              + arabizi
              + " ⏰ "
              + service
              + ", far3 "
              + where
              + " ("
              + bookingId
              + "). Law 3ayez tghayaro aw tlghih ab3atly.",
          "Reminder: your appointment is "
              + english
              + " ⏰ "
              + service
              + ", "
              + where
              + " branch ("
              + bookingId
              + "). Message me to move or cancel it.");
    }

    private static void skipped(DelegateExecution execution, String why) {
      execution.setVariable("reminderSent", false);
      execution.setVariable("reminderSkipped", why);
    }
  }
}
