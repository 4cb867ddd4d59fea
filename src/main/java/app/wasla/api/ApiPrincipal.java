package app.wasla.api;

import jakarta.servlet.http.HttpServletRequest;

/** Who is calling /api: an API key, or a Camunda admin over HTTP Basic. */
public record ApiPrincipal(String id, String name) {

  static final String ATTRIBUTE = ApiPrincipal.class.getName();

  /** The principal that {@link ApiAccessFilter} put on the request. */
  public static ApiPrincipal of(HttpServletRequest request) {
    ApiPrincipal principal = (ApiPrincipal) request.getAttribute(ATTRIBUTE);
    if (principal == null) {
      throw new IllegalStateException(
          "no API principal on the request: is ApiAccessFilter registered?");
    }
    return principal;
  }
}
