package app.wasla.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who called /api, for capabilities that key something by caller (an Idempotency-Key scoped per
 * caller, so two systems cannot collide on one key) without knowing how callers are authenticated.
 */
public final class RequestCaller {

  /** The request attribute /api's access filter sets to the caller's stable id. */
  public static final String ATTRIBUTE = RequestCaller.class.getName();

  private RequestCaller() {}

  /** The authenticated caller's id; fails when the request passed no /api authentication. */
  public static String id(HttpServletRequest request) {
    Object id = request.getAttribute(ATTRIBUTE);
    if (id == null) {
      throw new IllegalStateException("no authenticated /api caller on the request");
    }
    return id.toString();
  }
}
