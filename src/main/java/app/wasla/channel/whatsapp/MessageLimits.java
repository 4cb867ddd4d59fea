package app.wasla.channel.whatsapp;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Meta's limits for outbound messages, checked with messages that name the field and the limit. */
final class MessageLimits {

  private MessageLimits() {}

  static void length(String what, String value, int min, int max) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    int length = value.codePointCount(0, value.length());
    if (length < min || length > max) {
      throw new IllegalArgumentException(
          what + " must be " + min + " to " + max + " characters, got " + length);
    }
  }

  static String optional(String what, String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    length(what, value, 1, max);
    return value;
  }

  static <T> List<T> copy(String what, List<T> values) {
    if (values == null) {
      return List.of();
    }
    // Looping instead of contains(null): immutable lists throw NullPointerException on
    // contains(null).
    for (T value : values) {
      if (value == null) {
        throw new IllegalArgumentException(what + " must not contain null");
      }
    }
    return List.copyOf(values);
  }

  static void unique(String what, List<String> values) {
    Set<String> seen = new HashSet<>();
    for (String v : values) {
      if (!seen.add(v)) {
        throw new IllegalArgumentException(
            what + " '" + v + "' is used twice; " + what + "s must be unique");
      }
    }
  }

  /** Media goes by a link or by an uploaded media id: exactly one of the two. */
  static void oneSource(String what, String link, String mediaId) {
    boolean hasLink = link != null && !link.isBlank();
    boolean hasId = mediaId != null && !mediaId.isBlank();
    if (hasLink == hasId) {
      throw new IllegalArgumentException(
          what + " needs exactly one of a link and a media id, got " + (hasLink ? "both" : "none"));
    }
    if (hasLink) {
      length(what + " link", link, 1, 2000);
      if (!link.startsWith("https://") && !link.startsWith("http://")) {
        throw new IllegalArgumentException(what + " link must be an http(s) URL");
      }
    } else {
      length(what + " media id", mediaId, 1, 512);
    }
  }
}
