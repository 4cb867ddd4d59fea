package app.wasla.commerce.flow;

import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.ConversationVariables;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** What the sales delegates read from the conversation: who, in which language; and how they print money. */
final class SalesContext {

  private SalesContext() {
  }

  /** The customer's id in the business's backend: the WhatsApp number (wa_id). */
  static String customerId(DelegateExecution execution) {
    return ConversationKey.parse(execution.getProcessBusinessKey()).waId();
  }

  /** True unless the persona read the customer as writing English or Arabizi (Arabic in Latin letters). */
  static boolean arabic(DelegateExecution execution) {
    Form form = form(execution);
    return form == Form.EGYPTIAN || form == Form.MSA;
  }

  /** The customer's form of language, as the persona read it; Egyptian for mixed or unknown. */
  enum Form { EGYPTIAN, MSA, ARABIZI, ENGLISH }

  static Form form(DelegateExecution execution) {
    Object language = execution.getVariable("language");
    if (!(language instanceof String l)) {
      return Form.EGYPTIAN;
    }
    return l.startsWith("en") ? Form.ENGLISH : l.equals("ar") ? Form.MSA : l.equals("arabizi") ? Form.ARABIZI
        : Form.EGYPTIAN;
  }

  /** The text in the customer's form: Egyptian, MSA, Arabizi or English. */
  static String say(Form form, String egyptian, String msa, String arabizi, String english) {
    return switch (form) {
      case EGYPTIAN -> egyptian;
      case MSA -> msa;
      case ARABIZI -> arabizi;
      case ENGLISH -> english;
    };
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

  /** "47,999 جنيه" or "47,999 EGP" (Western digits: they are what Egyptian shops print on prices). */
  static String money(BigDecimal amount, boolean arabic) {
    String n = NumberFormat.getIntegerInstance(Locale.US).format(amount);
    return arabic ? n + " جنيه" : n + " EGP";
  }

  static long wholeEgp(BigDecimal amount) {
    return amount.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
  }
}
