package app.wasla.conversation;

import app.wasla.support.Webhooks;
import app.wasla.support.WhatsAppMock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Customers chatting with a Wasla that may die under them, as Meta delivers their messages: each
 * writes its next message once the previous one is answered, and a message whose webhook did not
 * get a 200 (the node was down, or died before answering) is delivered again with the same wamid
 * until it does. Runs on a thread of its own against whichever node is current ({@link #target}).
 */
final class Customers implements AutoCloseable {

  /**
   * Four questions with four different answers: a reply that arrives twice is a duplicate, not
   * another answer.
   */
  static final List<String> SCRIPT =
      List.of("السلام عليكم", "مواعيد العمل ايه؟", "التوصيل بكام؟", "شكرا جزيلا");

  private final WhatsAppMock meta;
  private final List<String> waIds;
  private final Map<String, Integer> written = new ConcurrentHashMap<>();
  private final Map<String, String> unacknowledged = new ConcurrentHashMap<>();

  /** Every wamid Wasla acknowledged with a 200. */
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();

  private final Map<String, Integer> acceptedPerCustomer = new ConcurrentHashMap<>();
  private volatile List<Webhooks> targets;
  private final AtomicInteger posts = new AtomicInteger();
  private volatile boolean running = true;
  private final Thread thread;

  Customers(WhatsAppMock meta, int count) {
    this.meta = meta;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(MailboxScenarios.newCustomer());
    }
    this.waIds = List.copyOf(ids);
    this.thread = new Thread(this::run, "crash-test-customers");
    thread.setDaemon(true);
  }

  /**
   * Starts chatting with these nodes, each webhook to the next one in turn as a load balancer
   * spreads them; later calls move the customers to other nodes.
   */
  void target(Webhooks... nodes) {
    this.targets = List.of(nodes);
    if (!thread.isAlive()) {
      thread.start();
    }
  }

  List<String> waIds() {
    return waIds;
  }

  Set<String> accepted() {
    return Set.copyOf(accepted);
  }

  /**
   * True when every customer has written its whole script and every message has been acknowledged.
   */
  boolean doneWriting() {
    return unacknowledged.isEmpty()
        && waIds.stream().allMatch(w -> written.getOrDefault(w, 0) == SCRIPT.size());
  }

  /**
   * Customers with an acknowledged message that has no reply yet (by count: one reply per message).
   */
  List<String> waitingForAnAnswer() {
    Map<String, Long> replies = repliesPerCustomer();
    return waIds.stream()
        .filter(w -> replies.getOrDefault(w, 0L) < acceptedPerCustomer.getOrDefault(w, 0))
        .toList();
  }

  /** Replies Meta received more than once: the same message (body) to the same customer. */
  int duplicates() {
    Set<String> ours = Set.copyOf(waIds);
    Map<String, Long> copies =
        meta.sent().stream()
            .filter(s -> ours.contains(s.to()))
            .collect(Collectors.groupingBy(s -> s.to() + "|" + s.body(), Collectors.counting()));
    return (int) copies.values().stream().mapToLong(n -> n - 1).sum();
  }

  /** The sends Meta received more than once, each as "to | body" with how many times. */
  Map<String, Long> duplicatedSends() {
    Set<String> ours = Set.copyOf(waIds);
    return meta.sent().stream()
        .filter(s -> ours.contains(s.to()))
        .collect(Collectors.groupingBy(s -> s.to() + " | " + s.body(), Collectors.counting()))
        .entrySet()
        .stream()
        .filter(e -> e.getValue() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private Map<String, Long> repliesPerCustomer() {
    Set<String> ours = Set.copyOf(waIds);
    // distinct bodies: a duplicate is not the answer to another message
    return meta.sent().stream()
        .filter(s -> ours.contains(s.to()))
        .map(s -> s.to() + "|" + s.body())
        .distinct()
        .collect(Collectors.groupingBy(k -> k.substring(0, k.indexOf('|')), Collectors.counting()));
  }

  private void run() {
    Map<String, Integer> turn = new HashMap<>();
    while (running) {
      int seen = meta.sent().size();
      Map<String, Long> replies = repliesPerCustomer();
      for (String waId : waIds) {
        String pending = unacknowledged.get(waId);
        int n = written.getOrDefault(waId, 0);
        if (pending == null) {
          if (n == SCRIPT.size() || replies.getOrDefault(waId, 0L) < n) {
            continue;
          }
          pending = "wamid.crash." + waId + "." + n;
          written.put(waId, n + 1);
          turn.put(pending, n);
        }
        if (post(pending, waId, SCRIPT.get(turn.get(pending)))) {
          unacknowledged.remove(waId);
          if (accepted.add(pending)) {
            acceptedPerCustomer.merge(waId, 1, Integer::sum);
          }
        } else {
          unacknowledged.put(waId, pending);
        }
      }
      try {
        // the next message of a customer follows its answer
        meta.awaitMoreThan(seen, Duration.ofMillis(200));
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private boolean post(String wamid, String waId, String text) {
    List<Webhooks> nodes = targets;
    Webhooks webhooks = nodes.get(Math.floorMod(posts.getAndIncrement(), nodes.size()));
    try {
      return webhooks.post(Webhooks.text(waId, wamid, text, Instant.now())) == 200;
    } catch (RuntimeException nodeDown) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(10_000);
  }
}
