package app.wasla.commerce.flow;

import app.wasla.commerce.catalogue.Catalogue;
import app.wasla.conversation.ConversationVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * {@code ${salesTurns.inline(execution)}}: whether a sales flow may look a product up in the transaction of the
 * turn that asked, like the main flow's "Answer at once?" for Smart Info and the persona. Yes when the catalogue
 * is Wasla's own tables; no when it is the business's backend (a network call must not run while the mailbox holds
 * the conversation), and no for a turn whose first delivery failed ({@code turnRetry}): that one goes to a job,
 * whose failures end in an incident. (The sales conversation already sends a retried turn to a job before it calls
 * a sales flow; the check is for a turn the mailbox hands to a sales flow, or its caller, directly.)
 */
@Component("salesTurns")
public class SalesTurns {

  private final Catalogue catalogue;

  SalesTurns(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  public boolean inline(DelegateExecution execution) {
    return catalogue.local() && !retried(execution);
  }

  /** The transient turnRetry lives on the flow the mailbox handed the turn to: this one or one that called it. */
  private static boolean retried(DelegateExecution execution) {
    for (DelegateExecution e = execution; e != null; e = e.getSuperExecution()) {
      if (e.getVariable(ConversationVariables.TURN_RETRY) != null) {
        return true;
      }
    }
    return false;
  }
}
