package app.wasla.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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

/** API keys: created and revoked by an admin (scope {@code keys:manage}, or a Camunda admin over Basic). */
@RestController
@RequestMapping("/api/keys")
@RequiresScope(Scope.KEYS_MANAGE)
class ApiKeyController {

  record KeyRequest(String name, List<String> scopes) {
  }

  /** The answer to a creation: the only time the key is shown. */
  record CreatedKey(ApiKey apiKey, String key) {
  }

  private final ApiKeys keys;

  ApiKeyController(ApiKeys keys) {
    this.keys = keys;
  }

  @PostMapping
  ResponseEntity<CreatedKey> create(@RequestBody KeyRequest request, HttpServletRequest http) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String s : request.scopes() == null ? List.<String>of() : request.scopes()) {
      scopes.add(Scope.parse(s).orElseThrow(() -> new IllegalArgumentException("unknown scope " + s)));
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
  ResponseEntity<Void> revoke(@PathVariable String id) {
    if (!keys.revoke(id)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no live API key with this id");
    }
    return ResponseEntity.noContent().build();
  }
}
