package app.wasla.api;

import app.wasla.notification.Notifications;
import app.wasla.security.RequiresScope;
import app.wasla.security.Scope;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Transactional notifications from the shop's backend (order placed, shipped, out for delivery,
 * payment reminder): each becomes its configured utility template, sent once per {@code eventId}
 * (docs/notifications.md).
 */
@RestController
class NotificationApiController {

  private final Notifications notifications;

  NotificationApiController(Notifications notifications) {
    this.notifications = notifications;
  }

  @RequiresScope(Scope.NOTIFICATIONS_WRITE)
  @PostMapping("/api/notifications")
  Notifications.Result post(@RequestBody Notifications.Request request) {
    return notifications.post(request);
  }
}
