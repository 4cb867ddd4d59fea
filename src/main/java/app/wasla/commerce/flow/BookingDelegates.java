package app.wasla.commerce.flow;

import static app.wasla.commerce.flow.SalesContext.arabic;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.channel.whatsapp.OutboundMessage.ListMessage;
import app.wasla.commerce.booking.Booking;
import app.wasla.commerce.booking.Bookings;
import app.wasla.commerce.booking.SlotTakenException;
import app.wasla.conversation.FlowMessages;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The delegates of the booking-change flow: find the booking, offer free slots, reschedule, cancel. */
final class BookingDelegates {

  static final ZoneId CAIRO = ZoneId.of("Africa/Cairo");
  private static final DateTimeFormatter AR = DateTimeFormatter.ofPattern("EEEE d MMMM h:mm a", Locale.forLanguageTag("ar-EG"));
  private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("EEE d MMM, h:mm a", Locale.ENGLISH);
  private static final DateTimeFormatter AR_ROW = DateTimeFormatter.ofPattern("EEE d/M h:mm a", Locale.forLanguageTag("ar-EG"));
  private static final DateTimeFormatter EN_ROW = DateTimeFormatter.ofPattern("EEE d MMM h:mm a", Locale.ENGLISH);

  private BookingDelegates() {
  }

  static String when(Instant at, boolean ar) {
    return (ar ? AR : EN).format(at.atZone(CAIRO));
  }

  /** {@code ${findBooking}}: the customer's next booking, into bookingId / bookingStartsAt. */
  @Component("findBooking")
  static class FindBooking implements JavaDelegate {
    private final Bookings bookings;
    private final FlowMessages messages;

    FindBooking(Bookings bookings, FlowMessages messages) {
      this.bookings = bookings;
      this.messages = messages;
    }

    @Override
    public void execute(DelegateExecution execution) {
      List<Booking> upcoming = bookings.upcoming(SalesContext.customerId(execution));
      execution.setVariable(SalesVariables.BOOKING_FOUND, !upcoming.isEmpty());
      if (upcoming.isEmpty()) {
        messages.send(execution, OutboundMessage.Text.of(arabic(execution)
            ? "مش لاقي حجز جاي على رقمك. تحب تحجز ميعاد صيانة جديد؟"
            : "I can't find an upcoming booking on your number. Would you like to book a repair appointment?"));
        return;
      }
      Booking b = upcoming.get(0);
      execution.setVariable(SalesVariables.BOOKING_ID, b.id());
      execution.setVariable(SalesVariables.BOOKING_STARTS_AT, b.startsAt().toString());
    }
  }

  /** {@code ${offerSlots}}: up to ten free slots of the booking's service and branch, as a list message. */
  @Component("offerSlots")
  static class OfferSlots implements JavaDelegate {
    private final Bookings bookings;
    private final FlowMessages messages;
    private final Clock clock;

    OfferSlots(Bookings bookings, FlowMessages messages, Clock clock) {
      this.bookings = bookings;
      this.messages = messages;
      this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
      boolean ar = arabic(execution);
      Booking booking = bookings.upcoming(SalesContext.customerId(execution)).stream()
          .filter(b -> b.id().equals(execution.getVariable(SalesVariables.BOOKING_ID))).findFirst()
          .orElseThrow(() -> new IllegalStateException("booking vanished"));
      List<Instant> slots = bookings.freeSlots(booking.serviceCode(), booking.branchCode(), clock.instant(), 10);
      if (slots.isEmpty()) {
        messages.send(execution, OutboundMessage.Text.of(ar
            ? "مفيش مواعيد فاضية الأسبوعين الجايين للأسف، هخلي حد من زمايلي يكلمك."
            : "No free slots in the next two weeks, sorry; a colleague will get back to you."));
        return;
      }
      List<ListMessage.Row> rows = slots.stream().map(s -> new ListMessage.Row(SalesVariables.SLOT_PREFIX
          + s.getEpochSecond(), cut((ar ? AR_ROW : EN_ROW).format(s.atZone(CAIRO)), 24), null)).toList();
      String service = ar ? booking.serviceNameAr() : booking.serviceNameEn();
      messages.send(execution, new ListMessage(ar
          ? "حجزك (" + service + ") يوم " + when(booking.startsAt(), true) + ". اختار ميعاد جديد:"
          : "Your booking (" + service + ") is on " + when(booking.startsAt(), false) + ". Pick a new time:",
          ar ? "المواعيد" : "Free slots", List.of(new ListMessage.Section(null, rows)), null, null));
    }

    private static String cut(String s, int max) {
      return s.length() <= max ? s : s.substring(0, max);
    }
  }

  /** {@code ${rescheduleBooking}}: moves the booking to the slot the customer picked and confirms. */
  @Component("rescheduleBooking")
  static class RescheduleBooking implements JavaDelegate {
    private final Bookings bookings;
    private final FlowMessages messages;
    private final SalesEvents sales;

    RescheduleBooking(Bookings bookings, FlowMessages messages, SalesEvents sales) {
      this.bookings = bookings;
      this.messages = messages;
      this.sales = sales;
    }

    @Override
    public void execute(DelegateExecution execution) {
      boolean ar = arabic(execution);
      String replyId = SalesContext.replyId(execution);
      Instant slot = Instant.ofEpochSecond(Long.parseLong(replyId.substring(SalesVariables.SLOT_PREFIX.length())));
      try {
        Booking moved = bookings.reschedule((String) execution.getVariable(SalesVariables.BOOKING_ID), slot);
        execution.setVariable(SalesVariables.BOOKING_STARTS_AT, moved.startsAt().toString());
        execution.setVariable(SalesVariables.SALES_OUTCOME, "rescheduled");
        sales.bookingChanged(execution, moved.id(), "rescheduled", moved.startsAt().toString());
        messages.send(execution, OutboundMessage.Text.of(ar
            ? "تمام، حجزك اتنقل ليوم " + when(slot, true) + ". مستنيينك!"
            : "Done, your booking is moved to " + when(slot, false) + ". See you then!"));
      } catch (SlotTakenException e) {
        execution.setVariable(SalesVariables.SALES_OUTCOME, "slot_taken");
        messages.send(execution, OutboundMessage.Text.of(ar
            ? "الميعاد ده لسه اتحجز حالا للأسف. ابعتلي تاني وأنا أوريك المواعيد الفاضية."
            : "That slot was just taken, sorry. Message me again and I'll show you the free ones."));
      }
    }
  }

  /** {@code ${cancelBooking}}: cancels the customer's next booking and confirms. */
  @Component("cancelBooking")
  static class CancelBooking implements JavaDelegate {
    private final Bookings bookings;
    private final FlowMessages messages;
    private final SalesEvents sales;

    CancelBooking(Bookings bookings, FlowMessages messages, SalesEvents sales) {
      this.bookings = bookings;
      this.messages = messages;
      this.sales = sales;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String bookingId = (String) execution.getVariable(SalesVariables.BOOKING_ID);
      bookings.cancel(bookingId);
      sales.bookingChanged(execution, bookingId, "cancelled", null);
      execution.setVariable(SalesVariables.SALES_OUTCOME, "booking_cancelled");
      messages.send(execution, OutboundMessage.Text.of(arabic(execution)
          ? "حجزك اتلغى. لو حبيت تحجز تاني في أي وقت ابعتلي."
          : "Your booking is cancelled. Message me whenever you want a new one."));
    }
  }
}
