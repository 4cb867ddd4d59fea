package app.wasla.commerce.flow;

import static app.wasla.commerce.flow.SalesContext.say;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.commerce.payment.Payments;
import app.wasla.conversation.FlowMessages;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${createPaymentLink}}: makes the order's payment link (goods and delivery) with the
 * configured gateway and sends it as a WhatsApp call-to-action button, so the customer taps "Pay
 * now" rather than a raw link.
 */
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
    String orderId = (String) execution.getVariable(SalesVariables.ORDER_ID);
    Object total = execution.getVariable(SalesVariables.ORDER_TOTAL_EGP);
    BigDecimal amount =
        BigDecimal.valueOf(
            ((Number)
                    (total != null
                        ? total
                        : execution.getVariable(SalesVariables.ORDER_AMOUNT_EGP)))
                .longValue());
    String product = (String) execution.getVariable(SalesVariables.PRODUCT_NAME);
    Payments.Payment payment =
        payments.linkFor(
            orderId,
            SalesContext.customerId(execution),
            app.wasla.conversation.FlowMessages.conversation(execution),
            amount,
            orderId + " " + product,
            SalesContext.customerName(execution));
    execution.setVariable(SalesVariables.PAYMENT_ID, payment.id());
    String url = payments.pageIn(payment, SalesContext.form(execution) == 3 ? "en" : "ar");
    execution.setVariable(SalesVariables.PAYMENT_URL, url);
    String money = SalesContext.money(execution, amount);
    messages.send(
        execution,
        OutboundMessage.CtaUrl.of(
            say(
                execution,
                "تمام! حجزنالك "
                    + product
                    + " (طلب رقم "
                    + orderId
                    + ").\nادفع "
                    + money
                    + " من الزرار ده.",
                "تم! حجزنا لك "
                    + product
                    + " (طلب رقم "
                    + orderId
                    + ").\nادفع "
                    + money
                    + " من هذا الزر.",
                "Tamam! 7agaznalak "
                    + product
                    + " (order "
                    + orderId
                    + ").\nEdfa3 "
                    + money
                    + " mn el zorar da.",
                "Done! "
                    + product
                    + " is reserved for you (order "
                    + orderId
                    + ").\nPay "
                    + money
                    + " with this button."),
            say(execution, "ادفع دلوقتي", "ادفع الآن", "Edfa3 delwa2ty", "Pay now"),
            url));
  }
}
