package app.wasla.security;

import app.wasla.channel.whatsapp.WhatsAppProperties;
import app.wasla.engine.EngineSettings;
import app.wasla.engine.EngineSetup;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Cloud mode's start-up checks on identities and secrets: Camunda's password policy is on, so no
 * user gets a weak password; Wasla refuses to start with a configured administrator password that
 * fails the policy, or with a WhatsApp app secret or verify token shorter than {@value
 * #MIN_SECRET_LENGTH} characters; the sandbox's demo accounts (known passwords) are removed from a
 * database that once ran in sandbox mode; and Wasla refuses to start without an administrator,
 * since Camunda's setup page lets the first caller create one otherwise.
 */
@Component
class CloudModeGuard implements EngineSetup {

  /** The sandbox's accounts: {@code system/DemoAccounts} gives them this e-mail domain. */
  static final List<String> DEMO_USERS = List.of("demo", "sara", "omar", "mona");

  static final String DEMO_EMAIL_DOMAIN = "@demo.wasla.app";
  static final String NO_ADMIN =
      "Cloud mode needs a Camunda administrator: set camunda.bpm.admin-user.id and "
          + "camunda.bpm.admin-user.password (environment CAMUNDA_BPM_ADMINUSER_ID and CAMUNDA_BPM_ADMINUSER_PASSWORD), "
          + "or use a database that already has a user in group camunda-admin.";
  static final String NO_ADMIN_PASSWORD =
      "camunda.bpm.admin-user.id is set without camunda.bpm.admin-user.password: "
          + "in cloud mode set the password too (Camunda would otherwise use the user id as the password).";

  static final int MIN_SECRET_LENGTH = 16;
  static final String WEAK_ADMIN_PASSWORD =
      "camunda.bpm.admin-user.password does not meet Camunda's password "
          + "policy, which cloud mode enforces: at least 10 characters with a lower-case letter, an upper-case letter, a "
          + "digit and a special character, not containing the user id, name or e-mail address.";

  private static final Logger log = LoggerFactory.getLogger(CloudModeGuard.class);

  private final WhatsAppProperties whatsapp;
  private final Environment environment;

  CloudModeGuard(WhatsAppProperties whatsapp, Environment environment) {
    this.whatsapp = whatsapp;
    this.environment = environment;
  }

  /**
   * After the engine's own settings and any plugin's: cloud mode always checks passwords against
   * the policy (the configured one, or Camunda's default). Before the engine is built, so before
   * the starter creates the administrator.
   */
  @Override
  public void afterInit(EngineSettings settings) {
    if (whatsapp.sandbox()) {
      return;
    }
    ProcessEngineConfiguration configuration = settings.configuration();
    configuration.setEnablePasswordPolicy(true);
    if (configuration.getPasswordPolicy() == null) {
      configuration.setPasswordPolicy(settings.defaultPasswordPolicy());
    }
    requireLongSecret(whatsapp.appSecret(), "wasla.whatsapp.app-secret");
    requireLongSecret(whatsapp.verifyToken(), "wasla.whatsapp.verify-token");
    Binder binder = Binder.get(environment);
    String adminId = binder.bind("camunda.bpm.admin-user.id", String.class).orElse("").trim();
    String adminPassword = binder.bind("camunda.bpm.admin-user.password", String.class).orElse("");
    if (adminId.isEmpty()) {
      return;
    }
    if (adminPassword.isBlank()) {
      throw new IllegalStateException(NO_ADMIN_PASSWORD);
    }
    Admin admin = new Admin(adminId);
    binder.bind("camunda.bpm.admin-user.first-name", String.class).ifBound(admin::setFirstName);
    binder.bind("camunda.bpm.admin-user.last-name", String.class).ifBound(admin::setLastName);
    binder.bind("camunda.bpm.admin-user.email", String.class).ifBound(admin::setEmail);
    boolean compliant =
        !adminPassword.equalsIgnoreCase(adminId)
            && configuration.getPasswordPolicy().getRules().stream()
                .allMatch(rule -> rule.execute(adminPassword, admin));
    if (!compliant) {
      throw new IllegalStateException(WEAK_ADMIN_PASSWORD);
    }
  }

  private static void requireLongSecret(String value, String key) {
    if (value == null || value.length() < MIN_SECRET_LENGTH) {
      throw new IllegalStateException(
          key
              + " must be at least "
              + MIN_SECRET_LENGTH
              + " characters in cloud mode "
              + "(Meta's app secret has 32; choose a long random verify token)");
    }
  }

  @Override
  public void afterBuild(ProcessEngine engine) {
    if (whatsapp.sandbox()) {
      return;
    }
    IdentityService identity = engine.getIdentityService();
    removeDemoAccounts(identity);
    Binder binder = Binder.get(environment);
    String adminId = binder.bind("camunda.bpm.admin-user.id", String.class).orElse("").trim();
    // the password was checked in afterInit; the starter creates the configured administrator in
    // group
    // camunda-admin as the engine starts
    if (adminId.isEmpty()
        && identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
      throw new IllegalStateException(NO_ADMIN);
    }
  }

  private static void removeDemoAccounts(IdentityService identity) {
    for (String id : DEMO_USERS) {
      User user = identity.createUserQuery().userId(id).singleResult();
      if (user != null && user.getEmail() != null && user.getEmail().endsWith(DEMO_EMAIL_DOMAIN)) {
        identity.deleteUser(id);
        log.warn("Cloud mode: removed the sandbox demo account '{}' (its password is public)", id);
      }
    }
  }

  /** The configured administrator as the password policy's rules read a user. */
  private static final class Admin implements User {

    private static final long serialVersionUID = 1L;

    private String id;
    private String firstName;
    private String lastName;
    private String email;
    private String password;

    Admin(String id) {
      this.id = id;
    }

    @Override
    public String getId() {
      return id;
    }

    @Override
    public void setId(String id) {
      this.id = id;
    }

    @Override
    public String getFirstName() {
      return firstName;
    }

    @Override
    public void setFirstName(String firstName) {
      this.firstName = firstName;
    }

    @Override
    public String getLastName() {
      return lastName;
    }

    @Override
    public void setLastName(String lastName) {
      this.lastName = lastName;
    }

    @Override
    public String getEmail() {
      return email;
    }

    @Override
    public void setEmail(String email) {
      this.email = email;
    }

    @Override
    public String getPassword() {
      return password;
    }

    @Override
    public void setPassword(String password) {
      this.password = password;
    }
  }
}
