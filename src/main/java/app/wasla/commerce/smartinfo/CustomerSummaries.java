package app.wasla.commerce.smartinfo;

/** Port: the customer's context from the business's backend. */
public interface CustomerSummaries {

  CustomerSummary summary(String customerId);
}
