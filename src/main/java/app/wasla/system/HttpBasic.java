package app.wasla.system;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The user and password of an {@code Authorization: Basic ...} header; nothing checks them here.
 */
public record HttpBasic(String user, String password) {

  /** The credentials of the header, or empty when it is missing, not Basic, or malformed. */
  public static Optional<HttpBasic> parse(String authorizationHeader) {
    if (authorizationHeader == null
        || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorizationHeader.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    return colon <= 0
        ? Optional.empty()
        : Optional.of(new HttpBasic(decoded.substring(0, colon), decoded.substring(colon + 1)));
  }

  /** Whether the request carries Basic credentials at all (well-formed or not). */
  public static boolean present(String authorizationHeader) {
    return authorizationHeader != null
        && authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6);
  }
}
