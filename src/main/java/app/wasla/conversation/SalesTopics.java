package app.wasla.conversation;

import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * {@code ${salesTopics.newTopic(execution)}}: after a called sales flow returns, whether the
 * customer's latest turn is a sales question that the conversation must now hand to another flow,
 * in the same turn.
 *
 * <p>The contract with the called flows (order-and-pay, booking, tracking): a flow that ends on a
 * customer's turn it does not serve itself (the customer changed topic while it waited) ends with
 * {@code salesOutcome} {@code topic_changed} (its persona read the turn with {@code
 * leaveToSalesFlows} and left a sales question unanswered) or {@code other} (its persona answered
 * the turn), and returns the turn's reading ({@code intent}, {@code handoff}) with its variables. A
 * person asked for goes to the handoff first. A sales intent goes back to "Sales intent?" when the
 * turn is still unanswered, or when the persona's answer only promised what a flow does ("one
 * moment, I'm checking your order"); once per turn ({@link #routed}), so that two flows that keep
 * handing a turn to each other cannot loop. A product question the persona answered already (its
 * price) is not offered twice.
 */
@Component("salesTopics")
public class SalesTopics {

  /** How a called flow says it ended on a turn that it did not serve. */
  public static final Set<String> ENDED_BY_ANOTHER_TOPIC = Set.of("other", "topic_changed");

  /**
   * The intents that a sales flow serves (the persona leaves them to the flows in the main flow).
   */
  public static final Set<String> SALES_INTENTS =
      Set.of(
          "product_inquiry",
          "availability",
          "order",
          "booking_new",
          "booking_change",
          "booking_cancel",
          "order_status");

  /**
   * Intents whose persona answer is only a promise that a flow keeps (checking an order, moving a
   * booking).
   */
  public static final Set<String> PROMISED =
      Set.of("order_status", "booking_change", "booking_cancel");

  /** The turn (turnSeq) whose new topic was routed last. */
  static final String ROUTED_TURN = "newTopicTurn";

  public boolean newTopic(DelegateExecution execution) {
    String outcome = String.valueOf(execution.getVariable("salesOutcome"));
    String intent = String.valueOf(execution.getVariable("intent"));
    if (Boolean.TRUE.equals(execution.getVariable("handoff"))
        || !ENDED_BY_ANOTHER_TOPIC.contains(outcome)
        || !SALES_INTENTS.contains(intent)) {
      return false;
    }
    if ("other".equals(outcome)
        && !PROMISED.contains(intent)
        && FlowMessages.answeredInThisTransaction(execution.getProcessBusinessKey())) {
      return false;
    }
    Object turn = execution.getVariable(ConversationVariables.TURN_SEQ);
    return turn == null || !Objects.equals(turn, execution.getVariable(ROUTED_TURN));
  }

  /**
   * The start listener of each sales call: forgets how the previous sales flow ended, so that a
   * flow that ends without saying (a payment, a timer) is never read as one that ended on another
   * topic.
   */
  public void calling(DelegateExecution execution) {
    if (execution.getVariable("salesOutcome") != null) {
      execution.setVariable("salesOutcome", null);
    }
  }

  /**
   * The take listener of "new sales topic": this turn's topic is routed; a second return on it is
   * not.
   */
  public void routed(DelegateExecution execution) {
    execution.setVariable(ROUTED_TURN, execution.getVariable(ConversationVariables.TURN_SEQ));
  }
}
