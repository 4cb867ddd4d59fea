package app.wasla.commerce.shipment;

import java.time.Instant;

/**
 * One step of an order's delivery as the business's backend reports it: {@code picked_up}, {@code
 * out_for_delivery} (optionally with the courier's position) or {@code delivered}; a tracking link
 * if the carrier has one.
 */
public record ShipmentEvent(
    String orderId,
    String eventId,
    String kind,
    Instant occurredAt,
    Double latitude,
    Double longitude,
    String trackingUrl) {

  public static final String PICKED_UP = "picked_up";
  public static final String OUT_FOR_DELIVERY = "out_for_delivery";
  public static final String DELIVERED = "delivered";

  /** Whether the courier's position is known. */
  public boolean located() {
    return latitude != null && longitude != null;
  }
}
