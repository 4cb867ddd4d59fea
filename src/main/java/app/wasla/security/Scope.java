package app.wasla.security;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** What an API key may do. */
public enum Scope {
  EVENTS_WRITE("events:write"),
  CONVERSATIONS_READ("conversations:read"),
  MESSAGES_SEND("messages:send"),
  WEBHOOKS_MANAGE("webhooks:manage"),
  KEYS_MANAGE("keys:manage"),
  CUSTOMERS_READ("customers:read"),
  CUSTOMERS_WRITE("customers:write"),
  /**
   * The persona's model: its evaluation, and a retrain from the examples file, the playbook and the
   * corrections.
   */
  PERSONA_MANAGE("persona:manage"),
  /** The owner's reports: sales, response times, handoffs (/api/reports/...). */
  REPORTS_READ("reports:read"),
  /** Transactional notifications from the shop (POST /api/notifications). */
  NOTIFICATIONS_WRITE("notifications:write"),
  /** The business's backend tells Wasla about its orders: shipment events (/api/orders/...). */
  ORDERS_WRITE("orders:write"),
  /** Marketing campaigns: their audiences, results and per-recipient outcomes. */
  CAMPAIGNS_READ("campaigns:read"),
  /** Marketing campaigns: create, start, pause, resume, cancel. */
  CAMPAIGNS_WRITE("campaigns:write"),
  /** Documents of the shop's orders: a paid order's invoice (/api/orders/{orderNumber}/invoice). */
  ORDERS_READ("orders:read");

  private final String value;

  Scope(String value) {
    this.value = value;
  }

  /** As written in requests and stored: {@code events:write}. */
  @JsonValue
  public String value() {
    return value;
  }

  public static Optional<Scope> parse(String value) {
    return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
  }
}
