package app.wasla.webhook;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Webhook subscriptions in the database, with a short-lived cache for the publishing hot path. */
@Repository
public class Subscriptions {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final Clock clock;
  private final WebhookProperties props;
  private volatile Snapshot active;

  private record Snapshot(List<Subscription> subscriptions, Instant loadedAt) {}

  Subscriptions(JdbcClient jdbc, Clock clock, WebhookProperties props) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.props = props;
  }

  /** Creates a subscription with a fresh secret (returned here and never again by the API). */
  public Subscription create(
      String url, List<String> eventTypes, String description, boolean active) {
    Instant now = clock.instant();
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Subscription s =
        new Subscription(
            UUID.randomUUID().toString(),
            url,
            normalize(eventTypes),
            secret,
            description,
            active,
            now,
            now);
    jdbc.sql(
            """
            INSERT INTO webhook_subscription (id, url, event_types, secret, description, active, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            s.id(),
            s.url(),
            String.join(",", s.eventTypes()),
            secret,
            description,
            active,
            utc(now),
            utc(now))
        .update();
    invalidate();
    return s;
  }

  public List<Subscription> list() {
    return jdbc.sql("SELECT * FROM webhook_subscription ORDER BY created_at, id")
        .query(Subscriptions::row)
        .list();
  }

  public Optional<Subscription> find(String id) {
    return jdbc.sql("SELECT * FROM webhook_subscription WHERE id = ?")
        .param(id)
        .query(Subscriptions::row)
        .optional();
  }

  /** Changes URL, event types, description or active flag; null leaves a field as it is. */
  public Optional<Subscription> update(
      String id, String url, List<String> eventTypes, String description, Boolean active) {
    Optional<Subscription> current = find(id);
    if (current.isEmpty()) {
      return current;
    }
    Subscription c = current.get();
    jdbc.sql(
            """
            UPDATE webhook_subscription SET url = ?, event_types = ?, description = ?, active = ?, updated_at = ?
            WHERE id = ?""")
        .params(
            url == null ? c.url() : url,
            String.join(",", eventTypes == null ? c.eventTypes() : normalize(eventTypes)),
            description == null ? c.description() : description,
            active == null ? c.active() : active,
            utc(clock.instant()),
            id)
        .update();
    invalidate();
    return find(id);
  }

  /** Deletes the subscription and its delivery log. */
  @Transactional
  public boolean delete(String id) {
    jdbc.sql("DELETE FROM webhook_delivery WHERE subscription_id = ?").param(id).update();
    boolean deleted =
        jdbc.sql("DELETE FROM webhook_subscription WHERE id = ?").param(id).update() > 0;
    invalidate();
    return deleted;
  }

  /**
   * Active subscriptions that want this type; cached for a few seconds (other nodes' changes lag
   * that long).
   */
  List<Subscription> activeFor(String type) {
    Snapshot s = active;
    Instant now = clock.instant();
    if (s == null || s.loadedAt().plus(props.subscriptionCacheTtl()).isBefore(now)) {
      s =
          new Snapshot(
              jdbc.sql("SELECT * FROM webhook_subscription WHERE active = TRUE")
                  .query(Subscriptions::row)
                  .list(),
              now);
      active = s;
    }
    return s.subscriptions().stream().filter(sub -> sub.wants(type)).toList();
  }

  void invalidate() {
    active = null;
  }

  private static List<String> normalize(List<String> eventTypes) {
    if (eventTypes == null || eventTypes.isEmpty()) {
      throw new IllegalArgumentException(
          "eventTypes: list at least one event type, or \"*\" for all");
    }
    return eventTypes.stream()
        .map(String::trim)
        .map(t -> t.equals("*") ? t : EventTypes.require(t))
        .distinct()
        .toList();
  }

  private static Subscription row(ResultSet rs, int n) throws SQLException {
    return new Subscription(
        rs.getString("id"),
        rs.getString("url"),
        Arrays.stream(rs.getString("event_types").split(",")).filter(t -> !t.isBlank()).toList(),
        rs.getString("secret"),
        rs.getString("description"),
        rs.getBoolean("active"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
