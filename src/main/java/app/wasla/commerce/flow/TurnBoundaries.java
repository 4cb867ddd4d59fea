package app.wasla.commerce.flow;

import app.wasla.commerce.CommerceProperties;
import app.wasla.commerce.catalogue.Catalogue;
import app.wasla.commerce.order.Orders;
import app.wasla.commerce.smartinfo.CustomerSummaries;
import app.wasla.engine.EngineSettings;
import app.wasla.engine.EngineSetup;
import app.wasla.persona.PersonaProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Where a customer's turn leaves the mailbox's transaction for a job: decided by configuration as
 * the flows are deployed, not drawn in them. A job goes before every step that calls out over the
 * network under the current configuration:
 *
 * <ul>
 *   <li>{@code ${personaReply}} when the persona calls a server ({@code wasla.persona.provider}
 *       other than {@code embedded}: an LLM may take seconds, and the mailbox must not hold the
 *       conversation meanwhile);
 *   <li>{@code ${loadSmartInfo}} when Smart Info comes over HTTP (the business's backend);
 *   <li>the steps that read the business's catalogue first in a turn when it is not Wasla's own:
 *       {@code ${lookUpStock}} (price and stock), {@code ${offerTurn}} and {@code
 *       ${checkoutAnswer}} (the customer's answer to an offer or a checkout question, which may
 *       name a product); the steps after them in the turn run in the same job;
 *   <li>{@code ${placeOrder}} and {@code ${createPaymentLink}} when the orders or the payment
 *       gateway are not Wasla's own (the business's backend, Paymob, Stripe): a job each, so that a
 *       link that fails is tried again without placing the order again.
 * </ul>
 *
 * These steps belong to the conversation flows and the sales flows they call (order-and-pay,
 * booking-change, order-cancel, returns-and-warranty run in the caller's transaction, so in the
 * mailbox's), which is why the rule names steps and not flows: a flow added to {@code
 * wasla.mailbox.flows} or called from one gets the same boundaries.
 *
 * <p>With the embedded persona, Wasla's own commerce tables and the sandbox gateway nothing in a
 * turn calls out: no job, a turn is one transaction (correlation, reading, reply, order and link,
 * inbox rows marked delivered). A turn that fails in that transaction is retried by the mailbox,
 * and one that keeps failing is an incident where its conversation waits ({@code
 * conversation/FailingTurns}); a turn that fails in a job ends in the job's own incident.
 */
@Component
public class TurnBoundaries implements EngineSetup {

  static final String PERSONA_STEP = "${personaReply}";
  static final String SMART_INFO_STEP = "${loadSmartInfo}";
  static final String LOOK_UP_STEP = "${lookUpStock}";
  static final String OFFER_ANSWER_STEP = "${offerTurn}";
  static final String CHECKOUT_ANSWER_STEP = "${checkoutAnswer}";
  static final String PLACE_ORDER_STEP = "${placeOrder}";
  static final String PAYMENT_LINK_STEP = "${createPaymentLink}";

  private final boolean personaCallsOut;
  // the sandbox is the one gateway that makes a link without a network call (Payments.local());
  // read from configuration: the Payments bean needs the mailbox, which needs the engine
  private final boolean gatewayCallsOut;
  // read when a flow is deployed, after the context has made the backend
  private final ObjectProvider<CustomerSummaries> smartInfo;
  private final ObjectProvider<Catalogue> catalogue;
  private final ObjectProvider<Orders> orders;

  TurnBoundaries(
      PersonaProperties persona,
      CommerceProperties commerce,
      ObjectProvider<CustomerSummaries> smartInfo,
      ObjectProvider<Catalogue> catalogue,
      ObjectProvider<Orders> orders) {
    this.personaCallsOut = !"embedded".equalsIgnoreCase(persona.provider());
    this.gatewayCallsOut = !"sandbox".equals(commerce.paymentProvider());
    this.smartInfo = smartInfo;
    this.catalogue = catalogue;
    this.orders = orders;
  }

  @Override
  public void beforeInit(EngineSettings settings) {
    settings.addAsyncBefore(this::inAJob);
  }

  /** True when the task calls out over the network. */
  boolean inAJob(String processKey, String delegateExpression) {
    if (delegateExpression == null) {
      return false;
    }
    return switch (delegateExpression.strip()) {
      case PERSONA_STEP -> personaCallsOut;
      case SMART_INFO_STEP -> !smartInfo.getObject().local();
      case LOOK_UP_STEP, OFFER_ANSWER_STEP, CHECKOUT_ANSWER_STEP -> !catalogue.getObject().local();
      case PLACE_ORDER_STEP, PAYMENT_LINK_STEP -> gatewayCallsOut || !orders.getObject().local();
      default -> false;
    };
  }
}
