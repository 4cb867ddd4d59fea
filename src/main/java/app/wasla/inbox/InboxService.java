package app.wasla.inbox;

import app.wasla.commerce.payment.OpenPayments;
import app.wasla.conversation.ConversationDirectory;
import app.wasla.crm.CustomerDirectory;
import app.wasla.handoff.HandoffDirectory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The owner's list of all conversations: each package answers for its own tables (conversations and
 * messages, the CRM's cards and tags, handoffs, payment links), and this puts them together.
 */
@Service
class InboxService {

  /** A page holds at most this many conversations. */
  static final int MAX_LIMIT = 200;

  /** The list's filters; null fields do not filter. */
  record Filter(InboxState state, String tag, String agent, String q) {}

  /** One page: the items, the cursor of the next page (null: none), the live-update cursor. */
  record Page(List<Item> items, String nextCursor, String since) {}

  /**
   * What changed since a cursor: the items that still match, every changed key, the next cursor.
   */
  record Changes(List<Item> items, Set<String> changed, String since) {}

  /** One conversation as the list shows it. */
  record Item(
      String conversationKey,
      String businessNumber,
      String customerNumber,
      String customerName,
      String language,
      List<String> tags,
      String state,
      Handoff handoff,
      Payment payment,
      ConversationDirectory.LastMessage lastMessage,
      int unread,
      Instant lastCustomerMessageAt) {}

  /**
   * The conversation's open handoff; {@code answered}: a person has answered the customer since it
   * began.
   */
  record Handoff(
      String taskId,
      String assignee,
      String assigneeName,
      List<String> teams,
      String reason,
      Instant since,
      Instant due,
      boolean answered) {}

  /** The open payment link. */
  record Payment(String orderRef, java.math.BigDecimal amountEgp) {}

  private final ConversationDirectory conversations;
  private final CustomerDirectory customers;
  private final HandoffDirectory handoffs;
  private final OpenPayments payments;

  InboxService(
      ConversationDirectory conversations,
      CustomerDirectory customers,
      HandoffDirectory handoffs,
      OpenPayments payments) {
    this.conversations = conversations;
    this.customers = customers;
    this.handoffs = handoffs;
    this.payments = payments;
  }

  /** A page of the list for the viewer (null: an API key, which sees everything). */
  Page page(HandoffDirectory.Viewer viewer, Filter filter, String cursor, int limit) {
    int size = Math.max(1, Math.min(limit, MAX_LIMIT));
    ConversationDirectory.Mark mark = conversations.mark();
    Optional<ConversationDirectory.Query> query =
        query(viewer, filter, null, decode(cursor), size + 1);
    List<Item> items = query.map(q -> items(conversations.page(q))).orElse(List.of());
    String next = null;
    if (items.size() > size) {
      items = items.subList(0, size);
      Item last = items.get(size - 1);
      next = encode(last.lastCustomerMessageAt(), last.conversationKey());
    }
    return new Page(items, next, mark.toString());
  }

  /** What changed after the live-update cursor, as items of the same filter. */
  Changes changes(HandoffDirectory.Viewer viewer, Filter filter, String since) {
    ConversationDirectory.Mark from = ConversationDirectory.Mark.parse(since);
    ConversationDirectory.Mark mark = conversations.mark();
    Set<String> changed = conversations.changedSince(from, 1000);
    if (viewer != null && !viewer.supervisor()) {
      changed.retainAll(handoffs.visibleTo(viewer));
    }
    if (changed.isEmpty()) {
      return new Changes(List.of(), changed, mark.toString());
    }
    List<Item> items =
        query(viewer, filter, changed, null, 1000)
            .map(q -> items(conversations.page(q)))
            .orElse(List.of());
    return new Changes(items, changed, mark.toString());
  }

  /** One conversation, if the viewer may see it. */
  Optional<Item> one(HandoffDirectory.Viewer viewer, String key) {
    if (!maySee(viewer, key)) {
      return Optional.empty();
    }
    return conversations.find(key).map(r -> items(List.of(r)).get(0));
  }

  boolean maySee(HandoffDirectory.Viewer viewer, String key) {
    return viewer == null || viewer.supervisor() || handoffs.visibleTo(viewer).contains(key);
  }

