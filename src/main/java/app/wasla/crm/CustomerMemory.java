package app.wasla.crm;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.CustomerMessageListener;
import app.wasla.conversation.MessageHistory;
import app.wasla.conversation.Outbox;
import app.wasla.system.CustomerDataOwner;
import app.wasla.system.CustomerErasure;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One memory per customer that every conversation, the persona, agents and the commerce module read
 * and write: profile, lifetime figures, consent, tags and the history. Every change that moves a
 * figure re-evaluates the tags ({@link TagRules}) and publishes {@link CustomerTagged} when they
 * change. Calls join the caller's transaction (a flow job's, so a failed job rolls its CRM changes
 * back with it) or open their own.
 */
@Service
@Transactional
public class CustomerMemory implements CustomerMessageListener {

  /** Kinds of {@code customer_event} rows. */
  public static final String HANDOFF = "HANDOFF";

  public static final String ORDER = "ORDER";
  public static final String PAYMENT = "PAYMENT";
  public static final String BOOKING = "BOOKING";
  public static final String TAG = "TAG";
  public static final String CONSENT = "CONSENT";

  private static final Logger log = LoggerFactory.getLogger(CustomerMemory.class);

  /**
   * What the persona made of one customer turn.
   *
   * @param conversationId the process instance (a new one counts as a new conversation)
   * @param sentiment positive, neutral or negative
   * @param language language tag (ar-EG, ar, arabizi, en, mixed); mixed does not change the
   *     preferred one
   */
  public record Turn(
      String customerKey,
      String conversationId,
      String intent,
      String sentiment,
      String language,
      boolean handoff,
      String handoffReason,
      Instant at) {}

  private final CustomerStore store;
  private final TagRules rules;
  private final ConsentKeywords consentKeywords;
  private final ApplicationEventPublisher events;
  private final Pseudonyms pseudonyms;
  private final Clock clock;
  private final TransactionTemplate transaction;
  private final Outbox outbox;
  private final MessageHistory messages;
  private final List<CustomerDataOwner> dataOwners;
  private final io.micrometer.core.instrument.Counter optOuts;

  CustomerMemory(
      CustomerStore store,
      TagRules rules,
      ConsentKeywords consentKeywords,
      ApplicationEventPublisher events,
      Clock clock,
      PlatformTransactionManager transactionManager,
      Pseudonyms pseudonyms,
      @Lazy Outbox outbox,
      MessageHistory messages,
      List<CustomerDataOwner> dataOwners,
      io.micrometer.core.instrument.MeterRegistry registry) {
    this.optOuts =
        io.micrometer.core.instrument.Counter.builder("wasla.opt.outs")
            .description("Customers who opted out of marketing messages (STOP and its kin)")
            .register(registry);
    this.outbox = outbox;
    this.messages = messages;
    List<CustomerDataOwner> ordered = new ArrayList<>(dataOwners);
    AnnotationAwareOrderComparator.sort(ordered);
    this.dataOwners = List.copyOf(ordered);
    this.transaction = new TransactionTemplate(transactionManager);
    this.pseudonyms = pseudonyms;
    this.store = store;
    this.rules = rules;
    this.consentKeywords = consentKeywords;
    this.events = events;
    this.clock = clock;
  }

  /**
   * A customer message was stored: a consent keyword is recorded at once (an opt-out must hold
   * before the next broadcast, whatever the conversation is doing). Any other message costs no
   * database work here, so the acknowledgement to Meta never waits for the customer row a running
   * turn holds locked.
   */
  @Override
  @Transactional(propagation = Propagation.SUPPORTS)
  public void stored(ConversationKey key, String text, Instant at) {
    ConsentKeywords.Verdict verdict = consentKeywords.classify(text);
    if (verdict != ConsentKeywords.Verdict.NONE) {
      // the usual message, no keyword, opens no transaction at all (SUPPORTS above)
      transaction.executeWithoutResult(tx -> recordConsent(key, verdict, at, text));
    }
  }

  /** A consent keyword is answered here, with a confirmation, and never by the flow's persona. */
  @Override
  public boolean answers(String text) {
    return consentKeywords.classify(text) != ConsentKeywords.Verdict.NONE;
  }

