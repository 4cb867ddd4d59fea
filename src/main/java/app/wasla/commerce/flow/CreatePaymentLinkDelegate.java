package app.wasla.commerce.flow;

import static app.wasla.commerce.flow.SalesContext.arabic;
import static app.wasla.commerce.flow.SalesContext.money;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.commerce.payment.Payments;
import app.wasla.conversation.FlowMessages;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${createPaymentLink}}: makes the order's payment link with the configured gateway and sends it. */
@Component("createPaymentLink")
class CreatePaymentLinkDelegate implements JavaDelegate {

  private final Payments payments;
  private final FlowMessages messages;

  CreatePaymentLinkDelegate(Payments payments, FlowMessages messages) {
    this.payments = payments;
    this.messages = messages;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean ar = arabic(execution);
    String orderId = (String) execution.getVariable(SalesVariables.ORDER_ID);
    BigDecimal amount = BigDecimal.valueOf(((Number) execution.getVariable(SalesVariables.ORDER_AMOUNT_EGP)).longValue());
    String product = (String) execution.getVariable(SalesVariables.PRODUCT_NAME);
    Payments.Payment payment = payments.linkFor(orderId, SalesContext.customerId(execution),
        app.wasla.conversation.FlowMessages.conversation(execution), amount, orderId + " " + product,
        SalesContext.customerName(execution));
    execution.setVariable(SalesVariables.PAYMENT_ID, payment.id());
    execution.setVariable(SalesVariables.PAYMENT_URL, payment.url());
    messages.send(execution, new OutboundMessage.Text(ar
        ? "تمام! حجزنالك " + product + " (طلب رقم " + orderId + ").\nادفع " + money(amount, true)
            + " من اللينك ده:\n" + payment.url()
        : "Done! " + product + " is reserved for you (order " + orderId + ").\nPay " + money(amount, false)
            + " here:\n" + payment.url(), true));
  }
}
