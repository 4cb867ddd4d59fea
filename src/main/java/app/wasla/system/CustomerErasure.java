package app.wasla.system;

import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * One customer's erasure, as the CRM asks each {@link CustomerDataOwner} to carry it out in the
 * erasing transaction.
 *
 * @param customerKey the key being erased, {@code <phone_number_id>:<wa_id>}
 * @param waId the customer's number (the key's second part), which some rows hold on its own
 * @param pseudonym what takes the place of the key, and of the number, wherever a row stays for its
 *     figures
 * @param hash the keyed hash that replaces identifiers that encode the number (WhatsApp message
 *     ids)
 * @param at when the erasure runs
 */
public record CustomerErasure(
    String customerKey, String waId, String pseudonym, UnaryOperator<String> hash, Instant at) {

  @Override
  public String toString() {
    return "CustomerErasure[" + pseudonym + " at " + at + "]";
  }
}
