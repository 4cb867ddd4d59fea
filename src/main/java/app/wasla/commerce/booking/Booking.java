package app.wasla.commerce.booking;

import java.time.Instant;

/** A booked service appointment. */
public record Booking(
    String id,
    String customerId,
    String serviceCode,
    String serviceNameEn,
    String serviceNameAr,
    String branchCode,
    Instant startsAt,
    String status) {

  public static final String BOOKED = "BOOKED";
  public static final String CANCELLED = "CANCELLED";
}
