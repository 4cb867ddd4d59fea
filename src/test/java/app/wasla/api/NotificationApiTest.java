package app.wasla.api;

/** {@link NotificationScenarios} on the embedded default (H2). */
class NotificationApiTest extends NotificationScenarios {}
