package app.wasla.commerce.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A question about the customer's own bookings is told, never started as a new booking nor read as
 * a move or a cancellation ({@code BookingDelegates.FindBooking.asksOwnBookings}).
 */
class OwnBookingQuestionsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "what appointments do I have?",
        "When is my existing booking BK-5002?",
        "show my booking",
        "my bookings?",
        "ميعادي امتى؟",
        "هو الحجز بتاعي امتى؟",
        "مواعيدي ايه",
        "7agzy emta?",
        "do I have any appointments?"
      })
  void ownBookingsAsked(String text) {
    assertThat(BookingDelegates.FindBooking.asksOwnBookings(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "I want to book an appointment",
        "book a free check-up in Cairo tomorrow at 12:30",
        "can I move my booking to Thursday?",
        "cancel my appointment please",
        "عايز الغي ميعادي",
        "عايز احجز ميعاد صيانة",
        "ميعادي يوم الخميس ينفع يبقى الساعة ٥",
        "when are you open?"
      })
  void notAQuestionAboutOwnBookings(String text) {
    assertThat(BookingDelegates.FindBooking.asksOwnBookings(text)).isFalse();
  }
}
