package app.wasla.commerce.shipment;

import app.wasla.security.RequiresScope;
import app.wasla.security.Scope;
import app.wasla.system.Problems;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/orders/{orderNumber}/shipment-events}: the business's backend reports a step of
 * an order's delivery (API key with {@code orders:write}); docs/api.md, docs/openapi.yaml.
 */
@RestController
@RequiresScope(Scope.ORDERS_WRITE)
class ShipmentEventController {

  private static final Pattern ORDER_NUMBER = Pattern.compile("[A-Za-z0-9._-]{1,32}");
  private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final Set<String> KINDS =
      Set.of(ShipmentEvent.PICKED_UP, ShipmentEvent.OUT_FOR_DELIVERY, ShipmentEvent.DELIVERED);

  /** How far ahead of the server's clock an event may say it happened. */
  private static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

  /** The courier's position, in degrees. */
  record Position(Double latitude, Double longitude) {}

  record NewEvent(
      String eventId, String type, String occurredAt, Position courier, String trackingUrl) {}

  private final ShipmentEvents events;

  ShipmentEventController(ShipmentEvents events) {
    this.events = events;
  }

  @PostMapping("/api/orders/{orderNumber}/shipment-events")
  ResponseEntity<?> post(
      @PathVariable String orderNumber, @RequestBody(required = false) NewEvent body) {
    if (!ORDER_NUMBER.matcher(orderNumber).matches()) {
      return problem(HttpStatus.BAD_REQUEST, "the order number is 1 to 32 letters, digits, . _ -");
    }
    if (body == null) {
      return problem(HttpStatus.BAD_REQUEST, "a JSON body is required");
    }
    if (body.eventId() == null || !EVENT_ID.matcher(body.eventId()).matches()) {
      return problem(
          HttpStatus.BAD_REQUEST,
          "eventId is required: 1 to 128 letters, digits or . _ : - (the same id for a repost)");
    }
    if (body.type() == null || !KINDS.contains(body.type())) {
      return problem(
          HttpStatus.BAD_REQUEST, "type must be one of picked_up, out_for_delivery, delivered");
    }
    Instant at;
    try {
      at = body.occurredAt() == null ? null : Instant.parse(body.occurredAt());
    } catch (DateTimeParseException e) {
      return problem(
          HttpStatus.BAD_REQUEST, "occurredAt must be an ISO-8601 instant (2026-12-06T10:15:00Z)");
    }
    // a time ahead of the clock would stand as the order's latest step until it passes
    if (at != null && at.isAfter(events.now().plus(CLOCK_SKEW))) {
      return problem(
          HttpStatus.BAD_REQUEST,
          "occurredAt is in the future: at most 5 minutes ahead of the server's clock ("
              + events.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
              + ")");
    }
    Double latitude = null;
    Double longitude = null;
    if (body.courier() != null) {
      latitude = body.courier().latitude();
      longitude = body.courier().longitude();
      if (latitude == null
          || longitude == null
          || !(latitude >= -90 && latitude <= 90)
          || !(longitude >= -180 && longitude <= 180)) {
        return problem(
            HttpStatus.BAD_REQUEST,
            "courier needs latitude in [-90, 90] and longitude in [-180, 180]");
      }
    }
    String url = body.trackingUrl();
    if (url != null
        && (url.length() > 2000 || !(url.startsWith("https://") || url.startsWith("http://")))) {
      return problem(
          HttpStatus.BAD_REQUEST, "trackingUrl must be an http(s) URL of at most 2000 characters");
    }
    ShipmentEvent event =
        new ShipmentEvent(orderNumber, body.eventId(), body.type(), at, latitude, longitude, url);
    ShipmentEvents.Result result = events.record(event);
    switch (result.outcome()) {
      case UNKNOWN_ORDER -> {
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", "no order " + orderNumber);
      }
      case CONFLICT -> {
        return Problems.of(
            HttpStatus.CONFLICT,
            "event-id-reused",
            "event "
                + body.eventId()
                + " of order "
                + result.orderNumber()
                + " was recorded with other content; a new step needs a new eventId");
      }
      default -> {}
    }
    boolean duplicate = result.outcome() == ShipmentEvents.Outcome.DUPLICATE;
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("orderNumber", result.orderNumber());
    answer.put("eventId", body.eventId());
    answer.put("duplicate", duplicate);
    answer.put("told", result.told());
    return ResponseEntity.status(duplicate ? HttpStatus.OK : HttpStatus.CREATED).body(answer);
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    return Problems.of(status, "invalid-request", detail);
  }
}