  /**
   * Confirms the opt-out or opt-in (recorded by {@link #stored} already) in the customer's
   * language, through the outbox: once per message (its wamid is the send's key).
   */
  @Override
  @Transactional(propagation = Propagation.SUPPORTS)
  public void answer(ConversationKey key, String wamid, String text, Instant sentAt) {
    ConsentKeywords.Verdict verdict = consentKeywords.classify(text);
    if (verdict == ConsentKeywords.Verdict.NONE) {
      return;
    }
    transaction.executeWithoutResult(
        tx -> {
          // "tamam eshtrak" is confirmed in Arabizi whatever the profile says
          String preferred =
              "arabizi".equals(consentKeywords.register(text))
                  ? "arabizi"
                  : store
                      .findWithoutAttributes(key.value())
                      .map(CustomerProfile::preferredLanguage)
                      .orElse(null);
          outbox.queue(
              key,
              OutboundMessage.Text.of(
                  ConsentReplies.confirmation(
                      verdict,
                      text,
                      preferred,
                      verdict == ConsentKeywords.Verdict.OPT_IN
                          && store.optedOutBefore(key.value()))),
              "consent:" + wamid,
              null);
        });
  }

  private void recordConsent(
      ConversationKey key, ConsentKeywords.Verdict verdict, Instant at, String text) {
    Instant now = clock.instant();
    DeliveredProfiles.forget(key.value());
    store.ensure(key, now);
    store.lock(key.value());
    // the persona never reads a consent keyword: its script is all that tells the language of a
    // customer whose first message it is (the confirmation is in that language)
    store.languageIfUnknown(key.value(), consentKeywords.register(text));
    boolean optOut = verdict == ConsentKeywords.Verdict.OPT_OUT;
    changeConsent(key, optOut, optOut ? null : WHATSAPP_OPT_IN, at, now);
  }

  /** Where a START / اشتراك keyword's opt-in is recorded as coming from. */
  public static final String WHATSAPP_OPT_IN = "whatsapp";

  /**
   * Marketing consent captured outside WhatsApp (the shop's checkout, a form) or withdrawn there:
   * an opt-in records when and where ({@code source}, e.g. {@code checkout}) and lifts an earlier
   * opt-out, as START does; an opt-out is STOP's. Creates the customer when the CRM does not know
   * them yet (consent may come before the first message). Idempotent: the same state again changes
   * nothing but the opt-in's time and source.
   */
  public CustomerProfile recordMarketingConsent(
      String customerKey, boolean optIn, String source, Instant at) {
    ConversationKey key = ConversationKey.parse(customerKey);
    if (optIn && (source == null || !source.matches("[A-Za-z0-9_.:\\-]{1,64}"))) {
      throw new IllegalArgumentException(
          "source: where the consent was captured, 1 to 64 letters, digits, '.', '_', ':' or '-'"
              + " (e.g. checkout)");
    }
    Instant now = clock.instant();
    Instant when = at == null ? now : at;
    if (when.isAfter(now.plusSeconds(300))) {
      throw new IllegalArgumentException("at: the consent's time cannot be in the future");
    }
    DeliveredProfiles.forget(key.value());
    store.ensure(key, now);
    store.lock(key.value());
    CustomerProfile before = store.find(key.value()).orElseThrow();
    if (at != null
        && before.consentChangedAt() != null
        && when.isBefore(before.consentChangedAt())
        && before.marketingOptOut() == optIn) {
      // the customer changed their mind after the time given: the later choice stands
      throw new ConsentSupersededException(
          "the customer's consent changed later ("
              + (before.marketingOptOut() ? "an opt-out" : "an opt-in")
              + " at "
              + before.consentChangedAt()
              + "): consent dated "
              + when
              + " does not override it");
    }
    changeConsent(key, !optIn, optIn ? source : null, when, now);
    return find(key.value()).orElseThrow();
  }

  private void changeConsent(
      ConversationKey key, boolean optOut, String optInSource, Instant at, Instant now) {
    CustomerProfile before = store.find(key.value()).orElse(null);
    boolean current = before != null && before.marketingOptOut();
    boolean newOptIn = !optOut && (before == null || before.marketingOptInAt() == null);
    if (!optOut) {
      store.setOptIn(key.value(), at, optInSource);
    }
    if (current != optOut || newOptIn) {
      store.setConsent(key.value(), optOut, at);
      store.addEvent(
          key.value(),
          CONSENT,
          null,
          null,
          null,
          optOut ? "marketing opt-out" : "marketing opt-in",
          null,
          at,
          now);
      if (optOut) {
        log.info("Customer {} opted out of marketing", key);
      } else {
        log.info("Customer {} opted in to marketing ({})", key, optInSource);
      }
      if (optOut) {
        app.wasla.system.AfterCommit.run(optOuts::increment);
      }
    }
  }