  /** The directory's query for the filter; empty when nothing can match (an empty set of keys). */
  private Optional<ConversationDirectory.Query> query(
      HandoffDirectory.Viewer viewer,
      Filter filter,
      Collection<String> within,
      ConversationDirectory.Cursor after,
      int limit) {
    Set<String> only = within == null ? null : new LinkedHashSet<>(within);
    if (viewer != null && !viewer.supervisor()) {
      only = intersect(only, handoffs.visibleTo(viewer));
    }
    Set<String> except = new HashSet<>();
    ConversationDirectory.Liveness liveness = ConversationDirectory.Liveness.ANY;
    if (filter.state() != null) {
      switch (filter.state()) {
        case WAITING ->
            only =
                intersect(
                    only, handoffs.conversationsWithOpen(HandoffDirectory.Which.WAITING, null));
        case AGENT ->
            only =
                intersect(
                    only, handoffs.conversationsWithOpen(HandoffDirectory.Which.ANSWERED, null));
        case PAYMENT -> {
          only = intersect(only, payments.conversationsWaiting());
          except.addAll(handoffs.conversationsWithOpen(HandoffDirectory.Which.ALL, null));
          liveness = ConversationDirectory.Liveness.LIVE;
        }
        case BOT -> {
          except.addAll(handoffs.conversationsWithOpen(HandoffDirectory.Which.ALL, null));
          except.addAll(payments.conversationsWaiting());
          liveness = ConversationDirectory.Liveness.LIVE;
        }
        case CLOSED -> liveness = ConversationDirectory.Liveness.ENDED;
      }
    }
    if (filter.tag() != null && !filter.tag().isBlank()) {
      only = intersect(only, customers.withTag(filter.tag()));
    }
    if (filter.agent() != null && !filter.agent().isBlank()) {
      only =
          intersect(
              only,
              handoffs.conversationsWithOpen(HandoffDirectory.Which.ALL, filter.agent().strip()));
    }
    Set<String> also = new LinkedHashSet<>();
    String text = filter.q() == null || filter.q().isBlank() ? null : filter.q().strip();
    if (text != null) {
      if (text.length() > 100) {
        throw new IllegalArgumentException("q: at most 100 characters");
      }
      also.addAll(customers.named(text));
      OpenPayments.orderRef(text)
          .ifPresent(
              ref -> {
                also.addAll(payments.conversationsOfOrder(ref));
                also.addAll(conversations.keysOfCustomers(payments.customersOfOrder(ref)));
              });
    }
    if (only != null && only.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ConversationDirectory.Query(only, except, text, also, liveness, after, limit));
  }

  private List<Item> items(List<ConversationDirectory.Row> rows) {
    List<String> keys = rows.stream().map(ConversationDirectory.Row::key).toList();
    Map<String, CustomerDirectory.Card> cards = customers.cards(keys);
    Map<String, HandoffDirectory.Open> open = handoffs.open(keys);
    Map<String, OpenPayments.Open> paying = payments.openFor(keys);
    List<Item> items = new ArrayList<>(rows.size());
    for (ConversationDirectory.Row r : rows) {
      CustomerDirectory.Card card = cards.get(r.key());
      HandoffDirectory.Open handoff = open.get(r.key());
      OpenPayments.Open payment = paying.get(r.key());
      InboxState state;
      if (!r.live()) {
        state = InboxState.CLOSED;
      } else if (handoff != null) {
        state = handoff.answered() ? InboxState.AGENT : InboxState.WAITING;
      } else if (payment != null) {
        state = InboxState.PAYMENT;
      } else {
        state = InboxState.BOT;
      }
      String name =
          card != null && card.name() != null && !card.name().isBlank()
              ? card.name()
              : r.profileName();
      items.add(
          new Item(
              r.key(),
              r.phoneNumberId(),
              r.waId(),
              name,
              card == null ? null : card.language(),
              card == null ? List.of() : card.tags(),
              state.value(),
              handoff == null || !r.live()
                  ? null
                  : new Handoff(
                      handoff.taskId(),
                      handoff.assignee(),
                      handoff.assigneeName(),
                      handoff.groups(),
                      handoff.reason(),
                      handoff.created(),
                      handoff.due(),
                      handoff.answered()),
              payment == null || !r.live()
                  ? null
                  : new Payment(payment.orderRef(), payment.amountEgp()),
              r.lastMessage(),
              r.unread(),
              r.lastInboundAt()));
    }
    return items;
  }

  private static Set<String> intersect(Set<String> only, Set<String> keys) {
    if (only == null) {
      return new LinkedHashSet<>(keys);
    }
    Set<String> both = new LinkedHashSet<>(only);
    both.retainAll(keys);
    return both;
  }

  static String encode(Instant at, String key) {
    String raw =
        (at == null ? "-" : Long.toString(at.toEpochMilli()) + ":" + at.getNano()) + "|" + key;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static ConversationDirectory.Cursor decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int bar = raw.indexOf('|');
      String at = raw.substring(0, bar);
      String key = raw.substring(bar + 1);
      if (key.isEmpty()) {
        throw new IllegalArgumentException();
      }
      if (at.equals("-")) {
        return new ConversationDirectory.Cursor(null, key);
      }
      String[] parts = at.split(":");
      Instant when =
          Instant.ofEpochMilli(Long.parseLong(parts[0]))
              .plusNanos(Long.parseLong(parts[1]) % 1_000_000);
      return new ConversationDirectory.Cursor(when, key);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cursor: the nextCursor of a previous page");
    }
  }
}
