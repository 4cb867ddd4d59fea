package app.wasla.commerce.smartinfo;

/** Port: the customer's context from the business's backend. */
public interface CustomerSummaries {

  CustomerSummary summary(String customerId);

  /** True when the summary comes from Wasla's own database, without a call over the network. */
  default boolean local() {
    return false;
  }
}