  /**
   * A customer message was delivered to its flow (or stored too old to answer): creates or updates
   * the profile (name from the WhatsApp contact, first and last contact times).
   */
  @Override
  public void delivered(ConversationKey key, String profileName, String text, Instant at) {
    touchContact(key, profileName, at, at);
  }

  /**
   * A turn of several messages (a burst) was delivered: one update for all of them, with the newest
   * WhatsApp name given and the turn's oldest and newest times, as the messages one by one would
   * leave the profile.
   */
  @Override
  public void deliveredTurn(ConversationKey key, List<CustomerMessageListener.Message> turn) {
    String name = null;
    Instant first = null;
    Instant last = null;
    for (CustomerMessageListener.Message m : turn) {
      name = m.profileName() != null ? m.profileName() : name;
      first = first == null || m.sentAt().isBefore(first) ? m.sentAt() : first;
      last = last == null || m.sentAt().isAfter(last) ? m.sentAt() : last;
    }
    if (first != null) {
      touchContact(key, name, first, last);
    }
  }

  private void touchContact(ConversationKey key, String profileName, Instant first, Instant last) {
    // one statement on PostgreSQL, also for a new customer; on H2 a new customer is created first
    CustomerStore.Touched touched =
        store.touchContact(key, profileName, first, last, clock.instant());
    if (!touched.found()) {
      store.ensure(key, clock.instant());
      touched = store.touchContact(key, profileName, first, last, clock.instant());
    }
    // the persona answers the turn next, in this transaction: it reads the profile the update
    // returned
    if (touched.profile() != null) {
      DeliveredProfiles.remember(key.value(), touched.profile());
    }
  }

  /**
   * After each persona turn: language, last intent, negative streak, conversations, handoff; tags
   * re-evaluated.
   */
  public void turnCompleted(Turn turn) {
    ConversationKey key = ConversationKey.parse(turn.customerKey());
    DeliveredProfiles.forget(key.value());
    Instant now = clock.instant();
    Instant at = turn.at() == null ? now : turn.at();
    String language =
        turn.language() == null || "mixed".equalsIgnoreCase(turn.language())
            ? null
            : turn.language();
    boolean negative = "negative".equalsIgnoreCase(turn.sentiment());
    // a returning customer (the usual case) costs one statement, which also locks the row; a new
    // one is created first
    Optional<CustomerProfile> after =
        store.recordTurn(key.value(), turn.conversationId(), turn.intent(), negative, language);
    if (after.isEmpty()) {
      store.ensure(key, now);
      after =
          store.recordTurn(key.value(), turn.conversationId(), turn.intent(), negative, language);
    }
    if (turn.handoff()) {
      store.addEvent(
          key.value(),
          HANDOFF,
          null,
          null,
          null,
          turn.handoffReason(),
          turn.conversationId(),
          at,
          now);
    }
    // the turn's update returned the profile the rules need (the handoff event changes none of its
    // figures)
    retag(key.value(), now, after.orElseThrow());
  }

  /**
   * An order was placed: one more order, its amount added to the open balance, last order time.
   * Idempotent on {@code orderRef}.
   *
   * @return false when this order was already recorded
   */
  public boolean recordOrder(
      String customerKey, String orderRef, BigDecimal amount, String currency, Instant at) {
    requireRef(orderRef);
    String key = prepare(customerKey);
    if (store.eventExists(key, ORDER, orderRef)) {
      return false;
    }
    BigDecimal value = amount == null ? BigDecimal.ZERO : amount;
    store.addEvent(key, ORDER, orderRef, value, currency, null, null, at, clock.instant());
    store.addOrder(key, value, currency, at);
    retag(key, clock.instant());
    return true;
  }

