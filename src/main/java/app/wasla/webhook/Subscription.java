package app.wasla.webhook;

import java.time.Instant;
import java.util.List;

/** A receiver of events. {@link #toString()} never shows the secret. */
public record Subscription(
    String id,
    String url,
    List<String> eventTypes,
    String secret,
    String description,
    boolean active,
    Instant createdAt,
    Instant updatedAt) {

  /** True when this subscription wants events of the type ({@code *} = all). */
  public boolean wants(String type) {
    return active && (eventTypes.contains("*") || eventTypes.contains(type));
  }

  @Override
  public String toString() {
    return "Subscription[id="
        + id
        + ", url="
        + url
        + ", eventTypes="
        + eventTypes
        + ", active="
        + active
        + "]";
  }
}
