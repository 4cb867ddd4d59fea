package app.wasla.api;

/** Lets tests outside the package compute the stored hash of a key. */
public final class ApiKeysTestAccess {

  private ApiKeysTestAccess() {}

  public static String hash(String key) {
    return ApiKeys.hash(key);
  }
}
