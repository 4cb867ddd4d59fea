package app.wasla.persona;

import app.wasla.conversation.ConversationVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * {@code ${personaTurns.inline(execution)}}: whether a sales flow's persona step may run in the
 * mailbox's own transaction. The embedded persona only computes (about a millisecond), so waiting
 * for a job would cost more than the answer; an LLM persona calls a server that may take seconds,
 * so its turns go to a job. (The sales conversation's own persona step is not drawn with this
 * choice: {@code commerce/flow/TurnBoundaries} puts its job there by configuration. Instances of
 * its earlier versions still ask here.)
 */
@Component("personaTurns")
public class PersonaTurns {

  private final boolean inline;

  PersonaTurns(PersonaProperties properties) {
    this.inline = "embedded".equalsIgnoreCase(properties.provider());
  }

  /**
   * True for the embedded persona, unless the mailbox's previous attempt at this turn failed: a
   * retried turn goes to a job, whose retries end in an incident in Cockpit instead of the mailbox
   * trying again for ever.
   */
  public boolean inline(DelegateExecution execution) {
    return inline && execution.getVariable(ConversationVariables.TURN_RETRY) == null;
  }
}
