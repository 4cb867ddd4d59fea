package app.wasla.webhook;

import app.wasla.system.AfterCommit;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes events into the transactional outbox: the event row and one delivery row per interested
 * subscription are written in the caller's transaction, so an event exists exactly when the change
 * that caused it committed. Delivery happens later, on {@link WebhookDispatcher}'s own threads.
 *
 * <p>The envelope is {@code {id, type, time, conversationKey, customer, data}}.
 */
@Service
public class WebhookEvents {

  private final JdbcClient jdbc;
  private final Subscriptions subscriptions;
  private final ObjectMapper json;
  private final Clock clock;
  private final ObjectProvider<WebhookDispatcher> dispatcher;
  private final ObjectProvider<CustomerNames> names;

  WebhookEvents(
      JdbcClient jdbc,
      Subscriptions subscriptions,
      ObjectMapper json,
      Clock clock,
      ObjectProvider<WebhookDispatcher> dispatcher,
      ObjectProvider<CustomerNames> names) {
    this.jdbc = jdbc;
    this.subscriptions = subscriptions;
    this.json = json;
    this.clock = clock;
    this.dispatcher = dispatcher;
    this.names = names;
  }

  /**
   * True when an active subscription wants events of this type now (the same few seconds' cache as
   * {@link #publish}): a writer whose only reason for a transaction is the event may skip it
   * otherwise.
   */
  public boolean wanted(String type) {
    return !subscriptions.activeFor(EventTypes.require(type)).isEmpty();
  }

  /**
   * Records an event in the current transaction (or in its own when there is none); a failure here
   * rolls back the cause with it, which is the point of the outbox.
   *
   * @param conversationKey {@code <phone_number_id>:<wa_id>}, or null for an event of no
   *     conversation
   * @return the event id; empty when no active subscription wants this type (nothing is written)
   */
  @Transactional
  public Optional<String> publish(String type, String conversationKey, Map<String, ?> data) {
    EventTypes.require(type);
    List<Subscription> targets = subscriptions.activeFor(type);
    if (targets.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    String id = "evt_" + UUID.randomUUID().toString().replace("-", "");
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("id", id);
    envelope.put("type", type);
    envelope.put("time", now.toString());
    envelope.put("conversationKey", conversationKey);
    envelope.put("customer", customer(conversationKey));
    envelope.put("data", data == null ? Map.of() : data);
    String body = write(envelope);

    KeyHolder seq = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO webhook_event (id, event_type, conversation_key, envelope_json, created_at)
            VALUES (?, ?, ?, ?, ?)""")
        .params(id, type, conversationKey, body, Subscriptions.utc(now))
        .update(seq, "seq");
    long eventSeq = seq.getKeyAs(Number.class).longValue();
    for (Subscription target : targets) {
      jdbc.sql(
              """
              INSERT INTO webhook_delivery (id, subscription_id, event_seq, order_key, status, attempts,
                next_attempt_at, created_at, horizon_from)
              VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)""")
          .params(
              UUID.randomUUID().toString(),
              target.id(),
              eventSeq,
              conversationKey != null ? conversationKey : id,
              Subscriptions.utc(now),
              Subscriptions.utc(now),
              Subscriptions.utc(now))
          .update();
    }
    wakeDispatcherAfterCommit();
    return Optional.of(id);
  }

  /**
   * The customer part of the envelope; the profile name when the conversation knows it ({@link
   * CustomerNames}).
   */
  private Map<String, Object> customer(String conversationKey) {
    if (conversationKey == null) {
      return null;
    }
    int colon = conversationKey.indexOf(':');
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("phoneNumberId", colon > 0 ? conversationKey.substring(0, colon) : null);
    customer.put("waId", colon > 0 ? conversationKey.substring(colon + 1) : conversationKey);
    CustomerNames known = names.getIfAvailable();
    if (known != null) {
      known.nameOf(conversationKey).ifPresent(name -> customer.put("name", name));
    }
    return customer;
  }

  private void wakeDispatcherAfterCommit() {
    WebhookDispatcher d = dispatcher.getIfAvailable();
    if (d == null) {
      return;
    }
    AfterCommit.run(d::wake);
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event data must be JSON values", e);
    }
  }
}
