package app.wasla.commerce.shipment;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.commerce.order.Order;
import app.wasla.commerce.order.Orders;
import app.wasla.conversation.ConversationDirectory;
import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.Outbox;
import app.wasla.conversation.ServiceWindowClosedException;
import app.wasla.crm.CustomerMemory;
import app.wasla.crm.CustomerProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Shipment events from the business's backend: kept once per order and event id, and told to the
 * customer in their language (the CRM's preferred language) through the outbox in the same
 * transaction: a step's text once, then the courier's position as a location message when it is
 * known. A step behind what the order already reached is kept and not told; a repeated step only
 * sends a new courier position (at most once a minute). The most advanced step answers "where is my
 * order?".
 */
@Service
public class ShipmentEvents {

  private static final Logger log = LoggerFactory.getLogger(ShipmentEvents.class);

  /** What {@link #record} did. */
  public enum Outcome {
    /** Kept; the customer told what is new (see {@link Result#told}). */
    RECORDED,
    /** This event id was recorded for the order before with the same content: nothing done. */
    DUPLICATE,
    /** This event id was recorded for the order before with other content: nothing done. */
    CONFLICT,
    /** No such order. */
    UNKNOWN_ORDER
  }

  /**
   * What {@link #record} did, the order's number as stored, and whether anything went to the
   * customer (a step's text, or only the courier's new pin).
   */
  public record Result(Outcome outcome, String orderNumber, boolean told) {}

  /** Position updates of a step already told go out at most this often per order. */
  static final Duration PIN_INTERVAL = Duration.ofMinutes(1);

  /** How far the steps go: a later report of an earlier step never takes the order back. */
  static int rank(String kind) {
    return switch (kind) {
      case ShipmentEvent.PICKED_UP -> 1;
      case ShipmentEvent.OUT_FOR_DELIVERY -> 2;
      case ShipmentEvent.DELIVERED -> 3;
      default -> 0;
    };
  }

  private static final String RANK_SQL =
      "CASE kind WHEN 'delivered' THEN 3 WHEN 'out_for_delivery' THEN 2 WHEN 'picked_up' THEN 1"
          + " ELSE 0 END";

  private final JdbcClient jdbc;
  private final Orders orders;
  private final Outbox outbox;
  private final ConversationDirectory conversations;
  private final CustomerMemory customers;
  private final Clock clock;
  private final TransactionTemplate tx;

  ShipmentEvents(
      JdbcClient jdbc,
      Orders orders,
      Outbox outbox,
      ConversationDirectory conversations,
      CustomerMemory customers,
      Clock clock,
      PlatformTransactionManager transactions) {
    this.tx = new TransactionTemplate(transactions);
    this.jdbc = jdbc;
    this.orders = orders;
    this.outbox = outbox;
    this.conversations = conversations;
    this.customers = customers;
    this.clock = clock;
  }

  /**
   * Keeps the event and queues what is new to the customer, once per order and event id. The order
   * is looked up first, outside the transaction: with an HTTP commerce backend that is a call no
   * database connection should wait on. The number may be given in another case; a backend that
   * finds the order by a looser spelling ("12003") is not followed, so that events are kept under
   * the order's one number. An event without {@code occurredAt} happened now.
   */
  public Result record(ShipmentEvent event) {
    Optional<Order> order =
        orders.find(event.orderId()).filter(o -> o.id().equalsIgnoreCase(event.orderId()));
    if (order.isEmpty()) {
      return new Result(Outcome.UNKNOWN_ORDER, event.orderId(), false);
    }
    Order o = order.get();
    ShipmentEvent stored =
        new ShipmentEvent(
            o.id(),
            event.eventId(),
            event.kind(),
            event.occurredAt(),
            event.latitude(),
            event.longitude(),
            event.trackingUrl());
    return tx.execute(status -> keep(o, stored));
  }

  /** One stored row: the event and what the customer was told of it. */
  private record Row(ShipmentEvent event, boolean toldText, Instant pinSentAt) {}

  private List<Row> rows(String orderId) {
    return jdbc.sql(
            """
            SELECT order_id, event_id, kind, occurred_at, latitude, longitude, tracking_url,
              told_text, pin_sent_at
            FROM commerce_shipment_event WHERE order_id = ? ORDER BY id""")
        .param(orderId)
        .query(
            (rs, n) ->
                new Row(
                    event(rs),
                    rs.getBoolean(8),
                    rs.getObject(9) == null
                        ? null
                        : rs.getObject(9, OffsetDateTime.class).toInstant()))
        .list();
  }

  private Result keep(Order order, ShipmentEvent reported) {
    ShipmentEvent event =
        reported.occurredAt() != null
            ? reported
            : new ShipmentEvent(
                reported.orderId(),
                reported.eventId(),
                reported.kind(),
                clock.instant(),
                reported.latitude(),
                reported.longitude(),
                reported.trackingUrl());
    // one writer per order at a time, so that two events arriving together do not both tell
    jdbc.sql("SELECT id FROM commerce_shipment_event WHERE order_id = ? FOR UPDATE")
        .param(event.orderId())
        .query(Long.class)
        .list();
    List<Row> before = rows(event.orderId());
    Optional<Row> same =
        before.stream().filter(r -> r.event().eventId().equals(event.eventId())).findFirst();
    if (same.isPresent()) {
      return new Result(
          sameContent(same.get().event(), reported) ? Outcome.DUPLICATE : Outcome.CONFLICT,
          event.orderId(),
          false);
    }
    int reached = before.stream().mapToInt(r -> rank(r.event().kind())).max().orElse(0);
    boolean behind = rank(event.kind()) < reached;
    boolean stepTold =
        before.stream().anyMatch(r -> r.toldText() && r.event().kind().equals(event.kind()));
    Instant now = clock.instant();
    Instant lastPin =
        before.stream()
            .map(Row::pinSentAt)
            .filter(java.util.Objects::nonNull)
            .max(Instant::compareTo)
            .orElse(null);
    // a step already told: only a new courier position of a step still under way, once a minute
    boolean text = !behind && !stepTold;
    boolean pin =
        !behind
            && event.located()
            && (text
                || (!ShipmentEvent.DELIVERED.equals(event.kind())
                    && (lastPin == null || !now.isBefore(lastPin.plus(PIN_INTERVAL)))));
    Told told = (text || pin) ? tell(order, event, text, pin) : Told.NOTHING;
    jdbc.sql(
            """
            INSERT INTO commerce_shipment_event (order_id, event_id, kind, occurred_at, latitude, longitude,
              tracking_url, received_at, told_text, pin_sent_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            event.orderId(),
            event.eventId(),
            event.kind(),
            OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC),
            event.latitude(),
            event.longitude(),
            event.trackingUrl(),
            OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
            told.text(),
            told.pin() ? OffsetDateTime.ofInstant(now, ZoneOffset.UTC) : null)
        .update();
    return new Result(Outcome.RECORDED, event.orderId(), told.text() || told.pin());
  }

  /**
   * A repost says the same as the event kept: the same step, position and link, and the same time
   * when it names one (a repost without {@code occurredAt} gets the server's time again).
   */
  private static boolean sameContent(ShipmentEvent kept, ShipmentEvent again) {
    return kept.kind().equals(again.kind())
        && java.util.Objects.equals(kept.latitude(), again.latitude())
        && java.util.Objects.equals(kept.longitude(), again.longitude())
        && java.util.Objects.equals(kept.trackingUrl(), again.trackingUrl())
        && (again.occurredAt() == null
            // the database keeps microseconds
            || Duration.between(kept.occurredAt(), again.occurredAt()).abs().toNanos() < 1_000);
  }

  /**
   * Where the order's delivery stands, for "where is my order?": the most advanced step (delivered,
   * then out for delivery, then picked up; among events of that step the latest by when it
   * happened, then by arrival), with the courier's latest known position in that step and the
   * latest tracking link. Never goes back to an earlier step.
   */
  public Optional<ShipmentEvent> latest(String orderId) {
    List<ShipmentEvent> events =
        jdbc.sql(
                """
                SELECT order_id, event_id, kind, occurred_at, latitude, longitude, tracking_url
                FROM commerce_shipment_event WHERE order_id = ?
                ORDER BY %s DESC, occurred_at DESC, id DESC"""
                    .formatted(RANK_SQL))
            .param(orderId)
            .query((rs, n) -> event(rs))
            .list();
    if (events.isEmpty()) {
      return Optional.empty();
    }
    ShipmentEvent top = events.get(0);
    Optional<ShipmentEvent> position =
        events.stream()
            .filter(e -> e.kind().equals(top.kind()))
            .filter(ShipmentEvent::located)
            .findFirst();
    String link =
        events.stream()
            .map(ShipmentEvent::trackingUrl)
            .filter(java.util.Objects::nonNull)
            .findFirst()
            .orElse(null);
    return Optional.of(
        new ShipmentEvent(
            top.orderId(),
            top.eventId(),
            top.kind(),
            top.occurredAt(),
            position.map(ShipmentEvent::latitude).orElse(null),
            position.map(ShipmentEvent::longitude).orElse(null),
            link));
  }

  private static ShipmentEvent event(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new ShipmentEvent(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getObject(4, OffsetDateTime.class).toInstant(),
        rs.getObject(5) == null ? null : rs.getDouble(5),
        rs.getObject(6) == null ? null : rs.getDouble(6),
        rs.getString(7));
  }

  /** What went out: the step's text, the courier's pin. */
  private record Told(boolean text, boolean pin) {
    static final Told NOTHING = new Told(false, false);
  }

  private Told tell(Order order, ShipmentEvent event, boolean text, boolean pin) {
    Optional<String> conversation =
        conversations.keysOfCustomers(List.of(order.customerId())).stream().sorted().findFirst();
    if (conversation.isEmpty()) {
      log.info(
          "Shipment event {} of {}: the customer has no conversation to tell",
          event.eventId(),
          event.orderId());
      return Told.NOTHING;
    }
    ConversationKey key = ConversationKey.parse(conversation.get());
    int form =
        ShipmentTexts.form(
            customers.find(key.value()).map(CustomerProfile::preferredLanguage).orElse(null));
    String base = "shipment:" + event.orderId() + ":" + event.eventId();
    boolean textSent = false;
    try {
      if (text) {
        outbox.queue(
            key, OutboundMessage.Text.of(ShipmentTexts.update(order, event, form)), base, null);
        textSent = true;
      }
      if (pin) {
        outbox.queue(
            key,
            new OutboundMessage.Location(
                event.latitude(), event.longitude(), ShipmentTexts.courier(form), null),
            base + ":location",
            null);
        return new Told(textSent, true);
      }
    } catch (ServiceWindowClosedException closed) {
      log.info(
          "Shipment event {} of {} kept, the customer not told: {}",
          event.eventId(),
          event.orderId(),
          closed.getMessage());
    }
    return new Told(textSent, false);
  }

  Instant now() {
    return clock.instant();
  }
}
