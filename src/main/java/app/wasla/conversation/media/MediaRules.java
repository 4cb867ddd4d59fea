package app.wasla.conversation.media;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Meta's limits on WhatsApp media (types and sizes per kind), Wasla's own cap, and a look at a
 * file's first bytes so that an image that is not one is refused.
 */
final class MediaRules {

  static final long MB = 1024L * 1024L;

  /** Meta's types per kind (WhatsApp Cloud API, supported media types). */
  private static final Map<String, List<String>> TYPES =
      Map.of(
          "image", List.of("image/jpeg", "image/png"),
          // M4A arrives as audio/mp4, or from some phones as audio/x-m4a or audio/m4a
          "audio",
              List.of(
                  "audio/aac",
                  "audio/amr",
                  "audio/mpeg",
                  "audio/mp4",
                  "audio/x-m4a",
                  "audio/m4a",
                  "audio/ogg"),
          "video", List.of("video/mp4", "video/3gpp", "video/3gp"),
          "sticker", List.of("image/webp"));

  /** Meta's size limits per kind. */
  private static final Map<String, Long> SIZES =
      Map.of(
          "image", 5 * MB,
          "audio", 16 * MB,
          "video", 16 * MB,
          "document", 100 * MB,
          "sticker", 500 * 1024L);

  private static final Map<String, String> EXTENSIONS =
      Map.ofEntries(
          Map.entry("image/jpeg", "jpg"),
          Map.entry("image/png", "png"),
          Map.entry("image/webp", "webp"),
          Map.entry("audio/aac", "aac"),
          Map.entry("audio/amr", "amr"),
          Map.entry("audio/mpeg", "mp3"),
          Map.entry("audio/mp4", "m4a"),
          Map.entry("audio/x-m4a", "m4a"),
          Map.entry("audio/m4a", "m4a"),
          Map.entry("audio/ogg", "ogg"),
          Map.entry("video/mp4", "mp4"),
          Map.entry("video/3gpp", "3gp"),
          Map.entry("application/pdf", "pdf"),
          Map.entry("text/plain", "txt"));

  private final MediaProperties props;

  MediaRules(MediaProperties props) {
    this.props = props;
  }

  /**
   * The type without parameters, lower case: {@code audio/ogg; codecs=opus} is {@code audio/ogg}.
   */
  static String baseType(String mimeType) {
    if (mimeType == null) {
      return null;
    }
    int semicolon = mimeType.indexOf(';');
    return (semicolon < 0 ? mimeType : mimeType.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  /** Whether a file of this type is taken for this kind. */
  boolean allowed(String kind, String mimeType) {
    String type = baseType(mimeType);
    if (type == null) {
      return false;
    }
    if ("document".equals(kind)) {
      return props.documentTypes().stream().anyMatch(t -> t.equalsIgnoreCase(type));
    }
    return TYPES.getOrDefault(kind, List.of()).contains(type);
  }

  /** The largest file of this kind: Meta's limit or Wasla's cap, whichever is lower. */
  long maxBytes(String kind) {
    return Math.min(SIZES.getOrDefault(kind, 16 * MB), props.maxSize().toBytes());
  }

  static String extension(String mimeType) {
    return EXTENSIONS.getOrDefault(baseType(mimeType), "bin");
  }

  /**
   * Whether the first bytes fit the declared type, for the types whose signature is certain
   * (images, stickers, PDF); other types are taken as declared.
   */
  static boolean looksLike(String mimeType, byte[] head, int length) {
    String type = baseType(mimeType);
    if (type == null) {
      return false;
    }
    return switch (type) {
      case "image/jpeg" -> starts(head, length, 0xFF, 0xD8, 0xFF);
      case "image/png" -> starts(head, length, 0x89, 'P', 'N', 'G');
      case "image/webp" ->
          starts(head, length, 'R', 'I', 'F', 'F')
              && length >= 12
              && head[8] == 'W'
              && head[9] == 'E'
              && head[10] == 'B'
              && head[11] == 'P';
      case "application/pdf" -> starts(head, length, '%', 'P', 'D', 'F');
      default -> true;
    };
  }

  private static boolean starts(byte[] head, int length, int... signature) {
    if (length < signature.length) {
      return false;
    }
    for (int i = 0; i < signature.length; i++) {
      if ((head[i] & 0xFF) != signature[i]) {
        return false;
      }
    }
    return true;
  }
}
