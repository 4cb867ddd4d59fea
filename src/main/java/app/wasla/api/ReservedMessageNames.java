package app.wasla.api;

import app.wasla.commerce.payment.Payments;
import app.wasla.conversation.Mailbox;
import app.wasla.conversation.SilentConversations;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The message names Wasla's own code correlates: the customer's messages, the silence sweep's, the
 * payment gateways'. An external event under one of them would act as Wasla (an order confirmed as
 * paid without any gateway), so {@code POST /api/conversations/{key}/events} refuses them.
 */
final class ReservedMessageNames {

  static final Set<String> NAMES =
      Set.of(
          Mailbox.CUSTOMER_MESSAGE,
          SilentConversations.CUSTOMER_SILENT,
          Payments.PAYMENT_RECEIVED,
          Payments.PAYMENT_FAILED);

  private static final Set<String> LOWER =
      Set.copyOf(NAMES.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList());

  private ReservedMessageNames() {}

  /**
   * Case aside, so that a near-miss spelling is refused as well rather than recorded as unroutable.
   */
  static boolean reserved(String name) {
    return name != null && LOWER.contains(name.strip().toLowerCase(Locale.ROOT));
  }

  /** The refusal, naming every reserved name. */
  static final class Refused extends IllegalArgumentException {
    Refused(String name) {
      super(
          "name: "
              + name
              + " is reserved for Wasla's own messages; external events cannot use "
              + String.join(", ", new TreeSet<>(NAMES))
              + " (payments change state only through the payment gateways)");
    }
  }
}
