package app.wasla.reports;

import app.wasla.channel.whatsapp.WhatsAppProperties;
import app.wasla.commerce.Sales;
import app.wasla.conversation.ConversationFigures;
import app.wasla.crm.ConsentFigures;
import app.wasla.handoff.HandoffLog;
import app.wasla.persona.HandoffReasons;
import app.wasla.persona.PersonaTurnLog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The owner's figures (docs/reports.md), composed from what each capability records in its own
 * tables: conversations and Wasla's replies ({@code conversation}), orders and payments ({@code
 * commerce}), handoffs and SLA breaches ({@code handoff}), opt-outs ({@code crm}), intents and
 * unanswered questions ({@code persona}). Never from the engine's history, which may be cut down or
 * cleaned up.
 */
@Service
@Transactional(readOnly = true)
public class Reports {

  private static final Pattern NUMBER = Pattern.compile("\\d{1,64}");

  private final ConversationFigures conversations;
  private final Sales sales;
  private final HandoffLog handoffs;
  private final app.wasla.handoff.HandoffDirectory openHandoffs;
  private final ConsentFigures consent;
  private final PersonaTurnLog turns;
  private final ReportsProperties props;
  private final WhatsAppProperties whatsapp;
  private final Clock clock;

  Reports(
      ConversationFigures conversations,
      Sales sales,
      HandoffLog handoffs,
      app.wasla.handoff.HandoffDirectory openHandoffs,
      ConsentFigures consent,
      PersonaTurnLog turns,
      ReportsProperties props,
      WhatsAppProperties whatsapp,
      Clock clock) {
    this.conversations = conversations;
    this.sales = sales;
    this.handoffs = handoffs;
    this.openHandoffs = openHandoffs;
    this.consent = consent;
    this.turns = turns;
    this.props = props;
    this.whatsapp = whatsapp;
    this.clock = clock;
  }

  /** What a report is about: a period and a business number (null: all). */
  record Scope(ReportPeriod period, String phoneNumberId) {

