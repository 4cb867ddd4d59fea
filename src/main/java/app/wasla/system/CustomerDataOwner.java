package app.wasla.system;

import java.util.Map;

/**
 * A capability that keeps rows about a customer in its own tables, and erases them when asked: the
 * only way an erasure reaches tables that the CRM does not own (each capability's tables are
 * written only by its own package, docs/architecture.md). The CRM calls every owner, in {@link
 * org.springframework.core.annotation.Order} order, in the erasing transaction, after it locked the
 * customer's row and before it rewrites its own; an owner that fails makes the whole erasure fail,
 * so nothing is half erased.
 *
 * <p>Message texts and personal data go; rows that stay for their figures (counts, amounts, times,
 * statuses) stay under {@link CustomerErasure#pseudonym()}.
 */
public interface CustomerDataOwner {

  /**
   * Erases the customer's data from this owner's tables.
   *
   * @return how many rows of each kind were cleared, by the names the erasure's caller sees (e.g.
   *     {@code inboundMessages}); empty when the owner reports none
   */
  Map<String, Integer> eraseCustomer(CustomerErasure erasure);
}
