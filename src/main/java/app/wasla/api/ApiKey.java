package app.wasla.api;

import app.wasla.security.Scope;
import java.time.Instant;
import java.util.Set;

/** A stored API key: never the key itself, only its prefix (to recognise it) and its hash. */
public record ApiKey(
    String id,
    String name,
    String prefix,
    Set<Scope> scopes,
    Instant createdAt,
    String createdBy,
    Instant revokedAt) {

  public boolean allows(Scope scope) {
    return revokedAt == null && scopes.contains(scope);
  }
}
