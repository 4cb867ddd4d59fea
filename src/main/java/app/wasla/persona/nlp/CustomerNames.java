package app.wasla.persona.nlp;

/**
 * The customer's name as a greeting says it: the first name of the WhatsApp profile ("Ahmed" of
 * "Ahmed Samir"), and none when it is written in another script than the reply's: "أهلاً Mariam"
 * mixes scripts mid-sentence, so an Arabic-script reply to a Latin name leaves the name out (and an
 * English or Arabizi reply an Arabic-script name).
 */
public final class CustomerNames {

  private CustomerNames() {}

  /**
   * The first name to greet with, or null to greet without one.
   *
   * @param profileName the WhatsApp profile name, or null
   * @param arabicScript whether the reply is written in Arabic script (Egyptian or MSA)
   */
  public static String inGreeting(String profileName, boolean arabicScript) {
    if (profileName == null || profileName.isBlank()) {
      return null;
    }
    String first = profileName.strip().split("\\s+")[0];
    boolean arabicName =
        first
            .codePoints()
            .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC);
    boolean latinName =
        first
            .codePoints()
            .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN);
    if (arabicScript ? !arabicName || latinName : !latinName || arabicName) {
      return null;
    }
    return first;
  }
}
