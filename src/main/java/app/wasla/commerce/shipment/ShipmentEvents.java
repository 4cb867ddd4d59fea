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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * transaction: a text, then the courier's position as a location message when it is known. The
 * latest event answers "where is my order?".
 */
@Service
public class ShipmentEvents {

  private static final Logger log = LoggerFactory.getLogger(ShipmentEvents.class);

  /** What {@link #record} did. */
  public enum Outcome {
    /** Kept and the customer told (or told as far as the 24-hour window allows). */
    RECORDED,
    /** This event id was recorded for the order before: nothing done. */
    DUPLICATE,
    /** No such order. */
    UNKNOWN_ORDER
  }

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
   * Keeps the event and queues the customer's messages, once per order and event id. The order is
   * looked up first, outside the transaction: with an HTTP commerce backend that is a call no
   * database connection should wait on.
   */
  public Outcome record(ShipmentEvent event) {
    Optional<Order> order = orders.find(event.orderId());
    if (order.isEmpty()) {
      return Outcome.UNKNOWN_ORDER;
    }
    return tx.execute(status -> keep(order.get(), event));
  }

  private Outcome keep(Order order, ShipmentEvent event) {
    boolean known =
        jdbc.sql("SELECT COUNT(*) FROM commerce_shipment_event WHERE order_id = ? AND event_id = ?")
                .params(event.orderId(), event.eventId())
                .query(Long.class)
                .single()
            > 0;
    if (known) {
      return Outcome.DUPLICATE;
    }
    jdbc.sql(
            """
            INSERT INTO commerce_shipment_event (order_id, event_id, kind, occurred_at, latitude, longitude,
              tracking_url, received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            event.orderId(),
            event.eventId(),
            event.kind(),
            OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC),
            event.latitude(),
            event.longitude(),
            event.trackingUrl(),
            OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .update();
    tell(order, event);
    return Outcome.RECORDED;
  }

  /** The latest event of an order, by when it happened. */
  public Optional<ShipmentEvent> latest(String orderId) {
    return jdbc.sql(
            """
            SELECT order_id, event_id, kind, occurred_at, latitude, longitude, tracking_url
            FROM commerce_shipment_event WHERE order_id = ?
            ORDER BY occurred_at DESC, id DESC FETCH FIRST 1 ROWS ONLY""")
        .param(orderId)
        .query(
            (rs, n) ->
                new ShipmentEvent(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getObject(4, OffsetDateTime.class).toInstant(),
                    rs.getObject(5) == null ? null : rs.getDouble(5),
                    rs.getObject(6) == null ? null : rs.getDouble(6),
                    rs.getString(7)))
        .optional();
  }

  private void tell(Order order, ShipmentEvent event) {
    Optional<String> conversation =
        conversations.keysOfCustomers(java.util.List.of(order.customerId())).stream()
            .sorted()
            .findFirst();
    if (conversation.isEmpty()) {
      log.info(
          "Shipment event {} of {}: the customer has no conversation to tell",
          event.eventId(),
          event.orderId());
      return;
    }
    ConversationKey key = ConversationKey.parse(conversation.get());
    int form =
        ShipmentTexts.form(
            customers.find(key.value()).map(CustomerProfile::preferredLanguage).orElse(null));
    String base = "shipment:" + event.orderId() + ":" + event.eventId();
    try {
      outbox.queue(
          key, OutboundMessage.Text.of(ShipmentTexts.update(order, event, form)), base, null);
      if (event.located()) {
        outbox.queue(
            key,
            new OutboundMessage.Location(
                event.latitude(), event.longitude(), ShipmentTexts.courier(form), null),
            base + ":location",
            null);
      }
    } catch (ServiceWindowClosedException closed) {
      log.info(
          "Shipment event {} of {} kept, the customer not told: {}",
          event.eventId(),
          event.orderId(),
          closed.getMessage());
    }
  }

  Instant now() {
    return clock.instant();
  }
}