  /**
   * A payment arrived: added to the total spend and taken off the open balance. Idempotent on
   * {@code paymentRef}.
   *
   * @param orderRef the order it pays, or null
   * @return false when this payment was already recorded
   */
  public boolean recordPayment(
      String customerKey,
      String paymentRef,
      String orderRef,
      BigDecimal amount,
      String currency,
      Instant at) {
    requireRef(paymentRef);
    String key = prepare(customerKey);
    if (store.eventExists(key, PAYMENT, paymentRef)) {
      return false;
    }
    BigDecimal value = amount == null ? BigDecimal.ZERO : amount;
    store.addEvent(
        key,
        PAYMENT,
        paymentRef,
        value,
        currency,
        orderRef == null ? null : "order " + orderRef,
        null,
        at,
        clock.instant());
    store.addPayment(key, value, currency);
    retag(key, clock.instant());
    return true;
  }

  /**
   * The commerce backend's figures of the customer (Smart Info: orders bought, what they cost,
   * payments still open, the latest order), which the CRM takes as its own: the orders placed
   * before Wasla, or elsewhere, count as well as those of the conversations. Tags are re-evaluated.
   * Nothing is written when the figures are the CRM's already.
   */
  public void recordFigures(String customerKey, Figures figures) {
    ConversationKey key = ConversationKey.parse(customerKey);
    Optional<CustomerProfile> now = store.findWithoutAttributes(key.value());
    if (now.isPresent() && figures.sameAs(now.get())) {
      return;
    }
    String k = prepare(customerKey);
    store.setFigures(
        k,
        figures.orders(),
        figures.totalSpend(),
        figures.openBalance(),
        figures.currency(),
        figures.lastOrderAt());
    retag(k, clock.instant());
  }

  /** Lifetime figures from the business's own records (see {@link #recordFigures}). */
  public record Figures(
      int orders,
      BigDecimal totalSpend,
      BigDecimal openBalance,
      String currency,
      Instant lastOrderAt) {

    public Figures {
      totalSpend = totalSpend == null ? BigDecimal.ZERO : totalSpend;
      openBalance = openBalance == null ? BigDecimal.ZERO : openBalance;
    }

    boolean sameAs(CustomerProfile p) {
      return p.orders() == orders
          && p.totalSpend().compareTo(totalSpend) == 0
          && p.openBalance().compareTo(openBalance) == 0
          && (lastOrderAt == null || lastOrderAt.equals(p.lastOrderAt()));
    }
  }

  /**
   * A booking was made, changed or cancelled ({@code description} says which). Idempotent on {@code
   * bookingRef}.
   */
  public boolean recordBooking(
      String customerKey, String bookingRef, String description, Instant at) {
    requireRef(bookingRef);
    String key = prepare(customerKey);
    if (store.eventExists(key, BOOKING, bookingRef)) {
      return false;
    }
    store.addEvent(key, BOOKING, bookingRef, null, null, description, null, at, clock.instant());
    retag(key, clock.instant());
    return true;
  }

  /**
   * A handoff to a person (by the handoff module, an agent or an external system); {@code ref} may
   * be null.
   */
  public boolean recordHandoff(String customerKey, String ref, String reason, Instant at) {
    String key = prepare(customerKey);
    if (store.eventExists(key, HANDOFF, ref)) {
      return false;
    }
    store.addEvent(key, HANDOFF, ref, null, null, reason, null, at, clock.instant());
    return true;
  }

  /** The customer's profile, tags and attributes; empty for an unknown customer. */
  @Transactional(readOnly = true)
  public Optional<CustomerProfile> find(String customerKey) {
    return store.find(ConversationKey.parse(customerKey).value());
  }

