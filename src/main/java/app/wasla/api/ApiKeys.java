package app.wasla.api;

import app.wasla.security.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * API keys, stored as SHA-256 hashes. A key is 256 random bits, so a plain hash is as strong as a
 * slow password hash here, and lets a request be checked with one indexed lookup.
 */
@Repository
public class ApiKeys {

  /** A key as created: the only moment the key itself exists outside the client. */
  public record Created(ApiKey apiKey, String key) {
    @Override
    public String toString() {
      return "Created[" + apiKey + ", key=***]";
    }
  }

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiKeys.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String GENERATED = "wsk_";

  private final JdbcClient jdbc;
  private final Clock clock;

  ApiKeys(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Created create(String name, Set<Scope> scopes, String createdBy) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String key = GENERATED + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return new Created(store(name, key, scopes, createdBy), key);
  }

  /** Stores a key chosen elsewhere (the bootstrap key) unless its hash is known already. */
  Optional<ApiKey> storeIfAbsent(String name, String key, Set<Scope> scopes, String createdBy) {
    if (jdbc.sql("SELECT COUNT(*) FROM api_key WHERE key_hash = ?")
            .param(hash(key))
            .query(Long.class)
            .single()
        > 0) {
      return Optional.empty();
    }
    return Optional.of(store(name, key, scopes, createdBy));
  }

  private ApiKey store(String name, String key, Set<Scope> scopes, String createdBy) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("name: 1 to 200 characters");
    }
    if (scopes == null || scopes.isEmpty()) {
      throw new IllegalArgumentException(
          "scopes: at least one of "
              + Arrays.stream(Scope.values()).map(Scope::value).collect(Collectors.joining(", ")));
    }
    Instant now = clock.instant();
    ApiKey apiKey =
        new ApiKey(
            UUID.randomUUID().toString(),
            name,
            identifier(key),
            Set.copyOf(scopes),
            now,
            createdBy,
            null);
    jdbc.sql(
            """
            INSERT INTO api_key (id, name, key_prefix, key_hash, scopes, created_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .params(
            apiKey.id(),
            name,
            apiKey.prefix(),
            hash(key),
            scopes.stream().map(Scope::value).sorted().collect(Collectors.joining(" ")),
            utc(now),
            createdBy)
        .update();
    return apiKey;
  }

  /** The live (not revoked) key with this value. */
  public Optional<ApiKey> authenticate(String key) {
    if (key == null || key.isBlank() || key.length() > 200) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT * FROM api_key WHERE key_hash = ? AND revoked_at IS NULL")
        .param(hash(key))
        .query(ApiKeys::row)
        .optional();
  }

  public List<ApiKey> list() {
    return jdbc.sql("SELECT * FROM api_key ORDER BY created_at, id").query(ApiKeys::row).list();
  }

  public Optional<ApiKey> find(String id) {
    return jdbc.sql("SELECT * FROM api_key WHERE id = ?").param(id).query(ApiKeys::row).optional();
  }

  /** Revokes a key at once; false when there is no such live key. */
  public boolean revoke(String id) {
    return jdbc.sql("UPDATE api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
            .params(utc(clock.instant()), id)
            .update()
        == 1;
  }

  /**
   * What the key list shows to tell keys apart: {@code wsk_} and 4 random characters of a generated
   * key (24 bits of its 256), nothing of an operator-chosen key (the bootstrap key), whose first
   * characters may be most of it.
   */
  static String identifier(String key) {
    return key != null && key.startsWith(GENERATED) && key.length() >= GENERATED.length() + 16
        ? key.substring(0, GENERATED.length() + 4)
        : "";
  }

  /** Cuts the longer prefixes stored by earlier versions down to {@link #identifier(String)}. */
  void shortenStoredPrefixes() {
    int changed =
        jdbc.sql(
                    "UPDATE api_key SET key_prefix = SUBSTRING(key_prefix, 1, 8)"
                        + " WHERE key_prefix LIKE 'wsk\\_%' ESCAPE '\\' AND LENGTH(key_prefix) > 8")
                .update()
            + jdbc.sql(
                    "UPDATE api_key SET key_prefix = '' WHERE key_prefix NOT LIKE 'wsk\\_%' ESCAPE '\\'"
                        + " AND key_prefix <> ''")
                .update();
    if (changed > 0) {
      log.info("Shortened the stored identifiers of {} API keys", changed);
    }
  }

  static String hash(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ApiKey row(ResultSet rs, int n) throws SQLException {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String s : rs.getString("scopes").split(" ")) {
      Scope.parse(s).ifPresent(scopes::add);
    }
    OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
    String prefix = rs.getString("key_prefix");
    return new ApiKey(
        rs.getString("id"),
        rs.getString("name"),
        prefix.startsWith(GENERATED)
            ? prefix.substring(0, Math.min(prefix.length(), GENERATED.length() + 4))
            : "",
        scopes,
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getString("created_by"),
        revoked == null ? null : revoked.toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
