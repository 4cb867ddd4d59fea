package app.wasla.handoff;

import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * The name of an agent as a customer reads it, in the script of the customer's form: in Arabic
 * (Egyptian, MSA, mixed) the agent's Arabic name ({@code wasla.handoff.agent-names-ar}, else the
 * Camunda user's first name when it is written in Arabic), else none, so the text says "our team"
 * rather than "هيرد عليك sara"; in English and Arabizi the Camunda user's first name in Latin
 * letters, else the user id.
 */
@Component
public class AgentNames implements app.wasla.persona.PersonNames {

  private static final Pattern ARABIC = Pattern.compile("\\p{IsArabic}");

  private final IdentityService identity;
  private final HandoffProperties props;

  AgentNames(IdentityService identity, HandoffProperties props) {
    this.identity = identity;
    this.props = props;
  }

  @Override
  public String inArabic(String userId) {
    return inText(userId, "ar-EG");
  }

  /** The name to write in a text in {@code language} (the persona's tag); null: say "our team". */
  public String inText(String userId, String language) {
    if (userId == null) {
      return null;
    }
    boolean arabicScript = !"en".equals(language) && !"arabizi".equals(language);
    if (arabicScript) {
      String configured = props.agentNamesAr().get(userId);
      if (configured != null && !configured.isBlank()) {
        return configured.strip();
      }
    }
    User user = identity.createUserQuery().userId(userId).singleResult();
    String first = user == null ? null : user.getFirstName();
    boolean named = first != null && !first.isBlank();
    if (arabicScript) {
      return named && ARABIC.matcher(first).find() ? first.strip() : null;
    }
    return named && !ARABIC.matcher(first).find() ? first.strip() : userId;
  }
}