  /** A history's order: time, then direction ({@code event}, {@code in}, {@code out}), then id. */
  private static final Comparator<HistoryEntry> HISTORY_ORDER =
      Comparator.comparing(HistoryEntry::at, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(HistoryEntry::direction)
          .thenComparingLong(HistoryEntry::id);

  /**
   * Messages both ways (the conversation's, {@link MessageHistory}) and the CRM's events across all
   * conversations, oldest first.
   */
  @Transactional(readOnly = true)
  public Page<HistoryEntry> history(String customerKey, int page, int size) {
    int[] b = Page.bounds(page, size);
    String key = ConversationKey.parse(customerKey).value();
    int p = b[0];
    int n = b[1];
    long total = messages.count(key) + store.eventCount(key);
    // the first (p + 1) * n lines of each source are enough for page p of their merge
    int needed = (int) Math.min(Integer.MAX_VALUE, ((long) p + 1) * n);
    List<HistoryEntry> merged = new ArrayList<>(store.oldestEvents(key, needed));
    messages
        .oldest(key, needed)
        .forEach(
            m ->
                merged.add(
                    new HistoryEntry(
                        m.direction(),
                        m.id(),
                        m.kind(),
                        m.type(),
                        m.text(),
                        m.at(),
                        m.status(),
                        m.conversationId(),
                        null,
                        null,
                        null)));
    merged.sort(HISTORY_ORDER);
    long from = Math.min((long) p * n, merged.size());
    return new Page<>(
        List.copyOf(merged.subList((int) from, (int) Math.min(from + n, merged.size()))),
        p,
        n,
        total);
  }

  /**
   * Customers with the tag (if given) whose name or number contains {@code text} (if given), latest
   * first.
   */
  @Transactional(readOnly = true)
  public Page<CustomerProfile> search(String tag, String text, int page, int size) {
    int[] b = Page.bounds(page, size);
    return store.search(
        tag == null || tag.isBlank() ? null : Tags.normalize(tag), text, b[0], b[1]);
  }

  /**
   * An agent's edit: name (kept from then on over the WhatsApp profile name), preferred language,
   * and attributes (a null value removes the attribute). Null arguments change nothing.
   */
  public CustomerProfile update(
      String customerKey, String name, String preferredLanguage, Map<String, String> attributes) {
    String key = existing(customerKey);
    store.lock(key);
    store.updateProfile(key, name, preferredLanguage);
    if (attributes != null) {
      Instant now = clock.instant();
      attributes.forEach(
          (n, v) -> {
            if (n == null || n.isBlank() || n.length() > 128) {
              throw new IllegalArgumentException("an attribute name is 1 to 128 characters");
            }
            if (v != null && v.length() > 4000) {
              throw new IllegalArgumentException("an attribute value is at most 4000 characters");
            }
            store.putAttribute(key, n.strip(), v, now);
          });
    }
    return store.find(key).orElseThrow();
  }

  /** An agent's tag: stays until an agent removes it, whatever the rules say. */
  public CustomerProfile tag(String customerKey, String tag, String by) {
    String key = existing(customerKey);
    String t = Tags.normalize(tag);
    store.lock(key);
    Set<String> before = effective(key);
    boolean alreadyManual =
        store.tags(key).stream()
            .anyMatch(x -> x.name().equals(t) && CustomerStore.MANUAL.equals(x.source()));
    if (!alreadyManual) {
      store.addTag(key, t, CustomerStore.MANUAL, by, clock.instant());
    }
    publishChange(key, before, effective(key), clock.instant());
    return store.find(key).orElseThrow();
  }

  /** Removes an agent's tag. A tag the rules also give stays while the rules give it. */
  public CustomerProfile untag(String customerKey, String tag) {
    String key = existing(customerKey);
    String t = Tags.normalize(tag);
    store.lock(key);
    Set<String> before = effective(key);
    store.removeTag(key, t, CustomerStore.MANUAL);
    publishChange(key, before, effective(key), clock.instant());
    return store.find(key).orElseThrow();
  }

  /**
   * Erases the customer: every {@link CustomerDataOwner} erases its own tables in order (the
   * conversation first: it locks the conversation's row, and its flows leave the engine with their
   * history, so that an open handoff is no obstacle), then {@link CustomerErased} goes to the
   * listeners above the CRM, then the CRM erases its own tables, all in one transaction. Message
   * texts and personal data leave Wasla's tables, and the pseudonym ({@link Pseudonyms}) takes the
   * place of the key and the number wherever a row stays for its figures (orders, payments, message
   * counts). A new message from the same number starts afresh.
   *
   * @return how many rows of each kind were cleared, and the pseudonym the figures stay under
   */
  public Map<String, Object> erase(String customerKey) {
    String key = existing(customerKey);
    if (Pseudonyms.isPseudonym(key)) {
      throw new IllegalArgumentException("this customer is already erased");
    }
    store.lock(key);
    Set<String> before = effective(key);
    String pseudonym = pseudonyms.of(key);
    Instant now = clock.instant();
    CustomerErasure erasure =
        new CustomerErasure(key, ConversationKey.parse(key).waId(), pseudonym, pseudonyms::of, now);
    Map<String, Object> cleared = new LinkedHashMap<>();
    // the conversation's owner first: it locks the conversation's row before anything else is
    // erased
    for (CustomerDataOwner owner : dataOwners) {
      cleared.putAll(owner.eraseCustomer(erasure));
    }
    events.publishEvent(new CustomerErased(key, now));
    cleared.putAll(store.erase(key, pseudonym, clock.instant()));
    if (!before.isEmpty()) {
      // the tag rows are gone with the profile; listeners learn it under the pseudonym, without a
      // history row
      events.publishEvent(new CustomerTagged(pseudonym, Set.of(), before, clock.instant()));
    }
    log.info("Customer {} erased as {}: {}", ConversationKey.mask(key), pseudonym, cleared);
    cleared.put("pseudonym", pseudonym);
    return cleared;
  }

  /**
   * What the persona should know: name, preferred language, tags and figures, without the free-form
   * attributes (an empty map); empty for an unknown customer.
   */
  @Transactional(readOnly = true)
  public Optional<CustomerProfile> context(String customerKey) {
    String key = ConversationKey.parse(customerKey).value();
    Optional<CustomerProfile> delivered = DeliveredProfiles.take(key);
    return delivered.isPresent() ? delivered : store.findWithoutAttributes(key);
  }

  /** Every change below starts here: the profile kept for the persona would be out of date. */
  private String prepare(String customerKey) {
    ConversationKey key = ConversationKey.parse(customerKey);
    DeliveredProfiles.forget(key.value());
    store.lockOrCreate(key, clock.instant());
    return key.value();
  }

  private String existing(String customerKey) {
    String key = ConversationKey.parse(customerKey).value();
    DeliveredProfiles.forget(key);
    if (!store.exists(key)) {
      throw new CustomerNotFoundException(key);
    }
    return key;
  }

  private static void requireRef(String ref) {
    if (ref == null || ref.isBlank()) {
      throw new IllegalArgumentException("a reference (order, payment or booking id) is required");
    }
  }

  /**
   * Rule tags from the DMN table: adds what matches now, removes what no longer does; manual tags
   * untouched.
   */
  private void retag(String key, Instant now) {
    retag(key, now, store.findWithoutAttributes(key).orElseThrow());
  }

  private void retag(String key, Instant now, CustomerProfile p) {
    Integer daysSinceLastOrder =
        p.lastOrderAt() == null
            ? null
            : (int) Math.max(0, Duration.between(p.lastOrderAt(), now).toDays());
    Set<String> wanted =
        rules.tags(
            new TagRules.Facts(
                p.totalSpend().doubleValue(),
                p.orders(),
                p.lastIntent(),
                p.negativeTurnsInARow(),
                daysSinceLastOrder,
                p.openBalance().doubleValue(),
                p.conversations()));
    Set<String> before = names(p);
    Set<String> ruleTags =
        p.tags().stream()
            .filter(t -> CustomerStore.RULE.equals(t.source()))
            .map(CustomerProfile.Tag::name)
            .collect(Collectors.toSet());
    for (String t : ruleTags) {
      if (!wanted.contains(t)) {
        store.removeTag(key, t, CustomerStore.RULE);
      }
    }
    for (String t : wanted) {
      if (!ruleTags.contains(t)) {
        store.addTag(key, t, CustomerStore.RULE, "rules", now);
      }
    }
    // the tags now: every tag of another source as it was, and the rule tags wanted (no second
    // read)
    Set<String> after =
        p.tags().stream()
            .filter(t -> !CustomerStore.RULE.equals(t.source()))
            .map(CustomerProfile.Tag::name)
            .collect(Collectors.toCollection(TreeSet::new));
    after.addAll(wanted);
    publishChange(key, before, after, now);
  }

  private Set<String> effective(String key) {
    return store.tags(key).stream()
        .map(CustomerProfile.Tag::name)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> names(CustomerProfile p) {
    return new TreeSet<>(p.tagNames());
  }

  private void publishChange(String key, Set<String> before, Set<String> after, Instant now) {
    Set<String> added = new TreeSet<>(after);
    added.removeAll(before);
    Set<String> removed = new TreeSet<>(before);
    removed.removeAll(after);
    if (added.isEmpty() && removed.isEmpty()) {
      return;
    }
    String details =
        (added.isEmpty() ? "" : "+" + String.join(" +", added))
            + (added.isEmpty() || removed.isEmpty() ? "" : " ")
            + (removed.isEmpty() ? "" : "-" + String.join(" -", removed));
    store.addEvent(key, TAG, null, null, null, details, null, now, now);
    events.publishEvent(new CustomerTagged(key, added, removed, now));
  }
}
