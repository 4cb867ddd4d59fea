package app.wasla.handoff;

import app.wasla.conversation.ConversationVariables;
import app.wasla.persona.PersonaVariables;
import java.text.Normalizer;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * {@code ${handoffWithdrawal.requested(execution)}}: a customer who clearly takes back the request
 * for a person ("never mind", "خلاص مش مهم", "مش عايز حد خلاص", "mesh 3ayez 7ad", a bare "cancel"
 * or "الغي", "الغي طلب الموظف") while nobody has answered yet. Once a person has answered, the
 * person owns the conversation and such words are for her. Whatever else the message says ( "never
 * mind, I want to book a repair") is what the bot answers next.
 */
@Component("handoffWithdrawal")
public class HandoffWithdrawal {

  /** The words the bot still has to answer once the request is withdrawn (may be empty). */
  public record Withdrawal(String rest) {
    public boolean leavesSomethingToAnswer() {
      return rest.codePoints().filter(Character::isLetterOrDigit).count() >= 3;
    }
  }

  /** Unicode word boundaries and classes: Arabic letters are word characters. */
  private static final String U = "(?U)";

  private static final String CANCEL = "(?:cancel|الغي?|الغاء|elghi|elghy|olghi|2elghi)";
  private static final String PERSON =
      "(?:الموظف|موظف|التحويل|خدمه العملاء|الطلب ده|طلب الموظف|طلب التحويل|طلب خدمه العملاء|حد"
          + "|the request|my request|request|the agent|agent|the human|human|the person|person"
          + "|the transfer|transfer|handoff|el ta7weel|el mowazaf|talab el mowazaf)";

  /** Whole phrases, matched on the normalized text; the first that matches is taken out. */
  private static final List<Pattern> PHRASES =
      List.of(
          // English
          Pattern.compile(U + "\\b(?:never ?mind|nvm|forget it|forget about it)\\b"),
          Pattern.compile(
              U
                  + "\\b(?:i )?(?:do not|dont|don't) (?:need|want) (?:a |an |the |to talk to (?:a |an )?)?"
                  + "(?:anyone|anybody|someone|human|agent|person|colleague|customer service"
                  + "|customer support|support)( anymore)?\\b"),
          Pattern.compile(
              U + "\\bno need (?:for (?:a |an |the )?(?:human|agent|person|colleague))\\b"),
          // Egyptian and MSA
          Pattern.compile(
              U + "(?:لا )?خلاص مش مهم|مش مهم خلاص|^مش مهم|^لا مش مهم|^انسي(?: الموضوع)?"),
          Pattern.compile(
              U
                  + "مش (?:عايز|عاوز|عايزه|عاوزه|محتاج|محتاجه) (?:اكلم )?(?:حد|موظف|خدمه العملاء)(?: خلاص)?"),
          Pattern.compile(
              U + "لا (?:داعي|حاجه)(?: لذلك| للتحويل| للموظف)?$|لم اعد (?:بحاجه|احتاج)"),
          Pattern.compile(U + "لا اريد (?:التحدث مع )?(?:احد|موظف)"),
          // Gulf: "خلاص ما يحتاج، أبي أطلب سماعة", "ما أبي موظف"
          Pattern.compile(
              U
                  + "(?:^|خلاص )ما (?:يحتاج|يحتاج شي|له داعي|في داعي|احتاج (?:احد|موظف))"
                  + "|ما (?:ابي|ابغي|ابغا) (?:احد|موظف|خدمه العملاء)"),
          // Arabizi
          Pattern.compile(
              U
                  + "\\b(?:5alas |khalas |5ales )?(?:mesh|msh|mish) (?:mohem|mohim|mhm)\\b"
                  + "|\\b(?:mesh|msh|mish) (?:3ayez|3awez|3ayza|3awza|m7tag|me7tag) (?:7ad|wa7ed)\\b"),
          // cancelling the request itself, or a bare "cancel"
          Pattern.compile(
              U + "^" + CANCEL + "(?: (?:ال)?" + PERSON + ")?(?: (?:please|لو سمحت))?$"),
          Pattern.compile(U + "\\b" + CANCEL + " (?:طلب )?" + PERSON + "\\b"));

  /**
   * Denials of a big order, a withdrawal only of a handoff called for one ("wait what order?? i
   * didnt order anything", "no no not a big order 😂 just 1 watch"): beside a complaint ("I was
   * charged but didn't order anything") they are the complaint itself.
   */
  private static final List<Pattern> NOT_AN_ORDER =
      List.of(
          Pattern.compile(
              U
                  + "\\b(?:i )?(?:didnt|didn't|did not|havent|haven't|have not) (?:order|ordered|buy|bought)"
                  + " (?:anything|something|it|a thing)\\b"
                  + "|\\bnot a (?:big |large |bulk )?order\\b|\\bno big order\\b"),
          Pattern.compile(
              U
                  + "(?:انا )?(?:مطلبتش|ماطلبتش|ما طلبت|لم اطلب) (?:حاجه|اي حاجه|شي|شيء|شيئا|اي شيء)"
                  + "|مش (?:طلب|اوردر) كبير|\\b(?:mtalabtsh|matalabtsh|ma talabtsh) (?:7aga|haga)\\b"));

  /** The reason of a handoff called for a big order. */
  static final String BIG_DEAL = "big deal";

  /**
   * The reply id of "continue with the bot", offered when the customer wants to buy while a handoff
   * waits: tapped, the request is withdrawn and the purchase goes on with the bot.
   */
  public static final String CONTINUE_WITH_BOT = "handoff_bot";

  /** The reply id of "wait for the colleague": the handoff stays. */
  public static final String WAIT_FOR_COLLEAGUE = "handoff_wait";

  /** Words that carry nothing for the bot to answer once the phrase is taken out. */
  private static final Pattern FILLER =
      Pattern.compile(
          U
              + "\\b(?:please|thanks|thank you|ok|okay|بس|لو سمحت|شكرا|يا|تمام|خلاص|و|and|then"
              + "|no|wait|lol|haha|لا|ههه|هههه"
              + "|i just asked if|i just asked|just asked|i was just asking|i m just asking|just asking"
              + "|khalas|5alas|5ales|tamam|shokran|law sama7t|mersi|merci)\\b");

  /** Whether the conversation's current message withdraws the handoff nobody has answered yet. */
  public boolean requested(DelegateExecution execution) {
    if (Boolean.TRUE.equals(execution.getVariable(SendAgentReplyDelegate.RESPONDED))) {
      return false;
    }
    if (CONTINUE_WITH_BOT.equals(execution.getVariable(ConversationVariables.REPLY_ID))) {
      return true; // "كمّل معايا الطلب" tapped: the purchase goes on with the bot
    }
    Object text = execution.getVariable(ConversationVariables.TURN_TEXT);
    return text instanceof String s && read(s, reason(execution)).isPresent();
  }

  /** The reason the waiting handoff was called for, or null. */
  static String reason(DelegateExecution execution) {
    Object reason = execution.getVariable(PersonaVariables.HANDOFF_REASON);
    return reason instanceof String r ? r : null;
  }

  /** The withdrawal in the message, if it is one (of a handoff called for no big order). */
  public static Optional<Withdrawal> read(String message) {
    return read(message, null);
  }

  /**
   * The withdrawal in the message, if it is one, of a handoff called for {@code reason}: a big
   * order's is withdrawn by a customer who says there is no such order too.
   */
  public static Optional<Withdrawal> read(String message, String reason) {
    if (message == null || message.isBlank()) {
      return Optional.empty();
    }
    String normalized = normalize(message);
    List<Pattern> phrases =
        BIG_DEAL.equals(reason)
            ? java.util.stream.Stream.concat(PHRASES.stream(), NOT_AN_ORDER.stream()).toList()
            : PHRASES;
    for (Pattern phrase : phrases) {
      Matcher m = phrase.matcher(normalized);
      if (m.find()) {
        String rest = normalized.substring(0, m.start()) + " " + normalized.substring(m.end());
        rest = FILLER.matcher(rest).replaceAll(" ").replaceAll("\\s+", " ").trim();
        return Optional.of(new Withdrawal(restOf(message, rest, reason)));
      }
    }
    return Optional.empty();
  }

  /**
   * The customer's own words after the withdrawal when there are some ("عايز احجز صيانة..."), else
   * empty: the persona reads the rest as the customer wrote it, not normalized.
   */
  private static String restOf(String original, String normalizedRest, String reason) {
    if (normalizedRest.codePoints().filter(Character::isLetterOrDigit).count() < 3) {
      return "";
    }
    // the customer's words after the first comma, full stop or line break that follows the
    // withdrawal ("خلاص مش مهم، عايز احجز صيانة", "wait what order?? i didnt order anything, i'm
    // just asking ..."); otherwise the whole message
    Matcher split = Pattern.compile(U + "[,،.!\\n؟?]").matcher(original);
    while (split.find()) {
      String after = original.substring(split.end()).trim();
      if (after.codePoints().filter(Character::isLetterOrDigit).count() >= 3
          && read(after, reason).isEmpty()) {
        return after;
      }
    }
    // otherwise the words around the withdrawal, as read (the persona normalizes them anyway)
    return normalizedRest;
  }

  static String normalize(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT);
    s = s.replaceAll("[\\u064B-\\u065F\\u0670\\u0640]", ""); // diacritics, tatweel
    s = s.replace('أ', 'ا').replace('إ', 'ا').replace('آ', 'ا').replace('ة', 'ه').replace('ى', 'ي');
    s = s.replace('’', '\'');
    s = s.replaceAll("[^\\p{L}\\p{N}' ]+", " ");
    return s.replaceAll("\\s+", " ").trim();
  }
}
