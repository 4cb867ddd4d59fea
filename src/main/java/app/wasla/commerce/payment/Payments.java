package app.wasla.commerce.payment;

import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.Mailbox;
import app.wasla.system.LogSafe;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Payment links and their callbacks, for any gateway: one payment (and link) per order, recorded in
 * {@code commerce_payment}, so that a gateway's callback finds its conversation. A verified
 * callback is stored once per (provider, event id) and, for an open payment, becomes
 * PaymentReceived / PaymentFailed in the conversation's mailbox, in the same transaction.
 */
public class Payments {

  public static final String PAYMENT_RECEIVED = "PaymentReceived";
  public static final String PAYMENT_FAILED = "PaymentFailed";

  private static final Logger log = LoggerFactory.getLogger(Payments.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private final JdbcClient jdbc;
  private final PaymentGateway gateway;
  private final Map<String, PaymentGateway> verifiers;
  private final Mailbox mailbox;
  private final TransactionTemplate transactions;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;

  /**
   * @param gateway the gateway that makes new links
   * @param verifiers every gateway whose callbacks are accepted, by name (links made before a
   *     switch still pay)
   */
  public Payments(
      JdbcClient jdbc,
      PaymentGateway gateway,
      Map<String, PaymentGateway> verifiers,
      Mailbox mailbox,
      TransactionTemplate transactions,
      Clock clock) {
    this.jdbc = jdbc;
    this.gateway = gateway;
    this.verifiers = Map.copyOf(verifiers);
    this.mailbox = mailbox;
    this.transactions = transactions;
    this.ownTransaction = new TransactionTemplate(transactions.getTransactionManager());
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  /** A payment of Wasla. */
  public record Payment(
      String id,
      String provider,
      String providerRef,
      String orderRef,
      String customerId,
      String conversationKey,
      BigDecimal amountEgp,
      String url,
      String status) {}

  /** What became of a callback. */
  /**
   * What Wasla did with a callback. AMOUNT_MISMATCH, CURRENCY_MISMATCH and NOT_CAPTURED leave the
   * payment open: a signed callback that does not pay the stored amount in the stored currency does
   * not confirm the order.
   */
  public enum Handling {
    CORRELATED,
    DUPLICATE,
    UNKNOWN_ORDER,
    NOT_OPEN,
    IGNORED,
    AMOUNT_MISMATCH,
    CURRENCY_MISMATCH,
    NOT_CAPTURED
  }

  /** Payment links are in Egyptian pounds (see the gateways' create). */
  static final String CURRENCY = "EGP";

  /**
   * The link for the order: made once (found again by order, as its id is random); a retried job
   * finds the one it made. The payment row commits on its own, before the link is sent, so that a
   * callback can never arrive for a payment Wasla has not stored yet (the flow's job commits only
   * after the send). A job that fails for good leaves an OPEN row behind, which the flow's expiry
   * does not see: it stays visible in Smart Info as an open payment until someone closes it.
   */
  public Payment linkFor(
      String orderRef,
      String customerId,
      ConversationKey conversation,
      BigDecimal amountEgp,
      String description,
      String customerName) {
    Optional<Payment> existing =
        jdbc.sql("SELECT id FROM commerce_payment WHERE customer_id = ? AND order_ref = ?")
            .params(customerId, orderRef)
            .query(String.class)
            .optional()
            .flatMap(this::find);
    if (existing.isPresent() && existing.get().url() != null) {
      return existing.get();
    }
    String id = existing.map(Payment::id).orElseGet(Payments::newId);
    if (existing.isEmpty()) {
      ownTransaction.executeWithoutResult(
          status ->
              jdbc.sql(
                      """
          INSERT INTO commerce_payment (id, provider, order_ref, customer_id, conversation_key, amount_egp, status,
                                        created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)""")
                  .params(
                      id,
                      gateway.name(),
                      orderRef,
                      customerId,
                      conversation.value(),
                      amountEgp,
                      now(),
                      now())
                  .update());
    }
    PaymentGateway.Link link =
        gateway.create(
            new PaymentGateway.Request(
                id, orderRef, amountEgp, description, conversation.waId(), customerName));
    ownTransaction.executeWithoutResult(
        status ->
            jdbc.sql(
                    "UPDATE commerce_payment SET provider_ref = ?, url = ?, updated_at = ? WHERE id = ?")
                .params(link.providerRef(), link.url(), now(), id)
                .update());
    return find(id).orElseThrow();
  }

  /**
   * A new payment id: {@code PAY-} and 128 random bits in base32 (26 characters), so that nobody
   * can guess another customer's payment from their own (the pay page and the gateways carry it).
   */
  static String newId() {
    byte[] bits = new byte[16];
    RANDOM.nextBytes(bits);
    StringBuilder id = new StringBuilder("PAY-");
    int buffer = 0;
    int held = 0;
    for (byte b : bits) {
      buffer = (buffer << 8) | (b & 0xff);
      held += 8;
      while (held >= 5) {
        id.append(BASE32.charAt((buffer >> (held - 5)) & 31));
        held -= 5;
      }
    }
    if (held > 0) {
      id.append(BASE32.charAt((buffer << (5 - held)) & 31));
    }
    return id.toString();
  }

  /** True when the gateway that makes new links needs no network call for one (the sandbox). */
  public boolean local() {
    return gateway.local();
  }

  /**
   * The link to send the customer: the sandbox's own pay page opens in the customer's language
   * ({@code ar} or {@code en}); a gateway's hosted page is left as the gateway made it.
   */
  public String pageIn(Payment payment, String language) {
    if (!"sandbox".equals(payment.provider())
        || payment.url() == null
        || payment.url().contains("?")) {
      return payment.url();
    }
    return payment.url() + "?lang=" + ("en".equals(language) ? "en" : "ar");
  }

  public Optional<Payment> find(String id) {
    return jdbc.sql(
            """
        SELECT id, provider, provider_ref, order_ref, customer_id, conversation_key, amount_egp, url, status
        FROM commerce_payment WHERE id = ?""")
        .param(id)
        .query(
            (rs, i) ->
                new Payment(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getBigDecimal(7),
                    rs.getString(8),
                    rs.getString(9)))
        .optional();
  }

  /**
   * Marks an open payment expired (the flow gave up waiting); a payment already settled stays as it
   * is.
   */
  public void expire(String id) {
    jdbc.sql(
            "UPDATE commerce_payment SET status = 'EXPIRED', updated_at = ? WHERE id = ? AND status = 'OPEN'")
        .params(now(), id)
        .update();
  }

  /**
   * Marks every open payment of an order expired: the order was cancelled, its links must not take
   * money any more; settled payments stay as they are.
   */
  public void expireOpenFor(String orderRef) {
    jdbc.sql(
            "UPDATE commerce_payment SET status = 'EXPIRED', updated_at = ? WHERE order_ref = ? AND status = 'OPEN'")
        .params(now(), orderRef)
        .update();
  }

  /**
   * Verifies and handles one callback.
   *
   * @throws InvalidSignatureException on a bad signature (nothing changed)
   * @throws UnknownProviderException for a provider Wasla has no gateway for
   */
  public Handling handle(String provider, PaymentGateway.CallbackRequest request) {
    PaymentGateway verifier = verifiers.get(provider);
    if (verifier == null) {
      throw new UnknownProviderException(provider);
    }
    PaymentGateway.Callback callback = verifier.verify(request);
    try {
      return transactions.execute(status -> record(provider, callback));
    } catch (DuplicateKeyException e) {
      // the same event delivered twice at the same moment: the other delivery recorded it
      return Handling.DUPLICATE;
    }
  }

  private Handling record(String provider, PaymentGateway.Callback callback) {
    boolean duplicate =
        jdbc.sql(
                    "SELECT COUNT(*) FROM commerce_payment_callback WHERE provider = ? AND event_id = ?")
                .params(provider, callback.eventId())
                .query(Long.class)
                .single()
            > 0;
    if (duplicate) {
      return Handling.DUPLICATE;
    }
    Optional<Payment> payment =
        callback.providerRef() == null
            ? Optional.empty()
            : jdbc.sql(
                    """
        SELECT id FROM commerce_payment WHERE provider = ? AND provider_ref = ?""")
                .params(provider, callback.providerRef())
                .query(String.class)
                .optional()
                .flatMap(this::find);
    Handling handling;
    if (callback.outcome() == PaymentGateway.Outcome.IGNORED) {
      handling = Handling.IGNORED;
    } else if (payment.isEmpty()) {
      handling = Handling.UNKNOWN_ORDER;
      log.warn("Payment callback from {} for an unknown payment, recorded", provider);
    } else if (!"OPEN".equals(payment.get().status())) {
      // paid twice, or paid after expiry: a person settles it (refund or re-reserve); the flow has
      // moved on
      handling = Handling.NOT_OPEN;
      log.warn(
          "Payment callback from {} for payment {} in status {}, recorded",
          provider,
          payment.get().id(),
          payment.get().status());
    } else if (callback.outcome() == PaymentGateway.Outcome.AUTHORIZED) {
      handling = Handling.NOT_CAPTURED;
      log.warn(
          "Payment callback from {} for payment {}: authorised, not captured; recorded, the payment stays open",
          provider,
          payment.get().id());
    } else if (callback.outcome() == PaymentGateway.Outcome.PAID) {
      handling = checkCharge(provider, payment.get(), callback);
    } else {
      handling = Handling.CORRELATED;
    }
    jdbc.sql(
            """
        INSERT INTO commerce_payment_callback (provider, event_id, provider_ref, payment_id, outcome, handling,
                                               received_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .params(
            provider,
            callback.eventId(),
            callback.providerRef(),
            payment.map(Payment::id).orElse(null),
            callback.outcome().name(),
            handling.name(),
            now())
        .update();
    if (handling == Handling.CORRELATED) {
      Payment p = payment.get();
      boolean paid = callback.outcome() == PaymentGateway.Outcome.PAID;
      jdbc.sql("UPDATE commerce_payment SET status = ?, updated_at = ? WHERE id = ?")
          .params(paid ? "PAID" : "FAILED", now(), p.id())
          .update();
      mailbox.enqueueEvent(
          ConversationKey.parse(p.conversationKey()),
          paid ? PAYMENT_RECEIVED : PAYMENT_FAILED,
          provider + ":" + callback.eventId(),
          Map.of("paymentId", p.id(), "paidOrderId", p.orderRef()));
    }
    return handling;
  }

  /**
   * CORRELATED if the gateway charged the stored amount in EGP, else the mismatch (logged with both
   * sides).
   */
  private Handling checkCharge(String provider, Payment payment, PaymentGateway.Callback callback) {
    PaymentGateway gateway = verifiers.get(provider);
    if (callback.amountMinor() == null
        && callback.currency() == null
        && gateway != null
        && gateway.local()) {
      return Handling
          .CORRELATED; // the sandbox's own pay page shows the stored amount and says nothing else
    }
    long expected = payment.amountEgp().movePointRight(2).longValueExact();
    if (callback.currency() == null) {
      log.warn(
          "Payment callback from {} for payment {} names no currency: recorded, the payment stays open",
          provider,
          payment.id());
      return Handling.CURRENCY_MISMATCH;
    }
    if (!CURRENCY.equalsIgnoreCase(callback.currency().strip())) {
      log.warn(
          "Payment callback from {} for payment {} in currency {}, expected {}: recorded, the payment stays"
              + " open",
          provider,
          payment.id(),
          LogSafe.oneLine(
              callback.currency().length() > 8
                  ? callback.currency().substring(0, 8) + "…"
                  : callback.currency()),
          CURRENCY);
      return Handling.CURRENCY_MISMATCH;
    }
    if (callback.amountMinor() == null || callback.amountMinor() != expected) {
      log.warn(
          "Payment callback from {} for payment {} for {} minor units, expected {}: recorded, the payment"
              + " stays open",
          provider,
          payment.id(),
          callback.amountMinor(),
          expected);
      return Handling.AMOUNT_MISMATCH;
    }
    return Handling.CORRELATED;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  /** No gateway of that name. */
  public static class UnknownProviderException extends RuntimeException {
    public UnknownProviderException(String provider) {
      super("no payment gateway named " + provider);
    }
  }
}
