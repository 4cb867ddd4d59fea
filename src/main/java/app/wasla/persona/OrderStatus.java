package app.wasla.persona;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Port: the status of the conversation's customer's order, as the tracking flow tells it (the order
 * the turn names, ORD-12345, else the customer's latest), for the persona to answer a tracking
 * question where no tracking flow can run: while a handoff waits for a person. The business's
 * backend knows its orders (commerce implements this); without an implementation the question is
 * left to the person.
 */
public interface OrderStatus {

  /** Nothing known: the question is left to the person. */
  OrderStatus UNKNOWN = execution -> Optional.empty();

  /**
   * The answer to the turn's tracking question, in the form the persona answered in ({@link
   * PersonaVariables#REPLY_LANGUAGE}); empty when the orders cannot be read. Sets no variable of
   * the conversation.
   */
  Optional<String> answer(DelegateExecution execution);
}