    Map<String, Object> describe() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("from", period.from().toString());
      m.put("to", period.to().toString());
      m.put("zone", period.zone().getId());
      m.put("phoneNumberId", phoneNumberId == null ? "all" : phoneNumberId);
      return m;
    }
  }

  /** Checks the request's parameters: a 400 ({@link ReportRequestException}) when wrong. */
  Scope scope(String period, String from, String to, String phoneNumberId) {
    ReportPeriod p = ReportPeriod.parse(period, from, to, props, clock);
    String number =
        phoneNumberId == null || phoneNumberId.isBlank() || phoneNumberId.equals("all")
            ? null
            : phoneNumberId.strip();
    if (number != null && (!NUMBER.matcher(number).matches() || !numbers().contains(number))) {
      throw new ReportRequestException(
          "unknown business number (phoneNumberId) \""
              + (number.length() > 64 ? number.substring(0, 64) + "…" : number)
              + "\"; known: all, "
              + String.join(", ", numbers()));
    }
    return new Scope(p, number);
  }

  /** The business numbers (WhatsApp phone number ids) that the reports know. */
  Set<String> numbers() {
    Set<String> all = new TreeSet<>(conversations.phoneNumberIds());
    all.addAll(sales.phoneNumberIds());
    all.addAll(turns.phoneNumberIds());
    if (whatsapp.sandbox()) {
      all.add(whatsapp.sandboxPhoneNumberId());
    }
    return all;
  }

  /** Median and 90th percentile (nearest rank) of the measured waits. */
  record Latency(int measured, int unanswered, Double medianSeconds, Double p90Seconds) {

    static Latency of(List<Duration> waits, int unanswered) {
      List<Long> millis = waits.stream().map(Duration::toMillis).sorted().toList();
      return new Latency(
          millis.size(), unanswered, percentile(millis, 0.5), percentile(millis, 0.9));
    }

    static Double percentile(List<Long> sortedMillis, double p) {
      if (sortedMillis.isEmpty()) {
        return null;
      }
      int rank = (int) Math.ceil(p * sortedMillis.size());
      long value = sortedMillis.get(Math.max(0, rank - 1));
      return BigDecimal.valueOf(value)
          .movePointLeft(3)
          .setScale(1, RoundingMode.HALF_UP)
          .doubleValue();
    }
  }

  record FirstResponse(Latency bot, Latency person) {}

  record Funnel(int productInquiries, int ordered, int paid) {}

  record ReasonCount(String reason, long handoffs) {}

  record Summary(
      Map<String, Object> scope,
      int conversationsStarted,
      FirstResponse firstResponse,
      Funnel funnel,
      int orders,
      int paidOrders,
      BigDecimal revenueEgp,
      BigDecimal averageOrderValueEgp,
      int handoffs,
      Double handoffRate,
      List<ReasonCount> handoffReasons,
      int takeovers,
      long slaBreaches,
      long optOuts,
      long unansweredQuestions) {}

  Summary summary(Scope s) {
    Instant from = s.period().start();
    Instant to = s.period().end();
    List<ConversationFigures.Started> started = conversations.started(from, to, s.phoneNumberId());
    List<HandoffLog.Handoff> all = handoffs.handoffs(from, to, s.phoneNumberId());
    // a supervisor's own take-over is reported apart: not a handoff the persona or a flow asked for
    List<HandoffLog.Handoff> handed =
        all.stream().filter(h -> !HandoffReasons.TAKEN_OVER.equals(h.reason())).toList();
    int takeovers = all.size() - handed.size();
    List<Sales.Sale> placed = sales.placed(from, to, s.phoneNumberId());
    List<Sales.Sale> paid = sales.paidIn(from, to, s.phoneNumberId());
    BigDecimal revenue = revenue(paid);
    long unanswered =
        turns.unanswered(from, to, s.phoneNumberId(), Integer.MAX_VALUE).stream()
            .mapToLong(PersonaTurnLog.Unanswered::times)
            .sum();
    return new Summary(
        s.describe(),
        started.size(),
        firstResponse(started, handed, openHandoffs.waitingTasks()),
        funnel(s, placed),
        placed.size(),
        paid.size(),
        revenue,
        paid.isEmpty()
            ? null
            : revenue.divide(BigDecimal.valueOf(paid.size()), 2, RoundingMode.HALF_UP),
        handed.size(),
        started.isEmpty()
            ? null
            : BigDecimal.valueOf(handed.size())
                .divide(BigDecimal.valueOf(started.size()), 4, RoundingMode.HALF_UP)
                .doubleValue(),
        reasons(handed),
        takeovers,
        handoffs.slaBreaches(from, to, s.phoneNumberId()),
        consent.optOuts(from, to, s.phoneNumberId()),
        unanswered);
  }

  /**
   * The bot's and the people's first response. A handoff no person has answered counts as {@code
   * unanswered} only while it still waits for a person's first reply ({@code waiting}: its task is
   * open and nobody has written since it began, the inbox's "Waiting for a person"); one that ended
   * without an answer (given back, closed, withdrawn by the customer) waits for nobody.
   */
  private static FirstResponse firstResponse(
      List<ConversationFigures.Started> started,
      List<HandoffLog.Handoff> handed,
      Set<String> waiting) {
    List<Duration> bot = new ArrayList<>();
    int botWaiting = 0;
    for (ConversationFigures.Started c : started) {
      if (c.firstReplyAt() == null) {
        botWaiting++;
      } else {
        bot.add(Duration.between(c.startedAt(), c.firstReplyAt()));
      }
    }
    List<Duration> person = new ArrayList<>();
    int personWaiting = 0;
    for (HandoffLog.Handoff h : handed) {
      if (h.firstAnswer() == null) {
        if (h.taskId() != null && waiting.contains(h.taskId())) {
          personWaiting++;
        }
      } else {
        person.add(Duration.between(h.createdAt(), h.firstAnswer()));
      }
    }
    return new FirstResponse(Latency.of(bot, botWaiting), Latency.of(person, personWaiting));
  }

  Funnel funnel(Scope s) {
    return funnel(s, sales.placed(s.period().start(), s.period().end(), s.phoneNumberId()));
  }

  /**
   * Conversations (customer on a business number) that asked about a product in the period; of
   * those, the ones that ordered in the period; of those, the ones whose order was paid by the
   * period's end.
   */
  private Funnel funnel(Scope s, List<Sales.Sale> placed) {
    Instant end = s.period().end();
    Set<String> inquired = turns.productInquirers(s.period().start(), end, s.phoneNumberId());
    Set<String> ordered = new HashSet<>();
    Set<String> paid = new HashSet<>();
    for (Sales.Sale sale : placed) {
      if (inquired.contains(sale.conversationKey())) {
        ordered.add(sale.conversationKey());
        if (sale.paidAt() != null && sale.paidAt().isBefore(end)) {
          paid.add(sale.conversationKey());
        }
      }
    }
    return new Funnel(inquired.size(), ordered.size(), paid.size());
  }

  private static List<ReasonCount> reasons(List<HandoffLog.Handoff> handed) {
    Map<String, Long> counts = new TreeMap<>();
    for (HandoffLog.Handoff h : handed) {
      counts.merge(h.reason(), 1L, Long::sum);
    }
    return counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(e -> HandoffReasons.ALL.indexOf(e.getKey())))
        .map(e -> new ReasonCount(e.getKey(), e.getValue()))
        .toList();
  }

  private static BigDecimal revenue(List<Sales.Sale> paid) {
    return paid.stream()
        .map(sale -> sale.paidEgp() == null ? BigDecimal.ZERO : sale.paidEgp())
        .reduce(BigDecimal.ZERO, BigDecimal::add)
        .setScale(2, RoundingMode.HALF_UP);
  }

  record Day(String date, BigDecimal revenueEgp, int paidOrders) {}

  /** Revenue of each day of the period (days without any: zero). */
  List<Day> revenueByDay(Scope s) {
    Map<LocalDate, List<Sales.Sale>> byDay = new TreeMap<>();
    for (LocalDate day : s.period().days()) {
      byDay.put(day, new ArrayList<>());
    }
    for (Sales.Sale sale : sales.paidIn(s.period().start(), s.period().end(), s.phoneNumberId())) {
      byDay.get(s.period().dayOf(sale.paidAt())).add(sale);
    }
    return byDay.entrySet().stream()
        .map(e -> new Day(e.getKey().toString(), revenue(e.getValue()), e.getValue().size()))
        .toList();
  }

  record FlowRevenue(String flow, int orders, int paidOrders, BigDecimal revenueEgp) {}

  /** Orders placed and revenue (orders paid) in the period, per flow that placed them. */
  List<FlowRevenue> revenueByFlow(Scope s) {
    Map<String, List<Sales.Sale>> placed = new TreeMap<>();
    Map<String, List<Sales.Sale>> paid = new TreeMap<>();
    for (Sales.Sale sale : sales.placed(s.period().start(), s.period().end(), s.phoneNumberId())) {
      placed.computeIfAbsent(sale.flow(), f -> new ArrayList<>()).add(sale);
    }
    for (Sales.Sale sale : sales.paidIn(s.period().start(), s.period().end(), s.phoneNumberId())) {
      paid.computeIfAbsent(sale.flow(), f -> new ArrayList<>()).add(sale);
    }
    Set<String> flows = new TreeSet<>(placed.keySet());
    flows.addAll(paid.keySet());
    return flows.stream()
        .map(
            f ->
                new FlowRevenue(
                    f,
                    placed.getOrDefault(f, List.of()).size(),
                    paid.getOrDefault(f, List.of()).size(),
                    revenue(paid.getOrDefault(f, List.of()))))
        .sorted((a, b) -> b.revenueEgp().compareTo(a.revenueEgp()))
        .toList();
  }

  record Handoffs(
      int handoffs,
      Double handoffRate,
      List<ReasonCount> reasons,
      int takeovers,
      long slaBreaches,
      Latency person) {}

  Handoffs handoffs(Scope s) {
    Summary summary = summary(s);
    return new Handoffs(
        summary.handoffs(),
        summary.handoffRate(),
        summary.handoffReasons(),
        summary.takeovers(),
        summary.slaBreaches(),
        summary.firstResponse().person());
  }

  List<PersonaTurnLog.Unanswered> unanswered(Scope s, int limit) {
    return turns.unanswered(s.period().start(), s.period().end(), s.phoneNumberId(), limit);
  }

  List<PersonaTurnLog.IntentCount> intents(Scope s) {
    return turns.intents(s.period().start(), s.period().end(), s.phoneNumberId());
  }
}
