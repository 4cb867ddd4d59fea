package app.wasla.api;

import app.wasla.security.RequiresScope;
import app.wasla.security.Scope;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * API keys: created and revoked by an admin (scope {@code keys:manage}, or a Camunda admin over
 * Basic). A key can hand out only scopes it holds itself and revoke only keys whose scopes it
 * holds, so that {@code keys:manage} is not a way to every other scope; a Camunda admin holds them
 * all.
 */
@RestController
@RequestMapping("/api/keys")
@RequiresScope(Scope.KEYS_MANAGE)
class ApiKeyController {

  record KeyRequest(String name, List<String> scopes) {}

  /** The answer to a creation: the only time the key is shown. */
  record CreatedKey(ApiKey apiKey, String key) {}

  private final ApiKeys keys;

  ApiKeyController(ApiKeys keys) {
    this.keys = keys;
  }

  @PostMapping
  ResponseEntity<CreatedKey> create(@RequestBody KeyRequest request, HttpServletRequest http) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String s : request.scopes() == null ? List.<String>of() : request.scopes()) {
      scopes.add(
          Scope.parse(s).orElseThrow(() -> new IllegalArgumentException("unknown scope " + s)));
    }
    Set<Scope> lacking = lacking(http, scopes);
    if (!lacking.isEmpty()) {
      throw new ResponseStatusException(
          HttpStatus.FORBIDDEN,
          "a key can only grant scopes it holds itself;" + " this one lacks " + names(lacking));
    }
    ApiKeys.Created created = keys.create(request.name(), scopes, ApiPrincipal.of(http).name());
    return ResponseEntity.created(URI.create("/api/keys/" + created.apiKey().id()))
        .body(new CreatedKey(created.apiKey(), created.key()));
  }

  @GetMapping
  List<ApiKey> list() {
    return keys.list();
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> revoke(@PathVariable String id, HttpServletRequest http) {
    ApiKey target =
        keys.find(id)
            .filter(k -> k.revokedAt() == null)
            .orElseThrow(
                () ->
                    new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "no live API key with this id"));
    Set<Scope> lacking = lacking(http, target.scopes());
    if (!lacking.isEmpty()) {
      throw new ResponseStatusException(
          HttpStatus.FORBIDDEN,
          "a key can only revoke keys whose scopes it holds;"
              + " this one lacks "
              + names(lacking));
    }
    if (!keys.revoke(id)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no live API key with this id");
    }
    return ResponseEntity.noContent().build();
  }

  /** The scopes of {@code wanted} the caller does not hold (an admin over Basic holds all). */
  private static Set<Scope> lacking(HttpServletRequest http, Set<Scope> wanted) {
    @SuppressWarnings("unchecked")
    Set<Scope> granted = (Set<Scope>) http.getAttribute(ApiScopeInterceptor.SCOPES);
    Set<Scope> lacking = EnumSet.noneOf(Scope.class);
    lacking.addAll(wanted);
    if (granted != null) {
      lacking.removeAll(granted);
    }
    return lacking;
  }

  private static String names(Set<Scope> scopes) {
    return scopes.stream().map(Scope::value).sorted().collect(Collectors.joining(", "));
  }
}
