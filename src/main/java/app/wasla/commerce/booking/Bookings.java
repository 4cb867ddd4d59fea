package app.wasla.commerce.booking;

import java.time.Instant;
import java.util.List;

/** Port: the business's booking calendar. */
public interface Bookings {

  /** The customer's upcoming bookings, soonest first. */
  List<Booking> upcoming(String customerId);

  /**
   * Free start times for the service in the branch, from {@code from} on, at most {@code limit}.
   */
  List<Instant> freeSlots(String serviceCode, String branchCode, Instant from, int limit);

  Booking book(String customerId, String serviceCode, String branchCode, Instant startsAt);

  /** Moves a booking; throws {@link SlotTakenException} when the slot is no longer free. */
  Booking reschedule(String bookingId, Instant startsAt);

  void cancel(String bookingId);

  /**
   * The services that can be booked and the branches that take appointments; empty lists when
   * unknown.
   */
  BookingOptions options();
}
