package app.wasla.commerce.flow;

import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.ConversationVariables;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * What the sales delegates read from the conversation: who, in which language; and how they print
 * money.
 */
final class SalesContext {

  private SalesContext() {}

  /** The customer's id in the business's backend: the WhatsApp number (wa_id). */
  static String customerId(DelegateExecution execution) {
    return ConversationKey.parse(execution.getProcessBusinessKey()).waId();
  }

  /**
   * True when the customer writes Arabic script (Egyptian, MSA, mixed); Arabizi and English
   * customers read Latin.
   */
  static boolean arabic(DelegateExecution execution) {
    return form(execution) <= 1;
  }

  /**
   * The customer's form of the turn: 0 Egyptian Arabic (also mixed and unknown), 1 MSA, 2 Arabizi,
   * 3 English, the order of {@link #say}'s texts.
   */
  static int form(DelegateExecution execution) {
    // the register the persona answered in; a mixed turn ("أريد شراء AirPods") has its own
    Object language = execution.getVariable(app.wasla.persona.PersonaVariables.REPLY_LANGUAGE);
    if (!(language instanceof String)) {
      language = execution.getVariable(app.wasla.persona.PersonaVariables.LANGUAGE);
    }
    String l = language instanceof String s ? s : "";
    return switch (l) {
      case "ar" -> 1;
      case "arabizi" -> 2;
      case "en" -> 3;
      default -> l.startsWith("en") ? 3 : 0;
    };
  }

  /** The text in the customer's form: Egyptian Arabic, MSA, Arabizi or English. */
  static String say(
      DelegateExecution execution, String egyptian, String msa, String arabizi, String english) {
    return switch (form(execution)) {
      case 1 -> msa;
      case 2 -> arabizi;
      case 3 -> english;
      default -> egyptian;
    };
  }

  /**
   * Variable of the checkout: the customer spoke of herself in the feminine in one of its turns
   * ("عايزة ٢", "3ayza"), so its Egyptian and Arabizi questions address her so.
   */
  static final String FEMININE = "customerFeminine";

  /**
   * As {@link #say}, with the feminine address in Egyptian and Arabizi for a customer whose own
   * words in this flow were feminine ({@code nlp/FeminineWords}); the flow remembers it.
   */
  static String sayTo(
      DelegateExecution execution,
      String egyptian,
      String egyptianFeminine,
      String msa,
      String arabizi,
      String arabiziFeminine,
      String english) {
    boolean feminine = Boolean.TRUE.equals(execution.getVariable(FEMININE));
    if (!feminine && app.wasla.persona.nlp.FeminineWords.in(turnText(execution))) {
      execution.setVariable(FEMININE, true);
      feminine = true;
    }
    return feminine
        ? say(execution, egyptianFeminine, msa, arabiziFeminine, english)
        : say(execution, egyptian, msa, arabizi, english);
  }

  static String turnText(DelegateExecution execution) {
    Object text = execution.getVariable(ConversationVariables.TURN_TEXT);
    return text instanceof String s ? s : "";
  }

  static String replyId(DelegateExecution execution) {
    Object id = execution.getVariable(ConversationVariables.REPLY_ID);
    return id instanceof String s ? s : null;
  }

  static String customerName(DelegateExecution execution) {
    Object name = execution.getVariable(ConversationVariables.CUSTOMER_NAME);
    return name instanceof String s ? s : null;
  }

  /**
   * "47,999 جنيه" or "47,999 EGP" (Western digits: they are what Egyptian shops print on prices).
   */
  static String money(BigDecimal amount, boolean arabic) {
    String n = NumberFormat.getIntegerInstance(Locale.US).format(amount);
    return arabic ? n + " جنيه" : n + " EGP";
  }

  /** Latin digits as Arabic-Indic ones ("1-2" is "١-٢"), for an Arabic sentence. */
  static String arabicDigits(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      b.append(c >= '0' && c <= '9' ? (char) ('\u0660' + (c - '0')) : c);
    }
    return b.toString();
  }

  /** Money in the customer's form: "47,999 جنيه", "47,999 geneh" (Arabizi) or "47,999 EGP". */
  static String money(DelegateExecution execution, BigDecimal amount) {
    String n = NumberFormat.getIntegerInstance(Locale.US).format(amount);
    return switch (form(execution)) {
      case 2 -> n + " geneh";
      case 3 -> n + " EGP";
      default -> n + " جنيه";
    };
  }

  /**
   * The product's name for the customer: Arabic in Arabic script, the English name for Arabizi and
   * English.
   */
  static String productName(
      DelegateExecution execution, app.wasla.commerce.catalogue.Product product) {
    return form(execution) >= 2 ? product.nameEn() : product.nameAr();
  }

  static long wholeEgp(BigDecimal amount) {
    return amount.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
  }
}
