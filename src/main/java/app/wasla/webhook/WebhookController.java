package app.wasla.webhook;

import app.wasla.security.RequiresScope;
import app.wasla.security.Scope;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Webhook subscriptions, their delivery log and manual redelivery (scope {@code webhooks:manage}).
 */
@RestController
@RequestMapping("/api/webhooks")
@RequiresScope(Scope.WEBHOOKS_MANAGE)
class WebhookController {

  /** What a client sends to create or change a subscription. */
  record SubscriptionRequest(
      String url, List<String> eventTypes, String description, Boolean active) {}

  /**
   * A subscription as the API shows it: without the secret, except in the answer to its creation.
   */
  record SubscriptionView(
      String id,
      String url,
      List<String> eventTypes,
      String description,
      boolean active,
      Instant createdAt,
      Instant updatedAt,
      String secret) {
    static SubscriptionView of(Subscription s, boolean withSecret) {
      return new SubscriptionView(
          s.id(),
          s.url(),
          s.eventTypes(),
          s.description(),
          s.active(),
          s.createdAt(),
          s.updatedAt(),
          withSecret ? s.secret() : null);
    }
  }

  /** A delivery with its attempts. */
  record DeliveryView(Deliveries.LogEntry delivery, List<Deliveries.Attempt> attempts) {}

  private final Subscriptions subscriptions;
  private final Deliveries deliveries;
  private final WebhookDispatcher dispatcher;
  private final Clock clock;
  private final WebhookTargets targets;

  WebhookController(
      Subscriptions subscriptions,
      Deliveries deliveries,
      WebhookDispatcher dispatcher,
      Clock clock,
      WebhookTargets targets) {
    this.targets = targets;
    this.subscriptions = subscriptions;
    this.deliveries = deliveries;
    this.dispatcher = dispatcher;
    this.clock = clock;
  }

  @PostMapping
  ResponseEntity<SubscriptionView> create(@RequestBody SubscriptionRequest request) {
    Subscription s =
        subscriptions.create(
            requireUrl(request.url()),
            request.eventTypes(),
            request.description(),
            request.active() == null || request.active());
    return ResponseEntity.created(URI.create("/api/webhooks/" + s.id()))
        .body(SubscriptionView.of(s, true));
  }

  @GetMapping
  List<SubscriptionView> list() {
    return subscriptions.list().stream().map(s -> SubscriptionView.of(s, false)).toList();
  }

  @GetMapping("/{id}")
  SubscriptionView show(@PathVariable String id) {
    return SubscriptionView.of(
        subscriptions.find(id).orElseThrow(WebhookController::notFound), false);
  }

  @PatchMapping("/{id}")
  SubscriptionView update(@PathVariable String id, @RequestBody SubscriptionRequest request) {
    String url = request.url() == null ? null : requireUrl(request.url());
    return SubscriptionView.of(
        subscriptions
            .update(id, url, request.eventTypes(), request.description(), request.active())
            .orElseThrow(WebhookController::notFound),
        false);
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable String id) {
    if (!subscriptions.delete(id)) {
      throw notFound();
    }
    return ResponseEntity.noContent().build();
  }

  /** The delivery log, newest first; {@code status} = PENDING, DELIVERED or DEAD. */
  @GetMapping("/{id}/deliveries")
  List<Deliveries.LogEntry> deliveries(
      @PathVariable String id,
      @RequestParam(required = false) Deliveries.Status status,
      @RequestParam(defaultValue = "100") int limit) {
    subscriptions.find(id).orElseThrow(WebhookController::notFound);
    return deliveries.log(id, status, Math.max(1, Math.min(limit, 1000)));
  }

  @GetMapping("/{id}/deliveries/{deliveryId}")
  DeliveryView delivery(@PathVariable String id, @PathVariable String deliveryId) {
    Deliveries.LogEntry entry =
        deliveries.find(id, deliveryId).orElseThrow(WebhookController::notFound);
    return new DeliveryView(entry, deliveries.attempts(deliveryId));
  }

  /** Sends a delivery again with the same delivery id; 409 while it is still pending. */
  @PostMapping("/{id}/deliveries/{deliveryId}/redeliver")
  ResponseEntity<Deliveries.LogEntry> redeliver(
      @PathVariable String id, @PathVariable String deliveryId) {
    deliveries.find(id, deliveryId).orElseThrow(WebhookController::notFound);
    if (!deliveries.redeliver(id, deliveryId, clock.instant())) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "the delivery is still pending");
    }
    dispatcher.wake();
    return ResponseEntity.accepted().body(deliveries.find(id, deliveryId).orElseThrow());
  }

  private String requireUrl(String url) {
    return targets.requireAllowed(url);
  }

  private static ResponseStatusException notFound() {
    return new ResponseStatusException(
        HttpStatus.NOT_FOUND, "no such webhook subscription or delivery");
  }
}
