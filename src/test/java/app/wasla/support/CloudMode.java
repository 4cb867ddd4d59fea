package app.wasla.support;

import java.util.Map;

/**
 * What a test must configure, beyond Meta's credentials, for Wasla to start in cloud mode: an
 * administrator (cloud mode never leaves Camunda's first-admin setup page open) and the sandbox
 * payment gateway as an explicit staging choice with a secret of its own (cloud mode refuses the
 * sandbox gateway otherwise).
 */
public final class CloudMode {

  // Camunda accepts user ids matching its resource whitelist ([a-zA-Z0-9]+ by default): no hyphen
  public static final String ADMIN_ID = "waslaadmin";
  // passwords meet Camunda's password policy, which cloud mode enforces
  public static final String ADMIN_PASSWORD = "Admin-test-password-7f3a";

  /** For agents a cloud-mode test creates: no part of any test user's id or name. */
  public static final String AGENT_PASSWORD = "Quiet-harbour-42!x";

  public static final String SANDBOX_PAYMENT_SECRET = "staging-sandbox-payments-secret-91c2";

  private CloudMode() {}

  /** The properties, as keys and values. */
  public static Map<String, String> safetyProperties() {
    return Map.of(
        "camunda.bpm.admin-user.id", ADMIN_ID,
        "camunda.bpm.admin-user.password", ADMIN_PASSWORD,
        "wasla.commerce.sandbox.allow-in-cloud", "true",
        "wasla.commerce.sandbox.secret", SANDBOX_PAYMENT_SECRET);
  }
}
