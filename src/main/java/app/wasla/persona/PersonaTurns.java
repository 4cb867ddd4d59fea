package app.wasla.persona;

import app.wasla.conversation.ConversationVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * {@code ${personaTurns.inline(execution)}}: whether the persona may answer in the mailbox's own
 * transaction. The embedded persona only computes (about a millisecond), so waiting for a job would
 * cost more than the answer; an LLM persona calls a server that may take seconds. Asked by {@link
 * PersonaWhileWaiting} and by instances of earlier versions of order-and-pay; the flows' persona
 * steps themselves draw no such choice: {@code commerce/flow/TurnBoundaries} puts their job there
 * by configuration.
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
