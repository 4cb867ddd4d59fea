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
    if (execution.getVariable(SalesVariables.TRANSFER_TO) instanceof String to) {
      // a transfer chosen: where to send the money and the receipt asked for; the card link stays
      boolean instapay = "instapay".equals(execution.getVariable(SalesVariables.TRANSFER_VIA));
      String via = instapay ? "InstaPay" : "Vodafone Cash";
      String viaAr = instapay ? "إنستاباي" : "فودافون كاش";
      messages.send(
          execution,
          OutboundMessage.CtaUrl.of(
              say(
                  execution,
                  "تمام! حجزنالك "
                      + product
                      + " (طلب رقم "
                      + orderId
                      + ").\nحوّل "
                      + money
                      + " على "
                      + viaAr
                      + " "
                      + to
                      + " وابعتلي صورة الإيصال هنا، ونأكدلك الدفع خلال ساعة.\nولو حبيت تدفع بالكارت، ده لينك الدفع.",
                  "تم! حجزنا لك "
                      + product
                      + " (طلب رقم "
                      + orderId
                      + ").\nحوّل "
                      + money
                      + " عبر "
                      + viaAr
                      + " إلى "
                      + to
                      + " وأرسل صورة الإيصال هنا، وسنؤكد الدفع خلال ساعة.\nوإذا أردت الدفع بالبطاقة، فهذا رابط الدفع.",
                  "Tamam! 7agaznalak "
                      + product
                      + " (order "
                      + orderId
                      + ").\n7awel "
                      + money
                      + " 3ala "
                      + via
                      + " "
                      + to
                      + " w ab3atly sorat el e2sal hena, w n2akedlak el daf3 khelal sa3a.\nW law te7eb tedfa3 bel card, da link el daf3.",
                  "Done! "
                      + product
                      + " is reserved for you (order "
                      + orderId
                      + ").\nTransfer "
                      + money
                      + " by "
                      + via
                      + " to "
                      + to
                      + " and send me the receipt here; we confirm the payment within an hour.\nTo pay"
                      + " by card instead, here is the payment link."),
              say(execution, "ادفع بالكارت", "الدفع بالبطاقة", "Edfa3 bel card", "Pay by card"),
              url));
      return;
    }
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
