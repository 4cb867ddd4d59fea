package app.wasla.crm;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${tagCustomer}}: a step an analyst adds to a flow to give the conversation's customer a
 * tag (the input parameter {@code tag}, e.g. {@code vip} or {@code asked_for_instalments}), as an
 * agent would: it stays until an agent removes it, whatever customer-tags.dmn says, and the change
 * goes to the webhooks (customer.tagged) like any other. The customer is the business key's.
 */
@Component("tagCustomer")
class TagCustomerDelegate implements JavaDelegate {

  static final String TAG = "tag";

  private final CustomerMemory customers;

  TagCustomerDelegate(CustomerMemory customers) {
    this.customers = customers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object tag = execution.getVariableLocal(TAG);
    if (tag == null || tag.toString().isBlank()) {
      throw new IllegalArgumentException(
          "${tagCustomer} needs the input parameter " + TAG + " (the element template sets it)");
    }
    customers.tag(
        execution.getProcessBusinessKey(),
        tag.toString(),
        "flow " + execution.getProcessDefinitionId().split(":")[0]);
  }
}
